// The lab's own alert commands besides «Отправить e-mail»: «Отправить SMS», «Отправить в
// Telegram», «Отправить в Discord» (the platform documents none of them, so their ids and
// arguments are the lab's choice). Here: what a phone number and a Telegram chat id must look
// like, as rule tables (a reason per case, said as a sentence for a form and as "expected …" for
// an import error), and the alert an action sends, its templates filled in as for e-mail.
import type { Bilingual } from '../integration/integration-types.js';
import type { AlertChannel, ChannelAction, TelegramParseMode } from './automaton-types.js';
import type { ActionContext } from './runner-actions.js';
import type { AutomatonChannelAlert } from './runner-events.js';
import { escapeHtml, renderTemplate, templatePlaceholders } from './templating.js';

export const ALERT_CHANNELS: readonly AlertChannel[] = ['sms', 'telegram', 'discord'];
export const TELEGRAM_PARSE_MODES: readonly TelegramParseMode[] = ['none', 'HTML', 'MarkdownV2'];

/** Whether a field holds a {{placeholder}}: then it is checked when the alert goes, once filled in. */
export const hasPlaceholders = (text: string): boolean => templatePlaceholders(text).length > 0;

export type PhoneProblem = 'empty' | 'not-digits' | 'trunk-8' | 'length' | 'length-7';
export type ChatProblem = 'not-chat';

/** A phone number as one field holds it, read: digits only, with the country code (what SMS.ru and SMPP take). */
export type PhoneCheck = { ok: true; phone: string } | { ok: false; problem: PhoneProblem };

const PHONE_EXAMPLE = '+7 925 507-06-02';

/**
 * With the country code, 10 to 15 digits (E.164 allows 15); the separators people type are
 * dropped. `8 9…` is the trunk prefix Russians dial for a mobile at home, not a country code:
 * no country code starts with 89 (ITU-T E.164 assignments), so it is told apart from, say,
 * Vietnam's 84, with a + in front or not.
 */
export function checkPhone(value: string): PhoneCheck {
  const typed = value.trim();
  if (typed === '') return { ok: false, problem: 'empty' };
  if (!/^\+?[\d\s\-().]+$/.test(typed)) return { ok: false, problem: 'not-digits' };
  const digits = typed.replace(/\D/g, '');
  if (/^89\d{9}$/.test(digits)) return { ok: false, problem: 'trunk-8' };
  if (digits.length < 10 || digits.length > 15) return { ok: false, problem: 'length' };
  // Russia and Kazakhstan (+7) number every phone with ten digits after the code: a digit too few or too many is a typo.
  if (digits.startsWith('7') && digits.length !== 11) return { ok: false, problem: 'length-7' };
  return { ok: true, phone: digits };
}

/** What is wrong with a phone number, as a form says it. */
export const PHONE_SAYS: Record<PhoneProblem, (typed: string) => Bilingual> = {
  empty: () => ({
    ru: `Укажите номер телефона с кодом страны, например ${PHONE_EXAMPLE}`,
    en: `Enter a phone number with its country code, e.g. ${PHONE_EXAMPLE}`,
  }),
  'not-digits': (typed) => ({
    ru: `«${typed}» — не номер телефона: ожидаются цифры с кодом страны, например ${PHONE_EXAMPLE} (пробелы, дефисы и скобки можно)`,
    en: `"${typed}" is not a phone number: digits with the country code are expected, e.g. ${PHONE_EXAMPLE} (spaces, dashes and brackets are fine)`,
  }),
  'trunk-8': (typed) => ({
    ru: `«${typed}» начинается с 8 — так звонят внутри России; SMS-шлюзу нужен код страны: +7 вместо 8`,
    en: `"${typed}" starts with 8, the prefix dialled inside Russia; an SMS gateway needs the country code: +7 instead of 8`,
  }),
  length: (typed) => ({
    ru: `В номере «${typed}» ${typed.replace(/\D/g, '').length} цифр, а с кодом страны их от 10 до 15`,
    en: `"${typed}" has ${typed.replace(/\D/g, '').length} digits; with the country code a number has 10 to 15`,
  }),
  'length-7': (typed) => ({
    ru: `В номере «${typed}» ${typed.replace(/\D/g, '').length} цифр, а номер с кодом +7 — это 11 цифр: +7 и ещё десять`,
    en: `"${typed}" has ${typed.replace(/\D/g, '').length} digits; a number with the code +7 has 11: +7 and ten more`,
  }),
};

