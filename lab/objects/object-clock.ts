// Each object's own time. An MQTT object lives in real time: its device publishes now, and a
// 300-second timer must mean five real minutes. A playback, simulator or manual object runs in
// simulated time, at a speed that can change, and can be paused: a pause freezes its timers and
// its telemetry together, so a 300-second timer cannot run out while the playback stands still.
// The pause is done underneath lab/automaton's simulated clock, in the host it reads real time
// from: while paused, that host's time stands still and its timeouts are held.
import { createRealClock, createSimulatedClock, defaultHost, type Clock, type ClockHost } from '../automaton/clock.js';

export interface ObjectClock extends Clock {
  readonly realTime: boolean;
  readonly speed: number;
  readonly paused: boolean;
  /** Only for a simulated clock; the caller checks `realTime` first. */
  setSpeed(speed: number): void;
  pause(): void;
  resume(): void;
}

interface PausableHost extends ClockHost {
  pause(): void;
  resume(): void;
  readonly paused: boolean;
}

function createPausableHost(base: ClockHost): PausableHost {
  let pausedAt: number | null = null;
  let frozen = 0;
  let nextId = 1;
  const pending = new Map<number, { callback: () => void; handle: unknown }>();
  const arm = (id: number, callback: () => void, ms: number) =>
    base.setTimeout(() => {
      pending.delete(id);
      callback();
    }, ms);
  return {
    get paused() {
      return pausedAt !== null;
    },
    now: () => (pausedAt ?? base.now()) - frozen,
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { callback, handle: pausedAt === null ? arm(id, callback, ms) : null });
      return id;
    },
    clearTimeout(id) {
      const entry = pending.get(id as number);
      if (!entry) return;
      if (entry.handle !== null) base.clearTimeout(entry.handle);
      pending.delete(id as number);
    },
    pause() {
      if (pausedAt !== null) return;
      pausedAt = base.now();
      for (const entry of pending.values()) {
        if (entry.handle !== null) base.clearTimeout(entry.handle);
        entry.handle = null;
      }
    },
    resume() {
      if (pausedAt === null) return;
      frozen += base.now() - pausedAt;
      pausedAt = null;
      // The simulated clock measures again when it wakes and re-arms for what is left.
      for (const [id, entry] of pending) entry.handle = arm(id, entry.callback, 0);
    },
  };
}

export function createObjectClock(options: { realTime: boolean; speed?: number; start?: number; host?: ClockHost }): ObjectClock {
  const base = options.host ?? defaultHost();
  if (options.realTime) {
    const clock = createRealClock({ host: base });
    return {
      realTime: true,
      speed: 1,
      paused: false,
      now: () => clock.now(),
      setTimer: (delay, callback) => clock.setTimer(delay, callback),
      clearTimer: (id) => clock.clearTimer(id),
      close: () => clock.close(),
      setSpeed: () => undefined,
      pause: () => undefined,
      resume: () => undefined,
    };
  }
  const host = createPausableHost(base);
  const clock = createSimulatedClock({ speed: options.speed ?? 1, start: options.start ?? Date.now(), host });
  return {
    realTime: false,
    get speed() {
      return clock.speed;
    },
    get paused() {
      return host.paused;
    },
    now: () => clock.now(),
    setTimer: (delay, callback) => clock.setTimer(delay, callback),
    clearTimer: (id) => clock.clearTimer(id),
    close: () => clock.close(),
    setSpeed: (speed) => clock.setSpeed(speed),
    pause: () => host.pause(),
    resume: () => host.resume(),
  };
}
