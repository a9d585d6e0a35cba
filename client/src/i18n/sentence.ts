// The server's account messages are written to follow "smtp-lab account: " in the CLI, in lower
// case; on the page, under a field or alone, they start a sentence.
import type { Bilingual } from './bilingual.js';

export function sentence(text: string): string {
  return text.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

export function sentences(text: Bilingual): Bilingual {
  return { ru: sentence(text.ru), en: sentence(text.en) };
}
