// The Instructor page's fetch of the class, asked for by every relevant live frame
// (client/src/instructor/throttled-fetch.ts): at most one per interval, never two at a time,
// and the last request always answered. On a clock the test moves.
import { describe, expect, it } from 'vitest';
import { createThrottledFetch, type Timers } from '../../../client/src/instructor/throttled-fetch.js';

function manualClock(): Timers & { advance(ms: number): Promise<void> } {
  let now = 0;
  let timers: Array<{ at: number; run: () => void; id: number }> = [];
  let next = 1;
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return {
    now: () => now,
    setTimeout(run, ms) {
      const id = next++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await settle();
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
      }
      now = end;
      await settle();
    },
  };
}

/** A fetch that takes `ms` on the clock; the times it started. */
function slowFetch(clock: ReturnType<typeof manualClock>, ms: number) {
  const starts: number[] = [];
  let finish: Array<() => void> = [];
  const run = () => {
    starts.push(clock.now());
    return new Promise<void>((resolve) => {
      if (ms === 0) resolve();
      else {
        finish.push(resolve);
        clock.setTimeout(() => {
          finish = finish.filter((f) => f !== resolve);
          resolve();
        }, ms);
      }
    });
  };
  return { run, starts };
}

describe('the throttled fetch of the class', () => {
  it('the first request runs at once; a burst after it becomes one run at the end of the interval', async () => {
    const clock = manualClock();
    const f = slowFetch(clock, 0);
    const t = createThrottledFetch(f.run, 500, clock);
    t.request();
    await clock.advance(0);
    expect(f.starts).toEqual([0]);
    for (let i = 0; i < 100; i++) {
      t.request();
      await clock.advance(4);
    }
    await clock.advance(1000);
    expect(f.starts).toEqual([0, 500]);
    t.close();
  });

  it('a steady stream of frames: one run every interval, the last one answered', async () => {
    const clock = manualClock();
    const f = slowFetch(clock, 0);
    const t = createThrottledFetch(f.run, 500, clock);
    for (let ms = 0; ms <= 2000; ms += 50) {
      t.request();
      await clock.advance(50);
    }
    await clock.advance(1000);
    expect(f.starts).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    t.close();
  });

  it('never two at a time: a request during a slow run runs once after it', async () => {
    const clock = manualClock();
    const f = slowFetch(clock, 800);
    const t = createThrottledFetch(f.run, 500, clock);
    t.request();
    await clock.advance(100);
    t.request();
    t.request();
    await clock.advance(600);
    expect(f.starts).toEqual([0]);
    await clock.advance(200);
    expect(f.starts).toEqual([0, 800]);
    await clock.advance(2000);
    expect(f.starts).toEqual([0, 800]);
    t.close();
  });

  it('now() runs at once, after a run in flight, and cancels a pending one', async () => {
    const clock = manualClock();
    const f = slowFetch(clock, 0);
    const t = createThrottledFetch(f.run, 500, clock);
    t.request();
    await clock.advance(100);
    t.request();
    await t.now();
    expect(f.starts).toEqual([0, 100]);
    await clock.advance(1000);
    expect(f.starts).toEqual([0, 100]);
    t.close();
  });

  it('a failing fetch does not stop the next; close() stops everything', async () => {
    const clock = manualClock();
    const starts: number[] = [];
    const t = createThrottledFetch(
      async () => {
        starts.push(clock.now());
        throw new Error('503');
      },
      500,
      clock,
    );
    t.request();
    await clock.advance(10);
    t.request();
    await clock.advance(600);
    expect(starts).toEqual([0, 500]);
    t.request();
    t.close();
    await clock.advance(1000);
    t.request();
    await t.now();
    expect(starts).toEqual([0, 500]);
  });
});
