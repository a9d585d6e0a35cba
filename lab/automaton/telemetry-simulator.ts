// A seeded simulated device: a temperature that drifts and jitters around a base, with one
// overheat episode (a ramp up to a peak, a plateau, a ramp down), and a door that opens now and
// then and closes after a while. The knobs can be turned while it runs; the same seed and the
// same knob changes at the same samples give the same sequence exactly.
import type { Bilingual } from '../integration/integration-types.js';
import type { ParameterValues } from './automaton-types.js';
import { mulberry32 } from '../../server/common/prng.js';
import type { TelemetrySample, TelemetrySource } from './telemetry-source.js';

export interface SimulatorKnobs {
  /** Seconds between samples. */
  intervalSeconds: number;
  temperatureParam: string;
  base: number;
  /** Degrees per hour the trend moves (negative: cooling). */
  driftPerHour: number;
  /** The jitter's amplitude: each sample is off the trend by at most ± noise. */
  noise: number;
  decimals: number;
  /** Seconds from the start the overheat begins; null for none. */
  overheatAt: number | null;
  overheatFor: number;
  overheatPeak: number;
  /** The door's parameter; null for no door. */
  doorParam: string | null;
  /** The chance per sample that a closed door opens. */
  doorOpenChance: number;
  /** Seconds an opened door stays open. */
  doorOpenFor: number;
}

export const DEFAULT_KNOBS: Readonly<SimulatorKnobs> = Object.freeze({
  intervalSeconds: 5,
  temperatureParam: 'temperature',
  base: 22,
  driftPerHour: 0,
  noise: 0.5,
  decimals: 1,
  overheatAt: 120,
  overheatFor: 60,
  overheatPeak: 105,
  doorParam: 'door',
  doorOpenChance: 0.05,
  doorOpenFor: 20,
});

export type KnobErrors = Partial<Record<keyof SimulatorKnobs, Bilingual>>;

export interface TelemetrySimulator extends TelemetrySource {
  readonly seed: number;
  knobs(): SimulatorKnobs;
  /** Change knobs from the next sample on; nothing changes if any is wrong. */
  set(changes: Partial<SimulatorKnobs>): { ok: true } | { ok: false; errors: KnobErrors };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function validateKnobs(knobs: SimulatorKnobs): KnobErrors {
  const errors: KnobErrors = {};
  const need = (key: keyof SimulatorKnobs, ok: boolean, ru: string, en: string) => {
    if (!ok) errors[key] = { ru, en };
  };
  need(
    'intervalSeconds',
    finite(knobs.intervalSeconds) && knobs.intervalSeconds > 0,
    'Интервал — число секунд больше 0',
    'The interval is a number of seconds greater than 0',
  );
  need(
    'temperatureParam',
    typeof knobs.temperatureParam === 'string' && knobs.temperatureParam !== '',
    'Имя параметра температуры — непустая строка',
    "The temperature parameter's name is a non-empty string",
  );
  need('base', finite(knobs.base), 'Базовая температура — число', 'The base temperature is a number');
  need('driftPerHour', finite(knobs.driftPerHour), 'Дрейф — число градусов в час', 'The drift is a number of degrees per hour');
  need('noise', finite(knobs.noise) && knobs.noise >= 0, 'Шум — число не меньше 0', 'The noise is a number of at least 0');
  need(
    'decimals',
    Number.isInteger(knobs.decimals) && knobs.decimals >= 0 && knobs.decimals <= 6,
    'Знаков после запятой — от 0 до 6',
    'Decimals are a whole number from 0 to 6',
  );
  need(
    'overheatAt',
    knobs.overheatAt === null || (finite(knobs.overheatAt) && knobs.overheatAt >= 0),
    'Начало перегрева — секунды не меньше 0 или null',
    'The overheat start is seconds of at least 0, or null',
  );
  need(
    'overheatFor',
    finite(knobs.overheatFor) && knobs.overheatFor > 0,
    'Длительность перегрева — секунды больше 0',
    'The overheat lasts a number of seconds greater than 0',
  );
  need('overheatPeak', finite(knobs.overheatPeak), 'Пик перегрева — число', 'The overheat peak is a number');
  need(
    'doorParam',
    knobs.doorParam === null || (typeof knobs.doorParam === 'string' && knobs.doorParam !== ''),
    'Имя параметра двери — непустая строка или null',
    "The door parameter's name is a non-empty string, or null",
  );
  need(
    'doorOpenChance',
    finite(knobs.doorOpenChance) && knobs.doorOpenChance >= 0 && knobs.doorOpenChance <= 1,
    'Вероятность открытия — от 0 до 1',
    'The chance of opening is from 0 to 1',
  );
  need(
    'doorOpenFor',
    finite(knobs.doorOpenFor) && knobs.doorOpenFor >= 0,
    'Дверь открыта — секунды не меньше 0',
    'The door stays open a number of seconds of at least 0',
  );
  return errors;
}

/** How far into the overheat the temperature is lifted: 0 outside, 1 on the plateau. */
function overheatShape(x: number): number {
  if (x < 0 || x > 1) return 0;
  if (x < 0.2) return x / 0.2;
  if (x > 0.8) return (1 - x) / 0.2;
  return 1;
}

export function createTelemetrySimulator(options: { seed: number } & Partial<SimulatorKnobs>): TelemetrySimulator {
  const { seed, ...initial } = options;
  let knobs: SimulatorKnobs = { ...DEFAULT_KNOBS, ...initial };
  const errors = validateKnobs(knobs);
  if (Object.keys(errors).length > 0)
    throw new RangeError(
      Object.values(errors)
        .map((e) => e.en)
        .join('; '),
    );
  const random = mulberry32(seed);
  let t = 0;
  let doorOpen = false;
  let doorOpenedAt = 0;

  return {
    seed,
    duration: null,
    knobs: () => ({ ...knobs }),
    set(changes) {
      const next = { ...knobs, ...changes };
      const found = validateKnobs(next);
      if (Object.keys(found).length > 0) return { ok: false, errors: found };
      knobs = next;
      return { ok: true };
    },
    next(): TelemetrySample {
      // Four draws every sample whatever the knobs, so turning one knob does not shift the
      // random sequence of the others.
      const r1 = random();
      const r2 = random();
      const r3 = random();
      const rDoor = random();
      const trend = knobs.base + (knobs.driftPerHour * t) / 3600;
      const jitter = knobs.noise * ((r1 + r2 + r3) / 1.5 - 1);
      const lift = knobs.overheatAt === null ? 0 : overheatShape((t - knobs.overheatAt) / knobs.overheatFor);
      const scale = 10 ** knobs.decimals;
      const temperature = Math.round((trend + (knobs.overheatPeak - trend) * lift + jitter) * scale) / scale;
      const entries: [string, ParameterValues[string]][] = [[knobs.temperatureParam, temperature]];
      if (knobs.doorParam !== null) {
        if (doorOpen && t - doorOpenedAt >= knobs.doorOpenFor) doorOpen = false;
        else if (!doorOpen && rDoor < knobs.doorOpenChance) {
          doorOpen = true;
          doorOpenedAt = t;
        }
        entries.push([knobs.doorParam, doorOpen]);
      }
      const sample = { t, values: Object.fromEntries(entries) };
      t += knobs.intervalSeconds;
      return sample;
    },
  };
}
