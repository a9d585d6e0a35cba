// The Discord channel as the lab plugs it in: a webhook URL (its token is the credential, so the
// whole URL is write-only), an optional sender name, the attempts; the lab's simulator or
// discord.com behind the same URL shape; and the sender. The sender is plain fetch: executing a
// webhook is one POST of a JSON body with no authentication header, and a client library
// (discord.js and its REST layer) would bring a bot's machinery for it. ?wait=true makes Discord
// answer with the created message, so the reply names the message id. No Node imports.
import type { ChannelDriver, ChannelField, Checked } from '../channel-driver.js';
import type { Bilingual, ChannelSendResult, FieldErrors } from '../channel-wire.js';
import { sendWithRetries } from '../senders/retrying-send.js';
import { explainDiscord, firstFormError } from './discord-explain-rules.js';
import { DISCORD_LIMITS } from './discord-limits.js';

export type DiscordPresetId = 'lab' | 'real';

export type DiscordSettings = {
  preset: DiscordPresetId;
  /** `<base>/api/webhooks/<id>/<token>` */
  webhookUrl: string;
  /** Overrides the webhook's name for each message; '' keeps the webhook's. */
  username: string;
  attempts: number;
};

export const DEFAULT_DISCORD_ATTEMPTS = 3;
export const MAX_DISCORD_ATTEMPTS = 10;
/** One attempt's time limit: Discord answers in well under a second. */
const ATTEMPT_TIMEOUT_MS = 15_000;

export interface DiscordWebhookBody {
  content?: string;
  username?: string;
  embeds?: Array<{ title: string; description: string }>;
}

/** A text cut to `max` code points (Discord counts them), marked with … when cut. */
export const clipText = (text: string, max: number) => {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
};

/**
 * An alert as a webhook body: the text as `content`, or — with a title — one embed with the title
 * and the text as its description; each cut to Discord's limits as Alertmanager does.
 */
export function buildDiscordBody(text: string, options: { title?: string; username?: string } = {}): DiscordWebhookBody {
  const body: DiscordWebhookBody = options.title
    ? { embeds: [{ title: clipText(options.title, DISCORD_LIMITS.title), description: clipText(text, DISCORD_LIMITS.description) }] }
    : { content: clipText(text, DISCORD_LIMITS.content) };
  if (options.username) body.username = options.username;
  return body;
}

type UrlParts = { ok: true; base: string; id: string; token: string } | { ok: false; problem: Bilingual };

/** A webhook URL's parts, or what is wrong with it in a student's words. */
export function parseWebhookUrl(text: string): UrlParts {
  const bad = (ru: string, en: string): UrlParts => ({ ok: false, problem: { ru, en } });
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return bad(
      'Это не URL: URL вебхука начинается с https:// (или с адреса симулятора лаборатории).',
      "This is not a URL: a webhook URL starts with https:// (or the lab simulator's address).",
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return bad('URL вебхука начинается с https:// или http://.', 'A webhook URL starts with https:// or http://.');
  const match = /^(.*?)\/api(?:\/v\d+)?\/webhooks(?:\/([^/]*))?(?:\/([^/]*))?(\/.*)?$/.exec(url.pathname);
  if (!match)
    return bad(
      'В URL нет /api/webhooks/ — это не URL вебхука. Нажмите «Копировать URL вебхука» и вставьте его целиком.',
      'The URL has no /api/webhooks/: it is not a webhook URL. Press "Copy Webhook URL" and paste it whole.',
    );
  const [, prefix = '', id = '', token = '', rest] = match;
  if (!/^\d{17,20}$/.test(id))
    return bad('После /api/webhooks/ должен идти id вебхука — число из 17–20 цифр.', 'After /api/webhooks/ comes the webhook id, a number of 17–20 digits.');
  if (!token)
    return bad(
      'В URL нет токена: после id вебхука должны идти «/» и токен. Скопируйте URL целиком.',
      'The URL has no token: the webhook id must be followed by "/" and the token. Copy the whole URL.',
    );
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(token))
    return bad(
      'Токен вебхука (после последнего «/») состоит из латинских букв, цифр, «-» и «_».',
      'A webhook token (after the last "/") has Latin letters, digits, "-" and "_".',
    );
  if (rest) return bad(`После токена в URL лишнее: «${rest}».`, `The URL has more after the token: "${rest}".`);
  return { ok: true, base: `${url.origin}${prefix}`, id, token };
}

/** http-exchange.ts's MASK, not imported: that module reaches Node's and Express's types, and the browser imports this one. */
const MASK = '●●●●';

/** The URL as a view or a log may show it: the token masked. */
export function maskWebhookUrl(text: string): string {
  const parts = parseWebhookUrl(text);
  return parts.ok ? `${parts.base}/api/webhooks/${parts.id}/${MASK}` : MASK;
}

