// Who may call a route: the signed-in lab account (a session cookie, server/accounts/web-sessions.ts)
// or the CLI with the server's admin token. And no cache keeps what these routes answer.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { AccountStore } from '../accounts/account-store.js';
import type { WebSessions } from '../accounts/web-sessions.js';
import { userError } from './http-error.js';

const NOT_SIGNED_IN = { ru: 'Войдите в учётную запись лаборатории', en: 'Sign in to your lab account' };

/**
 * Puts the signed-in account's address in res.locals.address (and the token in .token), or 401.
 * An instructor looking as a student (request-scope.ts, read-only) is that student here.
 */
export function requireAccount(webSessions: WebSessions): RequestHandler {
  return (req, res, next) => {
    const signedIn = webSessions.fromHeaders(req.headers);
    if (!signedIn) {
      next(userError(401, 'not_signed_in', NOT_SIGNED_IN));
      return;
    }
    res.locals.address = (res.locals.viewingAs as string | undefined) ?? signedIn.address;
    res.locals.token = signedIn.token;
    next();
  };
}

/** A signed-in instructor (address in res.locals.address) or the CLI's admin token; else 401/403. */
export function requireInstructor(webSessions: WebSessions, accounts: Pick<AccountStore, 'get'>, token: string): RequestHandler {
  const admin = adminOnly(token);
  return (req, res, next) => {
    if (/^Bearer\s/i.test(req.headers.authorization ?? '')) {
      admin(req, res, next);
      return;
    }
    const signedIn = webSessions.fromHeaders(req.headers);
    if (!signedIn) {
      next(userError(401, 'not_signed_in', NOT_SIGNED_IN));
      return;
    }
    if (accounts.get(signedIn.address)?.role !== 'instructor' || res.locals.viewingAs) {
      next(userError(403, 'instructor_only', { ru: 'Это может только преподаватель', en: 'Only an instructor can do this' }));
      return;
    }
    res.locals.address = signedIn.address;
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
