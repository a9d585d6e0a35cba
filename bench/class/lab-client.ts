// A student's (or the instructor's) browser as far as the lab's API sees it: the session cookie it
// was given, sent back with every request, and `Origin` on every change, as the server demands.
// Every answer is checked: a bench that measures failed requests measures nothing.
import { performance } from 'node:perf_hooks';
import { SESSION_COOKIE } from '../../server/accounts/web-sessions.js';

export interface LabClient {
  /** The answer's JSON (or text); throws on any status other than `expected`. */
  request<T = unknown>(method: string, path: string, body?: unknown, expected?: number): Promise<T>;
  /** Signs in; resolves with how long the server took (the scrypt check dominates it). */
  signIn(address: string, password: string): Promise<number>;
  /** `smtp_lab_session=…`, for the WebSocket upgrade; undefined before signing in. */
  cookie(): string | undefined;
}

export class LabRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The lab's error code (`too_many_objects`, …), when the answer had one. */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

function errorCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

export function createLabClient(baseUrl: string): LabClient {
  let cookie: string | undefined;
  const client: LabClient = {
    async request<T>(method: string, path: string, body?: unknown, expected = method === 'POST' ? 201 : 200): Promise<T> {
      const res = await fetch(baseUrl + path, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(method !== 'GET' ? { origin: baseUrl } : {}),
          ...(cookie ? { cookie } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const setCookie = res.headers.get('set-cookie');
      const session = setCookie ? new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(setCookie)?.[1] : undefined;
      if (session) cookie = `${SESSION_COOKIE}=${session}`;
      const text = await res.text();
      if (res.status !== expected) throw new LabRequestError(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`, res.status, errorCode(text));
      try {
        return JSON.parse(text) as T;
      } catch {
        return text as T;
      }
    },
    async signIn(address, password) {
      const started = performance.now();
      await client.request('POST', '/api/lab/account/sign-in', { address, password }, 200);
      return performance.now() - started;
    },
    cookie: () => cookie,
  };
  return client;
}
