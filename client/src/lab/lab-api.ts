// The Lab page's calls (lab/HTTP-API.md): the lab account and its app passwords, the presets,
// the saved SMTP integration, and the test e-mail streamed as it happens. Errors carry the
// server's text in both languages and a message per wrong field, so the page can put each one
// at its field.
import type { Bilingual, IntegrationView, Preset, PresetId, Security, TestResult } from '../../../lab/integration/integration-types.js';
import { readNdjson } from './ndjson.js';

export interface AppPasswordInfo {
  id: string;
  label: string;
  createdAt: string;
}

export interface LabAccount {
  address: string;
  createdAt: string;
  appPasswords: AppPasswordInfo[];
}

/** The only answer that ever carries an app password (shown once, then forgotten). */
export interface NewAppPassword {
  appPassword: AppPasswordInfo;
  password: string;
  /** Grouped by four, as Google shows it: "abcd efgh ijkl mnop". */
  display: string;
}

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
}

export interface TestMailInput {
  to: string;
  subject: string;
  body: string;
  /** The page's language: the server's default subject and body are in it. */
  lang?: 'ru' | 'en';
}

export type TestStreamEvent =
  | { type: 'client'; line: string }
  | { type: 'session'; sessionId: string }
  | { type: 'result'; result: TestResult };

export class LabApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The server's message in both languages, when it gave one. */
  readonly text: Bilingual | undefined;
  /** A message per wrong field (`password`, `port`, `to`, ...). */
  readonly fields: Record<string, Bilingual>;

  constructor(status: number, code: string, message: string, text?: Bilingual, fields: Record<string, Bilingual> = {}) {
    super(message);
    this.name = 'LabApiError';
    this.status = status;
    this.code = code;
    this.text = text;
    this.fields = fields;
  }
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
  /** Streams the attempt (Accept: application/x-ndjson); resolves with its result. */
  sendTest(mail: TestMailInput, onEvent: (event: TestStreamEvent) => void): Promise<TestResult>;
}

const isBilingual = (value: unknown): value is Bilingual =>
  typeof value === 'object' && value !== null && typeof (value as Bilingual).ru === 'string' && typeof (value as Bilingual).en === 'string';

export async function errorOf(res: Response): Promise<LabApiError> {
  let code = `http-${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let text: Bilingual | undefined;
  const fields: Record<string, Bilingual> = {};
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; text?: unknown; fields?: unknown } };
    const error = body.error ?? {};
    if (typeof error.code === 'string') code = error.code;
    if (typeof error.message === 'string') message = error.message;
    if (isBilingual(error.text)) text = error.text;
    if (typeof error.fields === 'object' && error.fields !== null) {
      for (const [field, value] of Object.entries(error.fields)) if (isBilingual(value)) fields[field] = value;
    }
  } catch {
    // not JSON (a proxy's page): the status text says enough
  }
  return new LabApiError(res.status, code, message, text, fields);
}

export function createLabApi(base = ''): LabApi {
  async function call(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    // Same origin: the session cookie goes along; every answer says Cache-Control: no-store.
    const res = await fetch(base + path, {
      method,
      headers: { Accept: accept, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw await errorOf(res);
    return res;
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await (await call(method, path, body)).json()) as T;

  return {
    async account() {
      try {
        return (await json<{ account: LabAccount }>('GET', '/api/lab/account')).account;
      } catch (err) {
        if (err instanceof LabApiError && err.status === 401) return undefined;
        throw err;
      }
    },
    async signUp(address, password) {
      return (await json<{ account: LabAccount }>('POST', '/api/lab/account/sign-up', { address, password })).account;
    },
    async signIn(address, password) {
      return (await json<{ account: LabAccount }>('POST', '/api/lab/account/sign-in', { address, password })).account;
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
      const res = await call('POST', '/api/lab/integration/test', mail, 'application/x-ndjson');
      // A server that does not stream answers with one JSON object: the same result.
      if (!(res.headers.get('content-type') ?? '').includes('ndjson') || !res.body) {
        const result = (await res.json()) as TestResult;
        onEvent({ type: 'result', result });
        return result;
      }
      let result: TestResult | undefined;
      await readNdjson(res.body, (value) => {
        const event = value as TestStreamEvent;
        if (event.type === 'result') result = event.result;
        onEvent(event);
      });
      if (!result) throw new LabApiError(0, 'stream_cut', 'The answer was cut off before the result');
      return result;
    },
  };
}
