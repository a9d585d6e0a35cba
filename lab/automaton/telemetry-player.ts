// Plays a telemetry source on a clock: each sample is handed to `onSample` when its `t` comes
// (t seconds after play, not counting pauses). Play and pause only — no seeking, which a
// generated source could not honour anyway. For a finite source the progress is a fraction.
import type { ParameterValues } from './automaton-types.js';
import type { Clock, TimerId } from './clock.js';
import type { TelemetrySample, TelemetrySource } from './telemetry-source.js';

export type PlayerState = 'idle' | 'playing' | 'paused' | 'ended' | 'closed';

export interface PlayerProgress {
  /** Seconds into the playback of the sample just played. */
  t: number;
  /** t over the source's duration, 0…1; null for an endless source. */
  fraction: number | null;
}

export interface TelemetryPlayerOptions {
  source: TelemetrySource;
  clock: Clock;
  onSample: (values: ParameterValues, sample: TelemetrySample) => void;
  onProgress?: (progress: PlayerProgress) => void;
  onEnd?: () => void;
  /** A callback threw; the playback goes on. */
  onError?: (error: unknown) => void;
}

export interface TelemetryPlayer {
  play(): void;
  pause(): void;
  state(): PlayerState;
  /** Seconds of playback so far (paused time not counted). */
  position(): number;
  /** position over duration, 0…1; null for an endless source. */
  progress(): number | null;
  close(): void;
}

export function createTelemetryPlayer(options: TelemetryPlayerOptions): TelemetryPlayer {
  const { source, clock } = options;
  let state: PlayerState = 'idle';
  let origin = 0;
  let pausedAt = 0;
  let pending: TelemetrySample | null | undefined;
  let timer: TimerId | null = null;
  let closed = false;

  const guard = (call: () => void) => {
    try {
      call();
    } catch (error) {
      try {
        options.onError?.(error);
      } catch {
        // Nothing more to tell.
      }
    }
  };
  const position = () => (state === 'playing' ? (clock.now() - origin) / 1000 : pausedAt);
  const fraction = (t: number) => (source.duration === null ? null : source.duration <= 0 ? 1 : Math.min(1, t / source.duration));

  const end = () => {
    state = 'ended';
    pausedAt = source.duration ?? pausedAt;
    if (source.duration !== null) guard(() => options.onProgress?.({ t: source.duration!, fraction: 1 }));
    guard(() => options.onEnd?.());
  };
  const schedule = () => {
    if (pending === undefined) pending = source.next();
    if (pending === null) return end();
    timer = clock.setTimer(origin + pending.t * 1000 - clock.now(), fire);
  };
  const fire = () => {
    timer = null;
    const sample = pending;
    pending = undefined;
    if (!sample || closed) return;
    guard(() => options.onSample(sample.values, sample));
    guard(() => options.onProgress?.({ t: sample.t, fraction: fraction(sample.t) }));
    // A callback may have paused or closed the player.
    if (state === 'playing' && !closed) schedule();
  };

  return {
    play() {
      if (state !== 'idle' && state !== 'paused') return;
      origin = clock.now() - pausedAt * 1000;
      state = 'playing';
      schedule();
    },
    pause() {
      if (state !== 'playing') return;
      pausedAt = position();
      state = 'paused';
      if (timer !== null) clock.clearTimer(timer);
      timer = null;
    },
    state: () => state,
    position,
    progress() {
      const d = source.duration;
      return d === null ? null : d <= 0 ? (state === 'ended' ? 1 : 0) : Math.min(1, position() / d);
    },
    close() {
      closed = true;
      if (timer !== null) clock.clearTimer(timer);
      timer = null;
      if (state === 'playing') pausedAt = position();
      state = 'closed';
    },
  };
}
