// Bad input gets the RFC 5321 answer, nothing half-received is stored, and the server keeps
// serving: after every case a normal mail still goes through.
import { describe, expect, it } from 'vitest';
import type { LabServer, SessionRecord } from '../../../server/index.js';
import { eventually, getJson, startLab } from '../../helpers/lab.js';
import { connectSmtp, expectReply, openSession, sendTransaction } from '../../helpers/smtp-dialogue.js';
import { labTransport } from '../../helpers/send-mail.js';

async function stillServes(lab: LabServer): Promise<void> {
  const before = lab.mailbox.stats().accepted;
  await labTransport(lab.smtpPort).sendMail({ from: 'a@lab.local', to: 'b@lab.local', subject: 'still here', text: 'ok' });
  expect(lab.mailbox.stats().accepted).toBe(before + 1);
}

async function finishedSession(lab: LabServer, state: string): Promise<SessionRecord> {
  return eventually(
    async () => {
      const { body } = await getJson<{ sessions: Array<{ ID: string }> }>(`${lab.url}/api/lab/sessions?state=${state}`);
      const first = body.sessions[0];
      return first ? (await getJson<SessionRecord>(`${lab.url}/api/lab/sessions/${first.ID}`)).body : undefined;
    },
    5000,
    `a session in state ${state}`,
  );
}

