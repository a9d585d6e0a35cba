// The running objects of the lab: several at once, on one automaton or on different ones (three
// cold rooms on one export). The registry routes the broker's traffic to the object whose id is
// the publishing client's id — the platform's rule — and keeps what every object's actions
// produced: the operator's messages and the mail attempts. It knows nothing of HTTP or of how a
// mail is sent: it uses lab/automaton, the broker's interface and the injected ports.
import type { ClockHost } from '../automaton/clock.js';
import type { SimulatorKnobs } from '../automaton/telemetry-simulator.js';
import type { TelemetrySample } from '../automaton/telemetry-source.js';
import { createAlertLog, type AlertLog } from './alert-log.js';
import type { BrokerClientEvent, BrokerMessage, MqttBroker } from './mqtt-broker.js';
import { ObjectError } from './object-error.js';
import type { ObjectCounts, ObjectEvent, ObjectSnapshot } from './object-events.js';
import { emptyCounts } from './object-snapshot.js';
import { DEFAULT_LOG_CAP, type ObjectLogPage } from './object-log.js';
import type { ObjectActionPorts } from './object-ports.js';
import { createObjectRuntime, type ObjectRuntime, type TelemetryResult } from './object-runtime.js';
import { checkObjectId, normalizeSpec, type ObjectSource, type ObjectSpec } from './object-spec.js';
import {
  createOperatorMessageStore,
  type MessageGroup,
  type MessageGrouping,
  type MessageQuery,
  type OperatorIndicator,
  type OperatorMessage,
} from './operator-messages.js';

export interface ObjectRegistryOptions {
  /** Without a broker MQTT is off: MQTT objects get no data, device commands are only logged. */
  broker?: MqttBroker | null;
  actions: ObjectActionPorts;
  /** The wall clock for log, message and alert times (default Date.now). */
  now?: () => number;
  onEvent?: (event: ObjectEvent) => void;
  maxObjects?: number;
  logCap?: number;
  messageCap?: number;
  alertCap?: number;
  /** Real time under the objects' clocks; for tests of the clock arithmetic. */
  clockHost?: ClockHost;
}

export interface ObjectFilter {
  owner?: string;
  source?: ObjectSource;
}

export interface MqttRoutingStats {
  /** Publishes from clients whose id is no object's. */
  unknownClientMessages: number;
  /** Those clients' ids, most recent last (at most 20). */
  unknownClients: string[];
}

export interface ObjectTotals extends ObjectCounts {
  objects: number;
}

export interface ObjectRegistry {
  create(spec: ObjectSpec): ObjectSnapshot;
  has(id: string): boolean;
  get(id: string): ObjectSnapshot;
  list(filter?: ObjectFilter): ObjectSnapshot[];
  /** The objects' counters summed (how much telemetry, how many transitions and mails), cheaply. */
  totals(filter?: ObjectFilter): ObjectTotals;
  /** Values typed in by a person (or a script): typed like MQTT JSON members; refusals logged. */
  telemetry(id: string, values: Readonly<Record<string, unknown>>): TelemetryResult;
  /** A custom event, geofence-enter, geofence-leave, … */
  fire(id: string, eventName: string): void;
  remove(id: string): void;
  playback(id: string, samples: readonly TelemetrySample[], options?: { speed?: number }): ObjectSnapshot;
  simulate(id: string, options: { seed: number; knobs?: Partial<SimulatorKnobs>; speed?: number }): ObjectSnapshot;
  setKnobs(id: string, knobs: Partial<SimulatorKnobs>): ObjectSnapshot;
  pause(id: string): ObjectSnapshot;
  resume(id: string): ObjectSnapshot;
  setSpeed(id: string, speed: number): ObjectSnapshot;
  log(id: string, options?: { after?: number; limit?: number }): ObjectLogPage;
  readonly messages: {
    list(query?: MessageQuery): OperatorMessage[];
    groups(groupBy: MessageGrouping, query?: MessageQuery): MessageGroup[];
    indicator(owner?: string): OperatorIndicator;
    /** One message by id, or 'all'; only `owner`'s when given. Returns the ids acknowledged. */
    acknowledge(target: string, owner?: string): string[];
  };
  readonly alerts: Pick<AlertLog, 'list' | 'get' | 'stats'>;
  mqttStats(): MqttRoutingStats;
  /** Resolves when every port call made so far (mails, command publishes) has answered. */
  idle(): Promise<void>;
  /** Stops every runner, feed, timer and broker subscription. The broker itself stays the caller's. */
  close(): void;
}

