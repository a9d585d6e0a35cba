// The lab's Telegram Bot API on loopback: `/bot<token>/<method>` by GET or POST, the method name
// in any case, parameters from the query, a form or JSON; every answer in the Bot API's envelope
// (`{ok:true,result}` or `{ok:false,error_code,description[,parameters]}`, the HTTP status equal
// to error_code, Retry-After on 429); every request recorded as an exchange with the token
// masked and, when refused, explained. A client's apiRoot set to its url is all it takes.
// The path and token checks follow tdlib/telegram-bot-api (HttpConnection.cpp, ClientManager.cpp).
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ChannelStore } from '../channel-store.js';
import { httpExchangeRecorder, notesOf, requestParams } from '../http-exchange.js';
import { explainTelegram } from './telegram-explain-rules.js';
import { maskTelegramSecrets } from './telegram-mask.js';
import { createTelegramMethods, type MethodAnswer } from './telegram-methods.js';
import { DEFAULT_TELEGRAM_LIMITS, type TelegramLimits } from './telegram-rate-limits.js';
import type { TelegramWorld } from './telegram-world.js';

export type { TelegramLimits };

export interface TelegramSimulatorOptions {
  host: string;
  port: number;
  store: ChannelStore;
  world: TelegramWorld;
  /** The flood limits (tests make them small). */
  limits?: Partial<TelegramLimits>;
  now?: () => number;
}

export interface TelegramSimulator {
  /** What a client's apiRoot is set to, e.g. http://127.0.0.1:8026 */
  url: string;
  port: number;
  close(): Promise<void>;
}

const NOT_FOUND: MethodAnswer = { ok: false, status: 404, description: 'Not Found' };

/** The tokens the Bot API refuses without looking them up (ClientManager::send). */
function wellFormedToken(token: string): boolean {
  if (token.startsWith('0') || token.length > 80 || token.includes('/')) return false;
  const colon = token.indexOf(':');
  if (colon < 0) return false;
  const id = token.slice(0, colon);
  return /^\d{1,17}$/.test(id) && Number(id) > 0 && Number(id) < 2 ** 54;
}

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

function reply(res: Response, answer: MethodAnswer): void {
  if (res.headersSent || res.destroyed) return;
  let status = 200;
  let body: Record<string, unknown>;
  if (answer.ok) {
    body = { ok: true, result: answer.result, ...(answer.description ? { description: answer.description } : {}) };
  } else {
    status = answer.status;
    body = {
      ok: false,
      error_code: answer.status,
      description: answer.description,
      ...(answer.retryAfter ? { parameters: { retry_after: answer.retryAfter } } : {}),
    };
    if (answer.retryAfter) res.setHeader('Retry-After', String(answer.retryAfter));
    notesOf(res).explanation = explainTelegram(answer.status, answer.description);
  }
  res.status(status).type('application/json').send(JSON.stringify(body));
}

export async function createTelegramSimulator(options: TelegramSimulatorOptions): Promise<TelegramSimulator> {
  const { host, store, world } = options;
  const methods = createTelegramMethods({ store, world, limits: { ...DEFAULT_TELEGRAM_LIMITS, ...options.limits }, now: options.now });
  const stopping = new AbortController();

  const handle = async (req: Request, res: Response) => {
    const path = req.originalUrl.split('?')[0] ?? '';
    if (!path.startsWith('/bot')) return reply(res, NOT_FOUND);
    const rest = path.slice('/bot'.length);
    const slash = rest.indexOf('/');
    // api.telegram.org answers /bot/getMe (no token at all) with 404, as a path it does not serve.
    if (slash <= 0) return reply(res, NOT_FOUND);
    const token = decoded(rest.slice(0, slash));
    if (!wellFormedToken(token)) return reply(res, { ok: false, status: 401, description: 'Unauthorized: invalid token specified' });
    const bot = world.byToken(token);
    if (!bot) {
      // A revoked or mistyped token of a known bot: its owner sees the exchange.
      const known = world.botById(Number(token.slice(0, token.indexOf(':'))));
      if (known) notesOf(res).owner = known.owner;
      return reply(res, { ok: false, status: 401, description: 'Unauthorized' });
    }
    notesOf(res).owner = bot.owner;
    const method = methods.get(decoded(rest.slice(slash + 1)).toLowerCase());
    if (!method) return reply(res, NOT_FOUND);
    const params = requestParams(req);
    if (!params.ok) return reply(res, { ok: false, status: 400, description: `Bad Request: ${params.problem}` });
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    reply(res, await method({ bot, params: params.params, res, signal: AbortSignal.any([gone.signal, stopping.signal]) }));
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(
    httpExchangeRecorder({ store, channel: 'telegram', service: 'telegram-bot-api', mask: maskTelegramSecrets, replyHeaders: ['retry-after'] }, (res) =>
      reply(res, { ok: false, status: 413, description: 'Request Entity Too Large' }),
    ),
  );
  app.use((req: Request, res: Response) => {
    handle(req, res).catch(() => reply(res, { ok: false, status: 500, description: 'Internal Server Error' }));
  });
  // Nothing a client sends may stop the service: whatever slipped through is a 500 in the envelope.
  app.use((_err: unknown, _req: Request, res: Response, _next: NextFunction) => reply(res, { ok: false, status: 500, description: 'Internal Server Error' }));

  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(options.port, host);
    listening.once('error', reject);
    listening.once('listening', () => {
      listening.off('error', reject);
      resolve(listening);
    });
  });
  server.on('error', () => undefined);
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    async close() {
      stopping.abort();
      methods.close();
      // The waiting getUpdates just answered: let their replies go before the sockets do.
      await new Promise((resolve) => setImmediate(resolve));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
