// Where a playback or simulator object's telemetry comes from: a player on the object's clock,
// fed by the parsed file or by the seeded simulator. One feed per object at a time; starting
// another closes the one before (the automaton itself goes on where it is).
import type { Bilingual } from '../integration/integration-types.js';
import type { ParameterValues } from '../automaton/automaton-types.js';
import type { Clock } from '../automaton/clock.js';
import { createTelemetryPlayer, type TelemetryPlayer } from '../automaton/telemetry-player.js';
import {
  createTelemetrySimulator,
  DEFAULT_KNOBS,
  validateKnobs,
  type KnobErrors,
  type SimulatorKnobs,
  type TelemetrySimulator,
} from '../automaton/telemetry-simulator.js';
import { createPlaybackSource, type TelemetrySample } from '../automaton/telemetry-source.js';
import { ObjectError } from './object-error.js';
import type { FeedSnapshot } from './object-events.js';

export interface FeedState {
  kind: 'playback' | 'simulator';
  player: TelemetryPlayer;
  simulator: TelemetrySimulator | null;
  /** Seconds of a playback; null for the simulator. */
  duration: number | null;
  samples: number;
}

export interface FeedHandlers {
  onSample(values: ParameterValues, t: number): void;
  onEnd(samples: number): void;
  onError(error: unknown): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function knobError(errors: KnobErrors): ObjectError {
  const fields = Object.fromEntries(Object.entries(errors).map(([k, v]) => [`knobs.${k}`, v!]));
  const first: Bilingual | undefined = Object.values(fields)[0];
  return new ObjectError(
    'invalid-knobs',
    first
      ? { ru: `Параметры симулятора неверны: ${first.ru}`, en: `The simulator's knobs are wrong: ${first.en}` }
      : { ru: 'Параметры симулятора неверны', en: "The simulator's knobs are wrong" },
    Object.keys(fields)[0] ?? 'knobs',
    fields,
  );
}

/** The seeded simulator, its knobs checked first so a wrong one names its field. */
export function createSimulator(seed: unknown, knobs: unknown): TelemetrySimulator {
  if (!Number.isSafeInteger(seed))
    throw new ObjectError('invalid-knobs', { ru: 'Зерно симулятора — целое число', en: "The simulator's seed is a whole number" }, 'seed');
  const given = (isRecord(knobs) ? knobs : {}) as Partial<SimulatorKnobs>;
  const errors = validateKnobs({ ...DEFAULT_KNOBS, ...given });
  if (Object.keys(errors).length > 0) throw knobError(errors);
  return createTelemetrySimulator({ ...given, seed: seed as number });
}

export function setKnobs(simulator: TelemetrySimulator, changes: unknown): void {
  const result = simulator.set((isRecord(changes) ? changes : {}) as Partial<SimulatorKnobs>);
  if (!result.ok) throw knobError(result.errors);
}

export function wrongSource(id: string, source: string, wanted: 'playback' | 'simulator'): ObjectError {
  const what = wanted === 'playback' ? { ru: 'воспроизведение файла', en: 'a playback' } : { ru: 'симулятор', en: 'the simulator' };
  return new ObjectError(
    'wrong-source',
    {
      ru: `Объект «${id}» получает телеметрию из источника ${source}; ${what.ru} — для объекта с источником ${wanted}`,
      en: `Object "${id}" takes its telemetry from ${source}; ${what.en} is for an object whose source is ${wanted}`,
    },
    'source',
  );
}

/** Start playing `samples` (a playback) or `simulator` on `clock`; held at once if the clock is paused. */
export function startFeed(
  feed: { kind: 'playback'; samples: readonly TelemetrySample[] } | { kind: 'simulator'; simulator: TelemetrySimulator },
  clock: Clock & { readonly paused: boolean },
  handlers: FeedHandlers,
): FeedState {
  const simulator = feed.kind === 'simulator' ? feed.simulator : null;
  const source = simulator ?? createPlaybackSource(feed.kind === 'playback' ? feed.samples : []);
  const tally: Omit<FeedState, 'player'> = { kind: feed.kind, simulator, duration: source.duration, samples: 0 };
  const player = createTelemetryPlayer({
    source,
    clock,
    onSample: (values, sample) => {
      tally.samples++;
      handlers.onSample(values, sample.t);
    },
    onEnd: () => handlers.onEnd(tally.samples),
    onError: (error) => handlers.onError(error),
  });
  const state: FeedState = Object.assign(tally, { player });
  player.play();
  if (clock.paused) player.pause();
  return state;
}

export function feedSnapshot(feed: FeedState): FeedSnapshot {
  return {
    kind: feed.kind,
    state: feed.player.state(),
    position: feed.player.position(),
    duration: feed.duration,
    progress: feed.player.progress(),
    samples: feed.samples,
    seed: feed.simulator?.seed ?? null,
    knobs: feed.simulator?.knobs() ?? null,
  };
}
