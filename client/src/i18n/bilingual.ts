// Every text a student or instructor reads exists in Russian and English: a `Bi<T>` holds
// both, so a missing translation is a type error rather than a blank on the page.

export type Lang = 'en' | 'ru';

export const LANGS: readonly Lang[] = ['ru', 'en'];

export interface Bi<T = string> {
  en: T;
  ru: T;
}

/** Russian nouns take one of three forms after a number (1 письмо, 2 письма, 5 писем). */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

export function enPlural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** A counted noun in both languages: `counted('mail', 'mails', 'письмо', 'письма', 'писем')`. */
export function counted(enOne: string, enMany: string, ruOne: string, ruFew: string, ruMany: string): Bi<(n: number) => string> {
  const en = new Intl.NumberFormat('en');
  const ru = new Intl.NumberFormat('ru');
  return {
    en: (n) => `${en.format(n)} ${enPlural(n, enOne, enMany)}`,
    ru: (n) => `${ru.format(n)} ${ruPlural(n, ruOne, ruFew, ruMany)}`,
  };
}
