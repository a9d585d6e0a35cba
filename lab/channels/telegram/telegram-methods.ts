// The Bot API methods the lab's Telegram serves — getMe, getUpdates (long polling), setWebhook,
// deleteWebhook, getWebhookInfo, sendMessage — with the service's checks in the service's order
// (tdlib/telegram-bot-api Client.cpp): the text first (empty, parse_mode, entities), then the
// chat (chat_id, membership), then the message (non-empty after trimming, 4096 characters), then
// what only the servers know (blocked, never started, flood limits).
import type { Response } from 'express';
import type { ChannelStore } from '../channel-store.js';
import type { TelegramContent } from '../channel-wire.js';
import { exchangeIdOf, notesOf } from '../http-exchange.js';
import { finishMessageText, parseModeOf, parseTelegramMarkup, textLength } from './telegram-markup.js';
import { botUserJson, getMeJson, messageJson } from './telegram-objects.js';
import { createRateLimiter, type TelegramLimits } from './telegram-rate-limits.js';
import type { TelegramBot, TelegramChat, TelegramWorld } from './telegram-world.js';

export type MethodAnswer = { ok: true; result: unknown; description?: string } | { ok: false; status: number; description: string; retryAfter?: number };

export interface MethodCall {
  bot: Readonly<TelegramBot>;
  params: Record<string, unknown>;
  res: Response;
  /** Aborted when the client goes away or the simulator stops. */
  signal: AbortSignal;
}

export type Method = (call: MethodCall) => MethodAnswer | Promise<MethodAnswer>;

const MAX_TEXT_BYTES = 1 << 15;
const MAX_MESSAGE_LENGTH = 4096;
const LONG_POLL_MAX_SECONDS = 50;

const ok = (result: unknown, description?: string): MethodAnswer => ({ ok: true, result, ...(description ? { description } : {}) });
const fail = (status: number, description: string, retryAfter?: number): MethodAnswer => ({
  ok: false,
  status,
  description,
  ...(retryAfter ? { retryAfter } : {}),
});

