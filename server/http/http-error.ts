// The one error type of the HTTP boundary, and the middleware that answers every failure as
// `{ "error": { "code", "message" } }` with the right status.
import type { ErrorRequestHandler, RequestHandler } from 'express';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message);

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.originalUrl.split('?')[0]}`));
};

export function createErrorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    let error: HttpError;
    if (err instanceof HttpError) {
      error = err;
    } else if (isBodyParseError(err)) {
      error = new HttpError(400, 'bad_json', `the request body is not valid JSON: ${err.message}`);
    } else if (isTooLarge(err)) {
      error = new HttpError(413, 'too_large', 'the request body is too large');
    } else {
      log(`HTTP handler failed: ${(err as Error)?.stack ?? String(err)}`);
      error = new HttpError(500, 'internal', 'internal error; see the server log');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(error.status).json({ error: { code: error.code, message: error.message } });
  };
}

function isBodyParseError(err: unknown): err is Error {
  return err instanceof SyntaxError || (typeof err === 'object' && err !== null && (err as { type?: string }).type === 'entity.parse.failed');
}

function isTooLarge(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: string }).type === 'entity.too.large';
}
