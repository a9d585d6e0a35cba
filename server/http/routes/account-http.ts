// What the account and integration routes share: errors with a text in both languages (and a
// message per field for a form) and "who is signed in". Host and Origin are checked for every
// route by the HTTP app (server/http/request-policy.ts).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Bilingual, FieldErrors } from '../../../lab/integration/integration-types.js';
import type { WebSessions } from '../../accounts/web-sessions.js';

/**
 * The HttpError shape `{ error: { code, message } }` (message in English) with `text` in both
 * languages and, for a form, `fields`: a message per wrong field.
 */
export function sendError(res: Response, status: number, code: string, text: Bilingual, fields?: FieldErrors<string>): void {
  res.status(status).json({ error: { code, message: text.en, text, ...(fields ? { fields } : {}) } });
}

export const NOT_SIGNED_IN: Bilingual = { ru: 'Войдите в учётную запись лаборатории', en: 'Sign in to your lab account' };
export const INVALID_FIELDS: Bilingual = { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' };

/** Puts the signed-in account's address in res.locals.address, or answers 401. */
export function requireAccount(webSessions: WebSessions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const signedIn = webSessions.fromHeaders(req.headers);
    if (!signedIn) {
      sendError(res, 401, 'not_signed_in', NOT_SIGNED_IN);
      return;
    }
    res.locals.address = signedIn.address;
    res.locals.token = signedIn.token;
    next();
  };
}

export function bodyOf(req: Request): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
}

/** A per-request no-store, so that no cache keeps account data. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
