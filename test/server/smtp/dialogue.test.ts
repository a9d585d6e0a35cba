// The SMTP dialogue as a student types it: every reply code of a raw, line-by-line session,
// the 503s of the practical work's three mandatory commands out of order, and the transcript
// the server keeps of it.
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../server/index.js';
import { eventually, getJson, startLab } from '../../helpers/lab.js';
import { connectSmtp, expectReply, openSession, sendTransaction } from '../../helpers/smtp-dialogue.js';

async function sessionOf(url: string, id: string): Promise<SessionRecord> {
  const { status, body } = await getJson<SessionRecord>(`${url}/api/lab/sessions/${id}`);
  expect(status).toBe(200);
  return body;
}

async function onlySession(url: string, state?: string): Promise<SessionRecord> {
  return eventually(
    async () => {
      const { body } = await getJson<{ sessions: Array<{ ID: string; State: string }> }>(`${url}/api/lab/sessions`);
      const match = body.sessions.find((s) => state === undefined || s.State === state);
      return match ? sessionOf(url, match.ID) : undefined;
    },
    5000,
    `a session${state ? ` in state ${state}` : ''}`,
  );
}

describe('a complete dialogue typed by hand', () => {
  it('answers every step with its RFC 5321 code and keeps the whole transcript', async () => {
    const lab = await startLab();
    const conn = await connectSmtp(lab.smtpPort);
    const greeting = await expectReply(conn, null, 220);
    expect(greeting.text).toContain('ESMTP');
    const ehlo = await expectReply(conn, 'EHLO student.local', 250);
    expect(ehlo.lines.map((l) => l.slice(4))).toEqual(expect.arrayContaining(['PIPELINING', '8BITMIME', 'ENHANCEDSTATUSCODES']));
    expect(ehlo.text).toMatch(/AUTH PLAIN LOGIN/);
    expect(ehlo.text).toMatch(/SIZE \d+/);
    expect(ehlo.text).not.toContain('STARTTLS'); // the plain, open listener offers no TLS
    await expectReply(conn, 'MAIL FROM:<alerts@plant.example>', 250);
    await expectReply(conn, 'RCPT TO:<operator@plant.example>', 250);
    await expectReply(conn, 'RCPT TO:<chief@plant.example>', 250);
    await expectReply(conn, 'DATA', 354);
    conn.write(
      'From: Alerts <alerts@plant.example>\r\nTo: operator@plant.example\r\nSubject: Boiler 7 over 95 C\r\n\r\nTemperature 97 C.\r\n..leading dot kept once\r\n.\r\n',
    );
    const queued = await expectReply(conn, null, 250);
    const id = /queued as (\S+)/.exec(queued.text)?.[1];
    expect(id).toBeTruthy();
    await expectReply(conn, 'QUIT', 221);
    await conn.closed();

    const { body: message } = await getJson<{ Subject: string; Text: string; Envelope: { MailFrom: string; RcptTo: string[] } }>(
      `${lab.url}/api/v1/message/${id}`,
    );
    expect(message.Subject).toBe('Boiler 7 over 95 C');
    // RFC 5321 §4.5.2: the client doubled the leading dot, the server removes one.
    expect(message.Text).toContain('\n.leading dot kept once');
    expect(message.Envelope).toEqual({ MailFrom: 'alerts@plant.example', RcptTo: ['operator@plant.example', 'chief@plant.example'] });

    const session = await onlySession(lab.url, 'closed');
    expect(session.Helo).toBe('student.local');
    expect(session.MessageIDs).toEqual([id]);
    expect(session.Transactions).toEqual([
      { MailFrom: 'alerts@plant.example', RcptTo: ['operator@plant.example', 'chief@plant.example'], MessageID: id, Size: expect.any(Number) },
    ]);
    const dialogue = session.Lines.map((l) => `${l.Dir} ${l.Command ?? l.Code ?? l.Event}`);
    expect(dialogue).toEqual([
      'E connected',
      'S 220',
      'C EHLO',
      'S 250',
      'C MAIL',
      'S 250',
      'C RCPT',
      'S 250',
      'C RCPT',
      'S 250',
      'C DATA',
      'S 354',
      'C DATA-BODY',
      'S 250',
      'C QUIT',
      'S 221',
      'E closed',
    ]);
    expect(session.Lines.map((l) => l.Seq)).toEqual(session.Lines.map((_l, i) => i));
    const body = session.Lines.find((l) => l.Command === 'DATA-BODY');
    expect(body).toMatchObject({ MessageID: id, Bytes: expect.any(Number) });
    expect(session.Lines.find((l) => l.Code === 354)?.Text).toBe('354 End data with <CR><LF>.<CR><LF>');
    expect(session.Lines.find((l) => l.Command === 'MAIL')?.Text).toBe('MAIL FROM:<alerts@plant.example>');
    expect(session.Lines.filter((l) => l.Code === 250 && l.Enhanced).map((l) => l.Enhanced)).toEqual(['2.1.0', '2.1.5', '2.1.5', '2.6.0']);
    for (const line of session.Lines) expect(line.At).toBeGreaterThanOrEqual(Date.parse(session.Started) - 1);
  });
});

