// Event names as the platform spells them, and what each means. Any name the platform does
// not define is a custom event the caller fires by name (runner.fire).
import type { AutomatonEvent } from './automaton-types.js';

export const INIT_EVENT = 'init';
export const IMMEDIATE_EVENT = 'immediate-transition';
/** "recive" is the platform's spelling; exports carry it, so the lab keeps it. */
export const DEVICE_DATA_EVENT = 'es-recive-device-data';
export const GEOFENCE_ENTER_EVENT = 'geofence-enter';
export const GEOFENCE_LEAVE_EVENT = 'geofence-leave';

export const timerDoneEvent = (timer: number): string => `es-control-timer#${timer}-done`;
export const scheduleDoneEvent = (timer: number): string => `schedule-timer#${timer}-done`;

const TIMER_DONE = /^es-control-timer#(\d{1,6})-done$/;
const SCHEDULE_DONE = /^schedule-timer#(\d{1,6})-done$/;

export function parseEvent(name: string): AutomatonEvent {
  switch (name) {
    case INIT_EVENT:
      return { kind: 'init' };
    case IMMEDIATE_EVENT:
      return { kind: 'immediate' };
    case DEVICE_DATA_EVENT:
      return { kind: 'device-data' };
    case GEOFENCE_ENTER_EVENT:
      return { kind: 'geofence-enter' };
    case GEOFENCE_LEAVE_EVENT:
      return { kind: 'geofence-leave' };
  }
  const timer = TIMER_DONE.exec(name);
  if (timer) return { kind: 'timer-done', timer: Number(timer[1]) };
  const schedule = SCHEDULE_DONE.exec(name);
  if (schedule) return { kind: 'schedule-done', timer: Number(schedule[1]) };
  return { kind: 'custom', name };
}

export function eventName(event: AutomatonEvent): string {
  switch (event.kind) {
    case 'init':
      return INIT_EVENT;
    case 'immediate':
      return IMMEDIATE_EVENT;
    case 'device-data':
      return DEVICE_DATA_EVENT;
    case 'geofence-enter':
      return GEOFENCE_ENTER_EVENT;
    case 'geofence-leave':
      return GEOFENCE_LEAVE_EVENT;
    case 'timer-done':
      return timerDoneEvent(event.timer);
    case 'schedule-done':
      return scheduleDoneEvent(event.timer);
    case 'custom':
      return event.name;
  }
}
