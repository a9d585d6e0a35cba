// The lab's TLS listeners with the `lab` profile: implicit TLS (like 465) and STARTTLS (like
// 587), AUTH required before mail, the lab's own certificate trusted only when told to.
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../server/index.js';
import { eventually, getJson, startLab } from '../../helpers/lab.js';
import { connectSmtp, expectReply, sendTransaction } from '../../helpers/smtp-dialogue.js';
import { labTransport } from '../../helpers/send-mail.js';

const USER = 'tls-lesson@lab.local';
const PASSWORD = 'account password for TLS';
const plain = (user: string, pass: string) => `AUTH PLAIN ${Buffer.from(`\0${user}\0${pass}`).toString('base64')}`;

async function labWithAccount() {
  const lab = await startLab();
  await lab.accounts.create(USER, PASSWORD);
  return lab;
}

async function lastSession(url: string): Promise<SessionRecord> {
  return eventually(async () => {
    const { body } = await getJson<{ sessions: Array<{ ID: string; State: string }> }>(`${url}/api/lab/sessions`);
    const done = body.sessions.find((s) => s.State !== 'open');
    return done ? (await getJson<SessionRecord>(`${url}/api/lab/sessions/${done.ID}`)).body : undefined;
  });
}

describe('STARTTLS listener (RFC 3207)', () => {
  it('demands STARTTLS before AUTH and MAIL, then AUTH before MAIL, and records the upgrade', async () => {
    const lab = await labWithAccount();
    const conn = await connectSmtp(lab.submissionPort as number);
    await expectReply(conn, null, 220);
    const ehlo = await expectReply(conn, 'EHLO student', 250);
    expect(ehlo.text).toContain('STARTTLS');
    expect((await expectReply(conn, 'MAIL FROM:<a@lab.local>', 530)).text).toBe('530 5.7.0 Must issue a STARTTLS command first');
    expect((await expectReply(conn, plain(USER, PASSWORD), 538)).text).toMatch(/Must issue a STARTTLS command first/);
    await expectReply(conn, 'STARTTLS', 220);
    await conn.startTls({ ca: lab.certificate, servername: 'localhost', rejectUnauthorized: true });
    // RFC 3207 §4.2: everything from before the handshake is forgotten; EHLO again.
    const secureEhlo = await expectReply(conn, 'EHLO student', 250);
    expect(secureEhlo.text).not.toContain('STARTTLS');
    expect(secureEhlo.text).toMatch(/AUTH PLAIN LOGIN/);
    expect((await expectReply(conn, 'MAIL FROM:<a@lab.local>', 530)).text).toMatch(/Authentication required/);
    await expectReply(conn, plain(USER, 'wrong password'), 535);
    await expectReply(conn, plain(USER, PASSWORD), 235);
    await sendTransaction(conn, { from: USER });
    await expectReply(conn, 'QUIT', 221);

    const session = await lastSession(lab.url);
    expect(session.Tls?.Protocol).toMatch(/^TLSv1\.[23]$/);
    expect(session.User).toBe(USER);
    const events = session.Lines.map((l) => l.Event ?? l.Command ?? l.Code);
    expect(events.indexOf('tls')).toBeGreaterThan(events.indexOf('STARTTLS'));
    expect(session.ErrorCount).toBe(4);
  });
});

describe('implicit TLS listener', () => {
  it('speaks TLS from the first byte, with the handshake before the greeting', async () => {
    const lab = await labWithAccount();
    const conn = await connectSmtp(lab.smtpsPort as number, { tls: { ca: lab.certificate, servername: 'localhost', rejectUnauthorized: true } });
    await expectReply(conn, null, 220);
    const ehlo = await expectReply(conn, 'EHLO student', 250);
    expect(ehlo.text).not.toContain('STARTTLS');
    await expectReply(conn, plain(USER, PASSWORD), 235);
    await sendTransaction(conn, { from: USER });
    await expectReply(conn, 'QUIT', 221);
    const session = await lastSession(lab.url);
    expect(session.Listener).toMatchObject({ Name: 'smtps', Security: 'implicit-tls', Profile: 'lab' });
    expect(session.Lines.slice(0, 3).map((l) => l.Event ?? l.Code)).toEqual(['connected', 'tls', 220]);
  });

  it('is trusted through the lab certificate, and refused as self-signed without it', async () => {
    const lab = await labWithAccount();
    const trusted = labTransport(lab.smtpsPort as number, {
      secure: true,
      tls: { ca: lab.certificate, servername: 'localhost' },
      auth: { user: USER, pass: PASSWORD },
    });
    await trusted.sendMail({ from: USER, to: 'ops@lab.local', subject: 'trusted', text: 'x' });
    const untrusted = labTransport(lab.smtpsPort as number, { secure: true, auth: { user: USER, pass: PASSWORD } });
    await expect(untrusted.sendMail({ from: USER, to: 'ops@lab.local', subject: 'untrusted', text: 'x' })).rejects.toMatchObject({
      code: 'ESOCKET',
      message: expect.stringMatching(/self-signed certificate/),
    });
    expect(lab.mailbox.list().messages.map((m) => m.Subject)).toEqual(['trusted']);
  });
});
