// Who may call a route: the signed-in lab account (a session cookie, server/accounts/web-sessions.ts)
// or the CLI with the server's admin token. And no cache keeps what these routes answer.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { WebSessions } from '../accounts/web-sessions.js';
import { userError } from './http-error.js';

/** Puts the signed-in account's address in res.locals.address (and the token in .token), or 401. */
export function requireAccount(webSessions: WebSessions): RequestHandler {
  return (req, res, next) => {
    const signedIn = webSessions.fromHeaders(req.headers);
    if (!signedIn) {
      next(userError(401, 'not_signed_in', { ru: 'Войдите в учётную запись лаборатории', en: 'Sign in to your lab account' }));
      return;
    }
    res.locals.address = signedIn.address;
    res.locals.token = signedIn.token;
    next();
  };
}

/** `Authorization: Bearer <admin token>`, compared in constant time. */
export function adminOnly(token: string): RequestHandler {
  const expected = Buffer.from(token);
  return (req, _res, next) => {
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      next();
      return;
    }
    next(
      userError(401, 'admin_token_required', {
        ru: 'Нужен токен администратора сервера (файл admin.json сервера)',
        en: "The server's admin token is required (the server's admin.json file)",
      }),
    );
  };
}

/** A per-request no-store, so that no cache keeps account data. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
