// One test per seam of server/smtp/smtp-server-seams.ts, against the installed smtp-server: an
// update that moves an internal the lab relies on fails here, by name, instead of quietly
// changing what the lab records or sends.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { SMTPServer, SMTPServerOptions } from 'smtp-server';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ExternalLogger, LogEntry } from 'nodemailer/lib/shared';
import {
  closeWithin,
  connectionFacts,
  createLabSmtpServer,
  closeConnection,
  connectionSocket,
  endPromptlyAfterLastReply,
  findConnection,
  gateAccept,
  interceptCommands,
  readProtocolLog,
  useProtocolLogger,
  wrapSend,
  type AcceptedConnection,
  type LabConnection,
  type ProtocolLogEntry,
} from '../../../server/smtp/smtp-server-seams.js';
import { connectSmtp, expectReply } from '../../helpers/smtp-dialogue.js';

interface Started {
  server: SMTPServer;
  port: number;
  accepted: AcceptedConnection[];
  created: LabConnection[];
  log: ProtocolLogEntry[];
}

async function start(options: SMTPServerOptions = {}, greetingDelayMs = 0): Promise<Started> {
  const accepted: AcceptedConnection[] = [];
  const created: LabConnection[] = [];
  const log: ProtocolLogEntry[] = [];
  const record = (entry: LogEntry | undefined, _f?: string, ...args: unknown[]) => {
    const read = readProtocolLog(entry, args);
    if (read) log.push(read);
  };
  const logger: ExternalLogger = { debug: record, info() {}, warn() {}, error() {}, trace() {}, fatal() {} };
  const server = createLabSmtpServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger, ...options }, greetingDelayMs, {
    accepted: (c) => accepted.push(c),
    deadOnArrival: () => undefined,
    created: (c) => created.push(c),
  });
  useProtocolLogger(server, logger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  onTestFinished(() => closeWithin(server, 1));
  return { server, port: (server.server.address() as AddressInfo).port, accepted, created, log };
}

