// The lab's BotFather and Telegram app over HTTP, for the Messages → Telegram page and the CLI:
// the signed-in account's bots (a token shown once, when made or revoked) and chats, and the
// user's side of a chat — press Start, block, kick — each change announced to the owner.
import express, { Router, type Request, type Response } from 'express';
import { noStore } from '../../../server/http/access.js';
import { endpoint } from '../../../server/http/endpoint.js';
import { userError } from '../../../server/http/http-error.js';
import { objectBody } from '../../../server/http/request-body.js';
import type { WorldRoutesDeps } from '../channel-driver.js';
import { TelegramWorldError, type TelegramWorld } from './telegram-world.js';

const BASE = '/api/lab/channels/telegram';

/** A numeric id from the path or the body; NaN (found nowhere) for anything else. */
const idOf = (value: unknown): number =>
  typeof value === 'number' ? value : typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim()) ? Number(value) : NaN;

export function telegramWorldRoutes(world: TelegramWorld, deps: WorldRoutesDeps): Router {
  const router = Router();
  router.use(BASE, noStore, express.json({ limit: '64kb', strict: false }));

  /** Runs one action of the owner, answering the world's refusals in their words. */
  const act =
    (status: number, action: (owner: string, req: Request) => unknown, changes = true) =>
    (req: Request, res: Response) => {
      const owner = deps.ownerOf(res);
      let answer: unknown;
      try {
        answer = action(owner, req);
      } catch (err) {
        if (err instanceof TelegramWorldError) throw userError(err.status, err.code, err.text, err.fields);
        throw err;
      }
      if (changes) deps.changed(owner);
      if (answer === undefined) res.status(204).end();
      else res.status(status).json(answer);
    };
  const param = (req: Request, name: string) => idOf(req.params[name]);

  endpoint(router, `${BASE}/world`, { get: [deps.guard, act(200, (owner) => world.view(owner), false)] });
  endpoint(router, `${BASE}/bots`, { post: [deps.guard, act(201, (owner, req) => world.createBot(owner, objectBody(req)))] });
  endpoint(router, `${BASE}/bots/:id/token`, { post: [deps.guard, act(200, (owner, req) => ({ token: world.revokeToken(owner, param(req, 'id')) }))] });
  endpoint(router, `${BASE}/bots/:id`, { delete: [deps.guard, act(204, (owner, req) => void world.deleteBot(owner, param(req, 'id')))] });
  endpoint(router, `${BASE}/chats`, { post: [deps.guard, act(201, (owner, req) => world.createChat(owner, objectBody(req)))] });
  endpoint(router, `${BASE}/chats/:id/start`, {
    post: [deps.guard, act(200, (owner, req) => world.start(owner, param(req, 'id'), idOf(objectBody(req).botId)))],
  });
  endpoint(router, `${BASE}/chats/:id/block`, {
    post: [
      deps.guard,
      act(200, (owner, req) => {
        const body = objectBody(req);
        if (typeof body.blocked !== 'boolean') {
          throw userError(
            400,
            'invalid_fields',
            { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' },
            { blocked: { ru: 'blocked — true или false.', en: 'blocked is true or false.' } },
          );
        }
        return world.block(owner, param(req, 'id'), idOf(body.botId), body.blocked);
      }),
    ],
  });
  endpoint(router, `${BASE}/chats/:id`, { delete: [deps.guard, act(204, (owner, req) => void world.deleteChat(owner, param(req, 'id')))] });
  return router;
}