/** The same, as the "expected …" half of an import error (the file's value is its "found" half). */
export const PHONE_EXPECTED: Record<PhoneProblem, Bilingual> = {
  empty: {
    ru: `номер телефона с кодом страны, например "${PHONE_EXAMPLE}", или подстановка {{параметр}}`,
    en: `a phone number with its country code, e.g. "${PHONE_EXAMPLE}", or a {{parameter}} placeholder`,
  },
  'not-digits': {
    ru: `номер телефона: цифры с кодом страны, например "${PHONE_EXAMPLE}"`,
    en: `a phone number: digits with the country code, e.g. "${PHONE_EXAMPLE}"`,
  },
  'trunk-8': { ru: 'номер с кодом страны: +7…, а не 8…', en: 'a number with its country code: +7…, not 8…' },
  length: { ru: 'номер телефона из 10–15 цифр с кодом страны', en: 'a phone number of 10 to 15 digits with the country code' },
  'length-7': { ru: 'номер с кодом +7 из 11 цифр', en: 'a number with the code +7, 11 digits' },
};

export type ChatCheck = { ok: true; chat: string | null } | { ok: false; problem: ChatProblem };

/**
 * Empty: the integration's chat. Else a chat id as getUpdates shows it (positive for a person,
 * negative for a group, -100… for a supergroup) or a public channel's @username (5–32 letters,
 * digits and _), the two forms the Bot API's chat_id takes.
 */
export function checkChatId(value: string): ChatCheck {
  const typed = value.trim();
  if (typed === '') return { ok: true, chat: null };
  if (/^-?[1-9]\d{0,15}$/.test(typed) || /^@[A-Za-z][A-Za-z0-9_]{4,31}$/.test(typed)) return { ok: true, chat: typed };
  return { ok: false, problem: 'not-chat' };
}

export const CHAT_SAYS: Record<ChatProblem, (typed: string) => Bilingual> = {
  'not-chat': (typed) => ({
    ru: `«${typed}» — не ID чата Telegram: ожидается число из getUpdates (у группы оно отрицательное, например -1001234567890) или @имя_канала; пусто — чат из интеграции`,
    en: `"${typed}" is not a Telegram chat id: a number from getUpdates (negative for a group, e.g. -1001234567890) or @channelname is expected; empty means the integration's chat`,
  }),
};

export const CHAT_EXPECTED: Record<ChatProblem, Bilingual> = {
  'not-chat': {
    ru: 'ID чата Telegram (число, у группы отрицательное) или @имя_канала; пусто — чат из интеграции',
    en: "a Telegram chat id (a number, negative for a group) or @channelname; empty for the integration's chat",
  },
};

/** `html` → HTML, `markdownv2` → MarkdownV2, empty → none: Telegram itself reads parse_mode without regard to case. */
export function readParseMode(value: string): TelegramParseMode | undefined {
  const wanted = value.trim().toLowerCase();
  if (wanted === '') return 'none';
  return TELEGRAM_PARSE_MODES.find((mode) => mode.toLowerCase() === wanted);
}

/**
 * In MarkdownV2 these characters must be escaped with a backslash wherever they are not markup
 * (core.telegram.org/bots/api#markdownv2-style); a value such as `-5.5 °C` would otherwise
 * make Telegram answer 400 "can't parse entities".
 */
export const escapeMarkdownV2 = (text: string): string => text.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, (c) => `\\${c}`);

/** How a value put into a Telegram text is escaped, by its parse mode: the device must not write markup. */
const ESCAPE: Record<TelegramParseMode, ((text: string) => string) | undefined> = { none: undefined, HTML: escapeHtml, MarkdownV2: escapeMarkdownV2 };

export type ChannelAlertBuild = { ok: true; alert: AutomatonChannelAlert } | { ok: false; error: Bilingual };

/** The alert as it goes: templates filled in, then the address checked (a placeholder may have made it). */
export function buildChannelAlert(action: ChannelAction, ctx: ActionContext): ChannelAlertBuild {
  const context = { values: ctx.values, parameters: ctx.parameters, objectId: ctx.objectId, stateName: ctx.state.name, timeMs: ctx.timeMs };
  const base = { objectId: ctx.objectId, stateId: ctx.state.id, stateName: ctx.state.name, channel: action.channel };
  switch (action.channel) {
    case 'sms': {
      const typed = renderTemplate(action.template.to, context);
      const phone = checkPhone(typed);
      if (!phone.ok) return { ok: false, error: PHONE_SAYS[phone.problem](typed.trim()) };
      return { ok: true, alert: { ...base, to: phone.phone, text: renderTemplate(action.template.text, context), title: null, parseMode: null } };
    }
    case 'telegram': {
      const typed = renderTemplate(action.template.to, context);
      const chat = checkChatId(typed);
      if (!chat.ok) return { ok: false, error: CHAT_SAYS[chat.problem](typed.trim()) };
      const { parseMode } = action.template;
      const text = renderTemplate(action.template.text, context, { escape: ESCAPE[parseMode] });
      return { ok: true, alert: { ...base, to: chat.chat, text, title: null, parseMode } };
    }
    case 'discord': {
      // A title is one line, like a mail's subject.
      const title = renderTemplate(action.template.title, context)
        .replace(/[\r\n]+/g, ' ')
        .trim();
      return {
        ok: true,
        alert: { ...base, to: null, text: renderTemplate(action.template.text, context), title: title === '' ? null : title, parseMode: null },
      };
    }
  }
}
