// What a browser does with the lab's API: keep the session cookie it is given, send it back, and
// send Origin with every change. Every response is recorded, so that a test can check that no
// secret ever came back.
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface BrowserClient {
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** The cookie jar's session cookie, if any. */
  cookie(): string | undefined;
  /** Every response body and Set-Cookie so far, as text. */
  transcript(): string;
}

export function createBrowser(baseUrl: string, origin: string = baseUrl): BrowserClient {
  let session: string | undefined;
  const seen: string[] = [];
  return {
    async request(method, path, body, headers = {}) {
      const res = await fetch(baseUrl + path, {
        method,
        headers: {
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(method !== 'GET' ? { Origin: origin } : {}),
          ...(session ? { Cookie: `smtp_lab_session=${session}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const setCookie = res.headers.get('set-cookie');
      if (setCookie) {
        const value = /smtp_lab_session=([^;]*)/.exec(setCookie)?.[1];
        session = value ? value : undefined;
      }
      const text = await res.text();
      seen.push(text, setCookie ?? '');
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed as never, headers: res.headers, text };
    },
    cookie: () => session,
    transcript: () => seen.join('\n'),
  };
}
