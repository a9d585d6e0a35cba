// An object's timers (timer#N) and schedules (schedule-timer#N) on a Clock. The reference
// says nothing of what leaving a state does to them; the lab keeps them running, because they
// are the object's timers, not the state's. A timer-done event that arrives in another state
// is taken only if that state has a transition for it, and is otherwise recorded as an event
// no transition took (jamming-control: back in "All right" before 300 s, the timer still
// ends, and nothing happens). Starting a running timer starts it over. A schedule repeats:
// after it fires it waits for its next matching minute.
import type { SchedulePeriod } from './automaton-types.js';
import type { Clock, TimerId } from './clock.js';
import { scheduleDoneEvent, timerDoneEvent } from './events.js';
import type { TimerKind, TimerSnapshot } from './runner-events.js';
import { nextScheduleTime, wallClockReader, type WallClock } from './schedule.js';

interface Running {
  kind: TimerKind;
  timer: number;
  event: string;
  startedAt: number;
  dueAt: number;
  clockId: TimerId;
  period?: SchedulePeriod;
  read?: (ms: number) => WallClock;
}

export interface TimerBank {
  /** Start timer N for `seconds`; `restarted` when it was already running. */
  startTimer(timer: number, seconds: number): { dueAt: number; restarted: boolean };
  /** Start schedule N; `dueAt` null when the period never matches (then nothing runs). */
  startSchedule(timer: number, period: SchedulePeriod): { dueAt: number | null; restarted: boolean };
  snapshot(): TimerSnapshot[];
  clear(): void;
}

/** `fire` is called from the clock when a timer or schedule is due, after the bank has moved on. */
export function createTimerBank(clock: Clock, fire: (kind: TimerKind, timer: number, event: string) => void): TimerBank {
  const running = new Map<string, Running>();
  const key = (kind: TimerKind, timer: number) => `${kind}#${timer}`;

  const stop = (k: string): boolean => {
    const was = running.get(k);
    if (was) clock.clearTimer(was.clockId);
    return running.delete(k);
  };

  const armSchedule = (entry: Omit<Running, 'clockId' | 'dueAt'>, after: number): number | null => {
    const k = key(entry.kind, entry.timer);
    const due = nextScheduleTime(entry.period!, after, entry.read);
    if (due === null) return null;
    const clockId = clock.setTimer(due - clock.now(), () => {
      running.delete(k);
      // The next occurrence is armed before the event runs, so a transition that restarts
      // the schedule replaces it instead of racing it.
      armSchedule({ ...entry, startedAt: due }, due);
      fire(entry.kind, entry.timer, entry.event);
    });
    running.set(k, { ...entry, dueAt: due, clockId });
    return due;
  };

  return {
    startTimer(timer, seconds) {
      const k = key('timer', timer);
      const restarted = stop(k);
      const startedAt = clock.now();
      const dueAt = startedAt + seconds * 1000;
      const event = timerDoneEvent(timer);
      const clockId = clock.setTimer(seconds * 1000, () => {
        running.delete(k);
        fire('timer', timer, event);
      });
      running.set(k, { kind: 'timer', timer, event, startedAt, dueAt, clockId });
      return { dueAt, restarted };
    },
    startSchedule(timer, period) {
      const k = key('schedule', timer);
      const restarted = stop(k);
      const now = clock.now();
      const dueAt = armSchedule({ kind: 'schedule', timer, event: scheduleDoneEvent(timer), startedAt: now, period, read: wallClockReader(period.tz) }, now);
      return { dueAt, restarted };
    },
    snapshot() {
      const now = clock.now();
      return [...running.values()].map((r) => ({
        kind: r.kind,
        timer: r.timer,
        event: r.event,
        startedAt: r.startedAt,
        dueAt: r.dueAt,
        remainingMs: Math.max(0, r.dueAt - now),
      }));
    },
    clear() {
      for (const k of [...running.keys()]) stop(k);
    },
  };
}
