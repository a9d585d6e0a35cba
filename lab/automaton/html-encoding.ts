// The HTML body of «Отправить e-mail» and its encoding choice (JSON, HEX, Base64, Text). The
// platform's documentation names the choice, not its rules, so the lab defines them:
// - Text: the field is the HTML itself;
// - JSON: the field is a JSON string literal whose value is the HTML ("\"<p>Hi</p>\"");
// - HEX: the UTF-8 bytes of the HTML as hex digits (spaces and line breaks ignored);
// - Base64: the UTF-8 bytes in Base64 (standard or URL-safe alphabet, padding optional).
// No Node imports: atob, btoa and TextDecoder exist in browsers and in Node alike.
import type { Bilingual } from '../integration/integration-types.js';
import type { HtmlEncoding } from './automaton-types.js';

export const HTML_ENCODINGS: readonly HtmlEncoding[] = ['JSON', 'HEX', 'Base64', 'Text'];

export type Decoded = { ok: true; html: string } | { ok: false; error: Bilingual };

/** The encoding named by a field's value, case-insensitively; undefined if it names none. */
export function readEncoding(value: string): HtmlEncoding | undefined {
  const lower = value.trim().toLowerCase();
  return HTML_ENCODINGS.find((e) => e.toLowerCase() === lower);
}

const fail = (ru: string, en: string): Decoded => ({ ok: false, error: { ru, en } });

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeHtmlBody(value: string, encoding: HtmlEncoding): Decoded {
  switch (encoding) {
    case 'Text':
      return { ok: true, html: value };
    case 'JSON': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return fail(
          'HTML в кодировке JSON — строка JSON в кавычках, например "<p>Привет</p>"',
          'HTML encoded as JSON is a quoted JSON string, e.g. "<p>Hello</p>"',
        );
      }
      if (typeof parsed !== 'string')
        return fail(
          'HTML в кодировке JSON — строка JSON, а не объект, число или массив',
          'HTML encoded as JSON is a JSON string, not an object, number or array',
        );
      return { ok: true, html: parsed };
    }
    case 'HEX': {
      const hex = value.replace(/\s+/g, '').replace(/^0x/i, '');
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex))
        return fail('HTML в кодировке HEX — пары шестнадцатеричных цифр (0–9, a–f)', 'HTML encoded as HEX is pairs of hex digits (0–9, a–f)');
      const bytes = new Uint8Array(hex.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
      const html = utf8(bytes);
      return html === null ? fail('байты HEX — не текст UTF-8', 'the HEX bytes are not UTF-8 text') : { ok: true, html };
    }
    case 'Base64': {
      let b64 = value.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.replace(/=+$/, '').length % 4 === 1) {
        return fail(
          'HTML в кодировке Base64 — буквы A–Z, a–z, цифры, + и / (или - и _), в конце до двух =',
          'HTML encoded as Base64 is letters A–Z, a–z, digits, + and / (or - and _), up to two = at the end',
        );
      }
      b64 = b64.replace(/=+$/, '');
      b64 += '='.repeat((4 - (b64.length % 4)) % 4);
      let binary: string;
      try {
        binary = atob(b64);
      } catch {
        return fail('HTML в кодировке Base64 не декодируется', 'the Base64 HTML does not decode');
      }
      const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      const html = utf8(bytes);
      return html === null ? fail('байты Base64 — не текст UTF-8', 'the Base64 bytes are not UTF-8 text') : { ok: true, html };
    }
  }
}

/** The field's value that decodes back to `html`: what an editor stores. */
export function encodeHtmlBody(html: string, encoding: HtmlEncoding): string {
  switch (encoding) {
    case 'Text':
      return html;
    case 'JSON':
      return JSON.stringify(html);
    case 'HEX':
      return Array.from(new TextEncoder().encode(html), (b) => b.toString(16).padStart(2, '0')).join('');
    case 'Base64': {
      let binary = '';
      for (const b of new TextEncoder().encode(html)) binary += String.fromCharCode(b);
      return btoa(binary);
    }
  }
}
