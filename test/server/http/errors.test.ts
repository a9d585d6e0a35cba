// Every failure of the HTTP API is `{ "error": { "code", "message" } }` with the right status:
// 404 for what does not exist, 400 for what cannot be read; a bad request changes nothing. Health
// and info answer in Mailpit's shape.
import { readFileSync } from 'node:fs';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createLabServer, type LabServer, type MessagesList } from '../../../server/index.js';
import { getJson } from '../../helpers/lab.js';
import { labTransport } from '../../helpers/send-mail.js';

// One server for the table of requests (startLab closes its server after each test).
let lab: LabServer;
let id = '';
let partId = '';

beforeAll(async () => {
  lab = await createLabServer();
  const info = await labTransport(lab.smtpPort).sendMail({
    from: 'a@lab.test',
    to: 'b@lab.test',
    subject: 'the one mail',
    text: 'text only',
    attachments: [{ filename: 'a.txt', content: 'attached' }],
  });
  id = /queued as (\S+)/.exec(info.response)?.[1] ?? '';
  const { body } = await getJson<{ Attachments: Array<{ PartID: string }> }>(`${lab.url}/api/v1/message/${id}`);
  partId = body.Attachments[0]?.PartID ?? '';
  // Back to unread, so a request that wrongly marked mail read would show.
  await fetch(`${lab.url}/api/v1/messages`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ Read: false }) });
});
afterAll(() => lab?.close());

interface ErrorCase {
  name: string;
  method?: string;
  path: () => string;
  body?: string;
  contentType?: string;
  status: number;
  code?: string;
  says?: RegExp;
  encoding?: string;
  /** The Allow header a 405 carries. */
  allow?: string;
}

const json = 'application/json';

