// Where each of the server's field messages goes in the rule form. The server names a field by
// its path ("effect.code"); a path the form does not show (the whole "effect", a part of the
// effect or the attempts that the chosen kind has no field for) goes to the field that stands
// for it, and one that no field holds (the rule as a whole, a match field the form does not
// offer) is listed above the Add button, so that no message is ever lost.
import type { Bilingual } from '../i18n/bilingual.js';

/** A part of the rule as a whole, and the field that stands for it. */
const STANDS_FOR: Readonly<Record<string, string>> = {
  effect: 'effect.kind',
  attempts: 'attempts.kind',
  match: 'match.listener',
  lifetime: 'lifetime.firings',
};

/**
 * Where a part the form has no field for goes: a part of the effect or of the attempts is about
 * the kind chosen; a match field the form does not offer is about no field here.
 */
const PARTS_GO_TO: Readonly<Record<string, string>> = {
  effect: 'effect.kind',
  attempts: 'attempts.kind',
};

export interface PlacedErrors {
  /** By the form's field. Two messages for one field are joined. */
  at: Partial<Record<string, Bilingual>>;
  /** Messages no shown field holds, each with the server's path. */
  elsewhere: Array<{ path: string; text: Bilingual }>;
}

function fieldFor(path: string, shown: ReadonlySet<string>): string | undefined {
  if (shown.has(path)) return path;
  const standIn = STANDS_FOR[path];
  if (standIn && shown.has(standIn)) return standIn;
  const part = path.includes('.') ? PARTS_GO_TO[path.slice(0, path.indexOf('.'))] : undefined;
  return part && shown.has(part) ? part : undefined;
}

const join = (a: Bilingual, b: Bilingual): Bilingual => ({ ru: `${a.ru}; ${b.ru}`, en: `${a.en}; ${b.en}` });

export function placeErrors(fields: Readonly<Partial<Record<string, Bilingual>>>, shown: readonly string[]): PlacedErrors {
  const set = new Set(shown);
  const placed: PlacedErrors = { at: {}, elsewhere: [] };
  for (const [path, text] of Object.entries(fields)) {
    if (!text) continue;
    const field = fieldFor(path, set);
    if (!field) {
      placed.elsewhere.push({ path, text });
      continue;
    }
    const before = placed.at[field];
    placed.at[field] = before ? join(before, text) : text;
  }
  return placed;
}