const FIELDS: readonly ChannelField[] = [
  {
    name: 'preset',
    label: { ru: 'Куда отправлять', en: 'Send to' },
    kind: 'select',
    options: [
      { value: 'lab', label: { ru: 'Симулятор лаборатории', en: "The lab's simulator" } },
      { value: 'real', label: { ru: 'Discord', en: 'Discord' } },
    ],
  },
  {
    name: 'webhookUrl',
    label: { ru: 'URL вебхука', en: 'Webhook URL' },
    kind: 'text',
    secret: true,
    placeholder: 'https://discord.com/api/webhooks/123456789012345678/…',
    help: {
      ru: 'В URL есть токен: кто его знает, тот может писать в канал. Храните как пароль.',
      en: 'The URL holds the token: whoever knows it can post to the channel. Keep it like a password.',
    },
  },
  {
    name: 'username',
    label: { ru: 'Имя отправителя', en: 'Sender name' },
    kind: 'text',
    placeholder: 'Alerts',
    help: { ru: 'Необязательно: по умолчанию — имя вебхука. До 80 символов.', en: "Optional: the webhook's name by default. Up to 80 characters." },
  },
  {
    name: 'attempts',
    label: { ru: 'Попытки', en: 'Attempts' },
    kind: 'number',
    help: { ru: 'Сколько раз пробовать, от 1 до 10.', en: 'How many tries, 1 to 10.' },
  },
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

type Outcome = {
  ok: boolean;
  status: number | null;
  reply: string | null;
  retryAfterSeconds: number | null;
  transient: boolean;
  body: unknown;
  networkCode?: string;
};

/** The code of what failed under fetch (undici puts the socket's error in `cause`). */
function networkCodeOf(err: unknown): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string; errors?: Array<{ code?: string }> } };
  if (e?.name === 'TimeoutError') return 'ETIMEDOUT';
  if (e?.name === 'AbortError') return 'ABORTED';
  return e?.cause?.code ?? e?.cause?.errors?.[0]?.code ?? e?.code ?? 'UNKNOWN';
}

function retryAfterOf(body: unknown, header: string | null): number | null {
  if (isObject(body) && typeof body.retry_after === 'number' && body.retry_after >= 0) return body.retry_after;
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

async function attempt(url: string, body: string, signal?: AbortSignal): Promise<Outcome> {
  const timeout = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'smtp-lab alert sender' },
      body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const reply = await res.text();
    let parsed: unknown = null;
    try {
      parsed = reply ? JSON.parse(reply) : null;
    } catch {
      parsed = null;
    }
    const status = res.status;
    return {
      ok: res.ok,
      status,
      reply,
      retryAfterSeconds: status === 429 ? retryAfterOf(parsed, res.headers.get('retry-after')) : null,
      transient: status === 429 || status >= 500,
      body: parsed,
    };
  } catch (err) {
    const networkCode = networkCodeOf(err);
    return { ok: false, status: null, reply: null, retryAfterSeconds: null, transient: networkCode !== 'ABORTED', body: null, networkCode };
  }
}

const failureMessage = (last: Outcome, host: string): Bilingual => {
  if (last.status === null) return { ru: `Не удалось соединиться с ${host} (${last.networkCode})`, en: `Could not connect to ${host} (${last.networkCode})` };
  const said =
    (isObject(last.body) && typeof last.body.message === 'string' ? last.body.message : null) ?? firstFormError(last.body) ?? clipText(last.reply ?? '', 200);
  return { ru: `Discord ответил ${last.status}: «${said}»`, en: `Discord answered ${last.status}: "${said}"` };
};

