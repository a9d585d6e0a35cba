// Reading the lines of an SMTP dialogue: the verb of a command, the code of a reply, and the
// masking of AUTH secrets (RFC 4954 §4: the initial response and every continuation line carry
// credentials, base64 is not encryption).

import { MASK } from '../wire/mask.js';

export { MASK };

export function commandVerb(line: string): string {
  const match = /^\s*([A-Za-z][A-Za-z0-9-]*)/.exec(line);
  return match?.[1] ? match[1].toUpperCase() : '';
}

export interface ParsedReply {
  code?: number;
  enhanced?: string;
}

/** RFC 5321 §4.2: a three-digit code; RFC 3463 / RFC 2034: an enhanced code after it. */
export function parseReply(payload: string): ParsedReply {
  const match = /^([2-5]\d\d)[ -](?:([245]\.\d{1,3}\.\d{1,3})\b)?/.exec(payload);
  if (!match) return {};
  return { code: Number(match[1]), ...(match[2] ? { enhanced: match[2] } : {}) };
}

/**
 * `AUTH PLAIN <secret>` → `AUTH PLAIN ••••••••`; the mechanism is kept because it teaches
 * something, the initial response is not.
 */
export function maskAuthCommand(line: string): { text: string; masked: boolean } {
  const parts = line.trim().split(/\s+/);
  if (parts.length <= 2) return { text: parts.join(' '), masked: false };
  return { text: `${parts[0]} ${parts[1]} ${MASK}`, masked: true };
}
