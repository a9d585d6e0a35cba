// The one error type of the HTTP boundary, and the middleware that answers every failure as
// `{ "error": { "code", "message" } }` with the right status. Routes throw (or reject with) an
// HttpError; errors of the libraries under the routes (body parsing, path decoding) that carry
// a 4xx status keep it; anything else is a 500 with the details in the server log only.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Bilingual } from '../wire/bilingual.js';
import type { ErrorBody, FieldErrors } from '../wire/http-errors.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The message in both languages, when a person reads it. */
    readonly text?: Bilingual,
    /** A message per wrong field of a form. */
    readonly fields?: FieldErrors,
    /** Headers the answer carries (Allow on a 405, Retry-After, ...). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message);

/** An error a person reads, in both languages (the English text is also `message`). */
export function userError(status: number, code: string, text: Bilingual, fields?: FieldErrors): HttpError {
  return new HttpError(status, code, text.en, text, fields);
}

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.originalUrl.split('?')[0]}`));
};

/** A path that exists, asked with a method it does not take (RFC 9110 §15.5.6). */
export function methodNotAllowed(allowed: string[]): RequestHandler {
  const allow = [...new Set([...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])])].join(', ');
  return (req, _res, next) => {
    next(new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here; use ${allow}`, undefined, undefined, { Allow: allow }));
  };
}

/** Library errors that carry a client-error status: body-parser's, path decoding's. */
function libraryStatus(err: unknown): { status: number; code: string; message: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499) return undefined;
  const type = typeof e.type === 'string' ? e.type : '';
  if (type === 'entity.parse.failed') return { status: 400, code: 'bad_json', message: `the request body is not valid JSON: ${String(e.message)}` };
  if (type === 'entity.too.large') return { status: 413, code: 'too_large', message: 'the request body is too large' };
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return { status: 415, code: 'unsupported_encoding', message: String(e.message) };
  if (err instanceof URIError) return { status: 400, code: 'bad_path', message: 'the path has malformed percent-encoding' };
  return { status, code: type ? type.replace(/\W+/g, '_') : 'bad_request', message: String(e.message ?? 'bad request') };
}

/** Turns a domain's own error (an account error, ...) into its HTTP answer; undefined when not its own. */
export type ErrorTranslator = (err: unknown) => HttpError | undefined;

export function createErrorHandler(log: (message: string) => void, translators: readonly ErrorTranslator[] = []): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    let error: HttpError;
    const translated = err instanceof HttpError ? err : translators.map((t) => t(err)).find((e) => e !== undefined);
    if (translated) {
      error = translated;
    } else if (err instanceof URIError) {
      error = new HttpError(400, 'bad_path', 'the path has malformed percent-encoding');
    } else {
      const known = libraryStatus(err);
      if (known) {
        error = new HttpError(known.status, known.code, known.message);
      } else {
        log(`HTTP handler failed: ${(err as Error)?.stack ?? String(err)}`);
        error = new HttpError(500, 'internal', 'internal error; see the server log');
      }
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, ...(error.text ? { text: error.text } : {}), ...(error.fields ? { fields: error.fields } : {}) },
    };
    res.status(error.status).json(body);
  };
}
