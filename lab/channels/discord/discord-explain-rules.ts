// Why Discord refused a webhook request, and what to change: a table of rules keyed by the HTTP
// status and Discord's JSON error code (for a form error, the field it names), or by the network
// error when nothing answered. The simulator notes the explanation on its exchange; the sender
// explains the real service's replies with the same table. No Node imports (the browser may use it).
import type { Bilingual, ChannelExplanation } from '../channel-wire.js';

export type DiscordField = 'webhookUrl' | 'username' | 'text' | null;

export interface DiscordRule {
  key: string;
  /** null: nothing answered (then `network` names the error codes). */
  status: number | null;
  /** Discord's JSON `code`; undefined: any (or none, as in v6's form errors). */
  code?: number;
  /** For 50035: the top-level field the errors name. */
  formKey?: string;
  network?: readonly string[];
  field: DiscordField;
  cause: Bilingual;
  fix: Bilingual;
}

const COPY_URL: Bilingual = {
  ru: 'Скопируйте URL вебхука заново (Настройки канала → Интеграции → Вебхуки → «Копировать URL вебхука»; в лаборатории — страница «Сообщения → Discord») и сохраните его в поле «URL вебхука».',
  en: 'Copy the webhook URL again (Channel settings → Integrations → Webhooks → "Copy Webhook URL"; in the lab, the Messages → Discord page) and save it in the "Webhook URL" field.',
};

const SHORTEN: Bilingual = {
  ru: 'Сократите текст уведомления (шаблон) или вынесите подробности в поля вложения (embed).',
  en: 'Shorten the notice (its template), or move the details into the fields of an embed.',
};

