// The one error type of the page's calls to the server: every route answers a failure as
// `{ error: { code, message, text?, fields? } }` (server/wire/http-errors.ts), and this holds it —
// the status, the code, the message in both languages when the server gave one, and a message per
// wrong field so that a form can put each one at its field.
import type { Bilingual } from '../../../server/wire/bilingual.js';
import type { ErrorBody } from '../../../server/wire/http-errors.js';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The server's message in both languages, when it gave one. */
  readonly text: Bilingual | undefined;
  /** A message per wrong field (`password`, `port`, `to`, ...). */
  readonly fields: Record<string, Bilingual>;
  /** Any other members of the error body (an import error's `where` and `location`, ...), as JSON. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(status: number, code: string, message: string, text?: Bilingual, fields: Record<string, Bilingual> = {}, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.text = text;
    this.fields = fields;
    this.details = details;
  }

  /** The text to show: the server's in both languages, else its English message for both. */
  bilingual(): Bilingual {
    return this.text ?? { ru: this.message, en: this.message };
  }
}

const isBilingual = (value: unknown): value is Bilingual =>
  typeof value === 'object' && value !== null && typeof (value as Bilingual).ru === 'string' && typeof (value as Bilingual).en === 'string';

/** The ApiError of a failed response (a body that is not ours — a proxy's page — keeps the status text). */
export async function apiErrorOf(res: Response): Promise<ApiError> {
  let code = `http-${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let text: Bilingual | undefined;
  const fields: Record<string, Bilingual> = {};
  const details: Record<string, unknown> = {};
  try {
    const { error } = (await res.json()) as Partial<ErrorBody>;
    if (typeof error?.code === 'string') code = error.code;
    if (typeof error?.message === 'string') message = error.message;
    if (isBilingual(error?.text)) text = error.text;
    for (const [field, value] of Object.entries(error?.fields ?? {})) if (isBilingual(value)) fields[field] = value;
    if (typeof error === 'object' && error !== null) {
      for (const [key, value] of Object.entries(error)) if (!['code', 'message', 'text', 'fields'].includes(key)) details[key] = value;
    }
  } catch {
    // not JSON: the status text says enough
  }
  return new ApiError(res.status, code, message, text, fields, details);
}
