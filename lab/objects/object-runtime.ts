// One running object: its runner on its own clock, the feed that plays into it (a playback or
// the simulator), its log and counters, and its snapshot. Telemetry from every source goes the
// same way — typed for the object's parameters, refusals logged, the rest handed to the runner —
// so MQTT, a file, the simulator and a typed-in value behave alike.
import type { Parameter, ParameterValues } from '../automaton/automaton-types.js';
import type { ClockHost } from '../automaton/clock.js';
import { automatonParameters } from '../automaton/infer-parameters.js';
import { createAutomatonRunner, type AutomatonRunner } from '../automaton/runner.js';
import type { RunnerEvent } from '../automaton/runner-events.js';
import type { SimulatorKnobs } from '../automaton/telemetry-simulator.js';
import type { TelemetrySample } from '../automaton/telemetry-source.js';
import type { Bilingual } from '../integration/integration-types.js';
import type { AlertLog } from './alert-log.js';
import type { BrokerClientEvent, BrokerMessage, MqttBroker } from './mqtt-broker.js';
import { createObjectClock, type ObjectClock } from './object-clock.js';
import { createSimulator, setKnobs, startFeed, wrongSource, type FeedState } from './object-feed.js';
import { ObjectError } from './object-error.js';
import type { ObjectCounts, ObjectEvent, ObjectSnapshot } from './object-events.js';
import { createObjectLog, type ObjectLog, type ObjectLogKind } from './object-log.js';
import { createObjectPorts, type ObjectActionPorts } from './object-ports.js';
import { mqttLine, readDeviceMessage } from './object-mqtt.js';
import { buildSnapshot, emptyCounts } from './object-snapshot.js';
import { checkSpeed, creationLines, realTime, type ObjectDefinition } from './object-spec.js';
import type { OperatorMessageStore } from './operator-messages.js';
import { runnerLogLine } from './runner-log.js';
import { readValues, type RefusedValue } from './telemetry-topics.js';

export type TelemetryOrigin = 'mqtt' | 'playback' | 'simulator' | 'manual';

export interface ObjectServices {
  now: () => number;
  emit: (event: ObjectEvent) => void;
  broker: MqttBroker | null;
  actions: ObjectActionPorts;
  alerts: AlertLog;
  messages: OperatorMessageStore;
  logCap: number;
  clockHost?: ClockHost;
}

export interface TelemetryResult {
  values: ParameterValues;
  refused: RefusedValue[];
}

export type ObjectRuntime = ReturnType<typeof createObjectRuntime>;

