// What a runner reports, as one discriminated union (`type`), and the ports it acts through.
// Every event is plain JSON (it goes over a WebSocket as it is) and carries `time`, the
// clock's epoch milliseconds. Types only.
import type { Bilingual } from '../integration/integration-types.js';
import type {
  ActionList,
  AlertChannel,
  ChannelAction,
  Importance,
  ModelCommand,
  ParameterValues,
  SchedulePeriod,
  StateType,
  TelegramParseMode,
} from './automaton-types.js';

/** A mail «Отправить e-mail» sends, its templates filled in. */
export interface AutomatonMail {
  objectId: string;
  stateId: string;
  stateName: string;
  /** The sender field; null when left empty (the SMTP integration's sender is used). */
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  /** The HTML body decoded from its encoding; null when there is none. */
  html: string | null;
}

/** What «Отправить SMS», «Отправить в Telegram» or «Отправить в Discord» sends, its templates filled in. */
export interface AutomatonChannelAlert {
  objectId: string;
  stateId: string;
  stateName: string;
  channel: AlertChannel;
  text: string;
  /** SMS: the phone number, digits with the country code (79255070602); Telegram: a chat other than the integration's; else null. */
  to: string | null;
  /** Discord: the embed's title above the text; null without one and for the other channels. */
  title: string | null;
  /** Telegram: how it reads the text; null for the other channels. */
  parseMode: TelegramParseMode | null;
}

export interface PushMessage {
  objectId: string;
  stateId: string;
  stateName: string;
  importance: Importance;
  body: string;
}

export interface DeviceCommand {
  objectId: string;
  stateId: string;
  /** The action's id: the model's command id (`kettle_on`, `led-on`, …). */
  id: string;
  name: string;
  /** The action's argument values by argument id. */
  args: Record<string, unknown>;
  /** The model's command of that id (with its MQTT topic and payload), when a model defines it. */
  modelCommand: ModelCommand | null;
}

/** What a mail port answers; the alert sender's SendOutcome is one. */
export interface SendEmailOutcome {
  ok: boolean;
  message?: Bilingual;
  reply?: string | null;
}

/** What a channel port answers: the same shape as a mail's. */
export type ChannelAlertOutcome = SendEmailOutcome;

/** The outside world as the runner sees it. A port may throw or reject: the run goes on. */
export interface ActionPorts {
  sendEmail(mail: AutomatonMail): Promise<SendEmailOutcome> | SendEmailOutcome;
  sendChannelAlert(alert: AutomatonChannelAlert): Promise<ChannelAlertOutcome> | ChannelAlertOutcome;
  pushMessage(message: PushMessage): unknown;
  deviceCommand(command: DeviceCommand): unknown;
}

export interface StateRef {
  id: string;
  name: string;
  type: StateType;
}

export type TimerKind = 'timer' | 'schedule';

export interface TimerSnapshot {
  kind: TimerKind;
  timer: number;
  /** The event it fires: es-control-timer#N-done or schedule-timer#N-done. */
  event: string;
  startedAt: number;
  dueAt: number;
  remainingMs: number;
}

interface ActionCommon {
  type: 'action';
  time: number;
  /** Numbers this run's actions; an action-result refers to it. */
  seq: number;
  stateId: string;
  phase: ActionList;
  actionId: string;
  actionName: string;
}

export type ActionEvent = ActionCommon &
  (
    | { kind: 'device-command'; command: DeviceCommand }
    | { kind: 'send-email'; mail: AutomatonMail }
    | { kind: ChannelAction['kind']; alert: AutomatonChannelAlert }
    | { kind: 'push-message'; message: PushMessage }
    | { kind: 'change-value'; parameter: string; value: ParameterValues[string]; previous: ParameterValues[string] | null }
    | { kind: 'timer-start'; timer: number; intervalSeconds: number; restarted: boolean }
    | { kind: 'schedule-start'; timer: number; period: SchedulePeriod; restarted: boolean }
  );

/** The actions that go out through a port, and so get an action-result. */
export type PortActionKind = 'send-email' | ChannelAction['kind'] | 'push-message' | 'device-command';

export type RunnerErrorCode =
  | 'no-init-transition'
  | 'immediate-loop'
  | 'port-failed'
  | 'invalid-recipients'
  | 'html-decode'
  | 'schedule-never'
  | 'invalid-value'
  | 'already-started'
  | 'internal';

export type EventOutcome = 'taken' | 'no-transition' | 'not-started' | 'finished';

export type RunnerEvent =
  | { type: 'started'; time: number; objectId: string; automaton: string }
  | { type: 'telemetry'; time: number; values: ParameterValues }
  /** An event that reached the automaton, and whether a transition took it. */
  | { type: 'event'; time: number; event: string; text: Bilingual; stateId: string | null; outcome: EventOutcome; transitionId: string | null }
  | {
      type: 'transition';
      time: number;
      transitionId: string;
      transitionName: string;
      event: string;
      from: string;
      to: string;
      fromName: string;
      toName: string;
      conditionText: Bilingual | null;
    }
  | { type: 'state-entered'; time: number; state: StateRef }
  | ActionEvent
  | {
      type: 'action-result';
      time: number;
      seq: number;
      kind: PortActionKind;
      actionId: string;
      ok: boolean;
      /** What the port answered, as JSON. */
      outcome: unknown;
      error: { name: string; message: string } | null;
    }
  | { type: 'timer-started'; time: number; kind: TimerKind; timer: number; event: string; dueAt: number; restarted: boolean }
  | { type: 'timer-fired'; time: number; kind: TimerKind; timer: number; event: string }
  | { type: 'finished'; time: number; state: StateRef }
  | { type: 'error'; time: number; code: RunnerErrorCode; text: Bilingual; stateId: string | null; actionId: string | null };

export type RunnerEventType = RunnerEvent['type'];