const cases: ErrorCase[] = [
  // 404: ids and routes that do not exist.
  { name: 'unknown message', path: () => '/api/v1/message/no-such-id', status: 404, code: 'not_found', says: /no-such-id/ },
  { name: 'headers of an unknown message', path: () => '/api/v1/message/no-such-id/headers', status: 404, code: 'not_found' },
  { name: 'raw of an unknown message', path: () => '/api/v1/message/no-such-id/raw', status: 404, code: 'not_found' },
  { name: 'part of an unknown message', path: () => '/api/v1/message/no-such-id/part/1', status: 404, code: 'not_found' },
  { name: 'unknown part of a message', path: () => `/api/v1/message/${id}/part/9.9`, status: 404, code: 'not_found', says: /9\.9/ },
  { name: 'HTML view of an unknown message', path: () => '/view/no-such-id.html', status: 404, code: 'not_found' },
  { name: 'text view of an unknown message', path: () => '/view/no-such-id.txt', status: 404, code: 'not_found' },
  { name: 'HTML view of a mail without HTML', path: () => `/view/${id}.html`, status: 404, code: 'not_found', says: /HTML/ },
  { name: 'view without an extension', path: () => `/view/${id}`, status: 404, code: 'not_found' },
  { name: 'unknown session', path: () => '/api/lab/sessions/no-such-session', status: 404, code: 'not_found', says: /no-such-session/ },
  { name: 'unknown API route', path: () => '/api/v2/messages', status: 404, code: 'not_found', says: /\/api\/v2\/messages/ },
  { name: 'unknown lab route', path: () => '/api/lab/nothing', status: 404, code: 'not_found' },
  // 405: a path that exists, with a method it does not take (RFC 9110 §15.5.6).
  {
    name: 'known path, unknown method',
    method: 'POST',
    path: () => '/api/v1/messages',
    status: 405,
    code: 'method_not_allowed',
    says: /POST/,
    allow: 'GET, PUT, DELETE, HEAD',
  },
  { name: 'info is read-only', method: 'DELETE', path: () => '/api/v1/info', status: 405, code: 'method_not_allowed', allow: 'GET, HEAD' },
  { name: 'one message cannot be posted to', method: 'POST', path: () => `/api/v1/message/${id}`, status: 405, code: 'method_not_allowed' },
  // 400/415: what the libraries under the routes cannot read is the client's error, not a 500.
  { name: 'malformed percent-encoding in a path', path: () => '/api/v1/message/%E0%A4%A', status: 400, code: 'bad_path' },
  { name: 'malformed percent-encoding in a view', path: () => '/view/%zz.html', status: 400, code: 'bad_path' },
  {
    name: 'a charset that does not exist',
    method: 'PUT',
    path: () => '/api/v1/messages',
    body: '{"Read":true}',
    contentType: 'application/json; charset=bogus',
    status: 415,
    code: 'unsupported_encoding',
  },
  {
    name: 'a gzip body that is not gzip',
    method: 'PUT',
    path: () => '/api/v1/messages',
    body: 'not gzip at all',
    contentType: json,
    encoding: 'gzip',
    status: 400,
  },
  {
    name: 'an unknown content encoding',
    method: 'PUT',
    path: () => '/api/v1/messages',
    body: '{}',
    contentType: json,
    encoding: 'x-bogus',
    status: 415,
    code: 'unsupported_encoding',
  },
  { name: 'a date with month 13 in a search', path: () => '/api/v1/search?query=after:2020-13-45', status: 400, code: 'bad_request', says: /2020-13-45/ },
  { name: 'February 30th in a search', path: () => '/api/v1/search?query=before:2021-02-30', status: 400, code: 'bad_request' },
  // 400: paging that cannot be read.
  { name: 'negative start', path: () => '/api/v1/messages?start=-1', status: 400, code: 'bad_request', says: /start/ },
  { name: 'start not a number', path: () => '/api/v1/messages?start=abc', status: 400, code: 'bad_request', says: /start/ },
  { name: 'fractional limit', path: () => '/api/v1/messages?limit=1.5', status: 400, code: 'bad_request', says: /limit/ },
  { name: 'limit too large', path: () => '/api/v1/messages?limit=10001', status: 400, code: 'bad_request', says: /limit/ },
  { name: 'start given twice', path: () => '/api/v1/messages?start=1&start=2', status: 400, code: 'bad_request', says: /start/ },
  { name: 'bad limit on search', path: () => '/api/v1/search?query=a&limit=x', status: 400, code: 'bad_request', says: /limit/ },
  { name: 'bad start on sessions', path: () => '/api/lab/sessions?start=-5', status: 400, code: 'bad_request', says: /start/ },
  { name: 'unknown session state', path: () => '/api/lab/sessions?state=sleeping', status: 400, code: 'bad_request', says: /state/ },
  { name: 'search without a query', path: () => '/api/v1/search', status: 400, code: 'bad_request', says: /query/ },
  // 400: bodies that cannot be read. None of them may mark or delete anything.
  { name: 'PUT with broken JSON', method: 'PUT', path: () => '/api/v1/messages', body: '{"IDs": [', contentType: json, status: 400, code: 'bad_json' },
  { name: 'DELETE with broken JSON', method: 'DELETE', path: () => '/api/v1/messages', body: '{IDs', contentType: json, status: 400, code: 'bad_json' },
  {
    name: 'IDs as a string',
    method: 'PUT',
    path: () => '/api/v1/messages',
    body: '{"IDs":"abc","Read":true}',
    contentType: json,
    status: 400,
    code: 'bad_request',
    says: /IDs/,
  },
  {
    name: 'IDs of numbers',
    method: 'DELETE',
    path: () => '/api/v1/messages',
    body: '{"IDs":[1,2]}',
    contentType: json,
    status: 400,
    code: 'bad_request',
    says: /IDs/,
  },
  { name: 'body an array', method: 'PUT', path: () => '/api/v1/messages', body: '["x"]', contentType: json, status: 400, code: 'bad_request', says: /object/ },
  { name: 'body a number', method: 'DELETE', path: () => '/api/v1/messages', body: '42', contentType: json, status: 400, code: 'bad_request' },
  {
    name: 'Read not a boolean',
    method: 'PUT',
    path: () => '/api/v1/messages',
    body: '{"Read":"yes"}',
    contentType: json,
    status: 400,
    code: 'bad_request',
    says: /Read/,
  },
  {
    name: 'body over the size limit',
    method: 'PUT',
    path: () => '/api/v1/messages',
    body: JSON.stringify({ IDs: ['x'.repeat(2 * 1024 * 1024)] }),
    contentType: json,
    status: 413,
    code: 'too_large',
  },
];

