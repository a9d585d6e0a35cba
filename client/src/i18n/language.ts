// Which language the page speaks: the user's choice if they made one (remembered in
// localStorage), else the first of the browser's languages that we have, else English.
import type { Lang } from './bilingual.js';

export const LANGUAGE_STORAGE_KEY = 'smtp-lab.lang';

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'ru';
}

/** The first of the browser's preferred languages (BCP 47 tags, best first) that we speak. */
export function languageFromBrowser(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return 'en';
}

export interface LanguageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function initialLanguage(storage: LanguageStorage | undefined, preferred: readonly string[]): Lang {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be refused (privacy settings); the browser's languages still decide.
  }
  return isLang(stored) ? stored : languageFromBrowser(preferred);
}

export function rememberLanguage(storage: LanguageStorage | undefined, lang: Lang): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Not remembered; the choice still holds for this page.
  }
}
