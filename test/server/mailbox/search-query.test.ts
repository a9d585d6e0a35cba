// Mailpit's search language over HTTP (/api/v1/search), one row per query word of
// ../shared/reference/mailpit-api.md, against three mails whose bodies are encoded the ways real
// clients encode them (base64, quoted-printable with soft breaks, HTML only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabServer, type LabServer, type MessagesList } from '../../../server/index.js';
import { labTransport } from '../../helpers/send-mail.js';

type Name = 'pump' | 'report' | 'alarm';

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

const mails: Record<Name, { envelope: { from: string; to: string[] }; raw: string }> = {
  // Text body in base64: "turbine" and "насос" can only be found decoded.
  pump: {
    envelope: { from: 'alice@plant.test', to: ['bob@lab.test', 'carol@lab.test', 'dave@lab.test'] },
    raw: crlf([
      'From: Alice Ops <alice@plant.test>',
      'To: Bob <bob@lab.test>',
      'Cc: carol@lab.test',
      'Subject: Pump pressure high',
      'Message-ID: <m1.pump@plant.test>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('The turbine hall reports: насос 3 at 9.5 bar.\n', 'utf8').toString('base64'),
    ]),
  },
  // Quoted-printable with a soft line break inside "quarterly", and a PDF attachment.
  report: {
    envelope: { from: 'bob@lab.test', to: ['alice@plant.test'] },
    raw: crlf([
      'From: bob@lab.test',
      'To: Alice Ops <alice@plant.test>',
      'Subject: =?utf-8?Q?Weekly_report_=E2=80=94_=D0=BE=D1=82=D1=87=D1=91=D1=82?=',
      'Message-ID: <m2.report@lab.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'The quar=',
      'terly figures: =D0=BF=D1=80=D0=B5=D0=BC=D0=B8=D1=8F.',
      '--b',
      'Content-Type: application/pdf; name=report.pdf',
      'Content-Disposition: attachment; filename=report.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 zzzattachmentonlyword').toString('base64'),
      '--b--',
    ]),
  },
  // HTML only.
  alarm: {
    envelope: { from: 'scada@plant.test', to: ['ops@lab.test'] },
    raw: crlf([
      'From: SCADA <scada@plant.test>',
      'To: ops@lab.test',
      'Subject: Alarm: boiler 7 over 95 C',
      'Message-ID: <m3.alarm@plant.test>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><body><p>Cooling <b>failed</b> in hall B</p></body></html>',
    ]),
  },
};

// One server for the whole table (startLab closes its server after each test).
let lab: LabServer;
const ids = {} as Record<Name, string>;
const names = new Map<string, Name>();
let created = 0;

beforeAll(async () => {
  lab = await createLabServer();
  for (const name of ['pump', 'report', 'alarm'] as const) {
    const mail = mails[name];
    const info = await labTransport(lab.smtpPort).sendMail({ envelope: mail.envelope, raw: mail.raw });
    const id = /queued as (\S+)/.exec(info.response)?.[1] ?? '';
    ids[name] = id;
    names.set(id, name);
  }
  // The pump alarm has been read.
  await fetch(`${lab.url}/api/v1/messages`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ IDs: [ids.pump], Read: true }),
  });
  created = Date.parse(lab.mailbox.get(ids.pump)?.summary.Created ?? '');
});
afterAll(() => lab?.close());

type SearchAnswer = MessagesList & { error?: { code: string; message: string } };

async function search(query: string, tz?: string): Promise<{ status: number; body: SearchAnswer }> {
  const params = new URLSearchParams({ query, ...(tz ? { tz } : {}) });
  const res = await fetch(`${lab.url}/api/v1/search?${params}`);
  return { status: res.status, body: (await res.json()) as SearchAnswer };
}

async function found(query: string, tz?: string): Promise<Name[]> {
  const { status, body } = await search(query, tz);
  expect(status, JSON.stringify(body)).toBe(200);
  return body.messages.map((m) => names.get(m.ID) as Name);
}

