// The lab server's HTTP API as the page uses it. A failure becomes an ApiError (api-error.ts).
import { apiErrorOf } from './api-error.js';

export { ApiError } from './api-error.js';

export type Method = 'GET' | 'PUT' | 'DELETE' | 'POST';

export interface ApiClient {
  json<T>(path: string, init?: RequestInit): Promise<T>;
  text(path: string, init?: RequestInit): Promise<string>;
  send(method: 'PUT' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<void>;
  /** A JSON body (when given) sent with `method`; the JSON answer, or undefined for 204. */
  call<T>(method: Method, path: string, body?: unknown): Promise<T>;
}

export function createApiClient(base = ''): ApiClient {
  async function request(path: string, init?: RequestInit): Promise<Response> {
    const res = await fetch(base + path, Object.assign({ cache: 'no-store' as const }, init));
    if (!res.ok) throw await apiErrorOf(res);
    return res;
  }
  const withBody = (method: Method, body: unknown): RequestInit => ({
    method,
    headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return {
    async json<T>(path: string, init?: RequestInit) {
      return (await (await request(path, init)).json()) as T;
    },
    async text(path, init) {
      return (await request(path, init)).text();
    },
    async send(method, path, body) {
      await request(path, withBody(method, body));
    },
    async call<T>(method: Method, path: string, body?: unknown) {
      const res = await request(path, withBody(method, body));
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
  };
}
