// What a device's PUBLISH says about its object's parameters. Pure: no broker, no clock.
//
// The rules, tried in this order (the first that applies decides):
//   1. `base/state/<param>` — the platform's own example (`mosquitto_pub -t base/state/temperature
//      -m 23`): the payload is the plain value of <param>.
//   2. the `reference` topic of a model parameter (the kettle's `kettle/temperature`): the payload
//      is the plain value of every parameter with that reference.
//   3. a payload that is a JSON object (`{"temperature": 23, "door": true}`), on `base/state` or any
//      other topic: each member sets the parameter of its name.
//   Anything else carries no values, and the reason says which topics would.
//
// A plain value is the payload as UTF-8 text, trimmed. A value is typed the way the automaton's
// comparisons read it (lab/automaton/condition-eval): a model parameter of dataType `number` takes
// a number (`23`, `-4.5`, `1e3`, also the JSON string "23"); `boolean` takes true/false; `string`
// takes the text as it is. A parameter the automaton only infers, or one nobody declared, is read
// by the value's look: a number, true/false, else text. A value that does not fit its parameter is
// refused with a reason (not thrown). Unknown parameters are kept — the object may use parameters
// no model names — but listed. An empty payload carries no value (MQTT uses it to clear a
// retained message). The model's `mqtt-last` parameters (reference `topic` and `payload`) get the
// topic and the payload text of the publish, as the platform's model describes them; the registry
// hands them to the automaton together with the values of a publish that carries some.
import type { Bilingual } from '../integration/integration-types.js';
import { toComparable } from '../automaton/condition-eval.js';
import type { Parameter, ParameterValue, ParameterValues } from '../automaton/automaton-types.js';

export const STATE_TOPIC = 'base/state';
/** A text value longer than this is refused; the mqtt-last payload is cut to it. */
export const MAX_TEXT_VALUE = 4096;
/** The references of the model's `mqtt-last` parameters: not topics, but the publish's topic and payload. */
export const MQTT_LAST = { topic: 'topic', payload: 'payload' } as const;
export const isMqttLast = (p: Parameter): boolean => p.origin === 'model' && (p.topic === MQTT_LAST.topic || p.topic === MQTT_LAST.payload);

export type TopicRule = 'state-topic' | 'reference' | 'json';
export type NoValueReason = 'not-text' | 'empty' | 'state-not-object' | 'unknown-topic' | 'all-refused';

export interface RefusedValue {
  parameter: string;
  /** The value as received, as text. */
  raw: string;
  text: Bilingual;
}

