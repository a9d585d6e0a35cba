// The Telegram channel as the lab plugs it in: the integration's form and presets, and the
// sender. The sender is grammY's Api (npm `grammy`): a maintained Bot API client that takes
// `apiRoot`, so the same code talks to the lab's simulator and to api.telegram.org — only the
// address and the token change. Its GrammyError carries the service's error_code, description
// and retry_after as they came; its HttpError means nothing answered.
import { Api, GrammyError, HttpError } from 'grammy';
import type { ChannelDriver, ChannelSendOptions } from '../channel-driver.js';
import type { ChannelExplanation, ChannelSendResult, ChannelTestInput } from '../channel-wire.js';
import { MASK } from '../http-exchange.js';
import { sendWithRetries, type AttemptOutcome } from '../senders/retrying-send.js';
import { explainTelegram } from './telegram-explain-rules.js';
import { maskTelegramSecrets } from './telegram-mask.js';
import {
  DEFAULT_ATTEMPTS,
  TELEGRAM_FIELDS,
  TELEGRAM_TEST_FIELDS,
  telegramPresets,
  validateTelegram,
  validateTelegramTest,
  type TelegramSettings,
} from './telegram-settings.js';

export type { TelegramSettings };

interface TelegramOutcome extends AttemptOutcome {
  explanation: ChannelExplanation | null;
  serviceMessageId: string | null;
  /** The system error's code when nothing answered (ECONNREFUSED, ENOTFOUND, …). */
  networkCode: string | null;
}

const REQUEST_TIMEOUT_SECONDS = 20;
/** grammY types its signal with the abort-controller package's AbortSignal; Node's is the same thing at run time. */
type GrammySignal = Parameters<Api['sendMessage']>[3];

/** What a network failure was: node-fetch's error code or type, or grammY's own timeout. */
function networkFailure(err: HttpError): { code: string; detail: string } {
  const inner = err.error as { code?: unknown; type?: unknown; message?: unknown } | undefined;
  const message = typeof inner?.message === 'string' ? inner.message : err.message;
  const code =
    typeof inner?.code === 'string'
      ? inner.code
      : inner?.type === 'invalid-json'
        ? 'INVALID_JSON'
        : inner?.type === 'aborted'
          ? 'ABORTED'
          : /timed out/i.test(message)
            ? 'ETIMEDOUT'
            : 'NETWORK';
  return { code, detail: maskTelegramSecrets(message) };
}

/** A chat id as grammY users pass it: a number, or the @name as it is. */
const chatIdParam = (chatId: string): number | string => (/^-?\d{1,15}$/.test(chatId) ? Number(chatId) : chatId);

async function sendTelegram(
  settings: TelegramSettings,
  message: ChannelTestInput,
  options: ChannelSendOptions = {},
): Promise<ChannelSendResult & { serviceMessageId: string | null }> {
  const hide = (text: string) => maskTelegramSecrets(settings.botToken ? text.split(settings.botToken).join(MASK) : text);
  const chatId = message.to?.trim() || settings.chatId;
  // An automaton's alert may name its own parse mode (its values were escaped for it); a title is the first line.
  const parseMode = message.parseMode ?? settings.parseMode;
  const text = message.title ? `${message.title}\n${message.text}` : message.text;
  let api: Api | undefined;
  let setupProblem: string | null = null;
  try {
    api = new Api(settings.botToken, { apiRoot: settings.apiRoot, timeoutSeconds: REQUEST_TIMEOUT_SECONDS });
  } catch (err) {
    setupProblem = hide((err as Error).message);
  }

  const once = async (): Promise<TelegramOutcome> => {
    const nothing = { serviceMessageId: null, networkCode: null };
    if (!api)
      return {
        ok: false,
        status: null,
        reply: null,
        retryAfterSeconds: null,
        transient: false,
        explanation: explainTelegram(null, setupProblem, 'SETUP'),
        ...nothing,
      };
    try {
      const sent = await api.sendMessage(chatIdParam(chatId), text, parseMode === 'none' ? {} : { parse_mode: parseMode }, options.signal as GrammySignal);
      return {
        ok: true,
        status: 200,
        reply: hide(JSON.stringify({ ok: true, result: sent })),
        retryAfterSeconds: null,
        transient: false,
        explanation: null,
        serviceMessageId: `${sent.chat.id}:${sent.message_id}`,
        networkCode: null,
      };
    } catch (err) {
      if (err instanceof GrammyError) {
        const status = err.error_code;
        const retryAfter = typeof err.parameters.retry_after === 'number' ? err.parameters.retry_after : null;
        const description = hide(err.description);
        return {
          ok: false,
          status,
          reply: description,
          retryAfterSeconds: retryAfter,
          transient: status === 429 || status >= 500,
          explanation: explainTelegram(status, description),
          ...nothing,
        };
      }
      const { code, detail } = err instanceof HttpError ? networkFailure(err) : { code: 'NETWORK', detail: hide(String((err as Error)?.message ?? err)) };
      return {
        ok: false,
        status: null,
        reply: null,
        retryAfterSeconds: null,
        transient: true,
        explanation: explainTelegram(null, detail, code),
        serviceMessageId: null,
        networkCode: code,
      };
    }
  };

  const { last, attempts } = await sendWithRetries(once, {
    attempts: options.attempts ?? settings.attempts ?? DEFAULT_ATTEMPTS,
    waitScale: options.waitScale,
    signal: options.signal,
    onAttempt: options.onAttempt,
  });
  const failure = last.reply
    ? { ru: `Telegram не принял сообщение: «${last.reply}»`, en: `Telegram did not take the message: "${last.reply}"` }
    : { ru: `Telegram не ответил (${last.networkCode ?? 'нет связи'})`, en: `Telegram did not answer (${last.networkCode ?? 'no connection'})` };
  return {
    ok: last.ok,
    message: last.ok ? { ru: 'Сообщение отправлено в Telegram', en: 'The message was sent to Telegram' } : failure,
    status: last.status,
    reply: last.reply,
    explanation: last.explanation,
    attempts,
    // The channels feature finds the captured message by serviceMessageId (store.findByServiceId).
    messageId: null,
    exchangeId: null,
    serviceMessageId: last.serviceMessageId,
  };
}

export const telegramDriver: ChannelDriver<TelegramSettings> = {
  channel: 'telegram',
  name: { ru: 'Telegram', en: 'Telegram' },
  fields: TELEGRAM_FIELDS,
  testFields: TELEGRAM_TEST_FIELDS,
  presets: telegramPresets,
  validate: validateTelegram,
  validateTest: validateTelegramTest,
  send: sendTelegram,
};
