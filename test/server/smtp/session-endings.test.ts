// Every way a connection can end ends its session exactly once, promptly, and frees its slot:
// QUIT, a close without QUIT, resets at every stage, a FIN right after the final dot, TLS
// handshakes reset at once, idle timeouts, clients refused for being too many, and shutdown.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { LabServer, SessionRecord } from '../../../server/index.js';
import { eventually, startLab } from '../../helpers/lab.js';
import { connectSmtp, expectReply, openSession, sendTransaction } from '../../helpers/smtp-dialogue.js';

const run = promisify(execFile);
const RESET_CLIENT = join(import.meta.dirname, '../../helpers/tls-reset-client.mjs');

const TERMINAL = new Set(['closed', 'aborted', 'timed-out']);

/** The sessions, once none is open, each checked to have ended exactly once. */
async function endedSessions(lab: LabServer): Promise<SessionRecord[]> {
  await eventually(() => (lab.sessions.openCount() === 0 ? true : undefined), 8000, 'every session to end');
  const records = lab.sessions.list({ limit: 10_000 }).sessions.map((s) => lab.sessions.get(s.ID) as SessionRecord);
  for (const record of records) {
    const endings = record.Lines.filter((l) => l.Dir === 'E' && TERMINAL.has(l.Event ?? ''));
    expect(endings, `session ${record.ID} ends once`).toHaveLength(1);
    expect(record.Lines.at(-1)).toBe(endings[0]);
    expect(record.State).not.toBe('open');
    expect(record.Ended).not.toBeNull();
  }
  return records;
}

/** A new client still gets a greeting: no slot is held by what went before. */
async function stillServes(port: number, secure = false): Promise<void> {
  const conn = await connectSmtp(port, secure ? { tls: true } : {});
  expect((await conn.read()).code).toBe(220);
  conn.close();
}

function resetAfter(socket: net.Socket): void {
  socket.resetAndDestroy();
}

