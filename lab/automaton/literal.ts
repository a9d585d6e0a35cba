// The value of «Изменить значение» (change-value): the platform stores a JS-like expression
// as text (`"\"on\""`, `42`, `true`). The lab reads literals only, by hand: evaluating the
// text would run whatever a file contains. An expression is reported as unsupported.
import type { ParameterValue } from './automaton-types.js';

export type LiteralResult = { ok: true; value: ParameterValue } | { ok: false; offset: number };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

export function parseLiteral(source: string): LiteralResult {
  const text = source.trim();
  const start = source.indexOf(text);
  if (text === 'true') return { ok: true, value: true };
  if (text === 'false') return { ok: true, value: false };
  if (NUMBER.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, offset: start };
  }
  const quote = text[0];
  if (quote !== '"' && quote !== "'") return { ok: false, offset: start };
  let out = '';
  let i = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) return i === text.length - 1 ? { ok: true, value: out } : { ok: false, offset: start + i + 1 };
    if (c === '\n' || c === '\r') return { ok: false, offset: start + i };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) break;
    if (e === 'u' && text[i + 2] === '{') {
      const close = text.indexOf('}', i + 3);
      const hex = close < 0 ? '' : text.slice(i + 3, close);
      const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (!(code <= 0x10ffff)) return { ok: false, offset: start + i };
      out += String.fromCodePoint(code);
      i = close + 1;
    } else if (e === 'u' || e === 'x') {
      const length = e === 'u' ? 4 : 2;
      const hex = text.slice(i + 2, i + 2 + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) return { ok: false, offset: start + i };
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2 + length;
    } else {
      out += SIMPLE_ESCAPES[e] ?? e;
      i += 2;
    }
  }
  return { ok: false, offset: start + text.length };
}

/** The literal that reads back as `value`: what an editor writes into `expr`. */
export function formatLiteral(value: ParameterValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