export const DISCORD_RULES: readonly DiscordRule[] = [
  {
    key: 'discord-unknown-webhook',
    status: 404,
    code: 10015,
    field: 'webhookUrl',
    cause: { ru: 'Такого вебхука нет: он удалён или в URL ошибка в id.', en: 'There is no such webhook: it was deleted, or the id in the URL is wrong.' },
    fix: COPY_URL,
  },
  {
    key: 'discord-invalid-token',
    status: 401,
    code: 50027,
    field: 'webhookUrl',
    cause: {
      ru: 'Вебхук есть, но токен в URL (часть после последнего «/») неверен: его исказили при копировании или токен сменили.',
      en: 'The webhook exists, but the token in the URL (the part after the last "/") is wrong: damaged when copied, or the token was regenerated.',
    },
    fix: COPY_URL,
  },
  {
    key: 'discord-method-not-allowed',
    status: 405,
    code: 0,
    field: 'webhookUrl',
    cause: {
      ru: 'Такой запрос по этому адресу Discord не принимает: сообщение отправляют POST-запросом на /api/webhooks/<id>/<токен>. Чаще всего в URL просто нет токена — адрес кончается на id вебхука.',
      en: 'Discord takes no such request at this address: a message is a POST to /api/webhooks/<id>/<token>. Most often the URL just lacks the token: it ends with the webhook id.',
    },
    fix: COPY_URL,
  },
  {
    key: 'discord-unauthorized',
    status: 401,
    code: 0,
    field: 'webhookUrl',
    cause: { ru: 'Запрос без токена вебхука: в URL нет части после id.', en: 'The request carries no webhook token: the URL has nothing after the id.' },
    fix: COPY_URL,
  },
  {
    key: 'discord-not-found',
    status: 404,
    code: 0,
    field: 'webhookUrl',
    cause: {
      ru: 'По этому адресу у Discord ничего нет: путь не /api/webhooks/<id>/<токен>.',
      en: 'Discord has nothing at this address: the path is not /api/webhooks/<id>/<token>.',
    },
    fix: COPY_URL,
  },
  {
    key: 'discord-bad-webhook-id',
    status: 400,
    formKey: 'webhook_id',
    field: 'webhookUrl',
    cause: { ru: 'id вебхука в URL — не число (snowflake).', en: 'The webhook id in the URL is not a number (a snowflake).' },
    fix: COPY_URL,
  },
  {
    key: 'discord-bad-wait',
    status: 400,
    formKey: 'wait',
    field: 'webhookUrl',
    cause: { ru: 'Параметр ?wait= в URL — не true и не false.', en: 'The ?wait= parameter of the URL is neither true nor false.' },
    fix: { ru: 'Уберите ?wait= из URL (отправитель добавляет ?wait=true сам).', en: 'Drop ?wait= from the URL (the sender adds ?wait=true itself).' },
  },
  {
    key: 'discord-bad-api-version',
    status: 400,
    code: 50041,
    field: 'webhookUrl',
    cause: { ru: 'В URL неизвестная версия API (после /api/).', en: 'The URL names an unknown API version (after /api/).' },
    fix: { ru: 'Уберите версию из URL (/api/webhooks/…) или укажите v10.', en: 'Drop the version from the URL (/api/webhooks/…) or use v10.' },
  },
  {
    key: 'discord-empty-message',
    status: 400,
    code: 50006,
    field: 'text',
    cause: {
      ru: 'Discord не увидел в запросе ничего для показа: нет ни текста (content), ни вложений (embeds). Так бывает и когда тело отправлено без Content-Type: application/json.',
      en: 'Discord saw nothing to show in the request: no text (content) and no embeds. This also happens when the body is sent without Content-Type: application/json.',
    },
    fix: { ru: 'Заполните текст сообщения.', en: 'Fill in the text of the message.' },
  },
  {
    key: 'discord-content-too-long',
    status: 400,
    formKey: 'content',
    field: 'text',
    cause: { ru: 'Текст сообщения длиннее 2000 символов — больше Discord не принимает.', en: 'The text is over 2000 characters, more than Discord takes.' },
    fix: SHORTEN,
  },
  {
    key: 'discord-embed-limits',
    status: 400,
    formKey: 'embeds',
    field: 'text',
    cause: {
      ru: 'Вложение (embed) нарушает лимиты Discord: заголовок до 256 символов, описание до 4096, до 25 полей, всего до 6000 символов.',
      en: "An embed breaks Discord's limits: a title up to 256 characters, a description up to 4096, up to 25 fields, 6000 characters in all.",
    },
    fix: SHORTEN,
  },
  {
    key: 'discord-bad-username',
    status: 400,
    formKey: 'username',
    field: 'username',
    cause: {
      ru: 'Имя отправителя не подходит Discord: оно длиннее 80 символов, содержит «discord» или «clyde» или равно «everyone»/«here».',
      en: 'Discord refuses the sender name: over 80 characters, containing "discord" or "clyde", or "everyone"/"here".',
    },
    fix: {
      ru: 'Измените поле «Имя отправителя» или оставьте его пустым (будет имя вебхука).',
      en: 'Change the "Sender name" field, or leave it empty (the webhook\'s name is used).',
    },
  },
  {
    key: 'discord-invalid-form',
    status: 400,
    code: 50035,
    field: 'text',
    cause: { ru: 'Discord отклонил поле запроса (Invalid Form Body).', en: 'Discord refused a field of the request (Invalid Form Body).' },
    fix: { ru: 'Посмотрите, какое поле названо в ответе, и исправьте его.', en: 'See which field the reply names, and fix it.' },
  },
  {
    key: 'discord-invalid-json',
    status: 400,
    code: 50109,
    field: null,
    cause: { ru: 'Тело запроса — не корректный JSON.', en: 'The request body is not valid JSON.' },
    fix: { ru: 'Отправителю нужно кодировать тело через JSON.stringify.', en: 'The sender must encode the body with JSON.stringify.' },
  },
  {
    key: 'discord-too-large',
    status: 413,
    field: 'text',
    cause: { ru: 'Запрос слишком велик для Discord (Request entity too large).', en: 'The request is too large for Discord (Request entity too large).' },
    fix: SHORTEN,
  },
  {
    key: 'discord-rate-limited',
    status: 429,
    field: null,
    cause: {
      ru: 'Слишком много сообщений подряд: Discord ограничивает частоту (около 5 запросов за 2 с на вебхук).',
      en: 'Too many messages in a row: Discord limits the rate (about 5 requests per 2 s per webhook).',
    },
    fix: {
      ru: 'Подождите retry_after секунд (отправитель делает это сам) и реже шлите уведомления: группируйте их.',
      en: 'Wait retry_after seconds (the sender does) and send notices less often: group them.',
    },
  },
  {
    key: 'discord-outage',
    status: 500,
    field: null,
    cause: { ru: 'Сбой на стороне Discord.', en: "A failure on Discord's side." },
    fix: { ru: 'Ничего менять не нужно: отправитель повторит попытку.', en: 'Nothing to change: the sender tries again.' },
  },
  {
    key: 'discord-connection-refused',
    status: null,
    network: ['ECONNREFUSED'],
    field: 'webhookUrl',
    cause: { ru: 'По адресу из URL вебхука никто не принимает соединения.', en: 'Nothing accepts connections at the address of the webhook URL.' },
    fix: {
      ru: 'Для лаборатории проверьте, что сервер лаборатории запущен и URL начинается с его адреса Discord; для Discord — что URL начинается с https://discord.com.',
      en: 'For the lab, check that the lab server runs and the URL starts with its Discord address; for Discord, that the URL starts with https://discord.com.',
    },
  },
  {
    key: 'discord-unknown-host',
    status: null,
    network: ['ENOTFOUND', 'EAI_AGAIN'],
    field: 'webhookUrl',
    cause: { ru: 'Имя хоста из URL вебхука не найдено (DNS).', en: 'The host name of the webhook URL was not found (DNS).' },
    fix: { ru: 'Проверьте адрес в URL вебхука: discord.com, без опечаток.', en: 'Check the host in the webhook URL: discord.com, spelt right.' },
  },
  {
    key: 'discord-tls-mismatch',
    status: null,
    network: ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG'],
    field: 'webhookUrl',
    cause: { ru: 'URL начинается с https://, а по этому адресу отвечают без TLS.', en: 'The URL starts with https://, but the address answers without TLS.' },
    fix: {
      ru: 'Симулятор лаборатории работает по http:// — возьмите URL со страницы «Сообщения → Discord».',
      en: "The lab's simulator speaks http://: take the URL from the Messages → Discord page.",
    },
  },
  {
    key: 'discord-network',
    status: null,
    field: null,
    cause: { ru: 'Соединение с Discord оборвалось или не установилось вовремя.', en: 'The connection to Discord broke or did not open in time.' },
    fix: { ru: 'Проверьте сеть; отправитель повторит попытку.', en: 'Check the network; the sender tries again.' },
  },
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields a form error names: v8+ `errors` keys, or v6's top-level keys (a body with no `code`). */
export function formKeysOf(body: unknown): string[] {
  if (!isObject(body)) return [];
  if (isObject(body.errors)) return Object.keys(body.errors).filter((k) => k !== '_errors');
  if (body.code === undefined && body.message === undefined) return Object.keys(body).filter((k) => Array.isArray(body[k]));
  return [];
}

/** The first message of a form error, for a person: `content: Must be 2000 or fewer in length.` */
export function firstFormError(body: unknown): string | null {
  if (!isObject(body)) return null;
  const walk = (node: unknown, path: string[]): string | null => {
    if (!isObject(node)) return null;
    const errors = node._errors;
    if (Array.isArray(errors) && isObject(errors[0]) && typeof errors[0].message === 'string') return `${path.join('.') || '(body)'}: ${errors[0].message}`;
    for (const [key, child] of Object.entries(node)) {
      const found = walk(child, [...path, key]);
      if (found) return found;
    }
    return null;
  };
  if (isObject(body.errors)) return walk(body.errors, []);
  const key = formKeysOf(body)[0];
  const first = key ? (body[key] as unknown[])[0] : undefined;
  return key && typeof first === 'string' ? `${key}: ${first}` : null;
}

function ruleFor(status: number | null, body: unknown, networkCode?: string): DiscordRule | undefined {
  if (status === null) return DISCORD_RULES.find((r) => r.status === null && (!r.network || (networkCode !== undefined && r.network.includes(networkCode))));
  const keys = formKeysOf(body);
  // v6's form errors carry no code: they are 50035 all the same.
  const code = isObject(body) && typeof body.code === 'number' ? body.code : keys.length > 0 ? 50035 : undefined;
  const statusOf = (r: DiscordRule) => (r.status === 500 ? status >= 500 : r.status === status);
  return (
    DISCORD_RULES.find((r) => statusOf(r) && r.formKey !== undefined && keys.includes(r.formKey)) ??
    DISCORD_RULES.find((r) => statusOf(r) && r.formKey === undefined && (r.code === undefined || r.code === code))
  );
}

/**
 * Why the request failed and what to change; null for a success. `body` is the reply parsed as
 * JSON (null when it was not JSON); `networkCode` the error's code when nothing answered.
 */
export function explainDiscord(status: number | null, body: unknown, networkCode?: string): ChannelExplanation | null {
  if (status !== null && status < 400) return null;
  const rule = ruleFor(status, body, networkCode);
  const detail = firstFormError(body);
  if (!rule) {
    const said = isObject(body) && typeof body.message === 'string' ? body.message : `HTTP ${status}`;
    return {
      code: 'discord-other',
      cause: { ru: `Discord отказал: «${said}».`, en: `Discord refused: "${said}".` },
      field: null,
      fix: { ru: 'Сверьте запрос с документацией Discord (Execute Webhook).', en: "Check the request against Discord's documentation (Execute Webhook)." },
    };
  }
  const cause = detail ? { ru: `${rule.cause.ru} Discord: «${detail}».`, en: `${rule.cause.en} Discord: "${detail}".` } : rule.cause;
  return { code: rule.key, cause, field: rule.field, fix: rule.fix };
}
