// A runner event as a line of the object's log, in both languages: «Переход «Data received»:
// ON → OFF (Temperature > 99)». Only what a person wants to read: an event that took a transition
// is told by the transition; data arriving with no transition to take is the normal case and
// is not told at all.
import type { Bilingual } from '../integration/integration-types.js';
import type { Importance, Parameter, ParameterValues } from '../automaton/automaton-types.js';
import { describeChannelTarget } from '../automaton/describe.js';
import { DEVICE_DATA_EVENT } from '../automaton/events.js';
import type { ActionEvent, RunnerEvent, StateRef } from '../automaton/runner-events.js';
import { formatValue } from '../automaton/units.js';
import type { ObjectLogKind } from './object-log.js';
import { isMqttLast } from './telemetry-topics.js';

export interface LogLine {
  kind: ObjectLogKind;
  text: Bilingual;
  data: unknown;
}

const IMPORTANCE: Record<Importance, Bilingual> = {
  information: { ru: 'информация', en: 'information' },
  important: { ru: 'важное', en: 'important' },
  critical: { ru: 'критическое', en: 'critical' },
};

const stateName = (s: StateRef) => s.name || s.id;
const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** `temperatureC = 23 °C, door = true`, with the model's units; the mqtt-last echo of the publish left out. */
export function valuesText(values: ParameterValues, parameters: readonly Parameter[]): string {
  const units = new Map(parameters.map((p) => [p.id, p.unit]));
  const echo = new Set(parameters.filter(isMqttLast).map((p) => p.id));
  const parts = Object.entries(values)
    .filter(([name]) => !echo.has(name))
    .map(([name, value]) => `${name} = ${formatValue(value, units.get(name) ?? null)}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

function actionLine(event: ActionEvent): LogLine {
  const data = { seq: event.seq, actionId: event.actionId, stateId: event.stateId, phase: event.phase };
  switch (event.kind) {
    case 'device-command': {
      const publish = event.command.modelCommand?.publish;
      const where: Bilingual = publish
        ? { ru: ` → публикация в ${publish.topic}: ${publish.payload}`, en: ` → publish to ${publish.topic}: ${publish.payload}` }
        : { ru: '', en: '' };
      return {
        kind: 'action',
        text: {
          ru: `Команда устройству «${event.actionName}» (${event.actionId})${where.ru}`,
          en: `Device command "${event.actionName}" (${event.actionId})${where.en}`,
        },
        data: { ...data, kind: event.kind, publish: publish ?? null, args: event.command.args },
      };
    }
    case 'send-email':
      return {
        kind: 'action',
        text: { ru: `Письмо для ${event.mail.to.join(', ')}: «${event.mail.subject}»`, en: `E-mail to ${event.mail.to.join(', ')}: "${event.mail.subject}"` },
        data: { ...data, kind: event.kind, to: event.mail.to, subject: event.mail.subject },
      };
    case 'send-sms':
    case 'send-telegram':
    case 'send-discord': {
      const { channel, to, title, text } = event.alert;
      const where = describeChannelTarget(channel, to);
      const said = title ? `${title} — ${text}` : text;
      return {
        kind: 'action',
        text: { ru: `${where.ru}: «${said}»`, en: `${where.en}: "${said}"` },
        data: { ...data, kind: event.kind, channel, to, title },
      };
    }
    case 'push-message': {
      const level = IMPORTANCE[event.message.importance];
      return {
        kind: 'action',
        text: { ru: `Сообщение оператору (${level.ru}): ${event.message.body}`, en: `Message to the operator (${level.en}): ${event.message.body}` },
        data: { ...data, kind: event.kind, importance: event.message.importance },
      };
    }
    case 'change-value': {
      const was: Bilingual = event.previous === null ? { ru: '', en: '' } : { ru: ` (было ${show(event.previous)})`, en: ` (was ${show(event.previous)})` };
      return {
        kind: 'action',
        text: { ru: `${event.parameter} = ${show(event.value)}${was.ru}`, en: `${event.parameter} = ${show(event.value)}${was.en}` },
        data: { ...data, kind: event.kind, parameter: event.parameter, value: event.value, previous: event.previous },
      };
    }
    case 'timer-start': {
      const again: Bilingual = event.restarted ? { ru: ' (запущен заново)', en: ' (started over)' } : { ru: '', en: '' };
      return {
        kind: 'action',
        text: { ru: `Таймер №${event.timer} на ${event.intervalSeconds} с${again.ru}`, en: `Timer #${event.timer} for ${event.intervalSeconds} s${again.en}` },
        data: { ...data, kind: event.kind, timer: event.timer, intervalSeconds: event.intervalSeconds },
      };
    }
    case 'schedule-start':
      return {
        kind: 'action',
        text: { ru: `Расписание №${event.timer} запущено`, en: `Schedule #${event.timer} started` },
        data: { ...data, kind: event.kind, timer: event.timer, period: event.period },
      };
  }
}

