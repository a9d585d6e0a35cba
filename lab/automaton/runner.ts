// One object's run of an automaton: its current state, its parameter values and its timers.
// Events are handled one at a time, to completion (a port that reports telemetry back from
// inside an action is queued, not nested). For an event, the transitions leaving the current
// state are tried in the export's order and the first whose event matches and whose condition
// holds is taken: its owner's onexit actions run, then the target's onenter actions, then any
// immediate-transition chain (stopped and reported after `maxImmediateHops`). Entering a
// final state ends the run: its timers stop and later events are recorded but not handled.
import type { Bilingual } from '../integration/integration-types.js';
import type { Action, ActionList, Automaton, Model, ModelCommand, ParameterValue, ParameterValues, State, Transition } from './automaton-types.js';
import { evaluateCondition } from './condition-eval.js';
import type { Clock } from './clock.js';
import { describeCondition, describeEvent } from './describe.js';
import { DEVICE_DATA_EVENT, IMMEDIATE_EVENT, INIT_EVENT } from './events.js';
import { automatonParameters } from './infer-parameters.js';
import { buildChannelAlert } from './channel-alerts.js';
import { buildDeviceCommand, buildMail, callPort, errorInfo, isValue, readTelemetry, type ActionContext, type PortSettled } from './runner-actions.js';
import type { ActionEvent, ActionPorts, PortActionKind, RunnerErrorCode, RunnerEvent, StateRef, TimerKind, TimerSnapshot } from './runner-events.js';
import { createTimerBank } from './runner-timers.js';

export const MAX_IMMEDIATE_HOPS = 100;

export interface AutomatonRunnerOptions {
  automaton: Automaton;
  model?: Model | null;
  objectId: string;
  clock: Clock;
  /** The ports actions go out through; a missing one means nobody listens (the action is still reported). */
  actions?: Partial<ActionPorts>;
  /** Also a listener, registered before anything can happen. */
  onEvent?: (event: RunnerEvent) => void;
  maxImmediateHops?: number;
  /** Values the object has before any telemetry. */
  initialValues?: ParameterValues;
}

export interface RunnerSnapshot {
  objectId: string;
  automaton: string;
  time: number;
  started: boolean;
  finished: boolean;
  closed: boolean;
  state: StateRef | null;
  values: ParameterValues;
  timers: TimerSnapshot[];
}

export interface AutomatonRunner {
  readonly objectId: string;
  /** Take the init transition (and any immediate chain after it). Once. */
  start(): void;
  /** New values from the device: stored, then `es-recive-device-data` is handled. */
  telemetry(values: Readonly<Record<string, ParameterValue>>): void;
  /** Handle an event by its name: a custom event, geofence-enter, … */
  fire(eventName: string): void;
  subscribe(listener: (event: RunnerEvent) => void): () => void;
  snapshot(): RunnerSnapshot;
  /** Resolves when every port call made so far has answered. */
  idle(): Promise<void>;
  /** Stop the timers; nothing more happens or is reported. */
  close(): void;
}

