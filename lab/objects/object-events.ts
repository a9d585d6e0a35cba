// What the object registry reports, as one union of `{ Type, Data }` frames: the shape the lab's
// live events already have on the WebSocket (`Type` in kebab-case, `Data` with camelCase fields).
// Every member is plain JSON. Each carries the owner, so the server can send a student only the
// frames of the student's own objects. Types only.
import type { ParameterValue } from '../automaton/automaton-types.js';
import type { SimulatorKnobs } from '../automaton/telemetry-simulator.js';
import type { PlayerState } from '../automaton/telemetry-player.js';
import type { StateRef, TimerSnapshot } from '../automaton/runner-events.js';
import type { AlertRecord } from './alert-log.js';
import type { ObjectLogEntry } from './object-log.js';
import type { ObjectSource } from './object-spec.js';
import type { OperatorIndicator, OperatorMessage } from './operator-messages.js';

export interface ObjectValue {
  parameter: string;
  name: string;
  /** null: no value yet. */
  value: ParameterValue | null;
  /** The value with its unit, as a mail shows it (`23 °C`); null with no value. */
  text: string | null;
  dataType: string;
  unit: string | null;
  unitText: string | null;
  /** model: the model declares it; inferred: the automaton uses it; telemetry: only the device sent it. */
  origin: 'model' | 'inferred' | 'telemetry';
  /** The object's clock when it last changed; null with no value. */
  updatedAt: number | null;
}

export interface FeedSnapshot {
  kind: 'playback' | 'simulator';
  state: PlayerState;
  /** Seconds into the feed. */
  position: number;
  /** Seconds of a playback; null for the endless simulator. */
  duration: number | null;
  /** position / duration, 0…1; null for the simulator. */
  progress: number | null;
  samples: number;
  seed: number | null;
  knobs: SimulatorKnobs | null;
}

export interface ObjectMqttSnapshot {
  /** The client id a device must use: the object's id. */
  clientId: string;
  connected: boolean;
  lastTopic: string | null;
  lastPayload: string | null;
  lastAt: number | null;
}

export interface ObjectCounts {
  telemetry: number;
  refused: number;
  transitions: number;
  actions: number;
  errors: number;
  mqttMessages: number;
  /** Publishes from the object's client that carried no value. */
  mqttIgnored: number;
  commandsPublished: number;
  mailsSending: number;
  mailsSent: number;
  mailsFailed: number;
  /** «Отправить SMS», «… в Telegram», «… в Discord» together. */
  channelAlertsSending: number;
  channelAlertsSent: number;
  channelAlertsFailed: number;
  operatorMessages: number;
  logEntries: number;
  logDropped: number;
}

export interface ObjectSnapshot {
  id: string;
  owner: string;
  source: ObjectSource;
  /** `id` is the platform's (`_id` in the export); `libraryId` the lab's import it was made from. */
  automaton: { id: string | null; name: string; modelId: string | null; libraryId: string | null };
  model: { id: string | null; name: string; libraryId: string | null } | null;
  createdAt: number;
  /** Wall clock of this snapshot. */
  time: number;
  /** The object's clock (simulated unless realTime). */
  objectTime: number;
  realTime: boolean;
  speed: number;
  paused: boolean;
  started: boolean;
  finished: boolean;
  state: StateRef | null;
  /** The model's parameters in its order, then the automaton's, then those only telemetry brought. */
  values: ObjectValue[];
  timers: TimerSnapshot[];
  feed: FeedSnapshot | null;
  /** For an MQTT object; null otherwise. */
  mqtt: ObjectMqttSnapshot | null;
  counts: ObjectCounts;
}

export interface OperatorMessageData {
  message: OperatorMessage;
  /** The indicator of the message's owner after it arrived. */
  indicator: OperatorIndicator;
}

export type ObjectEvent =
  /** The object's snapshot after a change: at most one per burst of runner events. */
  | { Type: 'object'; Data: ObjectSnapshot }
  | { Type: 'object-removed'; Data: { id: string; owner: string; time: number } }
  | { Type: 'object-log'; Data: { objectId: string; owner: string; entry: ObjectLogEntry } }
  | { Type: 'operator-message'; Data: OperatorMessageData }
  | { Type: 'operator-acknowledged'; Data: { owner: string | null; ids: string[]; indicator: OperatorIndicator } }
  /** An alert attempt (a mail or a channel message): once when it starts (status sending), on each retry's progress, and once when it ends. */
  | { Type: 'alert'; Data: AlertRecord }
  /** A client whose id is no object published: once per client connection, so a typo in -i shows. */
  | { Type: 'mqtt-unknown-client'; Data: { clientId: string; topic: string; time: number; ignoredTotal: number } };

export type ObjectEventType = ObjectEvent['Type'];
