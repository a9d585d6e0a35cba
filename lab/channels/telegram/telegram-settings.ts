// The Telegram integration's form: its fields, its two presets (the lab's simulator, the real
// Bot API) and the checks that need no server — the token's shape, a chat id, an API address
// without the /bot tail — with a message per field in Russian and English. What only the service
// can tell (a wrong token, a chat the bot does not know) is for the test send to find and explain.
import type { ChannelField, Checked, SimulatorAddresses } from '../channel-driver.js';
import type { ChannelPreset, ChannelTestInput, FieldErrors } from '../channel-wire.js';
import { finishMessageText, parseTelegramMarkup, textLength } from './telegram-markup.js';

export type TelegramSettings = {
  preset: 'lab' | 'real';
  apiRoot: string;
  botToken: string;
  chatId: string;
  parseMode: 'HTML' | 'MarkdownV2' | 'none';
  attempts: number;
};

export const REAL_API_ROOT = 'https://api.telegram.org';
export const DEFAULT_ATTEMPTS = 3;
export const MAX_ATTEMPTS = 10;
const MAX_TEXT = 4096;

export const TELEGRAM_FIELDS: readonly ChannelField[] = [
  {
    name: 'preset',
    label: { ru: 'Шаблон', en: 'Preset' },
    kind: 'select',
    options: [
      { value: 'lab', label: { ru: 'Лаборатория (симулятор Telegram)', en: 'Lab (Telegram simulator)' } },
      { value: 'real', label: { ru: 'Настоящий Telegram', en: 'Real Telegram' } },
    ],
  },
  {
    name: 'apiRoot',
    label: { ru: 'Адрес API', en: 'API address' },
    kind: 'text',
    placeholder: REAL_API_ROOT,
    help: { ru: 'Только сервер, без /bot<токен> и без косой черты в конце.', en: 'The server only, without /bot<token> and no trailing slash.' },
  },
  {
    name: 'botToken',
    label: { ru: 'Токен бота', en: 'Bot token' },
    kind: 'text',
    secret: true,
    placeholder: '123456789:AAF…',
    help: { ru: 'Выдаёт BotFather при создании бота; хранится и не показывается.', en: 'BotFather gives it when the bot is made; kept, never shown.' },
  },
  {
    name: 'chatId',
    label: { ru: 'ID чата (chat_id)', en: 'Chat ID (chat_id)' },
    kind: 'text',
    placeholder: '123456789',
    help: {
      ru: 'Число (у группы — с минусом) или @имя публичной группы; узнаётся через getUpdates после «Старт».',
      en: "A number (a group's has a minus) or a public group's @name; found with getUpdates after Start.",
    },
  },
  {
    name: 'parseMode',
    label: { ru: 'Разметка (parse_mode)', en: 'Formatting (parse_mode)' },
    kind: 'select',
    options: [
      { value: 'HTML', label: { ru: 'HTML', en: 'HTML' } },
      { value: 'MarkdownV2', label: { ru: 'MarkdownV2', en: 'MarkdownV2' } },
      { value: 'none', label: { ru: 'Без разметки', en: 'None' } },
    ],
  },
  {
    name: 'attempts',
    label: { ru: 'Попыток', en: 'Attempts' },
    kind: 'number',
    placeholder: String(DEFAULT_ATTEMPTS),
    help: {
      ru: `От 1 до ${MAX_ATTEMPTS}: повторяются 429 и сбои сети, не ошибки настроек.`,
      en: `1 to ${MAX_ATTEMPTS}: 429 and network failures are retried, wrong settings are not.`,
    },
  },
];

export const TELEGRAM_TEST_FIELDS: readonly ChannelField[] = [
  { name: 'text', label: { ru: 'Текст', en: 'Text' }, kind: 'text', placeholder: 'Тестовое сообщение' },
  {
    name: 'to',
    label: { ru: 'Другой chat_id (необязательно)', en: 'Another chat_id (optional)' },
    kind: 'text',
    help: { ru: 'Пусто — в чат из настроек.', en: 'Empty: the chat of the settings.' },
  },
];

