// The automaton feature over HTTP (lab/HTTP-API.md, "Automatons and objects"): what the routes
// take and answer, typed once for the server, the CLI and the browser. camelCase, like every route
// of the practical work. The automaton and model travel as the lab reads them (plain JSON, see
// lab/automaton/automaton-types.ts); the browser puts conditions and events into words with the
// same code as the server (lab/automaton/describe.ts). Types only.
import type { Automaton, EmailTemplate, ActionList, AlertChannel, Model, ParameterValues } from '../automaton/automaton-types.js';
import type { ChannelFields } from '../automaton/channel-authoring.js';
import type { SimulatorKnobs } from '../automaton/telemetry-simulator.js';
import type { AlertLogStats, AlertRecord } from './alert-log.js';
import type { ObjectLogEntry } from './object-log.js';
import type { ObjectSnapshot } from './object-events.js';
import type { ObjectSource } from './object-spec.js';
import type { MessageGroup, OperatorIndicator } from './operator-messages.js';

/** An imported automaton export, as the lab keeps it. */
export interface AutomatonEntry {
  /** The lab's id of the import (not the platform's `_id`, which two imports may share). */
  id: string;
  /** The account that imported it, or 'cli'. */
  owner: string;
  importedAt: string;
  /** The file name the student gave, when there was one. */
  fileName: string | null;
  automaton: Automaton;
  /** The platform's model id the export names (`data.model`), if any. */
  modelId: string | null;
}

export interface ModelEntry {
  id: string;
  owner: string;
  importedAt: string;
  fileName: string | null;
  model: Model;
}

/** POST /api/lab/automatons, POST /api/lab/models: the export file as text. */
export interface ImportRequest {
  file: string;
  fileName?: string;
}

/** Where «Отправить e-mail» goes in a state, and its fields (templates with {{param}}). */
export interface AddEmailRequest {
  stateId: string;
  list: ActionList;
  /** Position in the list; at the end when absent. */
  index?: number;
  fields: Partial<EmailTemplate> & { recipients: string };
}

export interface UpdateEmailRequest {
  fields: Partial<EmailTemplate>;
}

/**
 * POST /api/lab/automatons/{id}/channel-alerts: the lab's «Отправить SMS», «… в Telegram», «… в
 * Discord» in a state. fields: SMS `to` (a phone number) and `text`; Telegram `text`, `to` (another
 * chat id, or empty), `parseMode` (none, HTML, MarkdownV2); Discord `text` and `title`.
 */
export interface AddChannelAlertRequest {
  channel: AlertChannel;
  stateId: string;
  list: ActionList;
  index?: number;
  fields: ChannelFields;
}

export interface UpdateChannelAlertRequest {
  fields: ChannelFields;
}

export interface CreateObjectRequest {
  /** The object's id: also the MQTT client id its device uses. */
  id: string;
  automatonId: string;
  /** An imported model; none: the parameters are inferred from the automaton. */
  modelId?: string | null;
  source: ObjectSource;
  /** Simulated seconds per real second, for playback, simulator and manual objects. */
  speed?: number;
  simulator?: { seed: number; knobs?: Partial<SimulatorKnobs> };
  /** A playback file (JSON array or CSV with a `t` column), as text. */
  playback?: { file: string; format?: 'json' | 'csv' };
  initialValues?: ParameterValues;
}

export interface TelemetryRequest {
  values: ParameterValues;
}

export interface EventRequest {
  event: string;
}

export type ControlRequest = { action: 'pause' } | { action: 'resume' } | { action: 'speed'; speed: number };

export interface KnobsRequest {
  knobs: Partial<SimulatorKnobs>;
}

export interface AcknowledgeRequest {
  ids: string[] | 'all';
}

/** GET /api/lab/mqtt: where devices connect, for the command line a student copies. */
export interface MqttInfo {
  enabled: boolean;
  host: string;
  port: number | null;
  clients: string[];
}

export interface AutomatonResponse {
  automaton: AutomatonEntry;
}
export interface AutomatonsResponse {
  automatons: AutomatonEntry[];
}
export interface ModelResponse {
  model: ModelEntry;
}
export interface ModelsResponse {
  models: ModelEntry[];
}
export interface ObjectResponse {
  object: ObjectSnapshot;
}
export interface ObjectsResponse {
  objects: ObjectSnapshot[];
}
export interface ObjectLogResponse {
  entries: ObjectLogEntry[];
  dropped: number;
  lastSeq: number;
}
/** GET /api/lab/operator-messages?group=text|object|none&sort=time|importance */
export interface OperatorMessagesResponse {
  groups: MessageGroup[];
  indicator: OperatorIndicator;
}
export interface AlertsResponse {
  alerts: AlertRecord[];
  stats: AlertLogStats;
}
