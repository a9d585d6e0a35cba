// How many SMS a text takes, as a phone and an SMS centre count them: GSM 03.38's 7-bit default
// alphabet (160 septets, 153 per part once a 6-octet concatenation header takes its room) when
// every character is in it, UCS-2 otherwise (70 UTF-16 units, 67 per part) — one Cyrillic letter
// is enough to halve the room. No Node imports: the browser counts the same way as the student types.
import type { Bilingual } from '../../../server/wire/bilingual.js';
import type { SmsEncoding, SmsSegmentation } from '../channel-wire.js';

/** GSM 03.38 default alphabet, by septet value 0x00–0x7F (0x1B is the escape to the extension table). */
export const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** GSM 03.38 extension table: the character and the septet after the escape (0x1B). Each counts 2. */
export const GSM_EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);

/** A text cut into parts: the counts of SmsSegmentation with the parts themselves instead of their number. */
export type SmsSplit = Omit<SmsSegmentation, 'parts'> & { parts: string[] };

const GSM_INDEX: ReadonlyMap<string, number> = new Map([...GSM_BASIC].map((c, i) => [c, i] as [string, number]).filter(([c]) => c !== '\x1b'));

/** The septets a character takes in GSM-7 (1, or 2 for the extension table); undefined when it is not in the alphabet. */
export function gsmSeptets(char: string): 1 | 2 | undefined {
  if (GSM_INDEX.has(char)) return 1;
  if (GSM_EXTENSION.has(char)) return 2;
  return undefined;
}

/** The septet value of a basic-table character (for an encoder). */
export const gsmIndexOf = (char: string): number | undefined => GSM_INDEX.get(char);

export const isGsmText = (text: string): boolean => [...text].every((c) => gsmSeptets(c) !== undefined);

export const LIMITS: Readonly<Record<SmsEncoding, { single: number; part: number }>> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

/** The units one character takes: septets in GSM-7, UTF-16 code units in UCS-2 (an emoji outside the BMP takes 2). */
const unitsOf = (char: string, encoding: SmsEncoding): number => (encoding === 'GSM-7' ? (gsmSeptets(char) ?? 1) : char.length);

/** The text cut into parts of at most `size` units; a character is never split (neither an escape pair nor a surrogate pair). */
function cut(text: string, encoding: SmsEncoding, size: number): string[] {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const units = unitsOf(char, encoding);
    if (used + units > size) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += units;
  }
  parts.push(current);
  return parts;
}

/** The text counted as `encoding` (a centre that was handed UCS-2 counts UCS-2, whatever the letters). */
export function segmentAs(text: string, encoding: SmsEncoding): SmsSplit {
  const limits = LIMITS[encoding];
  const characters = [...text].reduce((sum, c) => sum + unitsOf(c, encoding), 0);
  const single = characters <= limits.single;
  const parts = single ? [text] : cut(text, encoding, limits.part);
  return { encoding, characters, parts, perPart: single ? limits.single : limits.part };
}

export function segmentSms(text: string): SmsSplit {
  return segmentAs(text, isGsmText(text) ? 'GSM-7' : 'UCS-2');
}

/** Only the counts (what SmsContent keeps): `parts` as a number. */
export function segmentationOf(text: string): SmsSegmentation {
  const { parts, ...rest } = segmentSms(text);
  return { ...rest, parts: parts.length };
}

const CYRILLIC = /[\u0400-\u04ff]/;

/** Russian plural forms: 1 символ, 2 символа, 5 символов, 21 символ. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

/**
 * The count in words, for a person: «95 символов кириллицей — это 2 SMS (UCS-2: по 67 символов
 * в части)». With the text, it names Cyrillic as the reason for UCS-2 and the GSM-7 characters
 * that count twice.
 */
export function smsSummary(seg: SmsSegmentation | SmsSplit, text?: string): Bilingual {
  const parts = typeof seg.parts === 'number' ? seg.parts : seg.parts.length;
  const n = seg.characters;
  const cyrillic = seg.encoding === 'UCS-2' && text !== undefined && CYRILLIC.test(text);
  const chars = { ru: `${n} ${ruPlural(n, 'символ', 'символа', 'символов')}`, en: `${n} ${n === 1 ? 'character' : 'characters'}` };
  const subject = cyrillic ? { ru: `${chars.ru} кириллицей`, en: `${n} Cyrillic ${n === 1 ? 'character' : 'characters'}` } : chars;
  const room =
    parts > 1
      ? {
          ru: `${seg.encoding}: по ${seg.perPart} ${ruPlural(seg.perPart, 'символу', 'символа', 'символов')} в части`,
          en: `${seg.encoding}, ${seg.perPart} per part`,
        }
      : { ru: `${seg.encoding}: до ${seg.perPart} ${ruPlural(seg.perPart, 'символа', 'символов', 'символов')}`, en: `${seg.encoding}, up to ${seg.perPart}` };
  const doubled = seg.encoding === 'GSM-7' && text !== undefined ? [...new Set([...text].filter((c) => GSM_EXTENSION.has(c)))] : [];
  const twice = doubled.length
    ? {
        ru: `; ${doubled.join(' ')} ${doubled.length === 1 ? 'считается' : 'считаются'} за два`,
        en: `; ${doubled.join(' ')} ${doubled.length === 1 ? 'counts' : 'count'} as two`,
      }
    : { ru: '', en: '' };
  return {
    ru: `${subject.ru} — это ${parts} SMS (${room.ru}${twice.ru})`,
    en: `${subject.en} ${n === 1 ? 'makes' : 'make'} ${parts} SMS (${room.en}${twice.en})`,
  };
}