describe('session endings', () => {
  it('QUIT: the session closes when 221 is sent and the server ends the connection without waiting for the client', async () => {
    const lab = await startLab();
    const socket = net.connect({ port: lab.smtpPort, host: '127.0.0.1', allowHalfOpen: true });
    let text = '';
    const ended = new Promise<number>((resolve) => socket.on('end', () => resolve(Date.now())));
    socket.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.endsWith('\r\n') && /^220 /m.test(text) && !text.includes('221')) socket.write(text.includes('250') ? 'QUIT\r\n' : 'EHLO quit.test\r\n');
    });
    const quitAt = Date.now();
    const endAt = await ended;
    // The client never half-closed: the server's end arrives at once, not after 5 s.
    expect(endAt - quitAt).toBeLessThan(1500);
    const [record] = await endedSessions(lab);
    expect(record?.State).toBe('closed');
    expect(record?.Lines.at(-1)?.Text).toMatch(/after QUIT/);
    socket.destroy();
  });

  const cases: Array<{ name: string; act: (lab: LabServer) => Promise<void>; state: string; says: RegExp }> = [
    {
      name: 'a close without QUIT between mails',
      act: async (lab) => {
        const conn = await openSession(lab.smtpPort);
        await sendTransaction(conn);
        conn.close();
      },
      state: 'closed',
      says: /without QUIT/,
    },
    {
      name: 'a reset right after the greeting',
      act: async (lab) => {
        const conn = await connectSmtp(lab.smtpPort);
        await conn.read();
        resetAfter(conn.socket());
      },
      state: 'closed',
      says: /closed the connection/,
    },
    {
      name: 'a reset in the middle of DATA',
      act: async (lab) => {
        const conn = await openSession(lab.smtpPort);
        await expectReply(conn, 'MAIL FROM:<a@lab.local>', 250);
        await expectReply(conn, 'RCPT TO:<b@lab.local>', 250);
        await expectReply(conn, 'DATA', 354);
        conn.write('Subject: half\r\n\r\nhalf a mail');
        await new Promise((resolve) => setTimeout(resolve, 50));
        resetAfter(conn.socket());
      },
      state: 'aborted',
      says: /middle of a mail transaction/,
    },
    {
      name: 'a close between MAIL FROM and DATA',
      act: async (lab) => {
        const conn = await openSession(lab.smtpPort);
        await expectReply(conn, 'MAIL FROM:<a@lab.local>', 250);
        conn.close();
      },
      state: 'aborted',
      says: /middle of a mail transaction/,
    },
    {
      name: 'the server gives up on ten unknown commands (421)',
      act: async (lab) => {
        const conn = await connectSmtp(lab.smtpPort);
        await conn.read();
        for (let i = 0; i < 12; i++) conn.send(`BOGUS${i}`);
        await conn.closed();
      },
      state: 'closed',
      says: /server closed/,
    },
  ];

  it.each(cases)('$name → $state, once', async (c) => {
    const lab = await startLab();
    await c.act(lab);
    const [record] = await endedSessions(lab);
    expect(record?.State).toBe(c.state);
    expect(record?.Lines.at(-1)?.Text).toMatch(c.says);
    await stillServes(lab.smtpPort);
  });

  it('a FIN right after the final dot, with --data-dir: the mail is stored, its session ends once, the server stays up', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-fin-'));
    const lab = await startLab({ dataDir });
    const body = `Subject: big\r\n\r\n${'x'.repeat(76)}\r\n`.repeat(2600);
    for (let i = 0; i < 6; i++) {
      const conn = await openSession(lab.smtpPort);
      await expectReply(conn, 'MAIL FROM:<a@lab.local>', 250);
      await expectReply(conn, 'RCPT TO:<b@lab.local>', 250);
      await expectReply(conn, 'DATA', 354);
      conn.socket().end(`${body}.\r\n`);
    }
    const records = await endedSessions(lab);
    expect(records).toHaveLength(6);
    expect(lab.mailbox.stats().total).toBe(6);
    for (const record of records) {
      const bodyLine = record.Lines.find((l) => l.Command === 'DATA-BODY');
      expect(bodyLine?.MessageID).toBeDefined();
      expect(lab.mailbox.get(bodyLine?.MessageID as string)?.raw.length).toBe(body.length);
      expect(record.MessageIDs).toEqual([bodyLine?.MessageID]);
    }
    await stillServes(lab.smtpPort);
  });

  it('TLS handshakes reset at once on the implicit-TLS port leave no session open and hold no slot', async () => {
    const lab = await startLab({ maxClients: 20 });
    await run(process.execPath, [RESET_CLIENT, String(lab.smtpsPort), '400']);
    await endedSessions(lab);
    const connections = (await (await fetch(`${lab.url}/api/v1/info`)).json()) as { Lab: { Connections: Array<{ Name: string; DeadOnArrival: number }> } };
    const smtps = connections.Lab.Connections.find((c) => c.Name === 'smtps');
    expect(smtps).toBeDefined();
    // Far more than maxClients of them came and went; the next client is still served.
    await stillServes(lab.smtpsPort as number, true);
    expect(lab.logs.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
  });

  it('STARTTLS followed by a reset ends the session once and holds no slot', async () => {
    const lab = await startLab({ maxClients: 5 });
    await run(process.execPath, [RESET_CLIENT, String(lab.submissionPort), '60', 'starttls']);
    const records = await endedSessions(lab);
    expect(records.length).toBeGreaterThan(0);
    await stillServes(lab.submissionPort as number);
  });

  it('plain text on the implicit-TLS port is recorded and counted, not logged, and holds no slot', async () => {
    const lab = await startLab({ maxClients: 5 });
    for (let i = 0; i < 30; i++) {
      const socket = net.connect(lab.smtpsPort as number, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('EHLO i-forgot-tls.test\r\n');
      await new Promise((resolve) => socket.once('close', resolve));
    }
    const records = await endedSessions(lab);
    const info = (await (await fetch(`${lab.url}/api/v1/info`)).json()) as { Lab: { Connections: Array<{ Name: string; TlsFailures: number }> } };
    expect(info.Lab.Connections.find((c) => c.Name === 'smtps')?.TlsFailures).toBe(30);
    // Each attempt is a session a student can find, saying why it failed.
    expect(records).toHaveLength(30);
    for (const record of records) {
      expect(record.Lines.map((l) => l.Event)).toEqual(['connected', 'tls-failed', 'closed']);
      expect(record.Lines[1]?.Text).toMatch(/TLS handshake failed \(wrong version number\): .*expects TLS from the first byte/);
    }
    expect(lab.logs.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
    await stillServes(lab.smtpsPort as number, true);
  });

  it('an idle client is timed out once', async () => {
    const lab = await startLab({ idleTimeoutMs: 300 });
    const conn = await openSession(lab.smtpPort);
    await conn.closed();
    const [record] = await endedSessions(lab);
    expect(record?.State).toBe('timed-out');
  });

  it('a client refused for being one too many is closed at once, not left open until it leaves', async () => {
    const lab = await startLab({ maxClients: 2 });
    const held = [await openSession(lab.smtpPort), await openSession(lab.smtpPort)];
    const socket = net.connect({ port: lab.smtpPort, host: '127.0.0.1', allowHalfOpen: true });
    const reply = await new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
    expect(reply).toMatch(/^421 .*Too many connected clients/);
    // The refused session is over in the record while the client still holds its side open.
    await eventually(() => (lab.sessions.openCount() === 2 ? true : undefined), 3000, 'the refused session to close');
    const refused = lab.sessions.list({ state: 'closed' }).sessions;
    expect(refused).toHaveLength(1);
    socket.destroy();
    for (const conn of held) conn.close();
    await endedSessions(lab);
  });

  it('shutdown in the middle of sessions and of a send closes each once and keeps every one on disk', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-stop-'));
    const lab = await startLab({ dataDir });
    const idle = await Promise.all(Array.from({ length: 20 }, () => openSession(lab.smtpPort)));
    const sending = await openSession(lab.smtpPort);
    await expectReply(sending, 'MAIL FROM:<a@lab.local>', 250);
    await expectReply(sending, 'RCPT TO:<b@lab.local>', 250);
    await expectReply(sending, 'DATA', 354);
    sending.write('Subject: cut short\r\n\r\nhalf');
    await eventually(() => (lab.sessions.openCount() === 21 ? true : undefined));
    await lab.close();
    for (const conn of idle) expect(conn.isClosed() || (await conn.closed().then(() => true))).toBe(true);

    const again = await startLab({ dataDir });
    const records = again.sessions.list({ limit: 100 }).sessions;
    expect(records).toHaveLength(21);
    expect(records.every((s) => s.State !== 'open')).toBe(true);
    expect(records.filter((s) => s.State === 'aborted')).toHaveLength(1);
  });

  it('TLS on the plain port is recorded as a handshake, not as a typed command', async () => {
    const lab = await startLab();
    const socket = tls.connect({ port: lab.smtpPort, host: '127.0.0.1', rejectUnauthorized: false });
    await new Promise((resolve) => {
      socket.on('error', resolve);
      socket.on('close', resolve);
    });
    const [record] = await endedSessions(lab);
    const client = record?.Lines.filter((l) => l.Dir === 'C') ?? [];
    // The ClientHello's random bytes may hold an LF, which splits it into more than one line.
    expect(client.length).toBeGreaterThanOrEqual(1);
    expect(client[0]).toMatchObject({ Command: 'TLS-HANDSHAKE', Text: expect.stringMatching(/^<TLS handshake: \d+ bytes of binary data>$/) });
    expect(client.every((l) => l.Command === 'TLS-HANDSHAKE')).toBe(true);
    expect(record?.Lines.find((l) => l.Dir === 'S' && (l.Code ?? 0) >= 400)?.Code).toBeDefined();
  });

  it('a handshake split at an LF byte stays one handshake, continued, not a typed command', async () => {
    const lab = await startLab();
    const socket = net.connect(lab.smtpPort, '127.0.0.1');
    await new Promise((resolve) => socket.once('data', resolve));
    // A TLS record header (type 22, version 3.1), then binary with an LF in the middle.
    socket.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x20, 0x01, 0x00, 0x00, 0x1c, 0x0a, 0x03, 0x03, 0x9f, 0x00, 0x02, 0x0d, 0x0a]));
    const clientLines = () => {
      const id = lab.sessions.list({ limit: 1 }).sessions[0]?.ID;
      return (id ? lab.sessions.get(id)?.Lines : [])?.filter((l) => l.Dir === 'C').length ?? 0;
    };
    await eventually(() => clientLines() === 2 || undefined);
    socket.end('QUIT\r\n');
    const [record] = await endedSessions(lab);
    const client = record?.Lines.filter((l) => l.Dir === 'C') ?? [];
    expect(client.map((l) => [l.Command, l.Text])).toEqual([
      ['TLS-HANDSHAKE', '<TLS handshake: 9 bytes of binary data>'],
      ['TLS-HANDSHAKE', '<TLS handshake, continued: 5 bytes of binary data>'],
      ['QUIT', 'QUIT'],
    ]);
  });
});
