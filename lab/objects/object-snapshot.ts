// An object as JSON for the screen: its state, its values with their units, its timers, its
// feed and its counters.
import type { Parameter, ParameterValue } from '../automaton/automaton-types.js';
import type { RunnerSnapshot } from '../automaton/runner.js';
import { formatValue, unitText } from '../automaton/units.js';
import type { ObjectClock } from './object-clock.js';
import type { ObjectCounts, ObjectSnapshot, ObjectValue } from './object-events.js';
import { feedSnapshot, type FeedState } from './object-feed.js';
import type { ObjectDefinition } from './object-spec.js';

/** The counters an object moves itself; the log's two are read from the log. */
export function emptyCounts(): Omit<ObjectCounts, 'logEntries' | 'logDropped'> {
  return {
    telemetry: 0,
    refused: 0,
    transitions: 0,
    actions: 0,
    errors: 0,
    mqttMessages: 0,
    mqttIgnored: 0,
    commandsPublished: 0,
    mailsSending: 0,
    mailsSent: 0,
    mailsFailed: 0,
    channelAlertsSending: 0,
    channelAlertsSent: 0,
    channelAlertsFailed: 0,
    operatorMessages: 0,
  };
}

export interface SnapshotParts {
  definition: ObjectDefinition;
  parameters: readonly Parameter[];
  createdAt: number;
  now: number;
  clock: ObjectClock;
  runner: RunnerSnapshot;
  updatedAt: ReadonlyMap<string, number>;
  feed: FeedState | null;
  mqtt: ObjectSnapshot['mqtt'];
  counts: ObjectCounts;
}

export function buildSnapshot(parts: SnapshotParts): ObjectSnapshot {
  const { definition, runner } = parts;
  const current = new Map<string, ParameterValue>(Object.entries(runner.values));
  const value = (p: Pick<Parameter, 'id' | 'name' | 'dataType' | 'unit' | 'unitText'>, origin: ObjectValue['origin']): ObjectValue => {
    const v = current.get(p.id);
    return {
      parameter: p.id,
      name: p.name || p.id,
      value: v ?? null,
      text: v === undefined ? null : formatValue(v, p.unit),
      dataType: p.dataType,
      unit: p.unit,
      unitText: p.unitText,
      origin,
      updatedAt: v === undefined ? null : (parts.updatedAt.get(p.id) ?? null),
    };
  };
  const known = new Set(parts.parameters.map((p) => p.id));
  const values = [
    ...parts.parameters.map((p) => value(p, p.origin)),
    ...[...current.keys()]
      .filter((k) => !known.has(k))
      .map((k) => value({ id: k, name: k, dataType: typeof current.get(k), unit: null, unitText: unitText(null) }, 'telemetry')),
  ];
  return {
    id: definition.id,
    owner: definition.owner,
    source: definition.source,
    automaton: {
      id: definition.automaton.id,
      name: definition.automaton.name,
      modelId: definition.automaton.modelId,
      libraryId: definition.libraryIds.automaton,
    },
    model: definition.model ? { id: definition.model.id, name: definition.model.name, libraryId: definition.libraryIds.model } : null,
    createdAt: parts.createdAt,
    time: parts.now,
    objectTime: parts.clock.now(),
    realTime: parts.clock.realTime,
    speed: parts.clock.speed,
    paused: parts.clock.paused,
    started: runner.started,
    finished: runner.finished,
    state: runner.state,
    values,
    timers: runner.timers,
    feed: parts.feed ? feedSnapshot(parts.feed) : null,
    mqtt: parts.mqtt,
    counts: parts.counts,
  };
}