export function telegramPresets(addresses: SimulatorAddresses): ChannelPreset[] {
  return [
    {
      id: 'lab',
      name: { ru: 'Лаборатория', en: 'Lab' },
      note: addresses.telegram
        ? {
            ru: 'Создайте бота на странице «Сообщения → Telegram» (токен покажут один раз), откройте личный чат и нажмите «Старт», затем узнайте chat_id через getUpdates.',
            en: 'Create a bot on the Messages → Telegram page (its token is shown once), open a private chat and press Start, then find the chat_id with getUpdates.',
          }
        : { ru: 'Симулятор Telegram лаборатории выключен: запустите лабораторию с ним.', en: "The lab's Telegram simulator is off: start the lab with it on." },
      values: { preset: 'lab', apiRoot: addresses.telegram ?? '' },
      real: false,
    },
    {
      id: 'real',
      name: { ru: 'Telegram', en: 'Telegram' },
      note: {
        ru: 'Создайте бота у @BotFather командой /newbot и скопируйте токен; напишите боту «/start» и узнайте chat_id через https://api.telegram.org/bot<токен>/getUpdates.',
        en: 'Create a bot with @BotFather (/newbot) and copy its token; send the bot /start and find the chat_id at https://api.telegram.org/bot<token>/getUpdates.',
      },
      values: { preset: 'real', apiRoot: REAL_API_ROOT },
      real: true,
    },
  ];
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
const CHAT_ID = /^(-?\d{1,16}|@[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9])$/;
const TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{35,}$/;

function chatIdProblem(value: string): FieldErrors[string] {
  if (CHAT_ID.test(value)) return undefined;
  if (/t\.me\//i.test(value))
    return {
      ru: 'Нужен chat_id (число), а не ссылка t.me: узнайте его через getUpdates.',
      en: 'A chat_id (a number) is needed, not a t.me link: find it with getUpdates.',
    };
  return {
    ru: 'chat_id — целое число (у группы с минусом, например -4012345678) или @имя публичной группы.',
    en: "A chat_id is an integer (a group's with a minus, e.g. -4012345678) or a public group's @name.",
  };
}

function apiRootProblem(value: string): FieldErrors[string] {
  if (!value)
    return {
      ru: `Укажите адрес API: шаблон «Лаборатория» подставит адрес симулятора, для Telegram — ${REAL_API_ROOT}.`,
      en: `Give the API address: the Lab preset fills in the simulator's, for Telegram it is ${REAL_API_ROOT}.`,
    };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ru: `Адрес API — http(s)-адрес сервера, например ${REAL_API_ROOT}.`, en: `The API address is a server's http(s) address, e.g. ${REAL_API_ROOT}.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ru: 'Адрес API начинается с http:// или https://.', en: 'The API address starts with http:// or https://.' };
  if (/\/bot/i.test(url.pathname))
    return {
      ru: 'Только адрес сервера, без /bot<токен>/…: токен — в своём поле.',
      en: 'The server address only, without /bot<token>/…: the token has its own field.',
    };
  if (url.search || url.hash || url.username || url.password)
    return { ru: 'Без параметров, якоря и логина в адресе.', en: 'No query, fragment or credentials in the address.' };
  if (value.endsWith('/'))
    return {
      ru: `Уберите косую черту в конце: ${REAL_API_ROOT}, а не ${REAL_API_ROOT}/.`,
      en: `Remove the trailing slash: ${REAL_API_ROOT}, not ${REAL_API_ROOT}/.`,
    };
  return undefined;
}

function tokenProblem(value: string): FieldErrors[string] {
  if (TOKEN.test(value)) return undefined;
  if (/^bot\d/i.test(value))
    return {
      ru: 'Без «bot» впереди: токен начинается с номера бота (123456789:AAF…).',
      en: 'Without "bot" in front: a token starts with the bot\'s number (123456789:AAF…).',
    };
  return {
    ru: 'Токен выглядит как 123456789:AAF… — номер бота, двоеточие и не меньше 35 символов (латиница, цифры, «_», «-»).',
    en: "A token looks like 123456789:AAF… — the bot's number, a colon and at least 35 characters (Latin letters, digits, _ and -).",
  };
}

const PARSE_MODES: Record<string, TelegramSettings['parseMode']> = { html: 'HTML', markdownv2: 'MarkdownV2', none: 'none', '': 'HTML' };

export function validateTelegram(input: unknown, saved: TelegramSettings | undefined): Checked<TelegramSettings> {
  const form = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const errors: FieldErrors = {};
  const preset = text(form.preset) || saved?.preset || 'lab';
  if (preset !== 'lab' && preset !== 'real') errors.preset = { ru: 'Шаблон — «Лаборатория» или «Telegram».', en: 'The preset is Lab or Telegram.' };
  const apiRoot = text(form.apiRoot);
  const rootProblem = apiRootProblem(apiRoot);
  if (rootProblem) errors.apiRoot = rootProblem;
  const botToken = text(form.botToken) || saved?.botToken || '';
  if (!botToken) errors.botToken = { ru: 'Вставьте токен бота от BotFather.', en: "Paste the bot's token from BotFather." };
  else if (tokenProblem(botToken)) errors.botToken = tokenProblem(botToken);
  const chatId = text(form.chatId);
  if (!chatId) errors.chatId = { ru: 'Укажите chat_id: он есть в ответе getUpdates после «Старт».', en: 'Give the chat_id: getUpdates shows it after Start.' };
  else if (chatIdProblem(chatId)) errors.chatId = chatIdProblem(chatId);
  const parseMode = PARSE_MODES[text(form.parseMode).toLowerCase()];
  if (!parseMode) {
    errors.parseMode = /^markdown$/i.test(text(form.parseMode))
      ? { ru: 'Устаревший Markdown здесь не выбрать: возьмите MarkdownV2 или HTML.', en: 'Legacy Markdown is not offered: take MarkdownV2 or HTML.' }
      : { ru: 'Разметка — HTML, MarkdownV2 или «без разметки».', en: 'Formatting is HTML, MarkdownV2 or none.' };
  }
  const attemptsText = text(form.attempts);
  const attempts = attemptsText === '' ? DEFAULT_ATTEMPTS : Number(attemptsText);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > MAX_ATTEMPTS)
    errors.attempts = { ru: `Целое число от 1 до ${MAX_ATTEMPTS}.`, en: `A whole number from 1 to ${MAX_ATTEMPTS}.` };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { preset: preset as TelegramSettings['preset'], apiRoot, botToken, chatId, parseMode: parseMode!, attempts } };
}

export function validateTelegramTest(input: unknown, settings: TelegramSettings): Checked<ChannelTestInput> {
  const form = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const errors: FieldErrors = {};
  const message = typeof form.text === 'string' ? form.text : '';
  // The limit counts the text as Telegram keeps it: after the markup is parsed and the ends trimmed.
  const parsed = parseTelegramMarkup(message, settings.parseMode === 'none' ? null : settings.parseMode);
  const kept = parsed.ok ? finishMessageText(parsed).text : message.trim();
  if (!message.trim()) errors.text = { ru: 'Напишите текст сообщения.', en: 'Write the message text.' };
  else if (parsed.ok && !kept)
    errors.text = { ru: 'После разбора разметки от текста ничего не остаётся.', en: 'Nothing is left of the text once the markup is parsed.' };
  else if (textLength(kept) > MAX_TEXT)
    errors.text = { ru: `Не длиннее ${MAX_TEXT} символов (сейчас ${textLength(kept)}).`, en: `At most ${MAX_TEXT} characters (now ${textLength(kept)}).` };
  const to = text(form.to);
  if (to && chatIdProblem(to)) errors.to = chatIdProblem(to);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { text: message, ...(to ? { to } : {}) } };
}