// Newest first: alarm, report, pump.
const cases: Array<{ query: string; expected: Name[] }> = [
  { query: 'to:bob@lab.test', expected: ['pump'] },
  { query: 'to:alice', expected: ['report'] },
  { query: 'to:"Alice Ops"', expected: ['report'] },
  { query: 'from:alice@plant.test', expected: ['pump'] },
  { query: 'from:plant.test', expected: ['alarm', 'pump'] },
  { query: 'from:SCADA', expected: ['alarm'] },
  { query: 'cc:carol@lab.test', expected: ['pump'] },
  { query: 'cc:bob', expected: [] },
  // Bcc: the envelope recipient no header names.
  { query: 'bcc:dave@lab.test', expected: ['pump'] },
  { query: 'bcc:carol', expected: [] },
  { query: 'subject:pump', expected: ['pump'] },
  { query: 'subject:"boiler 7"', expected: ['alarm'] },
  { query: 'subject:отчёт', expected: ['report'] },
  { query: 'SUBJECT:PUMP', expected: ['pump'] },
  { query: 'message-id:m2.report@lab.test', expected: ['report'] },
  { query: 'message-id:<m3.alarm@plant.test>', expected: ['alarm'] },
  { query: 'is:read', expected: ['pump'] },
  { query: 'is:unread', expected: ['alarm', 'report'] },
  { query: 'has:attachment', expected: ['report'] },
  { query: 'has:attachments', expected: ['report'] },
  // Quoted phrases: the words together, in order.
  { query: '"pressure high"', expected: ['pump'] },
  { query: '"high pressure"', expected: [] },
  { query: '"cooling failed"', expected: ['alarm'] },
  // A leading "-" negates any term.
  { query: '-is:read', expected: ['alarm', 'report'] },
  { query: '-has:attachment', expected: ['alarm', 'pump'] },
  { query: '-from:alice', expected: ['alarm', 'report'] },
  { query: '-"weekly report"', expected: ['alarm', 'pump'] },
  { query: 'from:plant.test -subject:alarm', expected: ['pump'] },
  // Bare words match anywhere: headers, and bodies decoded from base64 / quoted-printable / HTML.
  { query: 'turbine', expected: ['pump'] },
  { query: 'насос', expected: ['pump'] },
  { query: 'quarterly', expected: ['report'] },
  { query: 'премия', expected: ['report'] },
  { query: 'hall', expected: ['alarm', 'pump'] },
  { query: 'carol', expected: ['pump'] },
  { query: 'm3.alarm', expected: ['alarm'] },
  { query: 'TURBINE hall', expected: ['pump'] },
  { query: 'zzzattachmentonlyword', expected: [] },
  // The <b> tag of the HTML is markup, not text.
  { query: '<b>', expected: [] },
];

describe('search query words', () => {
  it.each(cases)('$query', async ({ query, expected }) => {
    expect(await found(query)).toEqual(expected);
  });

  it('after: and before: take a date and compare the time the mail arrived', async () => {
    const day = (offsetDays: number) => new Date(created + offsetDays * 86_400_000).toISOString().slice(0, 10);
    expect(await found(`after:${day(-1)}`)).toEqual(['alarm', 'report', 'pump']);
    expect(await found(`after:${day(1)}`)).toEqual([]);
    expect(await found(`before:${day(1)}`)).toEqual(['alarm', 'report', 'pump']);
    expect(await found(`before:${day(-1)}`)).toEqual([]);
    expect(await found(`-before:${day(-1)} subject:pump`)).toEqual(['pump']);
    // A full date-time works too.
    expect(await found(`after:${new Date(created - 1000).toISOString()} subject:pump`)).toEqual(['pump']);
  });

  it('after: and before: read the date in the time zone `tz` names', async () => {
    // Midnight of day D is D-1 10:00 UTC at UTC+14 and D 12:00 UTC at UTC-12 (Etc/GMT+12): pick
    // the D whose two midnights enclose the time the mails arrived.
    const arrived = new Date(created);
    const d = new Date(Date.UTC(arrived.getUTCFullYear(), arrived.getUTCMonth(), arrived.getUTCDate() + (arrived.getUTCHours() < 12 ? 0 : 1)));
    const D = d.toISOString().slice(0, 10);
    expect(await found(`after:${D} subject:pump`, 'Pacific/Kiritimati')).toEqual(['pump']);
    expect(await found(`after:${D} subject:pump`, 'Etc/GMT+12')).toEqual([]);
    expect(await found(`before:${D} subject:pump`, 'Etc/GMT+12')).toEqual(['pump']);
    expect(await found(`before:${D} subject:pump`, 'Pacific/Kiritimati')).toEqual([]);
  });

  it('counts matches in messages_count and keeps the mailbox totals in total/unread', async () => {
    const { body } = await search('is:unread');
    expect(body).toMatchObject({ total: 3, unread: 2, messages_count: 2, messages_unread: 2, count: 2, start: 0 });
  });
});

describe('bad queries', () => {
  it.each([
    { query: 'is:foo', tz: undefined, says: /is:foo/ },
    { query: 'has:pictures', tz: undefined, says: /has:pictures/ },
    { query: 'after:notadate', tz: undefined, says: /notadate/ },
    { query: 'before:2025-13-45x', tz: undefined, says: /2025-13-45x/ },
    { query: 'after:2025-01-01', tz: 'Not/AZone', says: /Not\/AZone/ },
    { query: '   ', tz: undefined, says: /query/ },
  ])('$query (tz $tz) → 400 with a clear message', async ({ query, tz, says }) => {
    const { status, body } = await search(query, tz);
    expect(status).toBe(400);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toEqual({ code: expect.any(String), message: expect.stringMatching(says) });
  });

  it('DELETE /api/v1/search and PUT Search with a bad query are 400 and change nothing', async () => {
    const del = await fetch(`${lab.url}/api/v1/search?query=${encodeURIComponent('is:foo')}`, { method: 'DELETE' });
    expect(del.status).toBe(400);
    expect(((await del.json()) as SearchAnswer).error?.message).toMatch(/is:foo/);
    const put = await fetch(`${lab.url}/api/v1/messages`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Search: 'after:notadate', Read: true }),
    });
    expect(put.status).toBe(400);
    const list = (await (await fetch(`${lab.url}/api/v1/messages`)).json()) as MessagesList;
    expect(list).toMatchObject({ total: 3, unread: 2 });
  });
});
