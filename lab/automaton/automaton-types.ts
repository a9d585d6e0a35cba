// The automaton as the lab reads it from the platform's export: states with their action
// lists, transitions with their event and condition, and the model's parameters and commands.
// Plain data (arrays, no Maps, no classes) so it can cross a WebSocket as JSON. Types only.

/** A telemetry or written value of an object parameter. */
export type ParameterValue = number | string | boolean;
export type ParameterValues = Record<string, ParameterValue>;

export type StateType = 'init' | 'final' | 'state';
export type ActionList = 'onenter' | 'onexit';

/** One argument of an action as the export holds it; `value` is any JSON value. */
export interface ActionArg {
  id: string;
  dataType?: string;
  value: unknown;
}

export type Importance = 'information' | 'important' | 'critical';
/** How the HTML body of «Отправить e-mail» is written into its field. */
export type HtmlEncoding = 'JSON' | 'HEX' | 'Base64' | 'Text';

export interface SchedulePeriod {
  /** Hours 0–23 of the wall clock in `tz`; empty means every hour. */
  hours: number[];
  /** Minutes 0–59; empty means every minute. */
  minutes: number[];
  /** An IANA time zone, e.g. Europe/Moscow. */
  tz: string;
}

/** The fields of «Отправить e-mail», as typed by the author (templates not yet filled in). */
export interface EmailTemplate {
  /** Empty: the platform fills the sender from the SMTP integration. */
  sender: string;
  /** One address or several separated by commas. */
  recipients: string;
  subject: string;
  text: string;
  /** The HTML body as written in its encoding; empty for none. */
  html: string;
  encoding: HtmlEncoding;
}

/**
 * The alert channels besides e-mail, as the lab's own commands «Отправить SMS», «Отправить в
 * Telegram», «Отправить в Discord» (the platform documents none of them). The same ids as
 * lab/channels' ChannelId.
 */
export type AlertChannel = 'sms' | 'telegram' | 'discord';
/** How Telegram reads the text: as it is, or with its HTML or MarkdownV2 markup (the Bot API's parse_mode). */
export type TelegramParseMode = 'none' | 'HTML' | 'MarkdownV2';

/** «Отправить SMS»: one phone number (with the country code) and the text; both may hold {{param}}. */
export interface SmsTemplate {
  to: string;
  text: string;
}

/** «Отправить в Telegram»: the text; `to` empty means the integration's chat, else another chat id or @channel. */
export interface TelegramTemplate {
  text: string;
  to: string;
  parseMode: TelegramParseMode;
}

/** «Отправить в Discord»: the text, and an optional title (an embed's title above it). */
export interface DiscordTemplate {
  text: string;
  title: string;
}

/** The three channel actions, each with its channel and its fields as typed (templates not yet filled in). */
export type ChannelActionKind =
  | { kind: 'send-sms'; channel: 'sms'; template: SmsTemplate }
  | { kind: 'send-telegram'; channel: 'telegram'; template: TelegramTemplate }
  | { kind: 'send-discord'; channel: 'discord'; template: DiscordTemplate };

interface ActionBase {
  id: string;
  name: string;
  args: Readonly<Record<string, ActionArg>>;
}

/** An action with what the lab understood of it; `kind` says which built-in it is. */
export type Action = ActionBase &
  (
    | { kind: 'timer-start'; timer: number; intervalSeconds: number }
    | { kind: 'schedule-start'; timer: number; period: SchedulePeriod }
    | { kind: 'change-value'; target: string; value: ParameterValue; expr: string }
    | { kind: 'send-email'; email: EmailTemplate }
    | ChannelActionKind
    | { kind: 'push-message'; importance: Importance; body: string }
    | { kind: 'device-command' }
  );
export type ActionKind = Action['kind'];
export type ChannelAction = Extract<Action, { channel: AlertChannel }>;

export interface State {
  id: string;
  type: StateType;
  /** The state's name; empty for the init and final pseudo-states, which have none. */
  name: string;
  description: string;
  onenter: Action[];
  onexit: Action[];
}

/** What an event name means; `name` on the transition keeps the platform's spelling. */
export type AutomatonEvent =
  | { kind: 'init' }
  | { kind: 'immediate' }
  | { kind: 'device-data' }
  | { kind: 'timer-done'; timer: number }
  | { kind: 'schedule-done'; timer: number }
  | { kind: 'geofence-enter' }
  | { kind: 'geofence-leave' }
  | { kind: 'custom'; name: string };

export type ComparisonOp = 'less' | 'less-equal' | 'more' | 'more-equal' | 'equal' | 'not-equal';
export type LogicalOp = 'and' | 'or';

export type Operand = { kind: 'parameter'; id: string } | { kind: 'value'; value: string };

export type Condition =
  { kind: 'compare'; op: ComparisonOp; left: Operand; right: Operand } | { kind: 'logic'; op: LogicalOp; left: Condition; right: Condition };

export interface Transition {
  id: string;
  name: string;
  /** The event's name as the platform spells it, e.g. `es-recive-device-data`. */
  event: string;
  eventKind: AutomatonEvent;
  from: string;
  to: string;
  /** Null: the transition is taken whenever its event arrives. */
  condition: Condition | null;
}

export interface Automaton {
  /** The platform's `_id`, when the export has one. */
  id: string | null;
  name: string;
  description: string;
  /** The model the automaton was made for (`data.model`), when named. */
  modelId: string | null;
  /** In the export's order. */
  states: State[];
  /** In the export's order, which is the order the runner tries them in. */
  transitions: Transition[];
  initStateId: string;
}

export interface Level {
  id: string;
  name: string;
  /** A threshold; `-Infinity` for the lowest band. */
  value: number;
  color: string | null;
}

export interface Parameter {
  id: string;
  name: string;
  /** `number`, `string`, `boolean`, … as the model says (inferred: from the literals compared with). */
  dataType: string;
  /** The platform's unit id, e.g. `temperature-celsius`. */
  unit: string | null;
  /** The unit as shown: `°C`, or the raw unit id when the lab has no symbol for it. */
  unitText: string | null;
  levels: Level[];
  /** The MQTT topic the value arrives on (`reference`). */
  topic: string | null;
  origin: 'model' | 'inferred';
}

export interface ModelCommand {
  id: string;
  name: string;
  service: string | null;
  command: string | null;
  /** What the command sends when it is a `ric-gate` `publish` with a topic. */
  publish: { topic: string; payload: string } | null;
}

export interface Model {
  id: string | null;
  name: string;
  description: string;
  /** `mqtt` for the lab's models. */
  base: string | null;
  parameters: Parameter[];
  commands: ModelCommand[];
}