describe('errors', () => {
  it.each(cases)('$name → $status', async (c) => {
    const res = await fetch(`${lab.url}${c.path()}`, {
      method: c.method ?? 'GET',
      ...(c.body !== undefined ? { body: c.body } : {}),
      headers: { ...(c.contentType ? { 'Content-Type': c.contentType } : {}), ...(c.encoding ? { 'Content-Encoding': c.encoding } : {}) },
    });
    expect(res.status).toBe(c.status);
    if (c.allow) expect(res.headers.get('allow')).toBe(c.allow);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.message.length).toBeGreaterThan(0);
    if (c.code) expect(body.error.code).toBe(c.code);
    if (c.says) expect(body.error.message).toMatch(c.says);

    // Nothing was marked or deleted by the failed request, and the server still answers.
    const { body: list } = await getJson<MessagesList>(`${lab.url}/api/v1/messages`);
    expect(list).toMatchObject({ total: 1, unread: 1 });
  });

  it('the known part and views do exist (the 404s above are about the ids)', async () => {
    expect((await fetch(`${lab.url}/api/v1/message/${id}/part/${partId}`)).status).toBe(200);
    expect((await fetch(`${lab.url}/view/${id}.txt`)).status).toBe(200);
    await fetch(`${lab.url}/api/v1/messages`, { method: 'PUT', headers: { 'Content-Type': json }, body: JSON.stringify({ Read: false }) });
  });

  it('`latest` in an empty mailbox is a 404', async () => {
    const empty = await createLabServer();
    try {
      const { status, body } = await getJson<{ error: { code: string } }>(`${empty.url}/api/v1/message/latest`);
      expect(status).toBe(404);
      expect(body.error.code).toBe('not_found');
    } finally {
      await empty.close();
    }
  });
});

describe('health and info', () => {
  it('/livez and /readyz answer ok', async () => {
    for (const path of ['/livez', '/readyz']) {
      const res = await fetch(`${lab.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('ok');
    }
  });

  it("/api/v1/info has Mailpit's fields and smtp-lab's under Lab", async () => {
    const { status, body } = await getJson<Record<string, unknown>>(`${lab.url}/api/v1/info`);
    expect(status).toBe(200);
    const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(body).toEqual({
      Version: version,
      LatestVersion: expect.any(String),
      Database: '',
      DatabaseSize: expect.any(Number),
      Messages: 1,
      Unread: 1,
      Tags: {},
      RuntimeStats: {
        Uptime: expect.any(Number),
        Memory: expect.any(Number),
        MessagesDeleted: 0,
        SMTPAccepted: 1,
        SMTPAcceptedSize: expect.any(Number),
        SMTPRejected: 0,
        SMTPIgnored: 0,
      },
      Lab: {
        Listeners: [
          { Name: 'smtp', Port: lab.smtpPort, Security: 'none', Profile: 'open' },
          { Name: 'smtps', Port: lab.smtpsPort, Security: 'implicit-tls', Profile: 'lab' },
          { Name: 'submission', Port: lab.submissionPort, Security: 'starttls', Profile: 'lab' },
        ],
        Connections: ['smtp', 'smtps', 'submission'].map((Name) => ({
          Name,
          Accepted: expect.any(Number),
          DeadOnArrival: 0,
          ClientResets: 0,
          TlsFailures: 0,
        })),
        MaxMessages: 20_000,
        MailboxBytes: expect.any(Number),
        MaxMailboxBytes: 512 * 1024 * 1024,
        MessagesDropped: 0,
        Sessions: expect.any(Number),
        OpenSessions: expect.any(Number),
        Transcript: {
          Bytes: expect.any(Number),
          MaxBytes: 256 * 1024 * 1024,
          MaxSessionBytes: 1024 * 1024,
          SessionsDropped: 0,
          LinesDropped: 0,
        },
        Subscribers: 0,
        ClassMode: false,
      },
    });
    const stats = body.RuntimeStats as { SMTPAcceptedSize: number; Memory: number };
    const { body: list } = await getJson<MessagesList>(`${lab.url}/api/v1/messages`);
    expect(stats.SMTPAcceptedSize).toBe(list.messages[0]?.Size);
    expect(stats.Memory).toBeGreaterThan(0);
  });
});
