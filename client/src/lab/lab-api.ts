// The Lab page's calls (lab/HTTP-API.md): the lab account and its app passwords, the presets,
// the saved SMTP integration, and the test e-mail streamed as it happens. Errors carry the
// server's text in both languages and a message per wrong field, so the page can put each one
// at its field.
import type { IntegrationView, Preset, PresetId, Security } from '../../../lab/integration/integration-types.js';
import type { DeliveryResult } from '../../../lab/sender/delivery-types.js';
import { TEST_STREAM_TYPE, type TestStreamEvent } from '../../../lab/integration/test-stream.js';
import type { AccountResponse, AccountView, AppPasswordView, NewAppPasswordResponse } from '../../../server/wire/accounts.js';
import { ApiError, apiErrorOf } from '../api/api-error.js';
import { readNdjson } from './ndjson.js';

export type { TestStreamEvent };
export type LabAccount = AccountView;
export type AppPasswordInfo = AppPasswordView;
export type NewAppPassword = NewAppPasswordResponse;

/** What the form sends: the password only when one was typed (it is write-only). */
export interface IntegrationInput {
  preset: PresetId;
  host: string;
  port: string;
  security: Security;
  login: string;
  password?: string;
  fromAddress: string;
  fromName: string;
  attempts: string;
  attemptInterval: string;
}

export interface TestMailInput {
  to: string;
  subject: string;
  body: string;
  /** The page's language: the server's default subject and body are in it. */
  lang?: 'ru' | 'en';
}

export interface LabApi {
  /** The signed-in account, or undefined when nobody is signed in (401). */
  account(): Promise<LabAccount | undefined>;
  signUp(address: string, password: string): Promise<LabAccount>;
  signIn(address: string, password: string): Promise<LabAccount>;
  signOut(): Promise<void>;
  appPasswords(): Promise<AppPasswordInfo[]>;
  createAppPassword(label: string): Promise<NewAppPassword>;
  revokeAppPassword(id: string): Promise<void>;
  presets(): Promise<Preset[]>;
  integration(): Promise<IntegrationView | null>;
  saveIntegration(input: IntegrationInput): Promise<IntegrationView>;
  /** Streams the attempts (Accept: application/x-ndjson); resolves with the result. */
  sendTest(mail: TestMailInput, onEvent: (event: TestStreamEvent) => void): Promise<DeliveryResult>;
}

export function createLabApi(base = ''): LabApi {
  async function call(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    // Same origin: the session cookie goes along; every answer says Cache-Control: no-store.
    const res = await fetch(base + path, {
      method,
      headers: { Accept: accept, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw await apiErrorOf(res);
    return res;
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await (await call(method, path, body)).json()) as T;

  return {
    async account() {
      try {
        return (await json<AccountResponse>('GET', '/api/lab/account')).account;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return undefined;
        throw err;
      }
    },
    async signUp(address, password) {
      return (await json<AccountResponse>('POST', '/api/lab/account/sign-up', { address, password })).account;
    },
    async signIn(address, password) {
      return (await json<AccountResponse>('POST', '/api/lab/account/sign-in', { address, password })).account;
    },
    async signOut() {
      await call('POST', '/api/lab/account/sign-out');
    },
    async appPasswords() {
      return (await json<{ appPasswords: AppPasswordInfo[] }>('GET', '/api/lab/account/app-passwords')).appPasswords;
    },
    async createAppPassword(label) {
      return json<NewAppPassword>('POST', '/api/lab/account/app-passwords', label.trim() ? { label: label.trim() } : {});
    },
    async revokeAppPassword(id) {
      await call('DELETE', `/api/lab/account/app-passwords/${encodeURIComponent(id)}`);
    },
    async presets() {
      return (await json<{ presets: Preset[] }>('GET', '/api/lab/integration/presets')).presets;
    },
    async integration() {
      return (await json<{ integration: IntegrationView | null }>('GET', '/api/lab/integration')).integration;
    },
    async saveIntegration(input) {
      return (await json<{ integration: IntegrationView }>('PUT', '/api/lab/integration', input)).integration;
    },
    async sendTest(mail, onEvent) {
      const res = await call('POST', '/api/lab/integration/test', mail, TEST_STREAM_TYPE);
      // A server that does not stream answers with one JSON object: the same result.
      if (!(res.headers.get('content-type') ?? '').includes('ndjson') || !res.body) {
        const result = (await res.json()) as DeliveryResult;
        onEvent({ type: 'result', result });
        return result;
      }
      let result: DeliveryResult | undefined;
      await readNdjson(res.body, (value) => {
        const event = value as TestStreamEvent;
        if (event.type === 'result') result = event.result;
        onEvent(event);
      });
      if (!result) throw new ApiError(0, 'stream_cut', 'The answer was cut off before the result');
      return result;
    },
  };
}
