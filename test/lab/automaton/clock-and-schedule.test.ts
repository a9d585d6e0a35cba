// The clocks (manual, simulated at a speed, real) and the schedule timers' wall-clock minutes.
import { describe, expect, test } from 'vitest';
import { createManualClock, createRealClock, createSimulatedClock, type ClockHost } from '../../../lab/automaton/clock.js';
import { importAutomaton } from '../../../lab/automaton/import-automaton.js';
import { nextScheduleTime } from '../../../lab/automaton/schedule.js';
import { fixtureText, startRun } from './automaton-helpers.js';

/** A host whose real time only moves when the test says so. */
function fakeHost() {
  let now = 1_000;
  const timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  const host: ClockHost & { run(ms: number): void; waits: number[] } = {
    waits: [],
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      host.waits.push(ms);
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout(handle) {
      const i = timers.findIndex((t) => t.id === handle);
      if (i >= 0) timers.splice(i, 1);
    },
    run(ms) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = next.at;
        next.callback();
      }
      now = end;
    },
  };
  return host;
}

describe('the manual clock', () => {
  test('advance fires due timers in order, each at its own time, and those they set', () => {
    const clock = createManualClock({ start: 10_000 });
    const fired: [string, number][] = [];
    clock.setTimer(300, () => fired.push(['b', clock.now()]));
    clock.setTimer(100, () => {
      fired.push(['a', clock.now()]);
      clock.setTimer(50, () => fired.push(['a+50', clock.now()]));
    });
    clock.setTimer(300, () => fired.push(['c (same time as b, set later)', clock.now()]));
    const cancelled = clock.setTimer(200, () => fired.push(['cancelled', clock.now()]));
    clock.clearTimer(cancelled);
    clock.setTimer(1_000, () => fired.push(['later', clock.now()]));
    clock.advance(500);
    expect(fired).toEqual([
      ['a', 10_100],
      ['a+50', 10_150],
      ['b', 10_300],
      ['c (same time as b, set later)', 10_300],
    ]);
    expect(clock.now()).toBe(10_500);
    expect(clock.pendingTimers()).toBe(1);
    clock.close();
    clock.advance(10_000);
    expect(fired).toHaveLength(4);
  });
});

describe('the simulated clock', () => {
  test('at speed 60 a 300 s timer waits 5 s of real time, and time runs 60 times as fast', () => {
    const host = fakeHost();
    const clock = createSimulatedClock({ speed: 60, start: 0, host });
    let firedAt: number | null = null;
    clock.setTimer(300_000, () => (firedAt = clock.now()));
    expect(host.waits).toEqual([5_000]);
    host.run(2_500);
    expect(clock.now()).toBe(150_000);
    expect(firedAt).toBeNull();
    host.run(2_500);
    expect(firedAt).toBe(300_000);
  });

  test('a speed change keeps the simulated due time', () => {
    const host = fakeHost();
    const clock = createSimulatedClock({ speed: 10, start: 0, host });
    let firedAt: number | null = null;
    clock.setTimer(100_000, () => (firedAt = clock.now()));
    host.run(5_000); // 50 s simulated
    clock.setSpeed(50); // 50 s left: 1 s of real time
    expect(clock.speed).toBe(50);
    host.run(999);
    expect(firedAt).toBeNull();
    host.run(1);
    expect(firedAt).toBe(100_000);
    expect(() => clock.setSpeed(0)).toThrow(RangeError);
  });

  test('a timer set inside a callback keeps exact simulated spacing, even when the host is late', () => {
    const host = fakeHost();
    const clock = createSimulatedClock({ speed: 1_000, start: 0, host });
    const times: number[] = [];
    const tick = () => {
      times.push(clock.now());
      if (times.length < 5) clock.setTimer(1_000, tick);
    };
    clock.setTimer(1_000, tick);
    host.run(10); // all five due within 5 ms of host time, but the host wakes only now
    expect(times).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
  });

  test('a wait beyond what setTimeout can hold is taken in steps', () => {
    const host = fakeHost();
    const clock = createSimulatedClock({ speed: 1, start: 0, host });
    let fired = false;
    clock.setTimer(40 * 24 * 3600_000, () => (fired = true));
    expect(host.waits[0]).toBe(2 ** 31 - 1);
    host.run(39 * 24 * 3600_000);
    expect(fired).toBe(false);
    host.run(24 * 3600_000);
    expect(fired).toBe(true);
  });

  test('for real: speed 1000 fires a 300 s timer in about 300 ms', async () => {
    const clock = createSimulatedClock({ speed: 1_000 });
    const started = performance.now();
    const simStart = clock.now();
    const elapsed = await new Promise<number>((resolve) => clock.setTimer(300_000, () => resolve(performance.now() - started)));
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
    expect(clock.now() - simStart).toBeGreaterThanOrEqual(300_000);
    clock.close();
  });

  test('the real clock is the wall clock', async () => {
    const clock = createRealClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    const waited = await new Promise<number>((resolve) => {
      const t = clock.now();
      clock.setTimer(30, () => resolve(clock.now() - t));
    });
    expect(waited).toBeGreaterThanOrEqual(29);
    clock.close();
  });
});

