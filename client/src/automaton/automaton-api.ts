// The Automaton page's calls (lab/HTTP-API.md, "Automatons and objects"), typed with the server's
// own request and answer types (lab/objects/objects-wire.ts). Every call goes through the page's
// one ApiClient; a failure is its ApiError (the server's text in both languages, a message per
// field, where in a file it is wrong).
import type { ActionList, ParameterValues } from '../../../lab/automaton/automaton-types.js';
import type { SimulatorKnobs } from '../../../lab/automaton/telemetry-simulator.js';
import type { ObjectSnapshot } from '../../../lab/objects/object-events.js';
import type { MessageGrouping, MessageOrder } from '../../../lab/objects/operator-messages.js';
import type {
  AddChannelAlertRequest,
  AddEmailRequest,
  AlertsResponse,
  AutomatonEntry,
  AutomatonResponse,
  AutomatonsResponse,
  ControlRequest,
  CreateObjectRequest,
  ImportRequest,
  ModelEntry,
  ModelResponse,
  ModelsResponse,
  MqttInfo,
  ObjectLogResponse,
  ObjectResponse,
  ObjectsResponse,
  OperatorMessagesResponse,
  UpdateChannelAlertRequest,
  UpdateEmailRequest,
} from '../../../lab/objects/objects-wire.js';
import type { OperatorIndicator } from '../../../lab/objects/operator-messages.js';
import type { ApiClient } from '../api/api-client.js';

/** The lab's bundled example files (GET /api/lab/examples/{name}: the file as text). */
export const EXAMPLE_AUTOMATON = 'temperature-control.automaton.json';
export const EXAMPLE_MODEL = 'kettle.model.json';

const enc = encodeURIComponent;

export interface AutomatonApi {
  automatons(): Promise<AutomatonEntry[]>;
  models(): Promise<ModelEntry[]>;
  importAutomaton(request: ImportRequest): Promise<AutomatonEntry>;
  importModel(request: ImportRequest): Promise<ModelEntry>;
  removeAutomaton(id: string): Promise<void>;
  example(name: string): Promise<string>;
  /** Where the browser downloads the platform's file of an automaton, edits included. */
  exportUrl(id: string): string;
  addEmail(automatonId: string, request: AddEmailRequest): Promise<AutomatonEntry>;
  updateEmail(automatonId: string, stateId: string, list: ActionList, index: number, request: UpdateEmailRequest): Promise<AutomatonEntry>;
  removeEmail(automatonId: string, stateId: string, list: ActionList, index: number): Promise<AutomatonEntry>;
  addChannelAlert(automatonId: string, request: AddChannelAlertRequest): Promise<AutomatonEntry>;
  updateChannelAlert(automatonId: string, stateId: string, list: ActionList, index: number, request: UpdateChannelAlertRequest): Promise<AutomatonEntry>;
  removeChannelAlert(automatonId: string, stateId: string, list: ActionList, index: number): Promise<AutomatonEntry>;
  objects(): Promise<ObjectSnapshot[]>;
  createObject(request: CreateObjectRequest): Promise<ObjectSnapshot>;
  removeObject(id: string): Promise<void>;
  log(id: string, options?: { after?: number; limit?: number }): Promise<ObjectLogResponse>;
  telemetry(id: string, values: ParameterValues): Promise<ObjectSnapshot>;
  fire(id: string, event: string): Promise<ObjectSnapshot>;
  control(id: string, request: ControlRequest): Promise<ObjectSnapshot>;
  knobs(id: string, knobs: Partial<SimulatorKnobs>): Promise<ObjectSnapshot>;
  operatorMessages(group: MessageGrouping, sort: MessageOrder): Promise<OperatorMessagesResponse>;
  acknowledge(ids: string[] | 'all'): Promise<OperatorIndicator>;
  alerts(limit: number): Promise<AlertsResponse>;
  mqtt(): Promise<MqttInfo>;
}

