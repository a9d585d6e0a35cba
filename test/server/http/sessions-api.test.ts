// smtp-lab's session routes: the list (newest first, filtered by state, client and user, paged),
// one session's whole record with its dialogue, and clearing them.
import { describe, expect, it } from 'vitest';
import type { SessionRecord, SessionsList } from '../../../server/index.js';
import { eventually, getJson, startLab } from '../../helpers/lab.js';
import { connectSmtp, expectReply, openSession, sendTransaction } from '../../helpers/smtp-dialogue.js';
import { labTransport } from '../../helpers/send-mail.js';

type Lab = Awaited<ReturnType<typeof startLab>>;

async function list(lab: Lab, query = ''): Promise<SessionsList> {
  const { status, body } = await getJson<SessionsList>(`${lab.url}/api/lab/sessions${query ? `?${query}` : ''}`);
  expect(status).toBe(200);
  return body;
}

async function record(lab: Lab, id: string): Promise<SessionRecord> {
  const { status, body } = await getJson<SessionRecord>(`${lab.url}/api/lab/sessions/${id}`);
  expect(status).toBe(200);
  return body;
}

/** Waits until `count` sessions are no longer open. */
async function ended(lab: Lab, count: number): Promise<void> {
  await eventually(
    async () => {
      const { sessions } = await list(lab, 'limit=1000');
      return sessions.filter((s) => s.State !== 'open').length >= count ? true : undefined;
    },
    10_000,
    `${count} ended sessions`,
  );
}

describe('GET /api/lab/sessions', () => {
  it('lists newest first and filters by state, client and user, with paging', async () => {
    const lab = await startLab();
    // Two students, one of them from another loopback address; one anonymous sender.
    await labTransport(lab.smtpPort, { auth: { user: 'student1', pass: 'x1' } }).sendMail({ from: 's1@lab.test', to: 't@lab.test', subject: '1', text: '1' });
    await labTransport(lab.smtpPort, { auth: { user: 'student2', pass: 'x2' }, localAddress: '127.0.0.2' }).sendMail({
      from: 's2@lab.test',
      to: 't@lab.test',
      subject: '2',
      text: '2',
    });
    await labTransport(lab.smtpPort).sendMail({ from: 'anon@lab.test', to: 't@lab.test', subject: '3', text: '3' });
    await ended(lab, 3);
    // Aborted: the client leaves in the middle of a transaction.
    const leaver = await openSession(lab.smtpPort);
    await expectReply(leaver, 'MAIL FROM:<leaver@lab.test>', 250);
    leaver.destroy();
    await ended(lab, 4);
    // Still open.
    const open = await openSession(lab.smtpPort, {}, 'still.open');

    const all = await list(lab);
    expect(all).toMatchObject({ total: 5, start: 0, count: 5 });
    const started = all.sessions.map((s) => Date.parse(s.Started));
    expect(started).toEqual([...started].sort((a, b) => b - a));
    expect(all.sessions.map((s) => s.State)).toEqual(['open', 'aborted', 'closed', 'closed', 'closed']);
    expect(all.sessions[0]).toMatchObject({ Helo: 'still.open', Ended: null, User: null, MessageCount: 0 });

    expect((await list(lab, 'state=open')).sessions.map((s) => s.Helo)).toEqual(['still.open']);
    expect((await list(lab, 'state=aborted')).total).toBe(1);
    expect((await list(lab, 'state=closed')).total).toBe(3);
    expect((await list(lab, 'state=timed-out')).total).toBe(0);

    const fromTwo = await list(lab, 'client=127.0.0.2');
    expect(fromTwo.sessions.map((s) => s.User)).toEqual(['student2']);
    expect(fromTwo.sessions[0]?.ClientAddress).toBe('127.0.0.2');
    expect((await list(lab, 'client=127.0.0.1')).total).toBe(4);

    const student1 = await list(lab, 'user=student1');
    expect(student1.total).toBe(1);
    expect(student1.sessions[0]).toMatchObject({ User: 'student1', State: 'closed' });
    expect(student1.sessions[0]?.MessageCount).toBe(1);
    expect((await list(lab, 'user=nobody')).total).toBe(0);
    expect((await list(lab, 'state=closed&client=127.0.0.1')).total).toBe(2);

    const page = await list(lab, 'start=1&limit=2');
    expect(page).toMatchObject({ total: 5, start: 1, count: 2 });
    expect(page.sessions.map((s) => s.ID)).toEqual(all.sessions.slice(1, 3).map((s) => s.ID));
    open.destroy();
  });

  it('marks an idle client as timed-out', async () => {
    const lab = await startLab({ idleTimeoutMs: 300 });
    const idle = await openSession(lab.smtpPort);
    await idle.closed();
    await ended(lab, 1);
    const { sessions } = await list(lab, 'state=timed-out');
    expect(sessions).toHaveLength(1);
    const full = await record(lab, sessions[0]?.ID ?? '');
    expect(full.Lines.find((l) => l.Dir === 'S' && l.Code === 421)).toBeDefined();
    expect(full.Lines.at(-1)).toMatchObject({ Dir: 'E', Event: 'timed-out' });
  });
});