describe('smtp-server seams', () => {
  it('the pinned version is the one these seams were checked against', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['smtp-server']).toMatch(/^~3\.21\./);
    const installed = JSON.parse(readFileSync(new URL('../../../node_modules/smtp-server/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(installed.version).toMatch(/^3\.21\./);
  });

  it('seam 1: connect() gives the connection id before the library speaks, and the greeting delay replaces its 100 ms timer', async () => {
    const fast = await start({}, 0);
    const conn = await connectSmtp(fast.port);
    await expectReply(conn, null, 220);
    expect(fast.accepted).toHaveLength(1);
    const id = fast.accepted[0]?.id as string;
    expect(id).toMatch(/^[0-9a-v]{16}$/);
    expect(fast.accepted[0]?.remoteAddress).toBe('127.0.0.1');
    // The library's own timer calls `connection.connectionReady()` by name when it fires: the
    // property must still be there to replace, on the connection, not its prototype.
    const connection = findConnection(fast.server, id);
    expect(connection).toBeDefined();
    expect(Object.prototype.hasOwnProperty.call(connection, 'connectionReady')).toBe(true);
    expect(typeof Object.getPrototypeOf(connection).connectionReady).toBe('function');
    conn.close();

    const slow = await start({}, 300);
    const slowStart = Date.now();
    const late = await connectSmtp(slow.port);
    await expectReply(late, null, 220);
    // A lower bound only: the greeting cannot come before the configured delay.
    expect(Date.now() - slowStart).toBeGreaterThanOrEqual(290);
    late.close();
  });

  it('seam 2 and 8: the protocol log reaches the logger put in place, with every line in order', async () => {
    const { port, log, accepted } = await start();
    const conn = await connectSmtp(port);
    await expectReply(conn, null, 220);
    await expectReply(conn, 'EHLO seams.test', 250);
    await expectReply(conn, 'MAIL FROM:<a@lab.local>', 250);
    await expectReply(conn, 'RCPT TO:<b@lab.local>', 250);
    await expectReply(conn, 'DATA', 354);
    conn.write('Subject: x\r\n\r\nbody\r\n.\r\n');
    await expectReply(conn, null, 250);
    await expectReply(conn, 'QUIT', 221);
    const id = accepted[0]?.id;
    expect(log.every((e) => e.cid === id)).toBe(true);
    expect(log.map((e) => (e.kind === 'command' ? `C ${e.line.split(' ')[0]}` : e.kind === 'reply' ? `S ${e.payload.slice(0, 3)}` : `B ${e.bytes}`))).toEqual([
      'S 220',
      'C EHLO',
      'S 250',
      'C MAIL',
      'S 250',
      'C RCPT',
      'S 250',
      'C DATA',
      'S 354',
      'B 20',
      'S 250',
      'C QUIT',
      'S 221',
    ]);
  });

  it('seam 3, 4 and 5: the connection is found by id, its facts read, and its send() wrapped', async () => {
    let facts: ReturnType<typeof connectionFacts> | undefined;
    const { port } = await start({
      onConnect(this: SMTPServer, session, callback) {
        const connection = findConnection(this, session.id);
        expect(connection).toBeDefined();
        if (connection) {
          facts = connectionFacts(connection);
          wrapSend(connection, (send) => (code, data, context) => (code === 221 ? send(221, 'wrapped goodbye', false) : send(code, data, context)));
        }
        callback();
      },
    } as SMTPServerOptions);
    const conn = await connectSmtp(port);
    await expectReply(conn, null, 220);
    expect(facts).toMatchObject({ secure: false, remoteAddress: '127.0.0.1' });
    expect(typeof facts?.session.id).toBe('string');
    expect((await expectReply(conn, 'QUIT', 221)).text).toBe('221 wrapped goodbye');
  });

  it('seam 6: after the last reply the socket is destroyed at once, without waiting for the client', async () => {
    const { server, port, log } = await start();
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    await new Promise((resolve) => socket.once('data', resolve));
    const ended = new Promise<number>((resolve) => socket.once('end', () => resolve(Date.now())));
    const before = Date.now();
    socket.write('QUIT\r\n');
    await new Promise<void>((resolve) => {
      const check = () => (log.some((e) => e.kind === 'reply' && e.payload.startsWith('221')) ? resolve() : setTimeout(check, 5));
      check();
    });
    endPromptlyAfterLastReply(server, log[0]?.cid as string);
    expect((await ended) - before).toBeLessThan(1000);
    socket.destroy();
  });

  it('seam 7: closeWithin() sends open sessions 421 after the grace time', async () => {
    const { server, port } = await start();
    const conn = await connectSmtp(port);
    await expectReply(conn, null, 220);
    const closing = closeWithin(server, 50);
    expect((await conn.read()).code).toBe(421);
    await closing;
  });

  it('seam 9: the accept gate sees each raw socket first and hands it on', async () => {
    const { server, port, accepted } = await start();
    const seen: string[] = [];
    let held: (() => void) | undefined;
    gateAccept(server, (socket, pass) => {
      seen.push(socket.remoteAddress ?? '');
      held = pass;
    });
    const conn = await connectSmtp(port);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['127.0.0.1']);
    expect(accepted).toHaveLength(0);
    held?.();
    await expectReply(conn, null, 220);
    expect(accepted).toHaveLength(1);
    conn.close();
  });

  it('seam 10, 11 and 12: commands intercepted (not AUTH continuations), answered or handed on, the line logged once', async () => {
    const { port, created, log } = await start();
    const conn = await connectSmtp(port);
    await expectReply(conn, null, 220);
    const connection = created[0] as LabConnection;
    const verbs: string[] = [];
    interceptCommands(connection, ({ verb, proceed, done }) => {
      verbs.push(verb);
      if (verb === 'NOOP') {
        connection.send(250, 'intercepted');
        done();
        return true;
      }
      if (verb === 'EHLO') {
        setTimeout(proceed, 20);
        return true;
      }
      return false;
    });
    expect((await expectReply(conn, 'NOOP', 250)).text).toContain('intercepted');
    await expectReply(conn, 'EHLO seams.test', 250);
    await expectReply(conn, 'AUTH LOGIN', 334);
    await expectReply(conn, Buffer.from('user').toString('base64'), 334);
    expect(verbs).toEqual(['NOOP', 'EHLO', 'AUTH']);
    expect(log.filter((e) => e.kind === 'command' && e.line.startsWith('EHLO'))).toHaveLength(1);
    expect(log.filter((e) => e.kind === 'command' && e.line.startsWith('NOOP'))).toHaveLength(1);
    expect(connectionSocket(connection).remoteAddress).toBe('127.0.0.1');
    closeConnection(connection);
    await conn.closed();
  });

  it('seam 10: while nothing is wanted, the commands go straight to the library', async () => {
    const { port, created } = await start();
    const conn = await connectSmtp(port);
    await expectReply(conn, null, 220);
    const connection = created[0] as LabConnection;
    const verbs: string[] = [];
    let wanted = false;
    interceptCommands(
      connection,
      ({ verb }) => {
        verbs.push(verb);
        return false;
      },
      () => wanted,
    );
    await expectReply(conn, 'NOOP', 250);
    wanted = true;
    await expectReply(conn, 'RSET', 250);
    expect(verbs).toEqual(['RSET']);
    closeConnection(connection);
    await conn.closed();
  });
});
