// The Automaton page's texts: every entry in both languages (the type says so), and every
// Russian one Russian — Latin letters only where they are verbatim (a token, a command, an
// identifier, a quoted name), as the rest of the lab's texts (test/helpers/latin-prose.ts).
import { describe, expect, it } from 'vitest';
import { zm } from '../../client/src/automaton/automaton-messages.js';
import { latinProse } from '../helpers/latin-prose.js';

type Node = unknown;
/** Every leaf text of the table, in one language, functions called with sample arguments. */
function leaves(node: Node, lang: 'ru' | 'en', path: string[] = []): Array<{ path: string; text: string }> {
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  if ('ru' in record && 'en' in record) {
    const value = record[lang];
    const call = (...args: unknown[]) => (value as (...a: unknown[]) => string)(...args);
    // Functions take names and numbers, or a list of names.
    const sample = () => {
      try {
        return call('kettle-1', 'OFF', 3, 4);
      } catch {
        return call(['Temperature control', 'Kettle model']);
      }
    };
    const text = typeof value === 'function' ? sample() : String(value);
    return [{ path: path.join('.'), text }];
  }
  return Object.entries(record).flatMap(([key, child]) => leaves(child, lang, [...path, key]));
}

describe("the Automaton page's texts", () => {
  const ru = leaves(zm, 'ru');
  const en = leaves(zm, 'en');

  it('has both languages for every entry, and no empty one', () => {
    expect(ru.map((l) => l.path)).toEqual(en.map((l) => l.path));
    expect(ru.length).toBeGreaterThan(150);
    for (const l of [...ru, ...en]) expect(l.text.trim(), l.path).not.toBe('');
  });

  it('says the Russian in Russian', () => {
    const found = ru.flatMap((l) => latinProse(l.text).map((f) => `${l.path}: ${f.word} in «${f.context}»`));
    expect(found).toEqual([]);
  });
});
