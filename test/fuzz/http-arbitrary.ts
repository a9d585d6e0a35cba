// Random HTTP requests and WebSocket frames against the lab's API: methods on paths they do not
// take, broken percent-encoding, bogus charsets and encodings, bodies of every shape. The
// server must answer each with a 4xx (never a 500) and never go down.
import fc from 'fast-check';

export interface HttpInput {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: number[];
}

const paths = fc.oneof(
  fc.constantFrom(
    '/api/v1/messages',
    '/api/v1/message/latest',
    '/api/v1/message/%E0%A4%A',
    '/api/v1/message/..%2f..%2fetc%2fpasswd/raw',
    '/api/v1/message/x/part/%zz',
    '/api/v1/search',
    '/api/v1/search?query=after:2020-13-45',
    '/api/v1/search?query=%22unterminated',
    '/api/v1/search?query=before:&limit=-1',
    '/api/v1/info',
    '/api/v1/chaos',
    '/api/lab/sessions',
    '/api/lab/sessions/%00',
    '/api/lab/sessions?state=x&start=1e9',
    '/api/lab/account/sign-in',
    '/api/lab/account/sign-up',
    '/api/lab/integration',
    '/api/lab/integration/test',
    '/api/lab/admin/accounts',
    '/view/%ff.html',
    '/view/x.txt',
    '/livez',
    '/sessions/%c0%ae%c0%ae/',
    '/assets/../../package.json',
  ),
  fc.string({ maxLength: 60 }).map((s) => `/api/${encodeURIComponent(s)}`),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((s) => `/api/v1/message/${s.replace(/[\s#?]/g, '%')}`),
);

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=bogus',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
);

const bodies = fc
  .oneof(
    fc.constantFrom(
      'null',
      '1',
      '[]',
      '{}',
      '"x"',
      '{"IDs":null}',
      '{"IDs":[1]}',
      '{"Read":"yes"}',
      '{"address":[],"password":{}}',
      '{"__proto__":{"x":1}}',
      '{',
      '{"a":'.repeat(50),
    ),
    fc.json({ maxDepth: 3 }),
    fc.string({ maxLength: 200 }),
  )
  .map((text) => [...Buffer.from(text, 'utf8')]);

export const httpInput: fc.Arbitrary<HttpInput> = fc
  .record({
    method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    path: paths,
    contentType: contentTypes,
    encoding: fc.constantFrom('', '', 'gzip', 'deflate', 'br', 'x-bogus'),
    body: fc.option(
      fc.oneof(
        bodies,
        fc.uint8Array({ maxLength: 200 }).map((b) => [...b]),
      ),
    ),
  })
  .map(({ method, path, contentType, encoding, body }) => ({
    method,
    path,
    headers: { ...(contentType ? { 'Content-Type': contentType } : {}), ...(encoding ? { 'Content-Encoding': encoding } : {}) },
    ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
  }));

export const wsFrame: fc.Arbitrary<string | number[]> = fc.oneof(
  fc.constantFrom('null', '1', '[]', '"x"', '{}', '{"Follow":null}', '{"Follow":[null]}', '{"Follow":"a"}', '{"Follow":[1,{}]}'),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => [...b]),
);
