// Conditions, events, transitions and the lab's channel commands in words, in both languages,
// for the screen and the runner's event stream: «Температура > 99», "data received", «SMS на
// 79255070602». A parameter is called by the model's name for it when there is one (names are
// the author's, so they are not translated).
import type { Bilingual } from '../integration/integration-types.js';
import type { AlertChannel, ComparisonOp, Condition, Operand, Parameter, Transition } from './automaton-types.js';
import { toComparable } from './condition-eval.js';
import { parseEvent } from './events.js';

const SYMBOL: Record<ComparisonOp, string> = {
  less: '<',
  'less-equal': '≤',
  more: '>',
  'more-equal': '≥',
  equal: '=',
  'not-equal': '≠',
};

const WORD = { and: { ru: 'и', en: 'and' }, or: { ru: 'или', en: 'or' } } as const;

type Names = ReadonlyMap<string, string>;

const namesOf = (parameters: readonly Parameter[] | undefined): Names => new Map((parameters ?? []).map((p) => [p.id, p.name || p.id]));

function operandText(operand: Operand, names: Names, lang: 'ru' | 'en'): string {
  if (operand.kind === 'parameter') return names.get(operand.id) ?? operand.id;
  // Numbers and booleans as they are; text quoted, so `status = "on"` reads as a string.
  if (typeof toComparable(operand.value) !== 'string') return operand.value.trim();
  return lang === 'ru' ? `«${operand.value}»` : JSON.stringify(operand.value);
}

function conditionText(condition: Condition, names: Names, lang: 'ru' | 'en', parent: 'and' | 'or' | null): string {
  if (condition.kind === 'compare') {
    return `${operandText(condition.left, names, lang)} ${SYMBOL[condition.op]} ${operandText(condition.right, names, lang)}`;
  }
  const text = [condition.left, condition.right].map((c) => conditionText(c, names, lang, condition.op)).join(` ${WORD[condition.op][lang]} `);
  // Brackets only where the reading would change: an "or" inside an "and" (and vice versa).
  return parent !== null && parent !== condition.op ? `(${text})` : text;
}

/** «temperature ≥ 20 и temperature ≤ 30» / "temperature ≥ 20 and temperature ≤ 30"; none: always. */
export function describeCondition(condition: Condition | null, parameters?: readonly Parameter[]): Bilingual {
  if (condition === null) return { ru: 'всегда', en: 'always' };
  const names = namesOf(parameters);
  return { ru: conditionText(condition, names, 'ru', null), en: conditionText(condition, names, 'en', null) };
}

/** An event by its platform name: es-recive-device-data → «данные получены» / "data received". */
export function describeEvent(name: string): Bilingual {
  const event = parseEvent(name);
  switch (event.kind) {
    case 'init':
      return { ru: 'запуск логики', en: 'logic started' };
    case 'immediate':
      return { ru: 'сразу после входа в состояние', en: 'right after entering the state' };
    case 'device-data':
      return { ru: 'данные получены', en: 'data received' };
    case 'timer-done':
      return { ru: `таймер ${event.timer} истёк`, en: `timer ${event.timer} expired` };
    case 'schedule-done':
      return { ru: `сработало расписание ${event.timer}`, en: `schedule ${event.timer} fired` };
    case 'geofence-enter':
      return { ru: 'вход в геозону', en: 'entered the geofence' };
    case 'geofence-leave':
      return { ru: 'выход из геозоны', en: 'left the geofence' };
    case 'custom':
      return { ru: `событие «${event.name}»`, en: `event "${event.name}"` };
  }
}

/** «данные получены, если Температура > 99» / "data received, if Temperature > 99". */
export function describeTransition(transition: Transition, parameters?: readonly Parameter[]): Bilingual {
  const event = describeEvent(transition.event);
  if (transition.condition === null) return event;
  const condition = describeCondition(transition.condition, parameters);
  return { ru: `${event.ru}, если ${condition.ru}`, en: `${event.en}, if ${condition.en}` };
}

/** The channels by the names their services go by (the same in both languages). */
export const CHANNEL_NAMES: Record<AlertChannel, Bilingual> = {
  sms: { ru: 'SMS', en: 'SMS' },
  telegram: { ru: 'Telegram', en: 'Telegram' },
  discord: { ru: 'Discord', en: 'Discord' },
};

/** The lab's channel commands by name; the Russian one is the `name` written into the file, as «Отправить e-mail» is. */
export const CHANNEL_ACTION_TITLES: Record<AlertChannel, Bilingual> = {
  sms: { ru: 'Отправить SMS', en: 'Send SMS' },
  telegram: { ru: 'Отправить в Telegram', en: 'Send to Telegram' },
  discord: { ru: 'Отправить в Discord', en: 'Send to Discord' },
};

/** Where a channel alert goes: «SMS на 79255070602», «Telegram, чат интеграции», «Telegram, чат @alerts», «Discord, канал вебхука». */
export function describeChannelTarget(channel: AlertChannel, to: string | null): Bilingual {
  const target = (to ?? '').trim();
  switch (channel) {
    case 'sms':
      return target ? { ru: `SMS на ${target}`, en: `SMS to ${target}` } : { ru: 'SMS', en: 'SMS' };
    case 'telegram':
      return target
        ? { ru: `Telegram, чат ${target}`, en: `Telegram, chat ${target}` }
        : { ru: 'Telegram, чат интеграции', en: "Telegram, the integration's chat" };
    case 'discord':
      return { ru: 'Discord, канал вебхука', en: "Discord, the webhook's channel" };
  }
}
