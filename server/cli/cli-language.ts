// The CLI speaks Russian when asked (--lang ru, or LANG/LC_ALL/LC_MESSAGES naming Russian) and
// English otherwise: the practical work is Russian, its tools are used in both.

export type Language = 'ru' | 'en';

export function detectLanguage(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  if (explicit === 'ru' || explicit === 'en') return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
  return /^ru\b|^ru[_-]/i.test(locale) ? 'ru' : 'en';
}

/** A text in both languages; the CLI picks one. */
export interface Bilingual {
  en: string;
  ru: string;
}

export function pick(text: Bilingual, language: Language): string {
  return text[language];
}

/** Puts values into a text's %s places, in order. */
export function fill(text: string, ...values: string[]): string {
  return values.reduce((t, v) => t.replace('%s', v), text);
}
