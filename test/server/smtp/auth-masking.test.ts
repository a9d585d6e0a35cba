// AUTH secrets never leave the SMTP exchange: not in the transcript, the session API, the live
// events, the mailbox or the server's log, whatever the form of the exchange (RFC 4954 §4:
// the initial response and every continuation line carry credentials; base64 hides nothing).
import { describe, expect, it } from 'vitest';
import type { LabServer, SessionRecord } from '../../../server/index.js';
import { eventually, getJson, startLab, type LogCapture } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { expectReply, openSession, sendTransaction, type SmtpConnection } from '../../helpers/smtp-dialogue.js';
import { labTransport } from '../../helpers/send-mail.js';

const USER = 'student07';
const SECRET = 'Kettle-Boils-At-97!';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Every form in which the secret could leak. */
const leaks = [SECRET, b64(SECRET), b64(`\0${USER}\0${SECRET}`), b64(`${USER}\0${USER}\0${SECRET}`), SECRET.toLowerCase()];

type Exchange = (conn: SmtpConnection) => Promise<void>;

const exchanges: Array<{ name: string; run: Exchange }> = [
  {
    name: 'AUTH PLAIN with the initial response inline',
    run: async (conn) => {
      await expectReply(conn, `AUTH PLAIN ${b64(`\0${USER}\0${SECRET}`)}`, 235);
    },
  },
  {
    name: 'AUTH PLAIN with the credentials on a continuation line',
    run: async (conn) => {
      await expectReply(conn, 'AUTH PLAIN', 334);
      await expectReply(conn, b64(`\0${USER}\0${SECRET}`), 235);
    },
  },
  {
    name: 'AUTH LOGIN, user name and password on continuation lines',
    run: async (conn) => {
      await expectReply(conn, 'AUTH LOGIN', 334);
      await expectReply(conn, b64(USER), 334);
      await expectReply(conn, b64(SECRET), 235);
    },
  },
  {
    name: 'AUTH LOGIN with the user name inline',
    run: async (conn) => {
      await expectReply(conn, `AUTH LOGIN ${b64(USER)}`, 334);
      await expectReply(conn, b64(SECRET), 235);
    },
  },
];

async function collectEverything(lab: LabServer & { logs: LogCapture }, frames: string[]): Promise<string> {
  const sessions = await getJson<{ sessions: Array<{ ID: string }> }>(`${lab.url}/api/lab/sessions`);
  const records = await Promise.all(sessions.body.sessions.map((s) => getJson(`${lab.url}/api/lab/sessions/${s.ID}`)));
  const messages = await getJson(`${lab.url}/api/v1/messages`);
  return [JSON.stringify(sessions.body), JSON.stringify(records.map((r) => r.body)), JSON.stringify(messages.body), frames.join('\n'), lab.logs.text()].join(
    '\n',
  );
}

describe('AUTH secrets are masked everywhere', () => {
  it.each(exchanges)('$name', async ({ run }) => {
    const lab = await startLab();
    const events = await subscribe(lab.url);
    const frames: string[] = [];
    events.socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')));

    const conn = await openSession(lab.smtpPort);
    await run(conn);
    await sendTransaction(conn, { data: 'Subject: after auth\r\n\r\nhello\r\n' });
    await expectReply(conn, 'QUIT', 221);
    await events.waitFor((e) => e.Type === 'session' && e.Data.Summary.State === 'closed');

    const everything = await collectEverything(lab, frames);
    for (const leak of leaks) expect(everything).not.toContain(leak);

    const { body: list } = await getJson<{ sessions: Array<{ ID: string; User: string }> }>(`${lab.url}/api/lab/sessions`);
    expect(list.sessions[0]?.User).toBe(USER);
    const { body: record } = await getJson<SessionRecord>(`${lab.url}/api/lab/sessions/${list.sessions[0]?.ID}`);
    const authLines = record.Lines.filter((l) => l.Command === 'AUTH');
    expect(authLines.length).toBeGreaterThan(0);
    // The mechanism stays visible (it teaches something); whatever carried a credential is masked.
    expect(authLines[0]?.Text).toMatch(/^AUTH (PLAIN|LOGIN)/);
    for (const line of authLines) {
      const carriesCredential = line.Text !== 'AUTH PLAIN' && line.Text !== 'AUTH LOGIN';
      expect(line.Masked === true).toBe(carriesCredential);
    }
    expect(lab.mailbox.list().messages[0]?.Username).toBe(USER);
  });

  it('masks what nodemailer sends with PLAIN and with LOGIN', async () => {
    const lab = await startLab();
    const frames: string[] = [];
    const events = await subscribe(lab.url);
    events.socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
    for (const authMethod of ['PLAIN', 'LOGIN']) {
      await labTransport(lab.smtpPort, { auth: { user: USER, pass: SECRET }, authMethod }).sendMail({
        from: 'a@lab.local',
        to: 'b@lab.local',
        subject: `with ${authMethod}`,
        text: 'x',
      });
    }
    await eventually(() => (lab.sessions.openCount() === 0 ? true : undefined));
    await events.waitFor((e) => e.Type === 'session' && e.Data.Summary.State !== 'open');
    const everything = await collectEverything(lab, frames);
    for (const leak of leaks) expect(everything).not.toContain(leak);
    expect(lab.mailbox.list().messages.map((m) => m.Username)).toEqual([USER, USER]);
  });

  it('masks a cancelled exchange too, and shows the server refusing it', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.smtpPort);
    await expectReply(conn, 'AUTH LOGIN', 334);
    await expectReply(conn, '*', 501);
    await expectReply(conn, 'QUIT', 221);
    const record = await eventually(async () => {
      const { body } = await getJson<{ sessions: Array<{ ID: string; State: string }> }>(`${lab.url}/api/lab/sessions`);
      const done = body.sessions.find((s) => s.State === 'closed');
      return done ? (await getJson<SessionRecord>(`${lab.url}/api/lab/sessions/${done.ID}`)).body : undefined;
    });
    const auth = record.Lines.findIndex((l) => l.Text === 'AUTH LOGIN');
    expect(record.Lines.slice(auth, auth + 4).map((l) => l.Code ?? l.Text)).toEqual(['AUTH LOGIN', 334, '••••••••', 501]);
  });
});
