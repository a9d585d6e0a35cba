// A state's onenter/onexit action list, read and checked. The built-ins the runner performs
// (timers, schedules, change-value, send-email, the lab's send-sms, send-telegram and
// send-discord, push messages) have their arguments checked here, at import, so a wrong interval
// is reported with its path in the file instead of surfacing as a runtime surprise; every other
// action id is a command to the device.
import type { Bilingual } from '../integration/integration-types.js';
import type { Action, ActionArg, AlertChannel, ChannelActionKind, EmailTemplate, Importance, SchedulePeriod } from './automaton-types.js';
import { CHAT_EXPECTED, checkChatId, checkPhone, hasPlaceholders, PHONE_EXPECTED, readParseMode } from './channel-alerts.js';
import { readEncoding } from './html-encoding.js';
import { own, type JsonObject, type PathReader } from './import-error.js';
import { parseLiteral } from './literal.js';
import { isTimeZone } from './schedule.js';

export const SEND_EMAIL_ID = 'send-email';
export const PUSH_MESSAGE_ID = 'send-push-message';
export const CHANGE_VALUE_ID = 'change-value';
/** The lab's own ids: the platform documents only «Отправить e-mail» and push messages (lab/automaton/README.md). */
export const SEND_SMS_ID = 'send-sms';
export const SEND_TELEGRAM_ID = 'send-telegram';
export const SEND_DISCORD_ID = 'send-discord';
export const CHANNEL_ACTION_IDS = { sms: SEND_SMS_ID, telegram: SEND_TELEGRAM_ID, discord: SEND_DISCORD_ID } as const satisfies Record<AlertChannel, string>;
/** The channel an action id sends on, if it is one of the three. */
export const channelOfAction = (id: string): AlertChannel | undefined =>
  (Object.keys(CHANNEL_ACTION_IDS) as AlertChannel[]).find((c) => CHANNEL_ACTION_IDS[c] === id);
export const IMPORTANCES: readonly Importance[] = ['information', 'important', 'critical'];

const TIMER_START = /^timer#(\d{1,6})-start$/;
const SCHEDULE_START = /^schedule-timer#(\d{1,6})-start$/;

const E = {
  list: { ru: 'список действий [ { id, name, args }, … ]', en: 'a list of actions [ { id, name, args }, … ]' },
  action: { ru: 'действие { id, name, args }', en: 'an action { id, name, args }' },
  actionId: { ru: 'id действия (непустая строка)', en: "the action's id (a non-empty string)" },
  args: { ru: 'аргументы { <id>: { id, dataType, value } }', en: 'the arguments { <id>: { id, dataType, value } }' },
  arg: { ru: 'аргумент { id, dataType, value }', en: 'an argument { id, dataType, value }' },
  interval: { ru: 'интервал таймера в секундах, число больше 0', en: "the timer's interval in seconds, a number greater than 0" },
  period: {
    ru: 'расписание { hour: [0–23, …], minute: [0–59, …], tz: "Europe/Moscow" }',
    en: 'a schedule { hour: [0–23, …], minute: [0–59, …], tz: "Europe/Moscow" }',
  },
  hour: { ru: 'час — целое от 0 до 23', en: 'an hour, a whole number from 0 to 23' },
  minute: { ru: 'минута — целое от 0 до 59', en: 'a minute, a whole number from 0 to 59' },
  tz: { ru: 'часовой пояс IANA, например "Europe/Moscow" или "UTC"', en: 'an IANA time zone, e.g. "Europe/Moscow" or "UTC"' },
  expr: {
    ru: 'значение-литерал: строка в кавычках ("\\"on\\""), число (42) или true/false; выражения лаборатория не вычисляет',
    en: 'a literal value: a quoted string ("\\"on\\""), a number (42) or true/false; the lab does not evaluate expressions',
  },
  write: { ru: 'параметр для записи { source: <параметр> }', en: 'the parameter to write { source: <parameter> }' },
  source: { ru: 'имя параметра (непустая строка)', en: 'a parameter name (a non-empty string)' },
  importance: { ru: `важность: ${IMPORTANCES.join(', ')}`, en: `the importance: ${IMPORTANCES.join(', ')}` },
  text: { ru: 'текст (строка)', en: 'text (a string)' },
  encoding: { ru: 'кодировка HTML: JSON, HEX, Base64 или Text', en: 'the HTML encoding: JSON, HEX, Base64 or Text' },
  alertText: { ru: 'текст оповещения (непустая строка)', en: "the alert's text (a non-empty string)" },
  parseMode: { ru: 'разметка текста Telegram: none, HTML или MarkdownV2', en: "Telegram's text markup: none, HTML or MarkdownV2" },
} satisfies Record<string, Bilingual>;

export function parseActionList(value: unknown, at: PathReader): Action[] {
  if (value === undefined || value === null) return [];
  return at.array(value, E.list).map((item, i) => parseAction(item, at.at(i)));
}

function parseArgs(value: unknown, at: PathReader): Record<string, ActionArg> {
  if (value === undefined || value === null) return {};
  const raw = at.object(value, E.args);
  const args: [string, ActionArg][] = Object.entries(raw).map(([key, item]) => {
    const argAt = at.at(key);
    const arg = argAt.object(item, E.arg);
    const dataType = own(arg, 'dataType');
    return [
      key,
      {
        id: argAt.at('id').optionalString(own(arg, 'id'), key),
        ...(dataType === undefined || dataType === null ? {} : { dataType: argAt.at('dataType').string(dataType) }),
        value: own(arg, 'value'),
      },
    ];
  });
  return Object.fromEntries(args);
}

