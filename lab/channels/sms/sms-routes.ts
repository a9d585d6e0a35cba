// The signed-in account's SMS provider in the lab (the Messages → SMS page, the CLI): what it
// has, SMPP accounts (the password is in the answer that creates one, and never again) and
// SMS.ru-like API keys (likewise the api_id), each deleted by its name. Another account's
// account or key is not found, as if it did not exist.
import { Router, type Response } from 'express';
import { noStore } from '../../../server/http/access.js';
import { endpoint } from '../../../server/http/endpoint.js';
import { HttpError, userError } from '../../../server/http/http-error.js';
import { objectBody, textOf } from '../../../server/http/request-body.js';
import type { WorldRoutesDeps } from '../channel-driver.js';
import { SmsWorldError, type SmsWorld } from './sms-world.js';

const BASE = '/api/lab/channels/sms';
const INVALID_FIELDS = { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' };

/** The world's refusal in the HTTP boundary's words: a field error for a bad system_id, else the message. */
function httpErrorOf(err: SmsWorldError): HttpError {
  if (err.field)
    return userError(err.status, err.status === 400 ? 'invalid_fields' : err.code, err.status === 400 ? INVALID_FIELDS : err.text, { [err.field]: err.text });
  return userError(err.status, err.code, err.text);
}

export function smsWorldRoutes(world: SmsWorld, deps: WorldRoutesDeps): Router {
  const router = Router();
  router.use(BASE, noStore);
  const owner = (res: Response) => deps.ownerOf(res);
  const run = <T>(make: () => T): T => {
    try {
      return make();
    } catch (err) {
      throw err instanceof SmsWorldError ? httpErrorOf(err) : err;
    }
  };

  endpoint(router, `${BASE}/world`, {
    get: [deps.guard, (_req, res) => void res.json(world.view(owner(res)))],
  });

  endpoint(router, `${BASE}/smpp-accounts`, {
    post: [
      deps.guard,
      (req, res) => {
        const systemId = textOf(objectBody(req).systemId).trim();
        const created = run(() => world.createSmppAccount(owner(res), systemId ? { systemId } : {}));
        deps.changed(owner(res));
        res.status(201).json(created);
      },
    ],
  });

  endpoint(router, `${BASE}/smpp-accounts/:systemId`, {
    delete: [
      deps.guard,
      (req, res) => {
        if (!world.deleteSmppAccount(owner(res), String(req.params.systemId)))
          throw userError(404, 'smpp_account_not_found', { ru: 'Такой учётной записи SMPP нет', en: 'No such SMPP account' });
        deps.changed(owner(res));
        res.status(204).end();
      },
    ],
  });

  endpoint(router, `${BASE}/api-keys`, {
    post: [
      deps.guard,
      (_req, res) => {
        const created = run(() => world.createApiKey(owner(res)));
        deps.changed(owner(res));
        res.status(201).json(created);
      },
    ],
  });

  endpoint(router, `${BASE}/api-keys/:hint`, {
    delete: [
      deps.guard,
      (req, res) => {
        if (!world.deleteApiKey(owner(res), String(req.params.hint)))
          throw userError(404, 'api_key_not_found', { ru: 'Такого ключа API нет', en: 'No such API key' });
        deps.changed(owner(res));
        res.status(204).end();
      },
    ],
  });

  return router;
}