export function createAutomatonRunner(options: AutomatonRunnerOptions): AutomatonRunner {
  const { automaton, objectId, clock } = options;
  const ports = options.actions ?? {};
  const maxHops = options.maxImmediateHops ?? MAX_IMMEDIATE_HOPS;
  const parameters = automatonParameters(automaton, options.model);
  const commands = new Map<string, ModelCommand>((options.model?.commands ?? []).map((c) => [c.id, c]));
  const states = new Map(automaton.states.map((s) => [s.id, s]));
  const outgoing = new Map<string, Transition[]>();
  for (const t of automaton.transitions) outgoing.set(t.from, [...(outgoing.get(t.from) ?? []), t]);
  const values = new Map<string, ParameterValue>(Object.entries(options.initialValues ?? {}).filter(([, v]) => isValue(v)));
  const listeners = new Set<(event: RunnerEvent) => void>();
  if (options.onEvent) listeners.add(options.onEvent);

  let current: State | null = null;
  let started = false;
  let finished = false;
  let closed = false;
  let seq = 0;
  const inflight = new Set<Promise<void>>();
  const queue: (() => void)[] = [];
  let draining = false;

  const emit = (event: RunnerEvent) => {
    if (closed) return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed WebSocket) must not stop the object's logic.
      }
    }
  };
  const ref = (s: State): StateRef => ({ id: s.id, name: s.name, type: s.type });
  const error = (code: RunnerErrorCode, text: Bilingual, actionId: string | null = null) =>
    emit({ type: 'error', time: clock.now(), code, text, stateId: current?.id ?? null, actionId });

  const enqueue = (job: () => void) => {
    if (closed) return;
    queue.push(job);
    if (draining) return;
    draining = true;
    try {
      for (let next = queue.shift(); next !== undefined && !closed; next = queue.shift()) {
        try {
          next();
        } catch (e) {
          error('internal', { ru: `Внутренняя ошибка: ${errorInfo(e).message}`, en: `Internal error: ${errorInfo(e).message}` });
        }
      }
    } finally {
      draining = false;
      queue.length = 0;
    }
  };

  const timers = createTimerBank(clock, (kind: TimerKind, timer: number, event: string) =>
    enqueue(() => {
      emit({ type: 'timer-fired', time: clock.now(), kind, timer, event });
      handle(event);
    }),
  );

  const firstTransition = (stateId: string, event: string) =>
    (outgoing.get(stateId) ?? []).find((t) => t.event === event && evaluateCondition(t.condition, values));

  const settle = (common: ActionEvent, kind: PortActionKind, call: () => unknown) => {
    const report = (r: PortSettled) => {
      emit({ type: 'action-result', time: clock.now(), seq: common.seq, kind, actionId: common.actionId, ok: r.ok, outcome: r.outcome, error: r.error });
      if (r.error) {
        const text = {
          ru: `Порт действия «${common.actionName}» не сработал: ${r.error.message}`,
          en: `The port of action "${common.actionName}" failed: ${r.error.message}`,
        };
        emit({ type: 'error', time: clock.now(), code: 'port-failed', text, stateId: common.stateId, actionId: common.actionId });
      }
    };
    const pending = callPort(call, report);
    if (pending) {
      inflight.add(pending);
      void pending.finally(() => inflight.delete(pending));
    }
  };

  const perform = (action: Action, state: State, phase: ActionList) => {
    const time = clock.now();
    const common = { type: 'action' as const, time, seq: ++seq, stateId: state.id, phase, actionId: action.id, actionName: action.name };
    const ctx: ActionContext = { objectId, state, values, parameters, timeMs: time };
    switch (action.kind) {
      case 'timer-start': {
        const r = timers.startTimer(action.timer, action.intervalSeconds);
        emit({ ...common, kind: 'timer-start', timer: action.timer, intervalSeconds: action.intervalSeconds, restarted: r.restarted });
        emit({
          type: 'timer-started',
          time,
          kind: 'timer',
          timer: action.timer,
          event: `es-control-timer#${action.timer}-done`,
          dueAt: r.dueAt,
          restarted: r.restarted,
        });
        return;
      }
      case 'schedule-start': {
        const r = timers.startSchedule(action.timer, action.period);
        emit({ ...common, kind: 'schedule-start', timer: action.timer, period: action.period, restarted: r.restarted });
        if (r.dueAt === null) error('schedule-never', { ru: 'Расписание никогда не срабатывает', en: 'The schedule never fires' }, action.id);
        else
          emit({
            type: 'timer-started',
            time,
            kind: 'schedule',
            timer: action.timer,
            event: `schedule-timer#${action.timer}-done`,
            dueAt: r.dueAt,
            restarted: r.restarted,
          });
        return;
      }
      case 'change-value': {
        const previous = values.get(action.target) ?? null;
        values.set(action.target, action.value);
        emit({ ...common, kind: 'change-value', parameter: action.target, value: action.value, previous });
        return;
      }
      case 'push-message': {
        const message = { objectId, stateId: state.id, stateName: state.name, importance: action.importance, body: action.body };
        const event: ActionEvent = { ...common, kind: 'push-message', message };
        emit(event);
        if (ports.pushMessage) settle(event, 'push-message', () => ports.pushMessage!(message));
        return;
      }
      case 'send-email': {
        const built = buildMail(action, ctx);
        if (!built.ok) return error(built.code === 'invalid-address' ? 'invalid-recipients' : 'internal', built.error, action.id);
        if (built.warning) error('html-decode', built.warning, action.id);
        const event: ActionEvent = { ...common, kind: 'send-email', mail: built.mail };
        emit(event);
        if (ports.sendEmail) settle(event, 'send-email', () => ports.sendEmail!(built.mail));
        return;
      }
      case 'send-sms':
      case 'send-telegram':
      case 'send-discord': {
        const built = buildChannelAlert(action, ctx);
        // A phone number or chat id a placeholder filled in wrongly: said, and nothing sent.
        if (!built.ok) return error('invalid-recipients', built.error, action.id);
        const event: ActionEvent = { ...common, kind: action.kind, alert: built.alert };
        emit(event);
        if (ports.sendChannelAlert) settle(event, action.kind, () => ports.sendChannelAlert!(built.alert));
        return;
      }
      case 'device-command': {
        const command = buildDeviceCommand(action, ctx, commands);
        const event: ActionEvent = { ...common, kind: 'device-command', command };
        emit(event);
        if (ports.deviceCommand) settle(event, 'device-command', () => ports.deviceCommand!(command));
        return;
      }
    }
  };

  const runActions = (state: State, phase: ActionList) => {
    for (const action of state[phase]) {
      if (closed) return;
      try {
        perform(action, state, phase);
      } catch (e) {
        error(
          'internal',
          { ru: `Действие «${action.name}» не выполнено: ${errorInfo(e).message}`, en: `Action "${action.name}" failed: ${errorInfo(e).message}` },
          action.id,
        );
      }
    }
  };

  const enter = (state: State) => {
    current = state;
    emit({ type: 'state-entered', time: clock.now(), state: ref(state) });
    runActions(state, 'onenter');
    if (state.type === 'final' && !finished) {
      finished = true;
      timers.clear();
      emit({ type: 'finished', time: clock.now(), state: ref(state) });
    }
  };

  const step = (t: Transition) => {
    const from = current!;
    const to = states.get(t.to)!;
    emit({
      type: 'transition',
      time: clock.now(),
      transitionId: t.id,
      transitionName: t.name,
      event: t.event,
      from: from.id,
      to: to.id,
      fromName: from.name,
      toName: to.name,
      conditionText: t.condition ? describeCondition(t.condition, parameters) : null,
    });
    runActions(from, 'onexit');
    enter(to);
  };

  const take = (t: Transition) => {
    step(t);
    for (let hops = 0; !finished && !closed; hops++) {
      const next = firstTransition(current!.id, IMMEDIATE_EVENT);
      if (!next) return;
      if (hops >= maxHops) {
        const name = current!.name || current!.id;
        const text = {
          ru: `Больше ${maxHops} немедленных переходов подряд — похоже на цикл; автомат остановлен в состоянии «${name}»`,
          en: `More than ${maxHops} immediate transitions in a row, which looks like a loop; the automaton stopped in state "${name}"`,
        };
        return error('immediate-loop', text);
      }
      step(next);
    }
  };

  const handle = (event: string) => {
    const base = { type: 'event' as const, time: clock.now(), event, text: describeEvent(event), stateId: current?.id ?? null };
    if (!started) return emit({ ...base, outcome: 'not-started', transitionId: null });
    if (finished) return emit({ ...base, outcome: 'finished', transitionId: null });
    const t = firstTransition(current!.id, event);
    emit({ ...base, outcome: t ? 'taken' : 'no-transition', transitionId: t?.id ?? null });
    if (t) take(t);
  };

  return {
    objectId,
    start() {
      enqueue(() => {
        if (started) return error('already-started', { ru: 'Автомат уже запущен', en: 'The automaton is already running' });
        started = true;
        emit({ type: 'started', time: clock.now(), objectId, automaton: automaton.name });
        enter(states.get(automaton.initStateId)!);
        const init = firstTransition(automaton.initStateId, INIT_EVENT);
        if (!init)
          return error('no-init-transition', {
            ru: 'Из начального состояния нет перехода по событию init',
            en: 'No transition with the event init leaves the initial state',
          });
        take(init);
      });
    },
    telemetry(input) {
      enqueue(() => {
        const { accepted, refused } = readTelemetry(input);
        for (const text of refused) error('invalid-value', text);
        for (const [name, value] of accepted) values.set(name, value);
        emit({ type: 'telemetry', time: clock.now(), values: Object.fromEntries(accepted) });
        handle(DEVICE_DATA_EVENT);
      });
    },
    fire(eventName) {
      enqueue(() => handle(String(eventName)));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    snapshot: () => ({
      objectId,
      automaton: automaton.name,
      time: clock.now(),
      started,
      finished,
      closed,
      state: current ? ref(current) : null,
      values: Object.fromEntries(values),
      timers: timers.snapshot(),
    }),
    async idle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
    close() {
      closed = true;
      timers.clear();
      queue.length = 0;
    },
  };
}
