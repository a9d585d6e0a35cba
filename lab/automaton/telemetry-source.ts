// Telemetry as data: a source hands out samples in time order, each the object's values at
// `t` seconds from the start. A playback file is a finite source; the simulator an endless one.
import type { ParameterValues } from './automaton-types.js';

export interface TelemetrySample {
  /** Seconds from the start of the playback or simulation. */
  t: number;
  /** Every parameter's value at `t` (a value not given again is carried forward). */
  values: ParameterValues;
}

export interface TelemetrySource {
  /** The next sample, or null when the source has no more. */
  next(): TelemetrySample | null;
  /** `t` of the last sample of a finite source; null for an endless one. */
  readonly duration: number | null;
}

/** A finite source over parsed samples (each call starts from the first sample). */
export function createPlaybackSource(samples: readonly TelemetrySample[]): TelemetrySource {
  let index = 0;
  return {
    duration: samples.length > 0 ? samples[samples.length - 1]!.t : 0,
    next() {
      const sample = samples[index];
      if (sample === undefined) return null;
      index++;
      return { t: sample.t, values: { ...sample.values } };
    },
  };
}