/** A parameter as the Bot API reads it: text (a JSON number or boolean as its text, an object as JSON). */
export function arg(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** tdlib's to_integer: the leading digits (with a sign), 0 when there are none; then clamped. */
function intArg(params: Record<string, unknown>, name: string, fallback: number, min = -(2 ** 31), max = 2 ** 31 - 1): number {
  const text = arg(params, name);
  const digits = /^\s*([+-]?\d+)/.exec(text)?.[1];
  const value = text === '' ? fallback : digits === undefined ? 0 : Number(digits);
  return Math.min(max, Math.max(min, value));
}

const toBool = (text: string) => text.toLowerCase() === 'true' || text === '1';

type ChatLookup = { ok: true; chat: Readonly<TelegramChat> } | { ok: false; answer: MethodAnswer };

export interface MethodsOptions {
  store: ChannelStore;
  world: TelegramWorld;
  limits: TelegramLimits;
  now?: () => number;
}

export interface TelegramMethods {
  get(name: string): Method | undefined;
  /** Answers every waiting getUpdates (the simulator stops). */
  close(): void;
}

export function createTelegramMethods({ store, world, limits, now = Date.now }: MethodsOptions): TelegramMethods {
  const limiter = createRateLimiter(limits, now);
  /** The getUpdates waiting per bot: a newer one, or setWebhook, ends it with 409. */
  const polls = new Map<number, (reason: 'conflict' | 'webhook' | 'closed') => void>();

  const chatNotFound = fail(400, 'Bad Request: chat not found');
  const findChat = (bot: Readonly<TelegramBot>, ref: string): ChatLookup => {
    if (ref === '') return { ok: false, answer: fail(400, 'Bad Request: chat_id is empty') };
    let chat: Readonly<TelegramChat> | undefined;
    if (ref.startsWith('@')) {
      if (world.botByUsername(ref.slice(1))) return { ok: false, answer: fail(403, "Forbidden: bot can't send messages to bots") };
      chat = world.chatByUsername(bot.owner, ref.slice(1));
    } else if (/^-?\d{1,16}$/.test(ref)) {
      const id = Number(ref);
      if (world.botById(id)) return { ok: false, answer: fail(403, "Forbidden: bot can't send messages to bots") };
      chat = world.chat(bot.owner, id);
    }
    // Another owner's chat is as unknown to this bot as one that does not exist.
    if (!chat) return { ok: false, answer: chatNotFound };
    if (chat.type === 'group') {
      const relation = world.relation(bot.id, chat.id);
      if (relation === 'none') return { ok: false, answer: chatNotFound };
      if (relation === 'kicked') return { ok: false, answer: fail(403, 'Forbidden: bot was kicked from the group chat') };
    }
    return { ok: true, chat };
  };

  const sendMessage: Method = ({ bot, params, res }) => {
    const raw = arg(params, 'text');
    if (raw === '') return fail(400, 'Bad Request: message text is empty');
    if (Buffer.byteLength(raw, 'utf8') > MAX_TEXT_BYTES) return fail(400, 'Bad Request: text is too long');
    const mode = parseModeOf(arg(params, 'parse_mode'));
    if (!mode.ok) return fail(400, mode.description);
    const parsed = parseTelegramMarkup(raw, mode.mode);
    if (!parsed.ok) return fail(400, parsed.description);
    const found = findChat(bot, arg(params, 'chat_id').trim());
    if (!found.ok) return found.answer;
    const { chat } = found;
    const { text, entities } = finishMessageText(parsed);
    if (text === '') return fail(400, 'Bad Request: text must be non-empty');
    if (textLength(text) > MAX_MESSAGE_LENGTH) return fail(400, 'Bad Request: message is too long');
    if (chat.type === 'private') {
      const relation = world.relation(bot.id, chat.id);
      if (relation === 'blocked') return fail(403, 'Forbidden: bot was blocked by the user');
      if (relation !== 'started') return fail(403, "Forbidden: bot can't initiate conversation with a user");
    }
    const wait = limiter.take(bot.id, chat.id, chat.type === 'group');
    if (wait !== null) return fail(429, `Too Many Requests: retry after ${wait}`, wait);

    const messageId = world.nextMessageId(chat.id);
    const dateMs = now();
    const content: TelegramContent = {
      kind: 'telegram',
      botId: bot.id,
      botUsername: bot.username,
      chatId: chat.id,
      chatTitle: chat.title,
      messageId,
      text,
      entities,
      parseMode: mode.mode,
      disableNotification: toBool(arg(params, 'disable_notification')),
    };
    const message = store.addMessage({ channel: 'telegram', service: 'telegram-bot-api', exchangeId: exchangeIdOf(res), owner: bot.owner, content });
    notesOf(res).messageIds.push(message.ID);
    return ok(messageJson({ messageId, from: botUserJson(bot), chat, dateMs, text, entities }));
  };

  /** Waits until the bot has an update, its token or webhook changes, the time is up, or the poll is ended. */
  const waitForUpdates = (bot: Readonly<TelegramBot>, seconds: number, signal: AbortSignal) =>
    new Promise<'update' | 'timeout' | 'conflict' | 'webhook' | 'closed'>((resolve) => {
      const done = (outcome: 'update' | 'timeout' | 'conflict' | 'webhook' | 'closed') => {
        clearTimeout(timer);
        unsubscribe();
        signal.removeEventListener('abort', aborted);
        if (polls.get(bot.id) === end) polls.delete(bot.id);
        resolve(outcome);
      };
      const end = (reason: 'conflict' | 'webhook' | 'closed') => done(reason);
      const aborted = () => done('closed');
      const timer = setTimeout(() => done('timeout'), seconds * 1000);
      const unsubscribe = world.onUpdate(bot.id, () => done('update'));
      signal.addEventListener('abort', aborted, { once: true });
      polls.set(bot.id, end);
    });

  const getUpdates: Method = async ({ bot, params, signal }) => {
    if (bot.webhookUrl) return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    // The world's record is live: a revoke changes its token while this request waits.
    const token = bot.token;
    const offset = intArg(params, 'offset', 0);
    const limit = intArg(params, 'limit', 100, 1, 100);
    const timeout = intArg(params, 'timeout', 0, 0, LONG_POLL_MAX_SECONDS);
    polls.get(bot.id)?.('conflict');
    const updates = world.updates(bot.id, offset, limit);
    if (updates.length > 0 || timeout === 0) return ok(updates);
    const outcome = await waitForUpdates(bot, timeout, signal);
    if (outcome === 'conflict') return fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    if (outcome === 'webhook') return fail(409, 'Conflict: terminated by setWebhook request');
    // The token may have been revoked, or the bot deleted, while the request waited.
    if (world.byToken(token) === undefined) return fail(401, 'Unauthorized');
    if (world.botById(bot.id)?.webhookUrl) return fail(409, 'Conflict: terminated by setWebhook request');
    return ok(outcome === 'closed' ? [] : world.updates(bot.id, offset, limit));
  };

  const setWebhook = (bot: Readonly<TelegramBot>, url: string, dropPending: boolean): MethodAnswer => {
    if (url && !/^https:\/\//i.test(url)) return fail(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    if (url === bot.webhookUrl && !dropPending) return ok(true, url ? 'Webhook is already set' : 'Webhook is already deleted');
    const had = bot.webhookUrl;
    if (url) polls.get(bot.id)?.('webhook');
    world.setWebhook(bot.id, url, dropPending);
    return ok(true, url ? 'Webhook was set' : had ? 'Webhook was deleted' : 'Webhook is already deleted');
  };

  const methods = new Map<string, Method>([
    ['getme', ({ bot }) => ok(getMeJson(bot))],
    ['getupdates', getUpdates],
    ['setwebhook', ({ bot, params }) => setWebhook(bot, arg(params, 'url'), toBool(arg(params, 'drop_pending_updates')))],
    ['deletewebhook', ({ bot, params }) => setWebhook(bot, '', toBool(arg(params, 'drop_pending_updates')))],
    [
      'getwebhookinfo',
      ({ bot }) =>
        ok({
          url: bot.webhookUrl,
          has_custom_certificate: false,
          pending_update_count: world.pendingUpdates(bot.id),
          ...(bot.webhookUrl ? { max_connections: 40 } : {}),
        }),
    ],
    ['sendmessage', sendMessage],
  ]);

  return {
    get: (name) => methods.get(name),
    close() {
      for (const end of [...polls.values()]) end('closed');
    },
  };
}
