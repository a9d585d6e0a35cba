// Every text a student or instructor reads exists in Russian and English: a `Bilingual<T>` holds
// both, so a missing translation is a type error rather than a blank on the page.

import type { Bilingual, Lang } from '../../../server/wire/bilingual.js';

export type { Bilingual, Lang };

export const LANGS: readonly Lang[] = ['ru', 'en'];

// Immutable, made once: the CLDR plural rules of each language (Intl.PluralRules).
const RU_PLURALS = new Intl.PluralRules('ru');
const EN_PLURALS = new Intl.PluralRules('en');

/** Russian nouns take one of three forms after a number (1 письмо, 2 письма, 5 писем; CLDR rules). */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const category = RU_PLURALS.select(n);
  return category === 'one' ? one : category === 'few' ? few : many;
}

export function enPlural(n: number, one: string, many: string): string {
  return EN_PLURALS.select(n) === 'one' ? one : many;
}

/** A counted noun in both languages: `counted('mail', 'mails', 'письмо', 'письма', 'писем')`. */
export function counted(enOne: string, enMany: string, ruOne: string, ruFew: string, ruMany: string): Bilingual<(n: number) => string> {
  const en = new Intl.NumberFormat('en');
  const ru = new Intl.NumberFormat('ru');
  return {
    en: (n) => `${en.format(n)} ${enPlural(n, enOne, enMany)}`,
    ru: (n) => `${ru.format(n)} ${ruPlural(n, ruOne, ruFew, ruMany)}`,
  };
}