describe('bad input', () => {
  it('answers unknown commands and junk bytes with 500, and closes with 421 after ten', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.smtpPort);
    conn.write(Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x1b, 0x5b, 0x41, 0x0d, 0x0a]));
    expect((await conn.read()).code).toBe(500);
    for (let i = 0; i < 8; i++) await expectReply(conn, `XYZZY ${i}`, 500);
    // RFC 5321 §4.2 lets the server give up on a client that only talks nonsense.
    const last = await expectReply(conn, 'PLUGH', 421);
    expect(last.text).toMatch(/too many unrecognized/);
    await conn.closed();
    const session = await finishedSession(lab, 'closed');
    expect(session.ErrorCount).toBe(10);
    await stillServes(lab);
  });

  it('closes with 421 on a command line over the limit without buffering it', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.smtpPort);
    conn.send(`NOOP ${'x'.repeat(64 * 1024)}`);
    const reply = await conn.read();
    expect(reply.code).toBe(421);
    expect(reply.text).toMatch(/too long/);
    await conn.closed();
    await stillServes(lab);
  });

  it('keeps an over-long line short in the transcript', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.smtpPort);
    await expectReply(conn, `NOOP ${'y'.repeat(10_000)}`, 250);
    await expectReply(conn, 'QUIT', 221);
    const session = await finishedSession(lab, 'closed');
    const noop = session.Lines.find((l) => l.Command === 'NOOP');
    expect(noop?.Text.length).toBeLessThan(2200);
    expect(noop?.Text).toMatch(/10005 characters\)$/);
  });

  it('accepts bare LF after commands but never as the end of DATA (no SMTP smuggling)', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.smtpPort);
    conn.write('MAIL FROM:<a@lab.local>\nRCPT TO:<b@lab.local>\nDATA\n');
    expect((await conn.read()).code).toBe(250);
    expect((await conn.read()).code).toBe(250);
    expect((await conn.read()).code).toBe(354);
    // A bare-LF dot line is data (RFC 5321 §4.1.1.4 ends DATA only at CRLF.CRLF): the mail
    // that follows it must stay inside the first one, not become a second, forged mail.
    conn.write('Subject: one\r\n\r\nfirst\n.\nMAIL FROM:<forged@evil.example>\nRCPT TO:<victim@lab.local>\nDATA\nSubject: forged\n\nx\r\n.\r\n');
    const reply = await expectReply(conn, null, 250);
    const id = /queued as (\S+)/.exec(reply.text)?.[1] ?? '';
    await expectReply(conn, 'QUIT', 221);
    expect(lab.mailbox.stats().total).toBe(1);
    expect(lab.mailbox.get(id)?.raw.toString()).toContain('MAIL FROM:<forged@evil.example>');
  });

  it('answers pipelined commands in order (RFC 2920)', async () => {
    const lab = await startLab();
    const conn = await connectSmtp(lab.smtpPort);
    await expectReply(conn, null, 220);
    conn.write('EHLO pipe\r\nMAIL FROM:<a@lab.local>\r\nRCPT TO:<b@lab.local>\r\nRCPT TO:<bad>\r\nRCPT TO:<c@lab.local>\r\nDATA\r\n');
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await conn.read()).code);
    expect(codes).toEqual([250, 250, 250, 501, 250, 354]);
    conn.write('Subject: piped\r\n\r\nbody\r\n.\r\nQUIT\r\n');
    expect((await conn.read()).code).toBe(250);
    expect((await conn.read()).code).toBe(221);
    const [mail] = lab.mailbox.list().messages;
    expect(mail?.Subject).toBe('piped');
    expect(lab.mailbox.get(mail?.ID ?? '')?.envelope.RcptTo).toEqual(['b@lab.local', 'c@lab.local']);
  });

  it('stores nothing of a client that vanishes mid-DATA and marks its session aborted', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.smtpPort);
    await expectReply(conn, 'MAIL FROM:<a@lab.local>', 250);
    await expectReply(conn, 'RCPT TO:<b@lab.local>', 250);
    await expectReply(conn, 'DATA', 354);
    conn.write('Subject: half\r\n\r\n' + 'partial line\r\n'.repeat(200));
    await new Promise((resolve) => setTimeout(resolve, 50));
    conn.destroy();
    const session = await finishedSession(lab, 'aborted');
    expect(lab.mailbox.stats().total).toBe(0);
    expect(session.MessageIDs).toEqual([]);
    const events = session.Lines.filter((l) => l.Dir === 'E').map((l) => l.Event);
    expect(events).toEqual(['connected', 'data-incomplete', 'aborted']);
    expect(session.Lines.find((l) => l.Event === 'data-incomplete')?.Text).toMatch(/after \d+ bytes/);
    await stillServes(lab);
  });

  it('marks a client that leaves between MAIL FROM and DATA aborted, and one that leaves between mails closed', async () => {
    const lab = await startLab();
    const midway = await openSession(lab.smtpPort);
    await expectReply(midway, 'MAIL FROM:<a@lab.local>', 250);
    midway.destroy();
    await finishedSession(lab, 'aborted');
    const between = await openSession(lab.smtpPort);
    await expectReply(between, 'NOOP', 250);
    between.destroy();
    const closed = await finishedSession(lab, 'closed');
    expect(closed.Lines.at(-1)?.Text).toMatch(/without QUIT/);
  });

  it('refuses a mail over the size limit with 552 and keeps the session usable', async () => {
    const lab = await startLab({ maxMessageSize: 20_000 });
    const conn = await openSession(lab.smtpPort);
    // Declared too large up front (RFC 1870): refused at MAIL FROM.
    await expectReply(conn, 'MAIL FROM:<a@lab.local> SIZE=50000', 552);
    // Not declared: refused at the end of DATA, after reading and discarding the body.
    await expectReply(conn, 'MAIL FROM:<a@lab.local>', 250);
    await expectReply(conn, 'RCPT TO:<b@lab.local>', 250);
    await expectReply(conn, 'DATA', 354);
    conn.write('Subject: big\r\n\r\n' + `${'z'.repeat(998)}\r\n`.repeat(200) + '.\r\n');
    const refused = await expectReply(conn, null, 552);
    expect(refused.text).toMatch(/exceeds fixed maximum message size 20000/);
    expect(lab.mailbox.stats()).toMatchObject({ total: 0, rejected: 1 });
    await sendTransaction(conn, { data: 'Subject: small\r\n\r\nok\r\n' });
    expect(lab.mailbox.stats().total).toBe(1);
    const { body: info } = await getJson<{ RuntimeStats: { SMTPRejected: number } }>(`${lab.url}/api/v1/info`);
    expect(info.RuntimeStats.SMTPRejected).toBe(1);
  });

  it('refuses recipients beyond the limit with 452 (RFC 5321 §4.5.3.1.10)', async () => {
    const lab = await startLab({ maxRecipients: 3 });
    const conn = await openSession(lab.smtpPort);
    await expectReply(conn, 'MAIL FROM:<a@lab.local>', 250);
    for (const n of [1, 2, 3]) await expectReply(conn, `RCPT TO:<r${n}@lab.local>`, 250);
    const reply = await expectReply(conn, 'RCPT TO:<r4@lab.local>', 452);
    expect(reply.text).toMatch(/4\.5\.3/);
    await expectReply(conn, 'DATA', 354);
    conn.write('Subject: three\r\n\r\nx\r\n.\r\n');
    await expectReply(conn, null, 250);
    expect(lab.mailbox.list().messages[0]?.Bcc.map((a) => a.Address)).toEqual(['r1@lab.local', 'r2@lab.local', 'r3@lab.local']);
  });

  it('closes an idle client with 421 and marks the session timed out', async () => {
    const lab = await startLab({ idleTimeoutMs: 300 });
    const conn = await openSession(lab.smtpPort);
    const reply = await conn.read(5000);
    expect(reply.code).toBe(421);
    expect(reply.text).toMatch(/Timeout/);
    await conn.closed();
    const session = await finishedSession(lab, 'timed-out');
    expect(session.Lines.at(-1)).toMatchObject({ Dir: 'E', Event: 'timed-out' });
    await stillServes(lab);
  });

  it('refuses a web browser talking HTTP to the SMTP port', async () => {
    const lab = await startLab();
    const conn = await connectSmtp(lab.smtpPort);
    await expectReply(conn, null, 220);
    await expectReply(conn, 'POST /api HTTP/1.1', 421);
    await conn.closed();
    await stillServes(lab);
  });

  it('refuses a client that talks before the greeting when a greeting delay is set', async () => {
    const lab = await startLab({ greetingDelayMs: 500 });
    const conn = await connectSmtp(lab.smtpPort);
    conn.send('EHLO hasty');
    const reply = await conn.read();
    expect(reply.code).toBe(421);
    expect(reply.text).toMatch(/talk too soon/);
    await stillServes(lab);
  });
});
