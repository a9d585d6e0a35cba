// Lab accounts over HTTP: sign up, sign in and out (an HttpOnly SameSite=Strict session cookie),
// who am I, and the account's app passwords (a new one is in the create response only). Admin
// routes for the `smtp-lab account` CLI, authorised by the server's admin token. Bodies are the
// wire types of server/wire/accounts.ts.
import { Router } from 'express';
import { AccountError, type AccountStore } from '../../accounts/account-store.js';
import { groupAppPassword } from '../../accounts/password-hash.js';
import type { WebSessions } from '../../accounts/web-sessions.js';
import type { AccountResponse, NewAppPasswordResponse } from '../../wire/accounts.js';
import { adminOnly, noStore, requireAccount } from '../access.js';
import { endpoint } from '../endpoint.js';
import { HttpError, userError } from '../http-error.js';
import { objectBody, textOf } from '../request-body.js';

export interface AccountRoutesDeps {
  accounts: AccountStore;
  webSessions: WebSessions;
  adminToken: string;
  /** In class mode accounts come from the instructor's roster: nobody signs up. */
  classMode(): boolean;
}

const FIELD_OF: Partial<Record<AccountError['code'], string>> = {
  'invalid-address': 'address',
  'invalid-password': 'password',
  'invalid-label': 'label',
  'invalid-name': 'name',
};

const STATUS_OF: Record<AccountError['code'], number> = {
  'invalid-address': 400,
  'invalid-password': 400,
  'invalid-label': 400,
  'invalid-name': 400,
  exists: 409,
  'no-account': 404,
  'too-many': 409,
};

/** The HTTP answer of an account error (registered with the HTTP app's error handler). */
export function accountErrorToHttp(err: unknown): HttpError | undefined {
  if (!(err instanceof AccountError)) return undefined;
  const field = FIELD_OF[err.code];
  return userError(STATUS_OF[err.code], err.code.replace(/-/g, '_'), err.text, field ? { [field]: err.text } : undefined);
}

const NO_APP_PASSWORD = { ru: 'Такого пароля приложения нет', en: 'No such app password' };

export function accountRoutes(deps: AccountRoutesDeps): Router {
  const { accounts, webSessions } = deps;
  const router = Router();
  const signedIn = requireAccount(webSessions);
  const address = (res: { locals: Record<string, unknown> }) => res.locals.address as string;
  const newAppPassword = (created: Awaited<ReturnType<AccountStore['createAppPassword']>>): NewAppPasswordResponse => ({
    appPassword: created.appPassword,
    password: created.password,
    display: groupAppPassword(created.password),
  });
  router.use('/api/lab/account', noStore);
  router.use('/api/lab/admin', noStore, adminOnly(deps.adminToken));

  endpoint(router, '/api/lab/account/sign-up', {
    post: async (req, res) => {
      if (deps.classMode()) {
        throw userError(403, 'class_mode', {
          ru: 'Это занятие с преподавателем: учётные записи выдаёт преподаватель, войдите с полученным паролем',
          en: 'This is a class: the instructor gives out the accounts; sign in with the password you were given',
        });
      }
      const body = objectBody(req);
      const account = await accounts.create(textOf(body.address), textOf(body.password));
      res.setHeader('Set-Cookie', webSessions.cookie(webSessions.create(account.address)));
      res.status(201).json({ account } satisfies AccountResponse);
    },
  });

  endpoint(router, '/api/lab/account/sign-in', {
    post: async (req, res) => {
      const body = objectBody(req);
      const account = await accounts.signIn(textOf(body.address), textOf(body.password));
      if (!account) throw userError(401, 'bad_credentials', { ru: 'Неверный адрес или пароль учётной записи', en: 'Wrong address or account password' });
      res.setHeader('Set-Cookie', webSessions.cookie(webSessions.create(account.address)));
      res.json({ account } satisfies AccountResponse);
    },
  });

  endpoint(router, '/api/lab/account/sign-out', {
    post(req, res) {
      const current = webSessions.fromHeaders(req.headers);
      if (current) webSessions.destroy(current.token);
      res.setHeader('Set-Cookie', webSessions.cookie(undefined));
      res.status(204).end();
    },
  });

  endpoint(router, '/api/lab/account', {
    get: [
      signedIn,
      (_req, res) => {
        const account = accounts.get(address(res));
        if (!account) throw userError(401, 'not_signed_in', { ru: 'Учётной записи больше нет', en: 'The account no longer exists' });
        res.json({ account } satisfies AccountResponse);
      },
    ],
  });

  endpoint(router, '/api/lab/account/app-passwords', {
    get: [signedIn, (_req, res) => void res.json({ appPasswords: accounts.get(address(res))?.appPasswords ?? [] })],
    post: [
      signedIn,
      async (req, res) => {
        res.status(201).json(newAppPassword(await accounts.createAppPassword(address(res), textOf(objectBody(req).label))));
      },
    ],
  });

  endpoint(router, '/api/lab/account/app-passwords/:id', {
    delete: [
      signedIn,
      async (req, res) => {
        if (!(await accounts.revokeAppPassword(address(res), String(req.params.id)))) throw userError(404, 'not_found', NO_APP_PASSWORD);
        res.status(204).end();
      },
    ],
  });

  // The CLI's routes (`smtp-lab account add | app-password | list | revoke`).
  endpoint(router, '/api/lab/admin/accounts', {
    get: (_req, res) => void res.json({ accounts: accounts.list() }),
    post: async (req, res) => {
      const body = objectBody(req);
      const options = { ...(body.role === 'instructor' ? { role: 'instructor' as const } : {}), ...(typeof body.name === 'string' ? { name: body.name } : {}) };
      res.status(201).json({ account: await accounts.create(textOf(body.address), textOf(body.password), options) } satisfies AccountResponse);
    },
  });

  endpoint(router, '/api/lab/admin/accounts/:address/app-passwords', {
    post: async (req, res) => {
      res.status(201).json(newAppPassword(await accounts.createAppPassword(String(req.params.address), textOf(objectBody(req).label))));
    },
  });

  endpoint(router, '/api/lab/admin/accounts/:address/app-passwords/:id', {
    delete: async (req, res) => {
      if (!(await accounts.revokeAppPassword(String(req.params.address), String(req.params.id)))) throw userError(404, 'not_found', NO_APP_PASSWORD);
      res.status(204).end();
    },
  });

  return router;
}
