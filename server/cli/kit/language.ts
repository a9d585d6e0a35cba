// The CLI speaks Russian when asked (--lang ru, or LANG/LC_ALL/LC_MESSAGES naming Russian) and
// English otherwise: the practical work is Russian, its tools are used in both.

import type { Bilingual, Lang } from '../../wire/bilingual.js';

export type { Bilingual };
export type Language = Lang;

export function detectLanguage(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  if (explicit === 'ru' || explicit === 'en') return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
  return /^ru\b|^ru[_-]/i.test(locale) ? 'ru' : 'en';
}

/** The --lang of a command line that did not parse: its messages still speak that language. */
export function languageIn(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (at < 0) return undefined;
  return argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
}

export function pick(text: Bilingual, language: Language): string {
  return text[language];
}

/**
 * Puts values into a text's %s places, in order. The text is cut at its own places first, so a
 * value holding "%s" or "$&" (a mail's subject, say) goes in as it is.
 */
export function fill(text: string, ...values: string[]): string {
  const parts = text.split('%s');
  return parts.reduce((out, part, i) => out + (i === 0 ? '' : (values[i - 1] ?? '%s')) + part, '');
}