export function parseAction(value: unknown, at: PathReader): Action {
  const raw = at.object(value, E.action);
  const id = at.at('id').nonEmptyString(own(raw, 'id'), E.actionId);
  const name = at.at('name').optionalString(own(raw, 'name'), id);
  const argsAt = at.at('args');
  const args = parseArgs(own(raw, 'args'), argsAt);
  const base = { id, name, args };
  const argValue = (key: string) => (Object.hasOwn(args, key) ? args[key]!.value : undefined);
  const valueAt = (key: string) => argsAt.at(key).at('value');

  const timer = TIMER_START.exec(id);
  if (timer) {
    const seconds = readNumber(argValue('interval'));
    if (seconds === undefined || !(seconds > 0)) return valueAt('interval').fail(E.interval, argValue('interval'));
    return { ...base, kind: 'timer-start', timer: Number(timer[1]), intervalSeconds: seconds };
  }
  const schedule = SCHEDULE_START.exec(id);
  if (schedule) return { ...base, kind: 'schedule-start', timer: Number(schedule[1]), period: parsePeriod(argValue('period'), valueAt('period')) };

  if (id === CHANGE_VALUE_ID) {
    const exprRaw = argValue('expr');
    const expr = typeof exprRaw === 'string' ? exprRaw : typeof exprRaw === 'number' || typeof exprRaw === 'boolean' ? String(exprRaw) : undefined;
    const literal = expr === undefined ? undefined : parseLiteral(expr);
    if (expr === undefined || !literal?.ok) return valueAt('expr').fail(E.expr, exprRaw);
    const writeAt = valueAt('write');
    const write = writeAt.object(argValue('write'), E.write);
    const target = writeAt.at('source').nonEmptyString(own(write, 'source'), E.source);
    return { ...base, kind: 'change-value', target, value: literal.value, expr };
  }
  if (id === PUSH_MESSAGE_ID) {
    const importance = argValue('importance') ?? 'information';
    if (!(IMPORTANCES as readonly unknown[]).includes(importance)) return valueAt('importance').fail(E.importance, importance);
    const body = valueAt('message-body').optionalString(argValue('message-body'), '', E.text);
    return { ...base, kind: 'push-message', importance: importance as Importance, body };
  }
  if (id === SEND_EMAIL_ID) return { ...base, kind: 'send-email', email: parseEmail(argValue, valueAt) };
  const channel = channelOfAction(id);
  if (channel) return { ...base, ...parseChannelAction(channel, argValue, valueAt) };
  return { ...base, kind: 'device-command' };
}

/**
 * The fields of the lab's channel commands. An address with a {{placeholder}} is checked when
 * the alert goes, filled in; one without is checked here, where its place in the file is known.
 */
function parseChannelAction(channel: AlertChannel, argValue: (key: string) => unknown, valueAt: (key: string) => PathReader): ChannelActionKind {
  const optional = (key: string) => valueAt(key).optionalString(argValue(key), '', E.text);
  const text = valueAt('text').string(argValue('text'), E.alertText);
  if (text.trim() === '') return valueAt('text').fail(E.alertText, text);
  switch (channel) {
    case 'sms': {
      const to = valueAt('to').string(argValue('to'), PHONE_EXPECTED.empty);
      const phone = hasPlaceholders(to) ? null : checkPhone(to);
      if (phone && !phone.ok) return valueAt('to').fail(PHONE_EXPECTED[phone.problem], to);
      return { kind: 'send-sms', channel, template: { to, text } };
    }
    case 'telegram': {
      const to = optional('to');
      const chat = hasPlaceholders(to) ? null : checkChatId(to);
      if (chat && !chat.ok) return valueAt('to').fail(CHAT_EXPECTED[chat.problem], to);
      const modeText = optional('parse-mode');
      const parseMode = readParseMode(modeText);
      if (parseMode === undefined) return valueAt('parse-mode').fail(E.parseMode, modeText);
      return { kind: 'send-telegram', channel, template: { text, to, parseMode } };
    }
    case 'discord':
      return { kind: 'send-discord', channel, template: { text, title: optional('title') } };
  }
}

function parseEmail(argValue: (key: string) => unknown, valueAt: (key: string) => PathReader): EmailTemplate {
  const text = (key: string) => valueAt(key).optionalString(argValue(key), '', E.text);
  const encodingText = text('encoding');
  const encoding = encodingText === '' ? 'Text' : readEncoding(encodingText);
  if (encoding === undefined) return valueAt('encoding').fail(E.encoding, encodingText);
  return { sender: text('sender'), recipients: text('recipients'), subject: text('subject'), text: text('text'), html: text('html'), encoding };
}

function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** `{hour, minute, tz}`, as an object or (as some fields store it) a JSON string of one. */
function parsePeriod(value: unknown, at: PathReader): SchedulePeriod {
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      return at.fail(E.period, value);
    }
  }
  const period: JsonObject = at.object(raw, E.period);
  const list = (key: string, max: number, expected: Bilingual): number[] => {
    const v = own(period, key);
    if (v === undefined || v === null) return [];
    const items = Array.isArray(v) ? v : [v];
    return items.map((item, i) => {
      const n = readNumber(item);
      if (n === undefined || !Number.isInteger(n) || n < 0 || n > max) return (Array.isArray(v) ? at.at(key).at(i) : at.at(key)).fail(expected, item);
      return n;
    });
  };
  const hours = list('hour', 23, E.hour);
  const minutes = list('minute', 59, E.minute);
  const tzRaw = own(period, 'tz');
  const tz = tzRaw === undefined || tzRaw === null || tzRaw === '' ? 'UTC' : at.at('tz').string(tzRaw, E.tz);
  if (!isTimeZone(tz)) return at.at('tz').fail(E.tz, tz);
  return { hours, minutes, tz };
}
