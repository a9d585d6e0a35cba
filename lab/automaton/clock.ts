// Time for the runner and the telemetry player. Everything that waits (timers, schedules,
// playback) asks a Clock, never setTimeout or Date.now directly, so a lesson can run a 5-minute
// timer in 5 seconds (simulated, speed 60) and a test can step through it exactly (manual).
// Times are epoch milliseconds: schedules need a wall clock, and {{time}} shows it.

export type TimerId = number;

export interface Clock {
  now(): number;
  /** Call `callback` after `delayMs` of this clock's time (negative or NaN: 0). */
  setTimer(delayMs: number, callback: () => void): TimerId;
  clearTimer(id: TimerId): void;
  /** Cancel every timer; the clock schedules nothing more. */
  close(): void;
}

export interface ManualClock extends Clock {
  /** Move time on by `ms`, firing the timers that fall due, in order, each at its own time. */
  advance(ms: number): void;
  pendingTimers(): number;
}

export interface SimulatedClock extends Clock {
  readonly speed: number;
  /** Change the speed from now on; timers keep their simulated due times. */
  setSpeed(speed: number): void;
}

/** The host's own time and timers; injectable so the speed arithmetic is testable without waiting. */
export interface ClockHost {
  /** Monotonic real milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const defaultHost = (): ClockHost => ({
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

interface Pending {
  id: TimerId;
  due: number;
  callback: () => void;
}

/** Timers ordered by due time, then by the order they were set (equal times fire in order). */
function createTimerQueue() {
  const items: Pending[] = [];
  let nextId = 1;
  return {
    add(due: number, callback: () => void): TimerId {
      const id = nextId++;
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (items[mid]!.due <= due) lo = mid + 1;
        else hi = mid;
      }
      items.splice(lo, 0, { id, due, callback });
      return id;
    },
    remove(id: TimerId): void {
      const i = items.findIndex((p) => p.id === id);
      if (i >= 0) items.splice(i, 1);
    },
    first: (): Pending | undefined => items[0],
    shift: (): Pending | undefined => items.shift(),
    clear: () => void items.splice(0),
    size: () => items.length,
  };
}

const delayOf = (ms: number) => (Number.isFinite(ms) && ms > 0 ? ms : ms === Infinity ? Infinity : 0);

export function createManualClock(options: { start?: number } = {}): ManualClock {
  let now = options.start ?? 0;
  const queue = createTimerQueue();
  let advancing = false;
  return {
    now: () => now,
    setTimer: (delayMs, callback) => queue.add(now + delayOf(delayMs), callback),
    clearTimer: (id) => queue.remove(id),
    close: () => queue.clear(),
    pendingTimers: () => queue.size(),
    advance(ms) {
      // A callback that advances the clock would fire later timers inside an earlier one.
      if (advancing) throw new Error('ManualClock.advance() called from a timer callback');
      const target = now + delayOf(ms);
      advancing = true;
      try {
        for (let next = queue.first(); next !== undefined && next.due <= target; next = queue.first()) {
          queue.shift();
          now = Math.max(now, next.due);
          next.callback();
        }
        now = Math.max(now, target);
      } finally {
        advancing = false;
      }
    },
  };
}

// setTimeout fires at once for delays beyond 2^31-1 ms; longer waits are taken in steps.
const MAX_HOST_DELAY = 2 ** 31 - 1;

/**
 * Simulated time: it starts at `start` (default: the real wall clock) and runs `speed` times as
 * fast as real time. Timers wait in simulated milliseconds; one host timer waits for the first.
 */
export function createSimulatedClock(options: { speed: number; start?: number; host?: ClockHost }): SimulatedClock {
  const host = options.host ?? defaultHost();
  let speed = checkSpeed(options.speed);
  let baseSim = options.start ?? Date.now();
  let baseReal = host.now();
  // Time never runs backwards, even if a host timer fires a little early or late.
  let last = baseSim;
  let firing: number | null = null;
  let handle: unknown = null;
  let closed = false;
  const queue = createTimerQueue();

  const now = (): number => {
    if (firing !== null) return Math.max(firing, last);
    last = Math.max(last, baseSim + (host.now() - baseReal) * speed);
    return last;
  };
  const arm = () => {
    if (handle !== null) host.clearTimeout(handle);
    handle = null;
    const first = queue.first();
    if (closed || first === undefined) return;
    const wait = Math.min(MAX_HOST_DELAY, Math.max(0, (first.due - now()) / speed));
    handle = host.setTimeout(wake, wait);
  };
  const wake = () => {
    handle = null;
    const t = now();
    // Each callback sees its own due time, so a timer set inside one keeps exact simulated spacing.
    for (let next = queue.first(); next !== undefined && next.due <= t && !closed; next = queue.first()) {
      queue.shift();
      firing = next.due;
      try {
        next.callback();
      } finally {
        last = Math.max(last, firing);
        firing = null;
      }
    }
    arm();
  };

  return {
    get speed() {
      return speed;
    },
    now,
    setTimer(delayMs, callback) {
      const id = queue.add(now() + delayOf(delayMs), callback);
      if (firing === null) arm();
      return id;
    },
    clearTimer(id) {
      queue.remove(id);
      if (firing === null) arm();
    },
    setSpeed(next) {
      const checked = checkSpeed(next);
      baseSim = now();
      baseReal = host.now();
      speed = checked;
      arm();
    },
    close() {
      closed = true;
      queue.clear();
      arm();
    },
  };
}

/** Real time: the wall clock, at speed 1. */
export function createRealClock(options: { host?: ClockHost } = {}): Clock {
  const host = options.host ?? defaultHost();
  const offset = Date.now() - host.now();
  return createSimulatedClock({ speed: 1, start: host.now() + offset, host });
}

function checkSpeed(speed: number): number {
  if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError(`The clock's speed must be a number greater than 0, not ${speed}`);
  return speed;
}
