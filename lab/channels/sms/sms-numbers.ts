// Phone numbers as the lab's SMS services read them: international form, digits only, 10–15 of
// them (ITU-T E.164 allows at most 15), an optional leading +. Within +7 the lab tells mobiles
// from fixed lines by the first digit after the country code: Russian mobiles are +7 9xx,
// Kazakhstan's numbers +7 6xx/7xx, and +7 3xx/4xx/8xx are fixed lines and 8-800 numbers that take
// no SMS (the Russian numbering plan; how a real gateway routes them is inferred). No Node imports.

export type NumberKind = 'mobile' | 'no-route' | 'invalid';

export interface CheckedNumber {
  kind: NumberKind;
  /** Digits only, without the + (79255070602); the input trimmed when it is invalid. */
  number: string;
  /** Why it is invalid, for the explanation: the Russian national form (8 9xx…) is a common mistake. */
  problem?: 'format' | 'national-8' | 'length-7';
}

const DIGITS = /^\+?(\d{10,15})$/;

export function checkNumber(raw: string): CheckedNumber {
  const trimmed = raw.trim();
  const digits = DIGITS.exec(trimmed)?.[1];
  if (!digits) return { kind: 'invalid', number: trimmed, problem: 'format' };
  // 8 9xx xxx-xx-xx is how Russians dial a mobile at home; abroad (and to an SMS gateway) it is +7 9xx.
  if (digits.length === 11 && digits.startsWith('89') && !trimmed.startsWith('+')) return { kind: 'invalid', number: digits, problem: 'national-8' };
  if (digits.startsWith('7')) {
    if (digits.length !== 11) return { kind: 'invalid', number: digits, problem: 'length-7' };
    if (/^7[348]/.test(digits)) return { kind: 'no-route', number: digits };
  }
  return { kind: 'mobile', number: digits };
}

/** A sender name as operators register them: up to 11 Latin letters, digits, spaces, `.`, `-`, `_`; or a number of up to 15 digits. */
export function isSenderName(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,10}$/.test(value) || /^\+?\d{1,15}$/.test(value);
}
