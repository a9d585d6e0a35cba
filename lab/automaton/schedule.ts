// When a schedule timer (schedule-timer#N-start) fires next: at second 0 of the next minute
// whose wall-clock hour and minute, in the schedule's time zone, are in its lists. Intl does
// the time-zone arithmetic, so daylight saving time is the zone's own.
import type { SchedulePeriod } from './automaton-types.js';

const MINUTE = 60_000;
// A day and a bit: any hour×minute pair recurs within 25 wall-clock hours, DST included.
const HORIZON_MINUTES = 26 * 60;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  hour: number;
  minute: number;
}

/** A reader of the wall-clock hour and minute of an instant in `tz` (one formatter per zone). */
export function wallClockReader(tz: string): (ms: number) => WallClock {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
  return (ms) => {
    let hour = 0;
    let minute = 0;
    for (const part of format.formatToParts(ms)) {
      if (part.type === 'hour') hour = Number(part.value) % 24;
      else if (part.type === 'minute') minute = Number(part.value);
    }
    return { hour, minute };
  };
}

/**
 * The first instant strictly after `afterMs` (epoch ms) at which the schedule fires, or null if
 * none does (only when a list holds no valid value). A schedule started at 08:00:00.000 sharp
 * fires at the next matching minute, not at once: the current minute has already begun.
 */
export function nextScheduleTime(period: SchedulePeriod, afterMs: number, read: (ms: number) => WallClock = wallClockReader(period.tz)): number | null {
  const hours = new Set(period.hours);
  const minutes = new Set(period.minutes);
  let at = Math.floor(afterMs / MINUTE) * MINUTE + MINUTE;
  for (let step = 0; step <= HORIZON_MINUTES;) {
    const { hour, minute } = read(at);
    if (hours.size > 0 && !hours.has(hour)) {
      // Zone offsets are whole minutes, so the next local hour starts (60 - minute) minutes on.
      at += (60 - minute) * MINUTE;
      step += 60 - minute;
      continue;
    }
    if (minutes.size === 0 || minutes.has(minute)) return at;
    at += MINUTE;
    step++;
  }
  return null;
}