describe('GET /api/lab/sessions/{id}', () => {
  it('gives the whole record: listener, HELO, transactions, mails and the ordered dialogue', async () => {
    const lab = await startLab();
    const before = Date.now();
    const conn = await openSession(lab.smtpPort, {}, 'client.example');
    const first = await sendTransaction(conn, { from: 'alerts@plant.test', to: ['op@plant.test', 'chief@plant.test'], data: 'Subject: one\r\n\r\nfirst\r\n' });
    // A refused recipient stays in the dialogue with its code, and out of the envelope.
    await expectReply(conn, 'MAIL FROM:<alerts@plant.test>', 250);
    await expectReply(conn, 'RCPT TO:<not an address>', 501);
    await expectReply(conn, 'RCPT TO:<op@plant.test>', 250);
    await expectReply(conn, 'DATA', 354);
    conn.write('Subject: two\r\n\r\nsecond\r\n.\r\n');
    const second = /queued as (\S+)/.exec((await expectReply(conn, null, 250)).text)?.[1];
    await expectReply(conn, 'QUIT', 221);
    await conn.closed();
    await ended(lab, 1);
    const after = Date.now();

    const { sessions } = await list(lab);
    const session = await record(lab, sessions[0]?.ID ?? '');
    expect(session).toMatchObject({
      ClientAddress: '127.0.0.1',
      Listener: { Name: 'smtp', Port: lab.smtpPort, Security: 'none', Profile: 'open' },
      Helo: 'client.example',
      Tls: null,
      User: null,
      State: 'closed',
      MessageIDs: [first, second],
      ErrorCount: 1,
      DroppedLines: 0,
      Transactions: [
        { MailFrom: 'alerts@plant.test', RcptTo: ['op@plant.test', 'chief@plant.test'], MessageID: first, Size: expect.any(Number) },
        { MailFrom: 'alerts@plant.test', RcptTo: ['op@plant.test'], MessageID: second, Size: expect.any(Number) },
      ],
    });
    expect(session.ClientPort).toBeGreaterThan(0);
    expect(session.LineCount).toBe(session.Lines.length);

    // Seq from 0 without gaps; timestamps in order and within the session.
    expect(session.Lines.map((l) => l.Seq)).toEqual(session.Lines.map((_, i) => i));
    const at = session.Lines.map((l) => l.At);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(at[0]).toBeGreaterThanOrEqual(before - 5);
    expect(at.at(-1)).toBeLessThanOrEqual(after + 5);
    expect(Date.parse(session.Started)).toBeLessThanOrEqual(at[0] as number);
    expect(Date.parse(session.Ended ?? '')).toBeGreaterThanOrEqual(at.at(-1) as number);

    const dialogue = session.Lines.map((l) => [l.Dir, l.Command ?? l.Event ?? '', l.Code ?? null, l.Enhanced ?? null]);
    expect(dialogue).toEqual([
      ['E', 'connected', null, null],
      ['S', '', 220, null],
      ['C', 'EHLO', null, null],
      ['S', '', 250, null],
      ['C', 'MAIL', null, null],
      ['S', '', 250, '2.1.0'],
      ['C', 'RCPT', null, null],
      ['S', '', 250, '2.1.5'],
      ['C', 'RCPT', null, null],
      ['S', '', 250, '2.1.5'],
      ['C', 'DATA', null, null],
      ['S', '', 354, null],
      ['C', 'DATA-BODY', null, null],
      ['S', '', 250, expect.stringMatching(/^2\.\d\.0$/)],
      ['C', 'MAIL', null, null],
      ['S', '', 250, '2.1.0'],
      ['C', 'RCPT', null, null],
      ['S', '', 501, expect.stringMatching(/^5\.\d\.\d$/)],
      ['C', 'RCPT', null, null],
      ['S', '', 250, '2.1.5'],
      ['C', 'DATA', null, null],
      ['S', '', 354, null],
      ['C', 'DATA-BODY', null, null],
      ['S', '', 250, expect.stringMatching(/^2\.\d\.0$/)],
      ['C', 'QUIT', null, null],
      ['S', '', 221, expect.stringMatching(/^2\.0\.0$/)],
      ['E', 'closed', null, null],
    ]);
    expect(session.Lines[4]?.Text).toBe('MAIL FROM:<alerts@plant.test>');
    const bodies = session.Lines.filter((l) => l.Command === 'DATA-BODY');
    expect(bodies.map((l) => l.MessageID)).toEqual([first, second]);
    expect(bodies.map((l) => l.Bytes)).toEqual(session.Transactions.map((t) => t.Size));
    // The body is not in the dialogue line by line.
    expect(session.Lines.some((l) => l.Text.includes('first'))).toBe(false);
  });

  it('records TLS and the authenticated user of a STARTTLS session, never the password', async () => {
    const lab = await startLab();
    const user = 'tls-student@lab.local';
    await lab.accounts.create(user, 'account password 1');
    const { password: secret } = await lab.accounts.createAppPassword(user, 'sessions test');
    await labTransport(lab.submissionPort as number, {
      requireTLS: true,
      ignoreTLS: false,
      tls: { ca: lab.certificate, servername: 'localhost' },
      auth: { user, pass: secret },
    }).sendMail({
      from: user,
      to: 'teacher@lab.test',
      subject: 'over TLS',
      text: 'x',
    });
    await ended(lab, 1);
    const { sessions } = await list(lab, `user=${encodeURIComponent(user)}`);
    expect(sessions).toHaveLength(1);
    const session = await record(lab, sessions[0]?.ID ?? '');
    expect(session.Listener).toMatchObject({ Name: 'submission', Security: 'starttls', Profile: 'lab' });
    expect(session.Tls?.Protocol).toMatch(/^TLSv1\.[23]$/);
    expect(session.Tls?.Cipher).toBeTruthy();
    expect(session.User).toBe(user);
    expect(session.Lines.some((l) => l.Dir === 'E' && l.Event === 'tls')).toBe(true);
    const commands = session.Lines.filter((l) => l.Dir === 'C').map((l) => l.Command);
    expect(commands.slice(0, 4)).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'AUTH']);
    expect(session.Lines.find((l) => l.Command === 'AUTH')?.Masked).toBe(true);
    const text = JSON.stringify(session);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(`\0${user}\0${secret}`).toString('base64'));
  });
});