const bilingualIn = (outcome: unknown, key: 'message' | 'text'): Bilingual | null => {
  const v = typeof outcome === 'object' && outcome !== null ? (outcome as Record<string, unknown>)[key] : undefined;
  return typeof v === 'object' && v !== null && typeof (v as Bilingual).ru === 'string' && typeof (v as Bilingual).en === 'string' ? (v as Bilingual) : null;
};

export function runnerLogLine(event: RunnerEvent, parameters: readonly Parameter[]): LogLine | null {
  switch (event.type) {
    case 'started':
      return { kind: 'started', text: { ru: `Автомат «${event.automaton}» запущен`, en: `Automaton "${event.automaton}" started` }, data: null };
    case 'telemetry':
      return {
        kind: 'telemetry',
        text: { ru: `Телеметрия: ${valuesText(event.values, parameters)}`, en: `Telemetry: ${valuesText(event.values, parameters)}` },
        data: { values: event.values },
      };
    case 'event': {
      if (event.outcome === 'taken' || (event.outcome === 'no-transition' && event.event === DEVICE_DATA_EVENT)) return null;
      const why: Bilingual =
        event.outcome === 'no-transition'
          ? { ru: 'из текущего состояния по нему перехода нет', en: 'no transition leaves the current state on it' }
          : event.outcome === 'finished'
            ? { ru: 'автомат уже завершён', en: 'the automaton has finished' }
            : { ru: 'автомат ещё не запущен', en: 'the automaton has not started' };
      return {
        kind: 'event',
        text: { ru: `Событие ${event.event} (${event.text.ru}): ${why.ru}`, en: `Event ${event.event} (${event.text.en}): ${why.en}` },
        data: { event: event.event, outcome: event.outcome },
      };
    }
    case 'transition': {
      const cond = event.conditionText;
      return {
        kind: 'transition',
        text: {
          ru: `Переход «${event.transitionName}»: «${event.fromName || event.from}» → «${event.toName || event.to}»${cond ? ` (${cond.ru})` : ''}`,
          en: `Transition "${event.transitionName}": "${event.fromName || event.from}" → "${event.toName || event.to}"${cond ? ` (${cond.en})` : ''}`,
        },
        data: { transitionId: event.transitionId, event: event.event, from: event.from, to: event.to },
      };
    }
    case 'state-entered':
      return { kind: 'state', text: { ru: `Состояние «${stateName(event.state)}»`, en: `State "${stateName(event.state)}"` }, data: { state: event.state } };
    case 'action':
      return actionLine(event);
    case 'action-result': {
      const data = { seq: event.seq, actionId: event.actionId, kind: event.kind, ok: event.ok, outcome: event.outcome, error: event.error };
      const said = bilingualIn(event.outcome, 'message') ?? bilingualIn(event.outcome, 'text');
      const published =
        event.kind === 'device-command' &&
        event.ok &&
        typeof event.outcome === 'object' &&
        event.outcome !== null &&
        (event.outcome as { published?: unknown }).published;
      if (said) return { kind: published ? 'command-published' : 'action-result', text: said, data };
      if (event.error) {
        return {
          kind: 'action-result',
          text: { ru: `«${event.actionId}» не выполнено: ${event.error.message}`, en: `"${event.actionId}" failed: ${event.error.message}` },
          data,
        };
      }
      return {
        kind: 'action-result',
        text: event.ok
          ? { ru: `«${event.actionId}» выполнено`, en: `"${event.actionId}" done` }
          : { ru: `«${event.actionId}» не выполнено`, en: `"${event.actionId}" failed` },
        data,
      };
    }
    case 'timer-started':
      // The timer-start action already said it.
      return null;
    case 'timer-fired': {
      const what: Bilingual =
        event.kind === 'timer'
          ? { ru: `Таймер №${event.timer} истёк`, en: `Timer #${event.timer} ran out` }
          : { ru: `Сработало расписание №${event.timer}`, en: `Schedule #${event.timer} fired` };
      return {
        kind: 'timer',
        text: { ru: `${what.ru} → ${event.event}`, en: `${what.en} → ${event.event}` },
        data: { kind: event.kind, timer: event.timer, event: event.event },
      };
    }
    case 'finished':
      return {
        kind: 'finished',
        text: { ru: `Автомат завершён в «${stateName(event.state)}»`, en: `The automaton finished in "${stateName(event.state)}"` },
        data: { state: event.state },
      };
    case 'error':
      return { kind: 'error', text: event.text, data: { code: event.code, stateId: event.stateId, actionId: event.actionId } };
  }
}