export function createObjectRuntime(definition: ObjectDefinition, services: ObjectServices) {
  const { id, owner, source } = definition;
  const parameters: Parameter[] = automatonParameters(definition.automaton, definition.model);
  const byId = new Map(parameters.map((p) => [p.id, p]));
  const createdAt = services.now();
  const clock: ObjectClock = createObjectClock({
    realTime: source === 'mqtt',
    speed: definition.speed,
    start: createdAt,
    ...(services.clockHost ? { host: services.clockHost } : {}),
  });
  const log: ObjectLog = createObjectLog({ cap: services.logCap });
  const counts = emptyCounts();

  const updatedAt = new Map<string, number>();
  const mqtt = { lastTopic: null as string | null, lastPayload: null as string | null, lastAt: null as number | null };
  // One origin per runner.telemetry call, consumed by the 'telemetry' event it produces (FIFO,
  // because a call made from inside a runner event is queued by the runner, not nested).
  const origins: { origin: TelemetryOrigin; t: number | null; topic: string | null }[] = [];
  let feed: FeedState | null = null;
  let closed = false;
  let dirty = false;

  const emit = (event: ObjectEvent) => {
    if (!closed) services.emit(event);
  };
  const changed = () => {
    if (dirty || closed) return;
    dirty = true;
    // Many runner events in one synchronous burst (a sample, its transition, the actions) make one snapshot.
    queueMicrotask(() => {
      dirty = false;
      emit({ Type: 'object', Data: snapshot() });
    });
  };
  const note = (kind: ObjectLogKind, text: Bilingual, data: unknown = null) => {
    const entry = log.add({ time: services.now(), objectTime: clock.now(), kind, text, data });
    emit({ Type: 'object-log', Data: { objectId: id, owner, entry } });
  };

  const onRunnerEvent = (event: RunnerEvent) => {
    if (event.type === 'telemetry') {
      counts.telemetry++;
      for (const name of Object.keys(event.values)) updatedAt.set(name, event.time);
    } else if (event.type === 'transition') counts.transitions++;
    else if (event.type === 'action') {
      counts.actions++;
      if (event.kind === 'change-value') updatedAt.set(event.parameter, event.time);
    } else if (event.type === 'error') counts.errors++;
    const line = runnerLogLine(event, parameters);
    if (line) {
      const data = event.type === 'telemetry' ? { ...(line.data as object), ...(origins.shift() ?? { origin: 'manual', t: null, topic: null }) } : line.data;
      note(line.kind, line.text, data);
    }
    changed();
  };

  const runner: AutomatonRunner = createAutomatonRunner({
    automaton: definition.automaton,
    model: definition.model,
    objectId: id,
    clock,
    initialValues: definition.initialValues,
    actions: createObjectPorts({
      objectId: id,
      owner,
      objectTime: () => clock.now(),
      now: services.now,
      broker: services.broker,
      actions: services.actions,
      alerts: services.alerts,
      messages: services.messages,
      counts,
      // The registry's own emit: a mail that ends after its object was removed is still told.
      emit: services.emit,
      changed,
    }),
    onEvent: onRunnerEvent,
  });

  const refuse = (refused: RefusedValue[], origin: TelemetryOrigin) => {
    for (const r of refused) {
      counts.refused++;
      note('telemetry-refused', r.text, { parameter: r.parameter, raw: r.raw, origin });
    }
  };
  // Said once per parameter: a simulator sending `temperature` to an automaton that reads
  // `temperatureC` is a mistake to point out, not to repeat every five seconds.
  const warned = new Set<string>();
  const deliver = (values: ParameterValues, origin: TelemetryOrigin, t: number | null = null, topic: string | null = null) => {
    const unknown = Object.keys(values).filter((name) => !byId.has(name) && !warned.has(name));
    if (unknown.length > 0 && warned.size < 100) {
      for (const name of unknown) warned.add(name);
      note(
        'warning',
        {
          ru: `Параметров ${unknown.join(', ')} нет ни в модели, ни в автомате: значения сохранены, но автомат их не читает`,
          en: `Parameters ${unknown.join(', ')} are in neither the model nor the automaton: their values are kept, but the automaton does not read them`,
        },
        { unknown },
      );
    }
    origins.push({ origin, t, topic });
    runner.telemetry(values);
  };

  /** Values from a playback, the simulator or a person, typed like MQTT's JSON members. */
  const applyValues = (input: Readonly<Record<string, unknown>>, origin: TelemetryOrigin, t: number | null = null): TelemetryResult => {
    const { values, refused } = readValues(input, byId);
    refuse(refused, origin);
    if (Object.keys(values).length > 0) deliver(values, origin, t);
    else changed();
    return { values, refused };
  };

  const requireSimulated = () => {
    if (clock.realTime) throw realTime();
  };
  const requireSource = (wanted: 'playback' | 'simulator') => {
    if (source !== wanted) throw wrongSource(id, source, wanted);
  };
  const play = (next: Parameters<typeof startFeed>[0], speed: number | undefined) => {
    if (speed !== undefined) clock.setSpeed(checkSpeed(speed));
    feed?.player.close();
    const kind = next.kind;
    feed = startFeed(next, clock, {
      onSample: (values, t) => applyValues(values, kind, t),
      onEnd: (samples) => {
        note('feed', { ru: 'Воспроизведение закончилось', en: 'The playback has ended' }, { samples });
        changed();
      },
      onError: (error) => note('error', { ru: `Ошибка воспроизведения: ${String(error)}`, en: `Playback error: ${String(error)}` }),
    });
  };

  const snapshot = (): ObjectSnapshot =>
    buildSnapshot({
      definition,
      parameters,
      createdAt,
      now: services.now(),
      clock,
      runner: runner.snapshot(),
      updatedAt,
      feed,
      mqtt: source === 'mqtt' ? { clientId: id, ...mqtt, connected: services.broker?.clients().includes(id) ?? false } : null,
      counts: { ...counts, logEntries: log.size, logDropped: log.dropped },
    });

  for (const line of creationLines(definition, clock.speed, services.broker !== null)) note(line.kind, line.text, line.data);

  return {
    id,
    owner,
    source,
    definition,
    parameters,
    log,
    start: () => runner.start(),
    snapshot,
    /** The counters alone, without building a snapshot. */
    counts: (): ObjectCounts => ({ ...counts, logEntries: log.size, logDropped: log.dropped }),
    telemetry: (input: Readonly<Record<string, unknown>>) => applyValues(input, 'manual'),
    fire: (eventName: string) => runner.fire(eventName),

    mqttMessage(message: BrokerMessage) {
      const read = readDeviceMessage(message, parameters, source);
      counts.mqttMessages++;
      counts.refused += read.refused;
      mqtt.lastTopic = message.topic;
      mqtt.lastPayload = read.preview.text;
      mqtt.lastAt = message.time;
      for (const line of read.lines) note(line.kind, line.text, line.data);
      if (read.values === null) {
        counts.mqttIgnored++;
        return changed();
      }
      deliver(read.values, 'mqtt', null, message.topic);
    },

    mqttClientEvent(event: BrokerClientEvent) {
      const line = mqttLine(event);
      note(line.kind, line.text, line.data);
      changed();
    },

    playback(samples: readonly TelemetrySample[], speed?: number) {
      requireSource('playback');
      if (!Array.isArray(samples) || samples.length === 0) {
        throw new ObjectError(
          'invalid-samples',
          { ru: 'Нет отсчётов: загрузите файл телеметрии (parsePlaybackFile)', en: 'No samples: load a telemetry file (parsePlaybackFile)' },
          'samples',
        );
      }
      play({ kind: 'playback', samples }, speed);
      note(
        'feed',
        {
          ru: `Воспроизведение: ${samples.length} отсчётов, ${samples[samples.length - 1]!.t} с, скорость ${clock.speed}`,
          en: `Playback: ${samples.length} samples, ${samples[samples.length - 1]!.t} s, speed ${clock.speed}`,
        },
        { samples: samples.length, duration: samples[samples.length - 1]!.t, speed: clock.speed },
      );
      changed();
    },

    simulate(seed: number, knobs: Partial<SimulatorKnobs> = {}, speed?: number) {
      requireSource('simulator');
      const simulator = createSimulator(seed, knobs);
      play({ kind: 'simulator', simulator }, speed);
      note(
        'feed',
        { ru: `Симулятор: зерно ${seed}, скорость ${clock.speed}`, en: `Simulator: seed ${seed}, speed ${clock.speed}` },
        { seed, knobs: simulator.knobs(), speed: clock.speed },
      );
      changed();
    },

    setKnobs(changes: Partial<SimulatorKnobs>) {
      requireSource('simulator');
      if (!feed?.simulator) throw new ObjectError('wrong-source', { ru: 'Симулятор ещё не запущен', en: 'The simulator is not running yet' }, 'knobs');
      setKnobs(feed.simulator, changes);
      note('feed', { ru: 'Параметры симулятора изменены', en: "The simulator's knobs changed" }, { changes });
      changed();
    },

    pause() {
      requireSimulated();
      if (clock.paused) return;
      clock.pause();
      feed?.player.pause();
      note('clock', { ru: 'Пауза: время объекта остановлено', en: "Paused: the object's time stands still" });
      changed();
    },

    resume() {
      requireSimulated();
      if (!clock.paused) return;
      clock.resume();
      if (feed?.player.state() === 'paused') feed.player.play();
      note('clock', { ru: 'Продолжено', en: 'Resumed' });
      changed();
    },

    setSpeed(speed: number) {
      requireSimulated();
      clock.setSpeed(checkSpeed(speed));
      note('clock', { ru: `Скорость ${clock.speed}×`, en: `Speed ${clock.speed}×` }, { speed: clock.speed });
      changed();
    },

    idle: () => runner.idle(),

    close() {
      if (closed) return;
      closed = true;
      feed?.player.close();
      runner.close();
      clock.close();
    },
  };
}