describe('the three mandatory commands out of order', () => {
  // Each case: what the client said first, then the line that must be refused and how.
  const cases: Array<{ name: string; before: string[]; line: string; code: number; text: RegExp }> = [
    { name: 'MAIL FROM before EHLO', before: [], line: 'MAIL FROM:<a@lab.local>', code: 503, text: /HELO\/EHLO first/ },
    { name: 'RCPT TO without MAIL FROM', before: ['EHLO c'], line: 'RCPT TO:<b@lab.local>', code: 503, text: /need MAIL/ },
    { name: 'DATA without MAIL FROM', before: ['EHLO c'], line: 'DATA', code: 503, text: /need RCPT/ },
    { name: 'DATA without RCPT TO', before: ['EHLO c', 'MAIL FROM:<a@lab.local>'], line: 'DATA', code: 503, text: /need RCPT/ },
    {
      name: 'a second MAIL FROM in one transaction',
      before: ['EHLO c', 'MAIL FROM:<a@lab.local>'],
      line: 'MAIL FROM:<c@lab.local>',
      code: 503,
      text: /nested MAIL/,
    },
    { name: 'RCPT TO after RSET', before: ['EHLO c', 'MAIL FROM:<a@lab.local>', 'RSET'], line: 'RCPT TO:<b@lab.local>', code: 503, text: /need MAIL/ },
    { name: 'MAIL FROM without angle brackets', before: ['EHLO c'], line: 'MAIL FROM: a@lab.local', code: 501, text: /./ },
    { name: 'RCPT TO with a broken address', before: ['EHLO c', 'MAIL FROM:<a@lab.local>'], line: 'RCPT TO:<not an address>', code: 501, text: /recipient/i },
    { name: 'an unknown command', before: ['EHLO c'], line: 'SEND MAIL PLEASE', code: 500, text: /not recognized/ },
  ];

  it.each(cases)('$name → $code', async ({ before, line, code, text }) => {
    const lab = await startLab();
    const conn = await connectSmtp(lab.smtpPort);
    await expectReply(conn, null, 220);
    for (const earlier of before) {
      conn.send(earlier);
      expect((await conn.read()).code).toBeLessThan(400);
    }
    const reply = await expectReply(conn, line, code);
    expect(reply.text).toMatch(text);
    // The session goes on: a correct transaction still works afterwards.
    await expectReply(conn, 'RSET', 250);
    await expectReply(conn, 'EHLO c', 250);
    await sendTransaction(conn, { data: 'Subject: after the error\r\n\r\nok\r\n' });
    await expectReply(conn, 'QUIT', 221);

    const session = await onlySession(lab.url, 'closed');
    const refused = session.Lines.find((l) => l.Dir === 'S' && l.Code === code);
    expect(refused?.Text).toMatch(text);
    expect(session.ErrorCount).toBe(1);
    expect(lab.mailbox.stats().total).toBe(1);
  });
});

describe('transaction details', () => {
  it('accepts commands in any letter case and HELO as well as EHLO', async () => {
    const lab = await startLab();
    const conn = await connectSmtp(lab.smtpPort);
    await expectReply(conn, null, 220);
    await expectReply(conn, 'helo old-client', 250);
    await expectReply(conn, 'mail from:<a@lab.local>', 250);
    await expectReply(conn, 'rcpt to:<b@lab.local>', 250);
    await expectReply(conn, 'data', 354);
    conn.write('Subject: lower\r\n\r\nx\r\n.\r\n');
    await expectReply(conn, null, 250);
    await expectReply(conn, 'NOOP', 250);
    await expectReply(conn, 'quit', 221);
    const session = await onlySession(lab.url, 'closed');
    expect(session.Helo).toBe('old-client');
    expect(session.Lines.filter((l) => l.Dir === 'C').map((l) => l.Command)).toEqual(['HELO', 'MAIL', 'RCPT', 'DATA', 'DATA-BODY', 'NOOP', 'QUIT']);
  });

  it('keeps several transactions of one session apart', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.smtpPort);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push(await sendTransaction(conn, { from: `sender${n}@lab.local`, to: [`rcpt${n}@lab.local`], data: `Subject: mail ${n}\r\n\r\nbody ${n}\r\n` }));
    }
    await expectReply(conn, 'QUIT', 221);
    const session = await onlySession(lab.url, 'closed');
    expect(session.MessageIDs).toEqual(ids);
    expect(session.Transactions.map((t) => [t.MailFrom, t.RcptTo, t.MessageID])).toEqual([
      ['sender1@lab.local', ['rcpt1@lab.local'], ids[0]],
      ['sender2@lab.local', ['rcpt2@lab.local'], ids[1]],
      ['sender3@lab.local', ['rcpt3@lab.local'], ids[2]],
    ]);
  });

  it('records a session from its first moment, before the greeting', async () => {
    const lab = await startLab({ greetingDelayMs: 400 });
    const conn = await connectSmtp(lab.smtpPort);
    const open = await onlySession(lab.url, 'open');
    expect(open.ClientAddress).toBe('127.0.0.1');
    expect(open.Lines.map((l) => l.Event ?? l.Code)).toEqual(['connected']);
    await expectReply(conn, null, 220);
    conn.destroy();
  });
});
