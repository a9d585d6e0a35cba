// The Faults page's actions (ui/use-single-run.ts), the server's errors in words. A 401 means the
// server forgot the sign-in (the store tells the lab account, the page goes read-only).
import { ApiError } from '../api/api-error.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { sentences } from '../i18n/sentence.js';
import { useSingleRun, type SingleRun } from '../ui/use-single-run.js';
import { fm } from './faults-messages.js';

export type ActionStatus = { state: 'idle' } | { state: 'busy' } | { state: 'ok'; text: Bilingual } | { state: 'bad'; text: Bilingual };

export function errorText(err: unknown): Bilingual {
  if (err instanceof ApiError) return err.status === 401 ? fm.signedOutError : sentences(err.bilingual());
  const message = err instanceof Error ? err.message : String(err);
  return { ru: message, en: message };
}

export function useAction(): SingleRun<{ state: 'bad'; text: Bilingual }> {
  return useSingleRun((err) => ({ state: 'bad', text: errorText(err) }));
}
