// The signed-in account's webhooks on the lab's Discord server (the Messages → Discord page, the
// CLI): list them, create one (its URL, with the token, is in that answer only), give one a new
// token (the old URL then gets 401 Invalid Webhook Token), delete one (404 Unknown Webhook
// after). Another account's webhook is not found, as if it did not exist.
import { Router, type Response } from 'express';
import type { WorldRoutesDeps } from '../channel-driver.js';
import type { FieldErrors } from '../channel-wire.js';
import { noStore } from '../../../server/http/access.js';
import { endpoint } from '../../../server/http/endpoint.js';
import { userError } from '../../../server/http/http-error.js';
import { objectBody, textOf } from '../../../server/http/request-body.js';
import { usernameProblem } from './discord-limits.js';
import { DiscordWorldError, MAX_WEBHOOKS_PER_CHANNEL, type DiscordWorld } from './discord-world.js';

export type DiscordRoutesDeps = WorldRoutesDeps & {
  /** The simulator's address (webhook URLs start with it); '' while it is off. */
  baseUrl(): string;
};

const BASE = '/api/lab/channels/discord';
const INVALID_FIELDS = { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' };
/** A new Discord server's first text channel. */
export const DEFAULT_CHANNEL_NAME = 'general';
const MAX_CHANNEL_NAME = 100;

/** Discord writes a text channel's name in lower case with dashes for spaces. */
export const channelNameOf = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '-');

export function validateWebhookInput(body: Record<string, unknown>): { ok: true; name: string; channelName: string } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = textOf(body.name).trim();
  const problem = name ? usernameProblem(name) : null;
  if (!name) errors.name = { ru: 'Дайте вебхуку имя.', en: 'Give the webhook a name.' };
  else if (problem?.code === 'BASE_TYPE_BAD_LENGTH') errors.name = { ru: 'Имя вебхука — до 80 символов.', en: 'A webhook name is up to 80 characters.' };
  else if (problem) {
    errors.name = {
      ru: `Discord не примет это имя: в нём не может быть «discord» и «clyde», и оно не может быть «everyone» или «here» (${problem.message}).`,
      en: `Discord would refuse this name: it may not contain "discord" or "clyde", nor be "everyone" or "here" (${problem.message}).`,
    };
  }
  const channelName = channelNameOf(textOf(body.channelName)) || DEFAULT_CHANNEL_NAME;
  if ([...channelName].length > MAX_CHANNEL_NAME) errors.channelName = { ru: 'Имя канала — до 100 символов.', en: 'A channel name is up to 100 characters.' };
  else if (!/^[\p{L}\p{N}_-]+$/u.test(channelName))
    errors.channelName = { ru: 'В имени канала — буквы, цифры, «-» и «_».', en: 'A channel name has letters, digits, "-" and "_".' };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, name, channelName };
}

export function discordWorldRoutes(world: DiscordWorld, deps: DiscordRoutesDeps): Router {
  const router = Router();
  router.use(BASE, noStore);
  const owner = (res: Response) => deps.ownerOf(res);
  const notFound = () => userError(404, 'webhook_not_found', { ru: 'Такого вебхука нет', en: 'No such webhook' });
  const baseUrl = () => {
    const url = deps.baseUrl();
    if (!url) throw userError(409, 'simulator_off', { ru: 'Симулятор Discord выключен', en: 'The Discord simulator is off' });
    return url;
  };

  endpoint(router, `${BASE}/world`, {
    get: [deps.guard, (_req, res) => void res.json(world.view(owner(res), deps.baseUrl()))],
  });

  endpoint(router, `${BASE}/webhooks`, {
    post: [
      deps.guard,
      async (req, res) => {
        const input = validateWebhookInput(objectBody(req));
        if (!input.ok) throw userError(400, 'invalid_fields', INVALID_FIELDS, input.errors);
        try {
          const created = await world.createWebhook(owner(res), { name: input.name, channelName: input.channelName }, baseUrl());
          deps.changed(owner(res));
          res.status(201).json(created);
        } catch (err) {
          if (!(err instanceof DiscordWorldError)) throw err;
          throw userError(400, 'too_many_webhooks', {
            ru: `В канале #${input.channelName} уже ${MAX_WEBHOOKS_PER_CHANNEL} вебхуков — больше Discord не разрешает. Удалите ненужный.`,
            en: `#${input.channelName} already has ${MAX_WEBHOOKS_PER_CHANNEL} webhooks, Discord's maximum. Delete one you do not need.`,
          });
        }
      },
    ],
  });

  endpoint(router, `${BASE}/webhooks/:id`, {
    delete: [
      deps.guard,
      async (req, res) => {
        if (!(await world.deleteWebhook(owner(res), String(req.params.id)))) throw notFound();
        deps.changed(owner(res));
        res.status(204).end();
      },
    ],
  });

  endpoint(router, `${BASE}/webhooks/:id/token`, {
    post: [
      deps.guard,
      async (req, res) => {
        const renewed = await world.regenerateToken(owner(res), String(req.params.id), baseUrl());
        if (!renewed) throw notFound();
        deps.changed(owner(res));
        res.json({ url: renewed.url });
      },
    ],
  });

  return router;
}