export const DEFAULT_MAX_OBJECTS = 100;
const MAX_EVENT_NAME = 200;
const MAX_SAMPLES = 100_000;
const MAX_UNKNOWN_CLIENTS = 20;

export function createObjectRegistry(options: ObjectRegistryOptions): ObjectRegistry {
  const broker = options.broker ?? null;
  const now = options.now ?? Date.now;
  const maxObjects = options.maxObjects ?? DEFAULT_MAX_OBJECTS;
  const objects = new Map<string, ObjectRuntime>();
  const messages = createOperatorMessageStore({ cap: options.messageCap, now });
  const alerts = createAlertLog({ cap: options.alertCap, now });
  const routing = { unknownClientMessages: 0, unknownClients: [] as string[] };
  // Client connections already told about (cleared when that client disconnects).
  const toldUnknown = new Set<string>();
  let closed = false;

  const emit = (event: ObjectEvent) => {
    if (closed || !options.onEvent) return;
    try {
      options.onEvent(event);
    } catch {
      // A consumer's bug (a closed socket) must not stop an automaton.
    }
  };
  const services = {
    now,
    emit,
    broker,
    actions: options.actions,
    alerts,
    messages,
    logCap: options.logCap ?? DEFAULT_LOG_CAP,
    ...(options.clockHost ? { clockHost: options.clockHost } : {}),
  };

  const open = () => {
    if (closed) throw new ObjectError('closed', { ru: 'Реестр объектов остановлен', en: 'The object registry is stopped' });
  };
  const matching = (filter: ObjectFilter): ObjectRuntime[] =>
    [...objects.values()].filter(
      (o) => (filter.owner === undefined || o.owner === filter.owner) && (filter.source === undefined || o.source === filter.source),
    );
  const find = (id: string): ObjectRuntime => {
    open();
    const runtime = typeof id === 'string' ? objects.get(id) : undefined;
    if (!runtime) throw new ObjectError('not-found', { ru: `Объекта «${String(id)}» нет`, en: `There is no object "${String(id)}"` }, 'id');
    return runtime;
  };

  const onMessage = (message: BrokerMessage) => {
    if (closed) return;
    const runtime = objects.get(message.clientId);
    if (runtime) return runtime.mqttMessage(message);
    routing.unknownClientMessages++;
    routing.unknownClients = [...routing.unknownClients.filter((c) => c !== message.clientId), message.clientId].slice(-MAX_UNKNOWN_CLIENTS);
    if (toldUnknown.has(message.clientId) || toldUnknown.size >= 1000) return;
    toldUnknown.add(message.clientId);
    emit({
      Type: 'mqtt-unknown-client',
      Data: { clientId: message.clientId, topic: message.topic, time: message.time, ignoredTotal: routing.unknownClientMessages },
    });
  };
  const onClientEvent = (event: BrokerClientEvent) => {
    if (closed) return;
    if (event.kind === 'disconnect') toldUnknown.delete(event.clientId);
    if (event.clientId === null) return;
    objects.get(event.clientId)?.mqttClientEvent(event);
  };
  const unsubscribe = broker ? [broker.onMessage(onMessage), broker.onClientEvent(onClientEvent)] : [];

  const checkSamples = (samples: unknown): readonly TelemetrySample[] => {
    const bad = () =>
      new ObjectError(
        'invalid-samples',
        { ru: 'Отсчёты — список { t, values } из parsePlaybackFile', en: 'Samples are a list of { t, values } from parsePlaybackFile' },
        'samples',
      );
    if (!Array.isArray(samples)) throw bad();
    if (samples.length > MAX_SAMPLES) {
      throw new ObjectError('invalid-samples', { ru: `Больше ${MAX_SAMPLES} отсчётов`, en: `More than ${MAX_SAMPLES} samples` }, 'samples');
    }
    let previous = 0;
    for (const s of samples as unknown[]) {
      const sample = s as Partial<TelemetrySample> | null;
      if (typeof sample !== 'object' || sample === null || typeof sample.t !== 'number' || !Number.isFinite(sample.t) || sample.t < previous) throw bad();
      if (typeof sample.values !== 'object' || sample.values === null || Array.isArray(sample.values)) throw bad();
      previous = sample.t;
    }
    return samples as readonly TelemetrySample[];
  };

  return {
    create(spec) {
      open();
      const definition = normalizeSpec(spec);
      if (objects.has(definition.id)) {
        throw new ObjectError(
          'duplicate-id',
          { ru: `Объект «${definition.id}» уже есть: id объектов не повторяются`, en: `Object "${definition.id}" already exists: object ids are unique` },
          'id',
        );
      }
      if (objects.size >= maxObjects) {
        throw new ObjectError('too-many-objects', {
          ru: `Объектов уже ${maxObjects}: удалите ненужные`,
          en: `There are already ${maxObjects} objects: remove some`,
        });
      }
      const runtime = createObjectRuntime(definition, services);
      objects.set(definition.id, runtime);
      runtime.start();
      if (definition.source === 'mqtt' && broker?.clients().includes(definition.id)) {
        runtime.mqttClientEvent({ kind: 'connect', clientId: definition.id, address: null, time: now() });
      }
      return runtime.snapshot();
    },
    has: (id) => objects.has(id),
    get: (id) => find(id).snapshot(),
    list(filter = {}) {
      open();
      return matching(filter).map((o) => o.snapshot());
    },
    totals(filter = {}) {
      open();
      const totals: ObjectTotals = { objects: 0, ...emptyCounts(), logEntries: 0, logDropped: 0 };
      for (const object of matching(filter)) {
        totals.objects++;
        const counts = object.counts();
        for (const key of Object.keys(counts) as (keyof ObjectCounts)[]) totals[key] += counts[key];
      }
      return totals;
    },
    telemetry(id, values) {
      const runtime = find(id);
      if (typeof values !== 'object' || values === null || Array.isArray(values)) {
        throw new ObjectError(
          'invalid-telemetry',
          { ru: 'Телеметрия — объект { параметр: значение }', en: 'Telemetry is an object { parameter: value }' },
          'values',
        );
      }
      return runtime.telemetry(values);
    },
    fire(id, eventName) {
      const runtime = find(id);
      if (typeof eventName !== 'string' || eventName.trim() === '' || eventName.length > MAX_EVENT_NAME) {
        throw new ObjectError(
          'invalid-event',
          {
            ru: `Имя события — непустая строка до ${MAX_EVENT_NAME} символов`,
            en: `An event name is a non-empty string of up to ${MAX_EVENT_NAME} characters`,
          },
          'event',
        );
      }
      runtime.fire(eventName.trim());
    },
    remove(id) {
      const runtime = find(checkObjectId(id));
      runtime.close();
      objects.delete(id);
      emit({ Type: 'object-removed', Data: { id, owner: runtime.owner, time: now() } });
    },
    playback(id, samples, playbackOptions = {}) {
      const runtime = find(id);
      runtime.playback(checkSamples(samples), playbackOptions.speed);
      return runtime.snapshot();
    },
    simulate(id, simulateOptions) {
      const runtime = find(id);
      runtime.simulate(simulateOptions?.seed, simulateOptions?.knobs, simulateOptions?.speed);
      return runtime.snapshot();
    },
    setKnobs(id, knobs) {
      const runtime = find(id);
      runtime.setKnobs(knobs);
      return runtime.snapshot();
    },
    pause(id) {
      const runtime = find(id);
      runtime.pause();
      return runtime.snapshot();
    },
    resume(id) {
      const runtime = find(id);
      runtime.resume();
      return runtime.snapshot();
    },
    setSpeed(id, speed) {
      const runtime = find(id);
      runtime.setSpeed(speed);
      return runtime.snapshot();
    },
    log: (id, logOptions) => find(id).log.page(logOptions),
    messages: {
      list: (query) => messages.list(query),
      groups: (groupBy, query) => messages.groups(groupBy, query),
      indicator: (owner) => messages.indicator(owner),
      acknowledge(target, owner) {
        const done = messages.acknowledge(target, owner);
        if (done.length > 0)
          emit({ Type: 'operator-acknowledged', Data: { owner: owner ?? null, ids: done.map((m) => m.id), indicator: messages.indicator(owner) } });
        return done.map((m) => m.id);
      },
    },
    alerts: { list: (query) => alerts.list(query), get: (id) => alerts.get(id), stats: (owner) => alerts.stats(owner) },
    mqttStats: () => ({ unknownClientMessages: routing.unknownClientMessages, unknownClients: [...routing.unknownClients] }),
    async idle() {
      await Promise.all([...objects.values()].map((o) => o.idle()));
    },
    close() {
      if (closed) return;
      closed = true;
      for (const off of unsubscribe) off();
      for (const runtime of objects.values()) runtime.close();
      objects.clear();
    },
  };
}
