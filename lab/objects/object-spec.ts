// What a caller says to create an object, checked whole before anything starts. An object is one
// device: an id (its MQTT client id, for an MQTT object), an automaton, maybe a model, who made
// it, and where its telemetry comes from.
import type { Automaton, Model, ParameterValues } from '../automaton/automaton-types.js';
import type { AutomatonDocument } from '../automaton/import-automaton.js';
import type { Bilingual } from '../../server/wire/bilingual.js';
import { ObjectError } from './object-error.js';
import type { LogLine } from './runner-log.js';

export type ObjectSource = 'mqtt' | 'playback' | 'simulator' | 'manual';
export const OBJECT_SOURCES: readonly ObjectSource[] = Object.freeze(['mqtt', 'playback', 'simulator', 'manual']);

export interface ObjectSpec {
  /** 1–64 characters of A–Z a–z 0–9 . _ - : it doubles as the device's MQTT client id. */
  id: string;
  automaton: AutomatonDocument | Automaton;
  model?: Model | null;
  /** Who created it: an account address, or 'cli'. */
  owner: string;
  source: ObjectSource;
  /** Simulated seconds per real second (not for MQTT objects, which live in real time). Default 1. */
  speed?: number;
  /** Values the object has before any telemetry. */
  initialValues?: ParameterValues;
  /** Where the lab keeps the export and model it was made from (the library's ids), if it does. */
  libraryIds?: LibraryIds;
}

export interface LibraryIds {
  automaton: string | null;
  model: string | null;
}

export interface ObjectDefinition {
  id: string;
  automaton: Automaton;
  model: Model | null;
  owner: string;
  source: ObjectSource;
  speed: number;
  initialValues: ParameterValues;
  libraryIds: LibraryIds;
}

export const OBJECT_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const MAX_OBJECT_ID_LENGTH = 64;
export const MAX_OWNER_LENGTH = 320;
/** Beyond this a simulator floods the event stream faster than a browser can draw it. */
export const MAX_SPEED = 1000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAutomaton = (v: unknown): v is Automaton => isRecord(v) && Array.isArray(v.states) && Array.isArray(v.transitions) && typeof v.initStateId === 'string';
const isModel = (v: unknown): v is Model => isRecord(v) && Array.isArray(v.parameters) && Array.isArray(v.commands);

export function checkObjectId(id: unknown): string {
  if (typeof id !== 'string' || id === '') {
    throw new ObjectError('invalid-id', { ru: 'Укажите id объекта: непустую строку', en: "Enter the object's id: a non-empty string" }, 'id');
  }
  if (id.length > MAX_OBJECT_ID_LENGTH) {
    throw new ObjectError(
      'invalid-id',
      { ru: `Id объекта длиннее ${MAX_OBJECT_ID_LENGTH} символов`, en: `The object's id is longer than ${MAX_OBJECT_ID_LENGTH} characters` },
      'id',
    );
  }
  if (!OBJECT_ID_PATTERN.test(id)) {
    const bad = [...id].find((c) => !/[A-Za-z0-9._-]/.test(c)) ?? '';
    const shown = /\s/.test(bad) ? (bad === ' ' ? 'пробел' : 'пробельный символ') : `«${bad}»`;
    const shownEn = /\s/.test(bad) ? (bad === ' ' ? 'a space' : 'a whitespace character') : `"${bad}"`;
    throw new ObjectError(
      'invalid-id',
      {
        ru: `В id объекта ${shown} — допустимы латинские буквы, цифры, точка, _ и - (id — это MQTT client id устройства)`,
        en: `The object's id holds ${shownEn}: use Latin letters, digits, dot, _ and - (the id is the device's MQTT client id)`,
      },
      'id',
    );
  }
  return id;
}

export function checkSpeed(speed: unknown, field = 'speed'): number {
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0 || speed > MAX_SPEED) {
    throw new ObjectError(
      'invalid-speed',
      {
        ru: `Скорость — число больше 0 и не больше ${MAX_SPEED} (1 — реальное время)`,
        en: `The speed is a number greater than 0 and at most ${MAX_SPEED} (1 is real time)`,
      },
      field,
    );
  }
  return speed;
}

