// The lab's Discord: the webhook endpoints of discord.com/api as a sender meets them — execute
// (POST /api/[v{n}/]webhooks/{id}/{token}, ?wait=true for the created message, else 204), get
// (GET, the webhook object without `user`) —, the bodies Discord reads (JSON, a form, multipart
// with payload_json), its limits, rate-limit headers and 429s, and its errors word for word.
// discord-api-docs (Webhook, Rate Limits, JSON Error Codes) and the replies people quote in
// issue reports are the sources. Each request with its reply is recorded as an exchange, the
// token masked; each accepted message is captured for the Messages → Discord page.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ChannelStore } from '../channel-store.js';
import type { DiscordContent } from '../channel-wire.js';
import { exchangeIdOf, httpExchangeRecorder, MASK, notesOf, rawBody } from '../http-exchange.js';
import { explainDiscord } from './discord-explain-rules.js';
import { checkExecuteBody, FIELD_ERRORS, formErrorBody, type DiscordFieldError, type FormErrorStyle } from './discord-limits.js';
import { createDiscordRateLimits, type DiscordRateLimitOptions, type DiscordRateLimits } from './discord-rate-limit.js';
import type { DiscordWebhookRecord, DiscordWorld } from './discord-world.js';

export interface DiscordSimulatorOptions {
  host?: string;
  port?: number;
  store: ChannelStore;
  world: DiscordWorld;
  limits?: DiscordRateLimitOptions;
}

export interface DiscordSimulator {
  url: string;
  port: number;
  rateLimits: DiscordRateLimits;
  close(): Promise<void>;
}

/** A request line, or a path alone (the exchange's summary): the part a token may hide in. */
const REQUEST_PATH = /^((?:[A-Z]+ )?)(\/\S*)(.*)$/s;

/**
 * The token segment of a webhook path — and, in a path that is not quite one (`/api/webhook/…`),
 * any segment long enough to be a token —, and a `"token"` in a reply (GET answers the webhook with it).
 */
