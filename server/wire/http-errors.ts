// The error body of every HTTP route: `{ "error": { code, message, text?, fields? } }` —
// `message` in English for programs, `text` in both languages where a person reads it, `fields`
// a message per wrong field of a form. server/http/http-error.ts writes it; the browser client
// reads it (client/src/api/api-error.ts). Types only.
import type { Bilingual } from './bilingual.js';

/** A message per wrong field, in both languages. */
export type FieldErrors<F extends string = string> = Partial<Record<F, Bilingual>>;

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    text?: Bilingual;
    fields?: FieldErrors;
  };
}
