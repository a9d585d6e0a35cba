// The lab server's HTTP API as the page uses it. A failure becomes an ApiError (api-error.ts).
import { apiErrorOf } from './api-error.js';

export { ApiError } from './api-error.js';

export interface ApiClient {
  json<T>(path: string, init?: RequestInit): Promise<T>;
  text(path: string, init?: RequestInit): Promise<string>;
  send(method: 'PUT' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<void>;
}

export function createApiClient(base = ''): ApiClient {
  async function request(path: string, init?: RequestInit): Promise<Response> {
    const res = await fetch(base + path, { cache: 'no-store', ...init });
    if (!res.ok) throw await apiErrorOf(res);
    return res;
  }
  return {
    async json<T>(path: string, init?: RequestInit) {
      return (await (await request(path, init)).json()) as T;
    },
    async text(path, init) {
      return (await request(path, init)).text();
    },
    async send(method, path, body) {
      await request(path, {
        method,
        ...(body !== undefined ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
    },
  };
}