export function maskDiscordSecrets(text: string): string {
  const request = REQUEST_PATH.exec(text);
  const masked = request
    ? `${request[1]}${(request[2] ?? '').replace(/(\/webhooks\/[^/?#]+\/)[^/?#]+/g, `$1${MASK}`).replace(/[A-Za-z0-9_%.-]{40,}/g, MASK)}${request[3]}`
    : text;
  return masked.replace(/("token"\s*:\s*")[^"]*"/g, `$1${MASK}"`);
}

const REPLY_HEADERS = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-reset-after',
  'x-ratelimit-bucket',
  'x-ratelimit-global',
  'x-ratelimit-scope',
  'retry-after',
];

/** Discord's API answers with Python's json.dumps spacing: `{"message": "Unknown Webhook", "code": 10015}`. */
export function discordJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(discordJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${discordJson(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const GENERAL = {
  badRequest: { message: '400: Bad Request', code: 0 },
  unauthorized: { message: '401: Unauthorized', code: 0 },
  notFound: { message: '404: Not Found', code: 0 },
  methodNotAllowed: { message: '405: Method Not Allowed', code: 0 },
  internal: { message: '500: Internal Server Error', code: 0 },
};
const UNKNOWN_WEBHOOK = { message: 'Unknown Webhook', code: 10015 };
const INVALID_TOKEN = { message: 'Invalid Webhook Token', code: 50027 };
const INVALID_JSON = { message: 'The request body contains invalid JSON.', code: 50109 };
const INVALID_VERSION = { message: 'Invalid API version provided', code: 50041 };
const TOO_LARGE = { message: 'Request entity too large', code: 40005 };

/** /api/webhooks/{id}/{token}, optionally /api/v{n}/…; the id or the token may be missing (a wrong URL). */
const WEBHOOK_PATH = /^\/api(?:\/v(\d+))?\/webhooks(?:\/([^/]+))?(?:\/([^/]+))?\/?$/;
/** v8 brought today's form errors; an unversioned URL (the one Discord hands out) is still v6. */
const STYLE_OF_VERSION: Record<string, FormErrorStyle> = { '': 'legacy', '6': 'legacy', '7': 'legacy', '8': 'current', '9': 'current', '10': 'current' };

function send(res: Response, status: number, body: unknown, owner?: string) {
  const notes = notesOf(res);
  if (owner) notes.owner = owner;
  if (status >= 400) notes.explanation = explainDiscord(status, body);
  res.status(status).type('application/json').send(discordJson(body));
}

/** Discord's timestamps: ISO 8601 with microseconds and +00:00. */
const timestamp = (at = new Date()) => at.toISOString().replace('Z', '000+00:00');

/** `?wait=` as Discord reads a boolean; undefined when it is not one. */
function readWait(value: string | null): boolean | undefined {
  if (value === null) return false;
  const v = value.toLowerCase();
  return ['true', '1'].includes(v) ? true : ['false', '0'].includes(v) ? false : undefined;
}

type Payload = { ok: true; payload: unknown; files: number; ignoredType: string | null } | { ok: false; status: number; body: unknown };

/** The body as Discord reads it: JSON, a form, or multipart (payload_json and files); anything else reads as nothing. */
async function readPayload(req: Request, style: FormErrorStyle): Promise<Payload> {
  const body = rawBody(req);
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.length === 0) return { ok: true, payload: {}, files: 0, ignoredType: null };
  const text = body.toString('utf8');
  if (type === 'application/json') {
    try {
      return { ok: true, payload: JSON.parse(text) as unknown, files: 0, ignoredType: null };
    } catch {
      return { ok: false, status: 400, body: INVALID_JSON };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { ok: true, payload: Object.fromEntries(new URLSearchParams(text)), files: 0, ignoredType: null };
  if (type === 'multipart/form-data') {
    // The fetch API's own multipart parser (undici, in Node): no dependency for one content type.
    let form: FormData;
    try {
      form = await new globalThis.Request('http://lab/', {
        method: 'POST',
        headers: { 'content-type': String(req.headers['content-type']) },
        body: new Uint8Array(body),
      }).formData();
    } catch {
      return { ok: false, status: 400, body: GENERAL.badRequest };
    }
    let files = 0;
    const fields: Record<string, unknown> = {};
    form.forEach((value, name) => {
      if (typeof value === 'string') fields[name] = value;
      else files += 1;
    });
    if (typeof fields.payload_json !== 'string') return { ok: true, payload: fields, files, ignoredType: null };
    try {
      return { ok: true, payload: JSON.parse(fields.payload_json) as unknown, files, ignoredType: null };
    } catch {
      const error: DiscordFieldError = { code: 'JSON_TYPE_INVALID', message: 'Expected "payload_json" to be a valid JSON string.' };
      return { ok: false, status: 400, body: formErrorBody([{ path: ['payload_json'], error }], style) };
    }
  }
  // Discord reads a body of another type as no body at all: "Cannot send an empty message".
  return { ok: true, payload: {}, files: 0, ignoredType: type || '(none)' };
}

function webhookObject(w: DiscordWebhookRecord, guildId: string) {
  return { application_id: null, avatar: null, channel_id: w.channelId, guild_id: guildId, id: w.id, name: w.name, type: 1, token: w.token };
}

export async function createDiscordSimulator(options: DiscordSimulatorOptions): Promise<DiscordSimulator> {
  const { store, world } = options;
  const host = options.host ?? '127.0.0.1';
  const rateLimits = createDiscordRateLimits(options.limits);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const ownerOfPath = (path: string) => {
    const id = WEBHOOK_PATH.exec(path)?.[2];
    return id ? world.find(id)?.owner : undefined;
  };
  app.use(
    httpExchangeRecorder(
      {
        store,
        channel: 'discord',
        service: 'discord-webhook',
        mask: maskDiscordSecrets,
        replyHeaders: REPLY_HEADERS,
        requestHeaders: ['content-type', 'user-agent'],
      },
      (res) => send(res, 413, TOO_LARGE, ownerOfPath(res.req.path)),
    ),
  );

  const execute = async (req: Request, res: Response, w: DiscordWebhookRecord, style: FormErrorStyle) => {
    const url = new URL(req.originalUrl, 'http://lab');
    const wait = readWait(url.searchParams.get('wait'));
    if (wait === undefined) return send(res, 400, formErrorBody([{ path: ['wait'], error: FIELD_ERRORS.boolean() }], style));
    const read = await readPayload(req, style);
    if (!read.ok) return send(res, read.status, read.body);
    const checked = checkExecuteBody(read.payload, { style, files: read.files });
    if (!checked.ok) {
      send(res, checked.status, checked.body);
      const notes = notesOf(res);
      if (read.ignoredType && notes.explanation) {
        notes.explanation.cause = {
          ru: `${notes.explanation.cause.ru} Тело пришло как ${read.ignoredType}, а Discord читает только JSON, форму и multipart.`,
          en: `${notes.explanation.cause.en} The body came as ${read.ignoredType}, and Discord reads only JSON, a form and multipart.`,
        };
      }
      return;
    }
    const m = checked.message;
    const messageId = world.snowflake();
    const content: DiscordContent = {
      kind: 'discord',
      webhookId: w.id,
      webhookName: w.name,
      channelName: w.channelName,
      username: m.username,
      avatarUrl: m.avatarUrl,
      content: m.content,
      embeds: m.embeds,
      messageId,
    };
    const message = store.addMessage({ channel: 'discord', service: 'discord-webhook', exchangeId: exchangeIdOf(res), owner: w.owner, content });
    notesOf(res).messageIds.push(message.ID);
    if (!wait) return void res.status(204).end();
    send(res, 200, {
      id: messageId,
      type: 0,
      content: m.content,
      channel_id: w.channelId,
      author: { bot: true, id: w.id, username: m.username ?? w.name, avatar: null, discriminator: '0000' },
      attachments: [],
      embeds: m.embeds.map((e) => ({ type: 'rich', ...e })),
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: m.tts,
      timestamp: timestamp(),
      edited_timestamp: null,
      flags: 0,
      components: [],
      webhook_id: w.id,
    });
  };

  app.use(async (req: Request, res: Response) => {
    const route = WEBHOOK_PATH.exec(req.path);
    if (!route) return send(res, 404, GENERAL.notFound);
    const [, version = '', rawId, rawToken] = route;
    if (rawId === undefined) return send(res, 404, GENERAL.notFound);
    const id = decodeURIComponent(rawId);
    const decision = rateLimits.take(id, req.socket.remoteAddress ?? '?');
    res.set(decision.headers);
    const known = world.find(id);
    if (!decision.allowed) return send(res, 429, decision.body, known?.owner);
    const style = STYLE_OF_VERSION[version];
    if (!style) return send(res, 400, INVALID_VERSION, known?.owner);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    // Without a token the path is Get/Modify/Delete Webhook, which need a bot's Authorization; POST is no method there.
    if (rawToken === undefined)
      return ['GET', 'PATCH', 'DELETE'].includes(method) ? send(res, 401, GENERAL.unauthorized) : send(res, 405, GENERAL.methodNotAllowed);
    if (method !== 'GET' && method !== 'POST') return send(res, 405, GENERAL.methodNotAllowed, known?.owner);
    if (!/^\d+$/.test(id)) return send(res, 400, formErrorBody([{ path: ['webhook_id'], error: FIELD_ERRORS.snowflake(id) }], style));
    if (!known) return send(res, 404, UNKNOWN_WEBHOOK);
    if (decodeURIComponent(rawToken) !== known.token) return send(res, 401, INVALID_TOKEN, known.owner);
    notesOf(res).owner = known.owner;
    if (method === 'GET') return send(res, 200, webhookObject(known, world.guildId));
    await execute(req, res, known, style);
  });

  // Nothing a client sends crashes the simulator: malformed percent-encoding is Discord's 400, anything else its 500.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return void res.end();
    send(res, err instanceof URIError ? 400 : 500, err instanceof URIError ? GENERAL.badRequest : GENERAL.internal);
  });

  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    rateLimits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
