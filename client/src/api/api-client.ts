// The lab server's HTTP API as the page uses it. Errors come back as
// `{ error: { code, message } }` (server/http/http-error.ts) and become an ApiError.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export interface ApiClient {
  json<T>(path: string, init?: RequestInit): Promise<T>;
  text(path: string, init?: RequestInit): Promise<string>;
  send(method: 'PUT' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<void>;
}

async function failure(res: Response): Promise<ApiError> {
  let code = `http-${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(res.status, code, message);
}

export function createApiClient(base = ''): ApiClient {
  async function request(path: string, init?: RequestInit): Promise<Response> {
    const res = await fetch(base + path, { cache: 'no-store', ...init });
    if (!res.ok) throw await failure(res);
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
