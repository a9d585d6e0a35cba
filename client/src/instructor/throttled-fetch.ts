// A fetch asked for by a stream of frames: a class of 300 sends hundreds of frames a second, and
// the overview is one request however many came. The first request runs at once; the requests
// after it, within `intervalMs` of the last start, become one run at the end of the interval;
// never two at a time (a request during a run runs once more after it). No DOM: unit-tested.
export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ThrottledFetch {
  request(): void;
  /** Runs now (waits for a run in flight first); the throttle's next run counts from this one. */
  now(): Promise<void>;
  close(): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createThrottledFetch(run: () => Promise<void>, intervalMs: number, timers: Timers = realTimers): ThrottledFetch {
  let lastStart = -Infinity;
  let running: Promise<void> | undefined;
  let wanted = false;
  let timer: unknown;
  let closed = false;

  function start(): Promise<void> {
    wanted = false;
    lastStart = timers.now();
    running = run()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (wanted) schedule();
      });
    return running;
  }

  function schedule(): void {
    if (closed || timer !== undefined || running) return;
    const wait = lastStart + intervalMs - timers.now();
    if (wait <= 0) {
      void start();
      return;
    }
    timer = timers.setTimeout(() => {
      timer = undefined;
      if (wanted && !closed && !running) void start();
    }, wait);
  }

  return {
    request() {
      if (closed) return;
      wanted = true;
      schedule();
    },
    async now() {
      if (closed) return;
      while (running) await running;
      if (closed) return;
      if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
      await start();
    },
    close() {
      closed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
