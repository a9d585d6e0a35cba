// The object forms as data: a typed-in value read the way the device's MQTT payload is read, the
// simulator's knobs as form text and back, the create request, and the mosquitto_pub command a
// student copies to publish to an object.
import type { Automaton, Model, Parameter, ParameterValue } from '../../../lab/automaton/automaton-types.js';
import { automatonParameters, inferParameters } from '../../../lab/automaton/infer-parameters.js';
import { DEFAULT_KNOBS, type SimulatorKnobs } from '../../../lab/automaton/telemetry-simulator.js';
import type { MqttInfo } from '../../../lab/objects/objects-wire.js';

/** A value typed in a form, as a number, a boolean or text (what the parameter's type says, else its look). */
export function typedValue(text: string, dataType: string | undefined): ParameterValue {
  const trimmed = text.trim();
  const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : undefined;
  const bool = trimmed === 'true' ? true : trimmed === 'false' ? false : undefined;
  if (dataType === 'string') return text;
  if (dataType === 'boolean' && bool !== undefined) return bool;
  if (dataType === 'number' && number !== undefined) return number;
  // An unknown or inferred type: read by the look, as the lab reads a device's plain payload.
  if (number !== undefined) return number;
  if (bool !== undefined) return bool;
  // A number with a decimal comma goes as text: the server says why it refuses it.
  return text;
}

/** The parameters an object of this automaton (and model) reports: the model's, then the automaton's. */
export function objectParameters(automaton: Automaton | undefined, model: Model | null | undefined): Parameter[] {
  if (!automaton) return model?.parameters ?? [];
  return automatonParameters(automaton, model ?? null);
}

const isNumeric = (p: Parameter) => p.dataType === 'number' || p.dataType === 'unknown';

/**
 * The simulator's knobs for this automaton: its temperature goes to a parameter the automaton's
 * conditions compare (temperatureC in the example, not the model's other temperature), its door
 * only to a door parameter there is.
 */
export function defaultKnobs(automaton: Automaton | undefined, model: Model | null | undefined): SimulatorKnobs {
  const parameters = objectParameters(automaton, model);
  const used = new Set(automaton ? inferParameters(automaton).map((p) => p.id) : []);
  const numeric = parameters.filter(isNumeric);
  const preferred = [...numeric.filter((p) => used.has(p.id)), ...numeric.filter((p) => !used.has(p.id))];
  const temperature = preferred.find((p) => /temp/i.test(p.id)) ?? preferred[0];
  const door = parameters.find((p) => /door|двер/i.test(p.id) && p.dataType !== 'number');
  return { ...DEFAULT_KNOBS, temperatureParam: temperature?.id ?? DEFAULT_KNOBS.temperatureParam, doorParam: door?.id ?? null };
}

export type KnobKey = keyof SimulatorKnobs;
export type KnobTexts = Record<KnobKey, string>;
export const KNOB_KEYS: readonly KnobKey[] = [
  'temperatureParam',
  'base',
  'overheatAt',
  'overheatFor',
  'overheatPeak',
  'intervalSeconds',
  'noise',
  'driftPerHour',
  'decimals',
  'doorParam',
  'doorOpenChance',
  'doorOpenFor',
];
const TEXT_KNOBS = new Set<KnobKey>(['temperatureParam', 'doorParam']);
const NULLABLE_KNOBS = new Set<KnobKey>(['overheatAt', 'doorParam']);

export function knobTexts(knobs: SimulatorKnobs): KnobTexts {
  const out = {} as KnobTexts;
  for (const key of KNOB_KEYS) {
    const v = knobs[key];
    out[key] = v === null ? '' : String(v);
  }
  return out;
}

/** The knobs typed in, as the simulator takes them; a field that is not a number stays text, for the server to refuse with its message. */
export function knobsFromTexts(texts: KnobTexts): Partial<SimulatorKnobs> {
  const out: Record<string, unknown> = {};
  for (const key of KNOB_KEYS) {
    const text = texts[key].trim();
    if (text === '' && NULLABLE_KNOBS.has(key)) out[key] = null;
    else if (TEXT_KNOBS.has(key)) out[key] = text;
    else out[key] = text !== '' && Number.isFinite(Number(text.replace(',', '.'))) ? Number(text.replace(',', '.')) : text;
  }
  return out as Partial<SimulatorKnobs>;
}

/** The knobs that differ from `base`: what to send when only some were changed. */
export function changedKnobs(base: SimulatorKnobs, next: Partial<SimulatorKnobs>): Partial<SimulatorKnobs> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) if (!Object.is(base[key as KnobKey], value)) out[key] = value;
  return out as Partial<SimulatorKnobs>;
}

const SAFE = /^[A-Za-z0-9._/:@+=-]+$/;
/** A word for the shell: as it is when safe, else in single quotes. */
export function shellWord(word: string): string {
  return SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Where a device connects: the broker's host, or the page's own when the broker listens everywhere. */
export function brokerHost(info: MqttInfo, pageHost: string): string {
  const host = info.host.trim();
  if (host === '' || host === '0.0.0.0' || host === '::' || host === '[::]') return pageHost || '127.0.0.1';
  return host;
}

/** `mosquitto_pub -h 127.0.0.1 -p 1883 -i cold-room-1 -t base/state/temperatureC -m 101` */
export function mosquittoCommand(info: MqttInfo, pageHost: string, objectId: string, parameter: string, value: string): string {
  const parts = ['mosquitto_pub', '-h', shellWord(brokerHost(info, pageHost))];
  if (info.port !== null) parts.push('-p', String(info.port));
  parts.push('-i', shellWord(objectId), '-t', shellWord(`base/state/${parameter}`), '-m', shellWord(value === '' ? '0' : value));
  return parts.join(' ');
}

/** A playback file's format by its name (the server also reads it by its look). */
export function playbackFormat(fileName: string): 'json' | 'csv' | undefined {
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (/\.json$/i.test(fileName)) return 'json';
  return undefined;
}