export function normalizeSpec(input: unknown): ObjectDefinition {
  if (!isRecord(input))
    throw new ObjectError('invalid-spec', {
      ru: 'Описание объекта — объект { id, automaton, owner, source }',
      en: 'An object spec is an object { id, automaton, owner, source }',
    });
  const id = checkObjectId(input.id);
  const given = input.automaton;
  const automaton = isAutomaton(given) ? given : isRecord(given) && isAutomaton(given.automaton) ? given.automaton : null;
  if (!automaton) {
    throw new ObjectError(
      'invalid-spec',
      {
        ru: 'Автомат объекта — импортированный экспорт автомата (importAutomaton)',
        en: "The object's automaton is an imported automaton export (importAutomaton)",
      },
      'automaton',
    );
  }
  const model = input.model ?? null;
  if (model !== null && !isModel(model)) {
    throw new ObjectError(
      'invalid-spec',
      {
        ru: 'Модель объекта — импортированный экспорт модели (importModel) или ничего',
        en: "The object's model is an imported model export (importModel), or none",
      },
      'model',
    );
  }
  const owner = input.owner;
  if (typeof owner !== 'string' || owner.trim() === '' || owner.length > MAX_OWNER_LENGTH) {
    throw new ObjectError(
      'invalid-spec',
      { ru: 'Владелец объекта — адрес учётной записи или cli', en: "The object's owner is an account address, or cli" },
      'owner',
    );
  }
  const source = input.source;
  if (typeof source !== 'string' || !(OBJECT_SOURCES as readonly string[]).includes(source)) {
    throw new ObjectError(
      'invalid-spec',
      { ru: `Источник телеметрии: ${OBJECT_SOURCES.join(', ')}`, en: `The telemetry source: ${OBJECT_SOURCES.join(', ')}` },
      'source',
    );
  }
  const speed = input.speed === undefined ? 1 : checkSpeed(input.speed);
  if (source === 'mqtt' && speed !== 1) throw realTime('speed');
  const initialValues = input.initialValues ?? {};
  if (!isRecord(initialValues))
    throw new ObjectError(
      'invalid-spec',
      { ru: 'Начальные значения — объект { параметр: значение }', en: 'Initial values are an object { parameter: value }' },
      'initialValues',
    );
  const ids = isRecord(input.libraryIds) ? input.libraryIds : {};
  const libraryIds: LibraryIds = {
    automaton: typeof ids.automaton === 'string' ? ids.automaton : null,
    model: typeof ids.model === 'string' ? ids.model : null,
  };
  return { id, automaton, model, owner, source: source as ObjectSource, speed, initialValues: initialValues as ParameterValues, libraryIds };
}

export const realTime = (field: string | null = null) =>
  new ObjectError(
    'real-time',
    {
      ru: 'Объект MQTT живёт в реальном времени: его устройство публикует данные сейчас, поэтому скорость и пауза — только для воспроизведения и симулятора',
      en: 'An MQTT object lives in real time: its device publishes now, so speed and pause are for playback and the simulator only',
    },
    field,
  );

const SOURCE_WORDS: Record<ObjectDefinition['source'], Bilingual> = {
  mqtt: { ru: 'телеметрия по MQTT', en: 'telemetry over MQTT' },
  playback: { ru: 'воспроизведение записи', en: 'playback of a recording' },
  simulator: { ru: 'симулятор', en: 'the simulator' },
  manual: { ru: 'значения вводятся вручную', en: 'values set by hand' },
};

/** What the log says when the object is created: where its data comes from, and what looks wrong. */
export function creationLines(definition: ObjectDefinition, speed: number, brokerOn: boolean): LogLine[] {
  const { id, source, automaton, model } = definition;
  const lines: LogLine[] = [
    {
      kind: 'created',
      text: {
        ru: `Объект «${id}» создан (${SOURCE_WORDS[source].ru}${source === 'mqtt' ? `: устройство подключается с client id ${id}` : ''})`,
        en: `Object "${id}" created (${SOURCE_WORDS[source].en}${source === 'mqtt' ? `: its device connects with client id ${id}` : ''})`,
      },
      data: { source, speed, automaton: automaton.name, model: model?.name ?? null },
    },
  ];
  if (model && automaton.modelId && model.id && automaton.modelId !== model.id) {
    lines.push({
      kind: 'warning',
      text: {
        ru: `Автомат сделан для модели ${automaton.modelId}, а выбрана модель ${model.id} («${model.name}»)`,
        en: `The automaton was made for model ${automaton.modelId}, but model ${model.id} ("${model.name}") is chosen`,
      },
      data: { automatonModel: automaton.modelId, model: model.id },
    });
  }
  if (source === 'mqtt' && !brokerOn) {
    lines.push({
      kind: 'warning',
      text: { ru: 'Брокер MQTT выключен: данные устройства не дойдут', en: "The MQTT broker is off: the device's data cannot arrive" },
      data: null,
    });
  }
  return lines;
}