describe('schedules', () => {
  const at = (iso: string) => Date.parse(iso);

  test.each([
    // period, after, next
    [{ hours: [8], minutes: [30], tz: 'UTC' }, '2024-03-01T07:00:00Z', '2024-03-01T08:30:00Z'],
    [{ hours: [8], minutes: [30], tz: 'UTC' }, '2024-03-01T08:30:00Z', '2024-03-02T08:30:00Z'],
    [{ hours: [8], minutes: [30], tz: 'UTC' }, '2024-03-01T08:29:59.999Z', '2024-03-01T08:30:00Z'],
    [{ hours: [8], minutes: [0], tz: 'Europe/Moscow' }, '2024-03-01T00:00:00Z', '2024-03-01T05:00:00Z'],
    [{ hours: [9, 18], minutes: [0, 30], tz: 'Europe/Moscow' }, '2024-03-01T06:10:00Z', '2024-03-01T06:30:00Z'],
    [{ hours: [9, 18], minutes: [0, 30], tz: 'Europe/Moscow' }, '2024-03-01T06:30:00Z', '2024-03-01T15:00:00Z'],
    [{ hours: [], minutes: [15], tz: 'UTC' }, '2024-03-01T10:20:00Z', '2024-03-01T11:15:00Z'],
    [{ hours: [12], minutes: [], tz: 'UTC' }, '2024-03-01T12:58:30Z', '2024-03-01T12:59:00Z'],
    [{ hours: [5], minutes: [45], tz: 'Asia/Kathmandu' }, '2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z'],
    // New York springs forward on 2024-03-10: 02:30 does not exist that day.
    [{ hours: [2], minutes: [30], tz: 'America/New_York' }, '2024-03-10T05:00:00Z', '2024-03-11T06:30:00Z'],
    [{ hours: [9], minutes: [0], tz: 'America/New_York' }, '2024-03-10T00:00:00Z', '2024-03-10T13:00:00Z'],
  ])('%j after %s → %s', (period, after, next) => {
    expect(new Date(nextScheduleTime(period, at(after))!).toISOString()).toBe(new Date(at(next)).toISOString());
  });

  test('a runner’s schedule timer fires at the right simulated minute in its zone, every day', () => {
    const file = JSON.parse(fixtureText('light-timer.automaton.json'));
    const logic = JSON.parse(file.data.data);
    // Start: a schedule at 08:00 Moscow time; at its end, the lights go to "Too dark".
    logic.states['2'].data.onenter.push({
      id: 'schedule-timer#1-start',
      name: 'Start schedule #1',
      args: { period: { id: 'period', value: { hour: [8], minute: [0], tz: 'Europe/Moscow' } } },
    });
    logic.transitions.sched = {
      data: { id: 'sched', name: 'Schedule', event: 'schedule-timer#1-done', owner: { id: '2' }, target: { id: 'jypw8d1x' } },
    };
    file.data.data = JSON.stringify(logic);
    const run = startRun(importAutomaton(file)); // 2024-03-01T00:00Z = 03:00 in Moscow
    expect(run.of('timer-started').find((e) => e.kind === 'schedule')?.dueAt).toBe(Date.parse('2024-03-01T05:00:00Z'));
    run.clock.advance(5 * 3600_000 - 1);
    expect(run.of('timer-fired')).toEqual([]);
    run.clock.advance(1);
    expect(run.of('timer-fired')).toEqual([
      { type: 'timer-fired', time: Date.parse('2024-03-01T05:00:00Z'), kind: 'schedule', timer: 1, event: 'schedule-timer#1-done' },
    ]);
    expect(run.states().at(-1)).toBe('Too dark');
    // Too dark's 5 s timer brings it back to Start, which restarts the schedule for tomorrow.
    run.clock.advance(5_000);
    expect(run.states().at(-1)).toBe('Start');
    const snapshot = run.runner.snapshot();
    expect(snapshot.timers.find((t) => t.kind === 'schedule')).toMatchObject({ dueAt: Date.parse('2024-03-02T05:00:00Z') });
    run.clock.advance(24 * 3600_000);
    expect(
      run
        .of('timer-fired')
        .filter((e) => e.kind === 'schedule')
        .map((e) => new Date(e.time).toISOString()),
    ).toEqual(['2024-03-01T05:00:00.000Z', '2024-03-02T05:00:00.000Z']);
    run.runner.close();
  });

  test('a schedule no transition takes still repeats daily', () => {
    const file = JSON.parse(fixtureText('jamming-control.automaton.json'));
    const logic = JSON.parse(file.data.data);
    logic.states.first.data.onenter.push({
      id: 'schedule-timer#2-start',
      name: 's',
      args: { period: { id: 'period', value: '{"hour":[23],"minute":[59],"tz":"UTC"}' } },
    });
    file.data.data = JSON.stringify(logic);
    const run = startRun(importAutomaton(file));
    run.clock.advance(3 * 24 * 3600_000);
    expect(run.of('timer-fired').map((e) => new Date(e.time).toISOString())).toEqual([
      '2024-03-01T23:59:00.000Z',
      '2024-03-02T23:59:00.000Z',
      '2024-03-03T23:59:00.000Z',
    ]);
    expect(run.of('event').map((e) => e.outcome)).toEqual(['no-transition', 'no-transition', 'no-transition']);
  });
});
