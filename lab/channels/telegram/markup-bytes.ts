// What the three parse modes share. Telegram parses the text as UTF-8 bytes — its errors name a
// byte offset — while entity offsets count UTF-16 code units; the parsers here read bytes the same
// way (a read past the end gives 0, as the C string does) and count both. The facts follow
// tdlib's td/telegram/MessageEntity.cpp (parse_markdown, parse_markdown_v2, parse_html) and
// LinkManager.cpp (check_link); the code is the lab's own.
import type { TextEntity } from '../channel-wire.js';

/** tdlib's names of the entity types: they appear in its error messages ("Can't find end of Bold entity …"). */
export type RawEntityType =
  | 'Bold'
  | 'Italic'
  | 'Underline'
  | 'Strikethrough'
  | 'Spoiler'
  | 'Code'
  | 'Pre'
  | 'PreCode'
  | 'TextUrl'
  | 'CustomEmoji'
  | 'BlockQuote'
  | 'ExpandableBlockQuote';

export interface RawEntity {
  type: RawEntityType;
  /** UTF-16 code units. */
  offset: number;
  length: number;
  /** The URL of a TextUrl, the language of a PreCode. */
  argument?: string;
}

/** A parse as tdlib returns it: the text (bytes) without the markup and its entities, or the reason in its words. */
export type RawParse = { ok: true; bytes: Uint8Array; entities: RawEntity[] } | { ok: false; message: string };

/** The byte at `i`, or 0 past the end. */
export const byteAt = (bytes: Uint8Array, i: number): number => (i < bytes.length ? (bytes[i] as number) : 0);

/** tdlib's is_space: the C string's terminating 0 counts as a space. */
export const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x00 || c === 0x0b;
export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
export const isAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
export const isAlnum = (c: number): boolean => isDigit(c) || isAlpha(c);
export const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** UTF-16 code units a UTF-8 byte adds: 1 for a first byte, 2 for the first byte of a 4-byte character, 0 for a continuation. */
export const utf16Units = (c: number): number => ((c & 0xc0) === 0x80 ? 0 : c >= 0xf0 ? 2 : 1);

export const ascii = (text: string): number => text.charCodeAt(0);
// TextEncoder and TextDecoder rather than Buffer: the browser parses with the same code.
const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const textOf = (bytes: Uint8Array, from = 0, to = bytes.length): string => decoder.decode(bytes.subarray(from, to));

/** Grows as a parser writes the text without markup. */
export class ByteSink {
  private buffer = new Uint8Array(64);
  length = 0;
  push(byte: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Uint8Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = byte;
  }
  pushAll(bytes: Uint8Array): void {
    for (const byte of bytes) this.push(byte);
  }
  text(from: number): string {
    return textOf(this.buffer, from, this.length);
  }
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

const TG_HOST = /^[A-Za-z0-9_-]+$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/**
 * A link as Telegram keeps it, or null when it drops the entity: http and https (a link without a
 * scheme is http) with a host holding a dot, and tg:// links; other schemes are refused.
 */
export function checkedLink(link: string): string | null {
  if (/^tg:/i.test(link)) {
    const rest = link.slice(3).replace(/^\/\//, '');
    const at = rest.search(/[/?#]/);
    const host = at < 0 ? rest : rest.slice(0, at);
    if (!TG_HOST.test(host)) return null;
    const query = at < 0 ? '' : rest.slice(at);
    return `tg://${host}${query.startsWith('?') ? query : query.replace(/^\/?/, '/').replace(/^\/$/, '')}`;
  }
  const scheme = SCHEME.exec(link)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return null;
  try {
    const url = new URL(scheme === undefined ? `http://${link}` : link);
    if (!url.hostname.includes('.') && !url.hostname.startsWith('[')) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Bot API entity objects (https://core.telegram.org/bots/api#messageentity) for tdlib's types. */
export function toTextEntity(raw: RawEntity): TextEntity {
  const { offset, length } = raw;
  switch (raw.type) {
    case 'Bold':
      return { type: 'bold', offset, length };
    case 'Italic':
      return { type: 'italic', offset, length };
    case 'Underline':
      return { type: 'underline', offset, length };
    case 'Strikethrough':
      return { type: 'strikethrough', offset, length };
    case 'Spoiler':
      return { type: 'spoiler', offset, length };
    case 'Code':
      return { type: 'code', offset, length };
    case 'Pre':
      return { type: 'pre', offset, length };
    case 'PreCode':
      return { type: 'pre', offset, length, language: raw.argument ?? '' };
    case 'TextUrl':
      return { type: 'text_link', offset, length, url: raw.argument ?? '' };
    case 'CustomEmoji':
      return { type: 'custom_emoji', offset, length };
    case 'BlockQuote':
    case 'ExpandableBlockQuote':
      return { type: 'blockquote', offset, length };
  }
}