describe('DELETE /api/lab/sessions', () => {
  it('clears ended sessions; an open one stays and goes on', async () => {
    const lab = await startLab();
    await labTransport(lab.smtpPort).sendMail({ from: 'a@lab.test', to: 'b@lab.test', subject: 'x', text: 'x' });
    await ended(lab, 1);
    const oldId = (await list(lab)).sessions[0]?.ID ?? '';
    const open = await openSession(lab.smtpPort, {}, 'survivor');

    const res = await fetch(`${lab.url}/api/lab/sessions`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    const left = await list(lab);
    expect(left.sessions.map((s) => s.Helo)).toEqual(['survivor']);
    expect((await getJson(`${lab.url}/api/lab/sessions/${oldId}`)).status).toBe(404);

    // The open session keeps its dialogue, Seq continuing without a gap.
    await expectReply(open, 'NOOP', 250);
    await expectReply(open, 'QUIT', 221);
    await open.closed();
    await ended(lab, 1);
    const survivor = await record(lab, left.sessions[0]?.ID ?? '');
    expect(survivor.Lines.map((l) => l.Seq)).toEqual(survivor.Lines.map((_, i) => i));
    expect(survivor.Lines.map((l) => l.Command ?? l.Code ?? l.Event)).toEqual(['connected', 220, 'EHLO', 250, 'NOOP', 250, 'QUIT', 221, 'closed']);
    // The mails are not the sessions' to delete.
    expect((await getJson<{ total: number }>(`${lab.url}/api/v1/messages`)).body.total).toBe(1);
  });
});

describe('a connection that never says anything', () => {
  it('is a session too, with its greeting', async () => {
    const lab = await startLab();
    const conn = await connectSmtp(lab.smtpPort);
    await expectReply(conn, null, 220);
    conn.close();
    await ended(lab, 1);
    const [summary] = (await list(lab)).sessions;
    expect(summary).toMatchObject({ Helo: null, State: 'closed', MessageCount: 0, LineCount: 3 });
  });
});
