// What a failed call says to the student, in both languages: the server's own text when it gave
// one (an import error says where in the file and what was expected), else the message.
import type { Bilingual } from '../i18n/bilingual.js';
import { sentences } from '../i18n/sentence.js';
import { ApiError } from '../api/api-error.js';

export function errorText(err: unknown): Bilingual {
  if (err instanceof ApiError) return sentences(err.bilingual());
  const message = err instanceof Error ? err.message : String(err);
  return { ru: message, en: message };
}

/** Where in a file an import error points, when the server said it apart from its text. */
export function errorPlace(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const { where, location } = err.details as { where?: unknown; location?: unknown };
  const parts: string[] = [];
  if (typeof where === 'string' && where !== '') parts.push(where);
  if (typeof location === 'object' && location !== null) {
    const { line, column } = location as { line?: unknown; column?: unknown };
    if (typeof line === 'number' && typeof column === 'number') parts.push(`${line}:${column}`);
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The server's message per field, by field name. */
export function fieldErrors(err: unknown): Record<string, Bilingual> {
  return err instanceof ApiError ? err.fields : {};
}

export const isSignedOut = (err: unknown): boolean => err instanceof ApiError && err.status === 401;
