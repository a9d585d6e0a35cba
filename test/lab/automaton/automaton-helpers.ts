// Shared by the automaton tests: the platform's fixture files and a runner on a manual clock
// that records everything it reports.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createManualClock, type ManualClock } from '../../../lab/automaton/clock.js';
import { importAutomaton, type AutomatonDocument } from '../../../lab/automaton/import-automaton.js';
import { importModel } from '../../../lab/automaton/import-model.js';
import { createAutomatonRunner, type AutomatonRunner, type AutomatonRunnerOptions } from '../../../lab/automaton/runner.js';
import type { Model } from '../../../lab/automaton/automaton-types.js';
import type { RunnerEvent } from '../../../lab/automaton/runner-events.js';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', '..', 'fixtures', 'platform');

export const AUTOMATON_FIXTURES = [
  'temperature-control.automaton.json',
  'smart-home.automaton.json',
  'jamming-control.automaton.json',
  'light-timer.automaton.json',
] as const;
export type AutomatonFixture = (typeof AUTOMATON_FIXTURES)[number];

export const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
export const loadAutomaton = (name: AutomatonFixture): AutomatonDocument => importAutomaton(fixtureText(name));
export const loadKettle = (): Model => importModel(fixtureText('kettle.model.json'));

/** 2024-03-01T00:00:00Z: a wall clock for the tests (schedules need one). */
export const T0 = Date.UTC(2024, 2, 1, 0, 0, 0);

export interface Run {
  runner: AutomatonRunner;
  clock: ManualClock;
  events: RunnerEvent[];
  /** Names (or ids of unnamed pseudo-states) of the states entered, in order. */
  states(): string[];
  transitions(): string[];
  of<T extends RunnerEvent['type']>(type: T): Extract<RunnerEvent, { type: T }>[];
  /** The action events since the last call (or the start). */
  takeActions(): Extract<RunnerEvent, { type: 'action' }>[];
}

export function startRun(document: AutomatonDocument, options: Partial<AutomatonRunnerOptions> = {}, start = true): Run {
  const clock = (options.clock as ManualClock | undefined) ?? createManualClock({ start: T0 });
  const events: RunnerEvent[] = [];
  const runner = createAutomatonRunner({ automaton: document.automaton, objectId: 'kettle-1', clock, onEvent: (e) => events.push(e), ...options });
  let seen = 0;
  const run: Run = {
    runner,
    clock,
    events,
    states: () => events.flatMap((e) => (e.type === 'state-entered' ? [e.state.name || e.state.id] : [])),
    transitions: () => events.flatMap((e) => (e.type === 'transition' ? [e.transitionId] : [])),
    of: <T extends RunnerEvent['type']>(type: T) => events.filter((e): e is Extract<RunnerEvent, { type: T }> => e.type === type),
    takeActions() {
      const fresh = events.slice(seen);
      seen = events.length;
      return fresh.filter((e): e is Extract<RunnerEvent, { type: 'action' }> => e.type === 'action');
    },
  };
  if (start) runner.start();
  return run;
}

/** A compact view of an action: its kind and what it did, for table-driven expectations. */
export function actionSummary(event: Extract<RunnerEvent, { type: 'action' }>): string {
  switch (event.kind) {
    case 'device-command':
      return `command ${event.command.id}${event.command.modelCommand?.publish ? ` → ${event.command.modelCommand.publish.topic} ${event.command.modelCommand.publish.payload}` : ''}`;
    case 'push-message':
      return `push ${event.message.importance}: ${event.message.body}`;
    case 'change-value':
      return `set ${event.parameter} = ${JSON.stringify(event.value)}`;
    case 'timer-start':
      return `timer#${event.timer} ${event.intervalSeconds} s${event.restarted ? ' (restarted)' : ''}`;
    case 'schedule-start':
      return `schedule#${event.timer}`;
    case 'send-email':
      return `mail to ${event.mail.to.join(', ')}: ${event.mail.subject}`;
    case 'send-sms':
    case 'send-telegram':
    case 'send-discord':
      return `${event.alert.channel}${event.alert.to ? ` to ${event.alert.to}` : ''}: ${event.alert.title ? `${event.alert.title} — ` : ''}${event.alert.text}`;
  }
}