export interface PublishReading {
  /** Which rule read the publish; null when none applied. */
  rule: TopicRule | null;
  values: ParameterValues;
  /** Parameters in `values` that neither the model nor the automaton names. */
  unknown: string[];
  refused: RefusedValue[];
  /** Values for the model's mqtt-last parameters (empty when it has none). */
  last: ParameterValues;
  /** Why `values` is empty; null when it is not. */
  reason: NoValueReason | null;
  reasonText: Bilingual | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
// A parameter may be called `__proto__`: define it, never assign it.
const put = (into: ParameterValues, name: string, value: ParameterValue) =>
  void Object.defineProperty(into, name, { value, enumerable: true, writable: true, configurable: true });
const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max)}…` : text);

export type Coerced = { ok: true; value: ParameterValue } | { ok: false; text: Bilingual };

/** A received value typed for its parameter (absent: by its look). */
export function coerceValue(name: string, value: unknown, parameter: Parameter | undefined): Coerced {
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') {
    return {
      ok: false,
      text: {
        ru: `Значение ${name} — не число, строка или true/false: ${clip(show(value))}`,
        en: `The value of ${name} is not a number, a string or true/false: ${clip(show(value))}`,
      },
    };
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    return { ok: false, text: { ru: `Значение ${name} — не конечное число`, en: `The value of ${name} is not a finite number` } };
  if (typeof value === 'string' && value.length > MAX_TEXT_VALUE) {
    return {
      ok: false,
      text: { ru: `Значение ${name} длиннее ${MAX_TEXT_VALUE} символов`, en: `The value of ${name} is longer than ${MAX_TEXT_VALUE} characters` },
    };
  }
  const declared = parameter?.origin === 'model' ? parameter.dataType : null;
  const read = typeof value === 'string' ? toComparable(value) : value;
  if (declared === 'number') {
    if (typeof read === 'number') return { ok: true, value: read };
    const comma = typeof value === 'string' && /^\s*[+-]?\d+,\d+\s*$/.test(value);
    const hint: Bilingual = comma ? { ru: ' (дробная часть — через точку: 23.5)', en: ' (write the decimal point as a dot: 23.5)' } : { ru: '', en: '' };
    return {
      ok: false,
      text: {
        ru: `Параметр ${name} — число по модели, а пришло «${clip(show(value))}»${hint.ru}`,
        en: `Parameter ${name} is a number in the model, but "${clip(show(value))}" arrived${hint.en}`,
      },
    };
  }
  if (declared === 'boolean') {
    if (typeof read === 'boolean') return { ok: true, value: read };
    return {
      ok: false,
      text: {
        ru: `Параметр ${name} — true/false по модели, а пришло «${clip(show(value))}»`,
        en: `Parameter ${name} is true/false in the model, but "${clip(show(value))}" arrived`,
      },
    };
  }
  if (declared === 'string') return { ok: true, value: typeof value === 'string' ? value : String(value) };
  return { ok: true, value: read };
}

function decode(payload: Uint8Array | string): string | null {
  if (typeof payload === 'string') return payload;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    return null;
  }
}

/** Bytes that are not UTF-8, kept readable; btoa: no Node Buffer, so the browser can read this file too. */
function toBase64(payload: Uint8Array | string): string {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function parseObject(text: string): Record<string, unknown> | null {
  if (!text.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Values given as an object — a JSON payload's members, a playback sample, the simulator, a
 * person typing — typed for their parameters. null (or undefined) means "no new value".
 */
export function readValues(
  input: Readonly<Record<string, unknown>>,
  parameters: readonly Parameter[] | ReadonlyMap<string, Parameter>,
): Pick<PublishReading, 'values' | 'unknown' | 'refused'> {
  const byId = parameters instanceof Map ? parameters : new Map((parameters as readonly Parameter[]).map((p) => [p.id, p]));
  const read: Pick<PublishReading, 'values' | 'unknown' | 'refused'> = { values: {}, unknown: [], refused: [] };
  for (const [name, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    const parameter = byId.get(name);
    const coerced = coerceValue(name, value, parameter);
    if (!coerced.ok) {
      read.refused.push({ parameter: name, raw: clip(show(value), 200), text: coerced.text });
      continue;
    }
    put(read.values, name, coerced.value);
    if (!parameter) read.unknown.push(name);
  }
  return read;
}

/** Read one PUBLISH for an object whose parameters are `parameters` (model, then inferred). */
export function readPublish(topic: string, payload: Uint8Array | string, parameters: readonly Parameter[]): PublishReading {
  const byId = new Map(parameters.map((p) => [p.id, p]));
  const reading: PublishReading = { rule: null, values: {}, unknown: [], refused: [], last: {}, reason: null, reasonText: null };
  const text = decode(payload);
  for (const p of parameters) {
    if (p.origin !== 'model') continue;
    if (p.topic === MQTT_LAST.topic) put(reading.last, p.id, topic);
    if (p.topic === MQTT_LAST.payload) put(reading.last, p.id, (text ?? `base64:${toBase64(payload)}`).slice(0, MAX_TEXT_VALUE));
  }
  const none = (reason: NoValueReason, reasonText: Bilingual) => Object.assign(reading, { reason, reasonText });
  if (text === null) return none('not-text', { ru: 'Сообщение — не текст UTF-8: значения не прочитаны', en: 'The message is not UTF-8 text: no values read' });
  const plain = text.trim();

  const set = (name: string, value: unknown) => {
    const parameter = byId.get(name);
    const coerced = coerceValue(name, value, parameter);
    if (!coerced.ok) return void reading.refused.push({ parameter: name, raw: clip(show(value), 200), text: coerced.text });
    put(reading.values, name, coerced.value);
    if (!parameter && !reading.unknown.includes(name)) reading.unknown.push(name);
  };
  const finish = () => {
    if (Object.keys(reading.values).length > 0 || reading.refused.length === 0) return reading;
    return none('all-refused', { ru: 'Ни одно значение не подошло своему параметру', en: 'No value fitted its parameter' });
  };
  const empty = () => none('empty', { ru: 'Пустое сообщение не несёт значения', en: 'An empty message carries no value' });

  const prefix = `${STATE_TOPIC}/`;
  const stateParam = topic.startsWith(prefix) ? topic.slice(prefix.length) : '';
  if (stateParam !== '' && !stateParam.includes('/')) {
    reading.rule = 'state-topic';
    if (plain === '') return empty();
    set(stateParam, plain);
    return finish();
  }
  const referenced = parameters.filter((p) => p.origin === 'model' && p.topic === topic && !isMqttLast(p));
  if (referenced.length > 0) {
    reading.rule = 'reference';
    if (plain === '') return empty();
    for (const p of referenced) set(p.id, plain);
    return finish();
  }
  const object = parseObject(plain);
  if (object) {
    reading.rule = 'json';
    Object.assign(reading, readValues(object, byId));
    if (Object.keys(reading.values).length === 0 && reading.refused.length === 0) {
      return none('empty', { ru: 'В объекте JSON нет значений', en: 'The JSON object holds no values' });
    }
    return finish();
  }
  if (topic === STATE_TOPIC) {
    return none('state-not-object', {
      ru: `В ${STATE_TOPIC} ожидается объект JSON {"параметр": значение}; одно значение публикуйте в ${STATE_TOPIC}/<параметр>`,
      en: `${STATE_TOPIC} takes a JSON object {"parameter": value}; publish a single value to ${STATE_TOPIC}/<parameter>`,
    });
  }
  const refs = parameters.filter((p) => p.origin === 'model' && p.topic !== null && !isMqttLast(p)).map((p) => p.topic);
  const also = refs.length > 0 ? { ru: `, ${refs.join(', ')}`, en: `, ${refs.join(', ')}` } : { ru: '', en: '' };
  return none('unknown-topic', {
    ru: `Топик «${topic}» не несёт параметров: значения принимаются в ${STATE_TOPIC}/<параметр>${also.ru} или объектом JSON`,
    en: `Topic "${topic}" carries no parameters: values arrive on ${STATE_TOPIC}/<parameter>${also.en} or as a JSON object`,
  });
}