export function createAutomatonApi(api: ApiClient): AutomatonApi {
  const object = (id: string) => `/api/lab/objects/${enc(id)}`;
  const email = (automatonId: string, stateId: string, list: ActionList, index: number) =>
    `/api/lab/automatons/${enc(automatonId)}/emails/${enc(stateId)}/${enc(list)}/${index}`;
  const channelAlert = (automatonId: string, stateId: string, list: ActionList, index: number) =>
    `/api/lab/automatons/${enc(automatonId)}/channel-alerts/${enc(stateId)}/${enc(list)}/${index}`;
  return {
    async automatons() {
      return (await api.call<AutomatonsResponse>('GET', '/api/lab/automatons')).automatons;
    },
    async models() {
      return (await api.call<ModelsResponse>('GET', '/api/lab/models')).models;
    },
    async importAutomaton(request) {
      return (await api.call<AutomatonResponse>('POST', '/api/lab/automatons', request)).automaton;
    },
    async importModel(request) {
      return (await api.call<ModelResponse>('POST', '/api/lab/models', request)).model;
    },
    async removeAutomaton(id) {
      await api.call<void>('DELETE', `/api/lab/automatons/${enc(id)}`);
    },
    example(name) {
      return api.text(`/api/lab/examples/${enc(name)}`);
    },
    exportUrl(id) {
      return `/api/lab/automatons/${enc(id)}/export`;
    },
    async addEmail(automatonId, request) {
      return (await api.call<AutomatonResponse>('POST', `/api/lab/automatons/${enc(automatonId)}/emails`, request)).automaton;
    },
    async updateEmail(automatonId, stateId, list, index, request) {
      return (await api.call<AutomatonResponse>('PUT', email(automatonId, stateId, list, index), request)).automaton;
    },
    async removeEmail(automatonId, stateId, list, index) {
      return (await api.call<AutomatonResponse>('DELETE', email(automatonId, stateId, list, index))).automaton;
    },
    async addChannelAlert(automatonId, request) {
      return (await api.call<AutomatonResponse>('POST', `/api/lab/automatons/${enc(automatonId)}/channel-alerts`, request)).automaton;
    },
    async updateChannelAlert(automatonId, stateId, list, index, request) {
      return (await api.call<AutomatonResponse>('PUT', channelAlert(automatonId, stateId, list, index), request)).automaton;
    },
    async removeChannelAlert(automatonId, stateId, list, index) {
      return (await api.call<AutomatonResponse>('DELETE', channelAlert(automatonId, stateId, list, index))).automaton;
    },
    async objects() {
      return (await api.call<ObjectsResponse>('GET', '/api/lab/objects')).objects;
    },
    async createObject(request) {
      return (await api.call<ObjectResponse>('POST', '/api/lab/objects', request)).object;
    },
    async removeObject(id) {
      await api.call<void>('DELETE', object(id));
    },
    log(id, options = {}) {
      const query = new URLSearchParams();
      if (options.after !== undefined) query.set('after', String(options.after));
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      const q = query.toString();
      return api.call<ObjectLogResponse>('GET', `${object(id)}/log${q ? `?${q}` : ''}`);
    },
    async telemetry(id, values) {
      return (await api.call<ObjectResponse>('POST', `${object(id)}/telemetry`, { values })).object;
    },
    async fire(id, event) {
      return (await api.call<ObjectResponse>('POST', `${object(id)}/events`, { event })).object;
    },
    async control(id, request) {
      return (await api.call<ObjectResponse>('POST', `${object(id)}/control`, request)).object;
    },
    async knobs(id, knobs) {
      return (await api.call<ObjectResponse>('PUT', `${object(id)}/knobs`, { knobs })).object;
    },
    operatorMessages(group, sort) {
      return api.call<OperatorMessagesResponse>('GET', `/api/lab/operator-messages?group=${enc(group)}&sort=${enc(sort)}`);
    },
    async acknowledge(ids) {
      return (await api.call<{ indicator: OperatorIndicator }>('POST', '/api/lab/operator-messages/acknowledge', { ids })).indicator;
    },
    alerts(limit) {
      return api.call<AlertsResponse>('GET', `/api/lab/alerts?limit=${limit}`);
    },
    mqtt() {
      return api.call<MqttInfo>('GET', '/api/lab/mqtt');
    },
  };
}
