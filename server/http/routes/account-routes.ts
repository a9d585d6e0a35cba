// Lab accounts over HTTP: sign up, sign in and out (an HttpOnly SameSite=Strict session cookie),
// who am I, and the account's app passwords (a new one is in the create response only).
// Admin routes for the `smtp-lab account` CLI, authorised by the server's admin token.
import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler, type Response } from 'express';
import { AccountError, type AccountStore } from '../../accounts/account-store.js';
import { groupAppPassword } from '../../accounts/password-hash.js';
import type { WebSessions } from '../../accounts/web-sessions.js';
import { bodyOf, noStore, requireAccount, sendError } from './account-http.js';

export interface AccountRoutesDeps {
  accounts: AccountStore;
  webSessions: WebSessions;
  adminToken: string;
}

const FIELD_OF: Partial<Record<AccountError['code'], string>> = {
  'invalid-address': 'address',
  'invalid-password': 'password',
  'invalid-label': 'label',
};

const STATUS_OF: Record<AccountError['code'], number> = {
  'invalid-address': 400,
  'invalid-password': 400,
  'invalid-label': 400,
  exists: 409,
  'no-account': 404,
  'too-many': 409,
};

function answerAccountError(res: Response, err: unknown): void {
  if (!(err instanceof AccountError)) throw err;
  const field = FIELD_OF[err.code];
  sendError(res, STATUS_OF[err.code], err.code.replace(/-/g, '_'), err.text, field ? { [field]: err.text } : undefined);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function accountRoutes(deps: AccountRoutesDeps): Router {
  const { accounts, webSessions } = deps;
  const router = Router();
  const signedIn = requireAccount(webSessions);
  router.use('/api/lab/account', noStore);
  router.use('/api/lab/admin', noStore, adminOnly(deps.adminToken));

  router.post('/api/lab/account/sign-up', async (req, res) => {
    const body = bodyOf(req);
    try {
      const account = await accounts.create(text(body.address), text(body.password));
      res.setHeader('Set-Cookie', webSessions.cookie(webSessions.create(account.address)));
      res.status(201).json({ account });
    } catch (err) {
      answerAccountError(res, err);
    }
  });

  router.post('/api/lab/account/sign-in', async (req, res) => {
    const body = bodyOf(req);
    const account = await accounts.signIn(text(body.address), text(body.password));
    if (!account) {
      sendError(res, 401, 'bad_credentials', {
        ru: 'Неверный адрес или пароль учётной записи',
        en: 'Wrong address or account password',
      });
      return;
    }
    res.setHeader('Set-Cookie', webSessions.cookie(webSessions.create(account.address)));
    res.json({ account });
  });

  router.post('/api/lab/account/sign-out', (req, res) => {
    const current = webSessions.fromHeaders(req.headers);
    if (current) webSessions.destroy(current.token);
    res.setHeader('Set-Cookie', webSessions.cookie(undefined));
    res.status(204).end();
  });

  router.get('/api/lab/account', signedIn, (_req, res) => {
    const account = accounts.get(res.locals.address as string);
    if (!account) {
      sendError(res, 401, 'not_signed_in', { ru: 'Учётной записи больше нет', en: 'The account no longer exists' });
      return;
    }
    res.json({ account });
  });

  router.get('/api/lab/account/app-passwords', signedIn, (_req, res) => {
    res.json({ appPasswords: accounts.get(res.locals.address as string)?.appPasswords ?? [] });
  });

  router.post('/api/lab/account/app-passwords', signedIn, async (req, res) => {
    try {
      const created = await accounts.createAppPassword(res.locals.address as string, text(bodyOf(req).label));
      res.status(201).json({ appPassword: created.appPassword, password: created.password, display: groupAppPassword(created.password) });
    } catch (err) {
      answerAccountError(res, err);
    }
  });

  router.delete('/api/lab/account/app-passwords/:id', signedIn, async (req, res) => {
    if (!(await accounts.revokeAppPassword(res.locals.address as string, String(req.params.id)))) {
      sendError(res, 404, 'not_found', { ru: 'Такого пароля приложения нет', en: 'No such app password' });
      return;
    }
    res.status(204).end();
  });

  // The CLI's routes (`smtp-lab account add | app-password | list`).
  router.get('/api/lab/admin/accounts', (_req, res) => {
    res.json({ accounts: accounts.list() });
  });

  router.post('/api/lab/admin/accounts', async (req, res) => {
    const body = bodyOf(req);
    try {
      res.status(201).json({ account: await accounts.create(text(body.address), text(body.password)) });
    } catch (err) {
      answerAccountError(res, err);
    }
  });

  router.post('/api/lab/admin/accounts/:address/app-passwords', async (req, res) => {
    try {
      const created = await accounts.createAppPassword(String(req.params.address), text(bodyOf(req).label));
      res.status(201).json({ appPassword: created.appPassword, password: created.password, display: groupAppPassword(created.password) });
    } catch (err) {
      answerAccountError(res, err);
    }
  });

  router.delete('/api/lab/admin/accounts/:address/app-passwords/:id', async (req, res) => {
    try {
      if (!(await accounts.revokeAppPassword(String(req.params.address), String(req.params.id)))) {
        sendError(res, 404, 'not_found', { ru: 'Такого пароля приложения нет', en: 'No such app password' });
        return;
      }
      res.status(204).end();
    } catch (err) {
      answerAccountError(res, err);
    }
  });

  return router;
}

/** `Authorization: Bearer <admin token>`; compared in constant time. */
function adminOnly(token: string): RequestHandler {
  const expected = Buffer.from(token);
  return (req, res, next) => {
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      next();
      return;
    }
    sendError(res, 401, 'admin_token_required', {
      ru: 'Нужен токен администратора сервера (файл admin.json сервера)',
      en: "The server's admin token is required (the server's admin.json file)",
    });
  };
}