export const discordDriver: ChannelDriver<DiscordSettings> = {
  channel: 'discord',
  name: { ru: 'Discord', en: 'Discord' },
  fields: FIELDS,
  testFields: [],
  presets(addresses) {
    const lab = addresses.discord;
    return [
      {
        id: 'lab',
        name: { ru: 'Симулятор лаборатории', en: "The lab's simulator" },
        note: lab
          ? {
              ru: `Создайте вебхук на странице «Сообщения → Discord» и вставьте его URL: он начинается с ${lab}/api/webhooks/.`,
              en: `Create a webhook on the Messages → Discord page and paste its URL: it starts with ${lab}/api/webhooks/.`,
            }
          : {
              ru: 'Симулятор Discord выключен: запустите лабораторию без --discord-port off.',
              en: 'The Discord simulator is off: start the lab without --discord-port off.',
            },
        values: { preset: 'lab' },
        real: false,
      },
      {
        id: 'real',
        name: { ru: 'Discord', en: 'Discord' },
        note: {
          ru: 'В Discord: Настройки канала → Интеграции → Вебхуки → «Новый вебхук» → «Копировать URL вебхука». URL вида https://discord.com/api/webhooks/…',
          en: 'In Discord: Channel settings → Integrations → Webhooks → "New Webhook" → "Copy Webhook URL". The URL looks like https://discord.com/api/webhooks/…',
        },
        values: { preset: 'real' },
        real: true,
      },
    ];
  },
  validate(input, saved): Checked<DiscordSettings> {
    const source = isObject(input) ? input : {};
    const errors: FieldErrors = {};
    const presetText = textOf(source.preset) || saved?.preset || 'lab';
    if (presetText !== 'lab' && presetText !== 'real')
      errors.preset = { ru: 'Выберите «Симулятор лаборатории» или «Discord».', en: 'Choose "The lab\'s simulator" or "Discord".' };
    const typed = textOf(source.webhookUrl).trim();
    const webhookUrl = typed || saved?.webhookUrl || '';
    if (!webhookUrl) errors.webhookUrl = { ru: 'Вставьте URL вебхука.', en: 'Paste the webhook URL.' };
    else if (typed) {
      const parts = parseWebhookUrl(typed);
      if (!parts.ok) errors.webhookUrl = parts.problem;
      else if (presetText === 'real' && !typed.startsWith('https://'))
        errors.webhookUrl = { ru: 'Discord принимает только https://.', en: 'Discord takes https:// only.' };
    }
    const username = source.username === undefined ? (saved?.username ?? '') : textOf(source.username).trim();
    if ([...username].length > DISCORD_LIMITS.username)
      errors.username = { ru: 'Имя отправителя — до 80 символов.', en: 'The sender name is up to 80 characters.' };
    const rawAttempts = source.attempts === undefined || source.attempts === '' ? (saved?.attempts ?? DEFAULT_DISCORD_ATTEMPTS) : Number(source.attempts);
    if (!Number.isInteger(rawAttempts) || rawAttempts < 1 || rawAttempts > MAX_DISCORD_ATTEMPTS)
      errors.attempts = { ru: 'Попыток — от 1 до 10.', en: 'Attempts: 1 to 10.' };
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return { ok: true, value: { preset: presetText as DiscordPresetId, webhookUrl, username, attempts: rawAttempts } };
  },
  validateTest(input) {
    const text = textOf(isObject(input) ? input.text : undefined);
    if (text.trim() === '') return { ok: false, errors: { text: { ru: 'Напишите текст сообщения.', en: 'Write the text of the message.' } } };
    if ([...text].length > DISCORD_LIMITS.content)
      return { ok: false, errors: { text: { ru: 'Текст — до 2000 символов.', en: 'The text is up to 2000 characters.' } } };
    return { ok: true, value: { text } };
  },
  async send(settings, message, options = {}) {
    const parts = parseWebhookUrl(settings.webhookUrl);
    if (!parts.ok) {
      // Saved settings were validated; this guards settings edited by hand in the data file.
      const explanation = {
        code: 'discord-bad-url',
        cause: parts.problem,
        field: 'webhookUrl',
        fix: { ru: 'Вставьте URL вебхука заново и сохраните.', en: 'Paste the webhook URL again and save.' },
      };
      return {
        ok: false,
        message: parts.problem,
        status: null,
        reply: null,
        explanation,
        attempts: [],
        messageId: null,
        exchangeId: null,
        serviceMessageId: null,
      };
    }
    const url = new URL(settings.webhookUrl);
    url.searchParams.set('wait', 'true');
    const body = JSON.stringify(
      buildDiscordBody(message.text, { username: settings.username || undefined, ...(message.title ? { title: message.title } : {}) }),
    );
    const { last, attempts } = await sendWithRetries(() => attempt(url.href, body, options.signal), {
      attempts: options.attempts ?? settings.attempts ?? DEFAULT_DISCORD_ATTEMPTS,
      intervalSeconds: 2,
      waitScale: options.waitScale,
      signal: options.signal,
      onAttempt: options.onAttempt,
    });
    const result: ChannelSendResult = {
      ok: last.ok,
      message: last.ok ? { ru: 'Сообщение отправлено в Discord', en: 'The message was sent to Discord' } : failureMessage(last, url.host),
      status: last.status,
      reply: last.reply,
      explanation: last.ok ? null : explainDiscord(last.status, last.body, last.networkCode),
      attempts,
      // The feature finds the captured message by serviceMessageId (store.findByServiceId) when the URL is the lab's.
      messageId: null,
      exchangeId: null,
    };
    const id = isObject(last.body) && typeof last.body.id === 'string' ? last.body.id : null;
    return { ...result, serviceMessageId: last.ok ? id : null };
  },
};
