// The panel's and the tab's Start and Reset, one at a time (ui/use-single-run.ts), the server's
// refusal in its own words (409 needs_account says where to sign in).
import { ApiError } from '../api/api-error.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { sentences } from '../i18n/sentence.js';
import { useSingleRun, type SingleRun } from '../ui/use-single-run.js';

export function actionError(err: unknown): Bilingual {
  if (err instanceof ApiError) return sentences(err.bilingual());
  const message = err instanceof Error ? err.message : String(err);
  return { ru: message, en: message };
}

export function useScenarioAction(): SingleRun<{ state: 'bad'; text: Bilingual }> {
  return useSingleRun((err) => ({ state: 'bad', text: actionError(err) }));
}
