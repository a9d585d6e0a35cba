// A raw, line-by-line SMTP client for tests: send exactly the bytes a test wants and read each
// reply as the server sent it (multi-line replies gathered, RFC 5321 §4.2.1).
import net from 'node:net';
import tls from 'node:tls';
import { expect, onTestFinished } from 'vitest';
import { createReplyReader, type SmtpReply } from '../../server/wire/smtp-replies.js';

export type Reply = SmtpReply;

export interface SmtpConnection {
  /** The next complete reply; rejects when the connection closes first or after timeoutMs. */
  read(timeoutMs?: number): Promise<Reply>;
  /** Sends a line (CRLF added). */
  send(line: string): void;
  /** Sends bytes as they are. */
  write(data: string | Buffer): void;
  /** Upgrades to TLS after a 220 reply to STARTTLS (RFC 3207). */
  startTls(options?: tls.ConnectionOptions): Promise<void>;
  /** Resolves when the server has closed the connection. */
  closed(): Promise<void>;
  isClosed(): boolean;
  close(): void;
  destroy(): void;
  socket(): net.Socket;
}

export interface ConnectOptions {
  tls?: boolean | tls.ConnectionOptions;
  host?: string;
}

export async function connectSmtp(port: number, options: ConnectOptions = {}): Promise<SmtpConnection> {
  const host = options.host ?? '127.0.0.1';
  let socket: net.Socket = await new Promise((resolve, reject) => {
    const s: net.Socket = options.tls
      ? tls.connect({ host, port, rejectUnauthorized: false, ...(typeof options.tls === 'object' ? options.tls : {}) }, () => resolve(s))
      : net.connect({ host, port }, () => resolve(s));
    s.once('error', reject);
  });
  let isClosed = false;
  const replies: Reply[] = [];
  const waiters: Array<{ resolve: (r: Reply) => void; reject: (e: Error) => void }> = [];
  const closeWaiters: Array<() => void> = [];
  const reader = createReplyReader((reply) => {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(reply);
    else replies.push(reply);
  });
  const onData = (chunk: Buffer) => reader.push(chunk.toString('utf8'));
  const onClose = () => {
    isClosed = true;
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`connection closed before a reply (buffer: ${JSON.stringify(reader.rest())})`));
    for (const done of closeWaiters.splice(0)) done();
  };
  const attach = (s: net.Socket) => {
    s.on('data', onData);
    s.on('close', onClose);
    s.on('error', () => undefined);
  };
  attach(socket);

  const connection: SmtpConnection = {
    read(timeoutMs = 5000) {
      const ready = replies.shift();
      if (ready) return Promise.resolve(ready);
      if (isClosed) return Promise.reject(new Error('connection is closed'));
      return new Promise<Reply>((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.findIndex((w) => w.resolve === done);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`no reply within ${timeoutMs} ms (buffer: ${JSON.stringify(reader.rest())})`));
        }, timeoutMs);
        const done = (reply: Reply) => {
          clearTimeout(timer);
          resolve(reply);
        };
        waiters.push({
          resolve: done,
          reject: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        });
      });
    },
    send(line) {
      socket.write(line + '\r\n');
    },
    write(data) {
      socket.write(data);
    },
    async startTls(tlsOptions = {}) {
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket = await new Promise<net.Socket>((resolve, reject) => {
        const secure = tls.connect({ socket, rejectUnauthorized: false, servername: 'localhost', ...tlsOptions }, () => resolve(secure));
        secure.once('error', reject);
      });
      attach(socket);
    },
    closed() {
      if (isClosed) return Promise.resolve();
      return new Promise((resolve) => closeWaiters.push(resolve));
    },
    isClosed: () => isClosed,
    close() {
      socket.end();
    },
    destroy() {
      socket.destroy();
    },
    socket: () => socket,
  };
  onTestFinished(() => connection.destroy());
  return connection;
}

/** Sends one line and asserts the reply code; returns the reply. */
export async function expectReply(conn: SmtpConnection, line: string | null, code: number): Promise<Reply> {
  if (line !== null) conn.send(line);
  const reply = await conn.read();
  expect(reply.code, `reply to ${JSON.stringify(line)}: ${reply.text}`).toBe(code);
  return reply;
}

/** Greeting, EHLO: the usual opening. */
export async function openSession(port: number, options: ConnectOptions = {}, helo = 'client.test'): Promise<SmtpConnection> {
  const conn = await connectSmtp(port, options);
  await expectReply(conn, null, 220);
  await expectReply(conn, `EHLO ${helo}`, 250);
  return conn;
}

export interface TransactionOptions {
  from?: string;
  to?: string[];
  /** The message as sent after 354, without the final dot line. */
  data?: string;
}

/** MAIL FROM, RCPT TO, DATA, the body and its dot; returns the id in "250 … queued as <id>". */
export async function sendTransaction(conn: SmtpConnection, options: TransactionOptions = {}): Promise<string> {
  await expectReply(conn, `MAIL FROM:<${options.from ?? 'a@lab.local'}>`, 250);
  for (const rcpt of options.to ?? ['b@lab.local']) await expectReply(conn, `RCPT TO:<${rcpt}>`, 250);
  await expectReply(conn, 'DATA', 354);
  conn.write(`${options.data ?? 'Subject: test\r\n\r\nbody\r\n'}.\r\n`);
  const queued = await expectReply(conn, null, 250);
  return /queued as (\S+)/.exec(queued.text)?.[1] ?? '';
}
