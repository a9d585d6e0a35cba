// Every use of smtp-server beyond its documented options and hooks lives here, and only here:
// the library gives no hook at accept time, no greeting-delay setting, no way to rewrite a
// reply, and its protocol log is the only complete record of the dialogue. Each seam names the
// internal it relies on; test/server/smtp/smtp-server-seams.test.ts checks every one against the
// installed version, so an update that moves one fails loudly there instead of quietly here.
// package.json pins smtp-server to the minor version these seams were written for.
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import type { ExternalLogger, LogEntry } from 'nodemailer/lib/shared';

type Connection = SMTPServer['connections'] extends Set<infer C> ? C : never;
type AnySocket = Socket | TLSSocket;

export interface AcceptedConnection {
  id: string;
  remoteAddress: string;
  remotePort: number;
  socket: AnySocket;
}

export interface AcceptHooks {
  /** A connection reached SMTP; called before the library sends anything on it. */
  accepted(connection: AcceptedConnection): void;
  /**
   * The peer was gone before the session could start (e.g. a TCP reset right after the TLS
   * handshake): no session is recorded and the socket is destroyed, so it holds no slot.
   */
  deadOnArrival(): void;
  /** The library made its connection object for an accepted socket (nothing sent on it yet). */
  created?(connection: Connection): void;
}

/**
 * Seam 1 — `SMTPServer.prototype.connect(socket, socketOptions)`: called once per connection
 * with the connection id in `socketOptions.id`, after the implicit-TLS handshake, before
 * `SMTPConnection.init()`; and `connection.connectionReady()`, which `init()` arms on a fixed
 * 100 ms timer that reads the property when it fires.
 */
class LabSmtpServer extends SMTPServer {
  constructor(
    options: SMTPServerOptions,
    private readonly greetingDelayMs: number,
    private readonly hooks: AcceptHooks,
  ) {
    super(options);
  }

  override connect(socket: AnySocket, socketOptions?: Parameters<SMTPServer['connect']>[1]): void {
    const id = socketOptions?.id;
    // A socket whose peer already reset has no address; the library would never see its
    // 'close' and would keep the connection (and a maxClients slot) forever.
    if (socket.destroyed || !socket.remoteAddress || typeof id !== 'string') {
      socket.on('error', () => undefined);
      socket.destroy();
      this.hooks.deadOnArrival();
      return;
    }
    this.hooks.accepted({ id, remoteAddress: socket.remoteAddress, remotePort: socket.remotePort ?? 0, socket });
    // After a reset the library only ends the socket and waits for a FIN that never comes (up to
    // its 5 s half-close deadline, or the idle timeout for a TLS socket); a reset socket is gone.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.code === 'ECONNABORTED') socket.destroy();
    });
    // Node ends our side when the client's FIN arrives (allowHalfOpen is off), but a TLS socket
    // whose peer then resets can stay neither readable nor writable and never close.
    socket.on('end', () =>
      setImmediate(() => {
        if (!socket.destroyed && !socket.writable) socket.destroy();
      }),
    );
    super.connect(socket, socketOptions);
    const connection = findConnection(this, id);
    if (!connection) return;
    this.hooks.created?.(connection);
    const ready = connection.connectionReady.bind(connection);
    connection.connectionReady = () => undefined;
    setTimeout(() => ready(), this.greetingDelayMs).unref();
  }
}

export function createLabSmtpServer(options: SMTPServerOptions, greetingDelayMs: number, hooks: AcceptHooks): SMTPServer {
  return new LabSmtpServer(options, greetingDelayMs, hooks);
}

/**
 * Seam 2 — `server.logger`: the library wraps the `logger` option in nodemailer's getLogger,
 * which copies every entry into a new object (a cost on every line of every dialogue);
 * connections read `server.logger` at each call, so the transcript takes its place directly.
 */
export function useProtocolLogger(server: SMTPServer, logger: ExternalLogger): void {
  server.logger = logger as SMTPServer['logger'];
}

/** Seam 3 — `server.connections`: the live SMTPConnection objects, by id. */
export function findConnection(server: SMTPServer, id: string): Connection | undefined {
  for (const connection of server.connections) if (connection.id === id) return connection;
  return undefined;
}

export type SendFunction = (code: number, data?: string | string[] | null, context?: string | false) => void;

/**
 * Seam 4 — `connection.send(code, data, context)`: the single write site of every reply. A
 * profile that words replies as a provider does wraps it for one connection.
 */
export function wrapSend(connection: Connection, wrap: (original: SendFunction) => SendFunction): void {
  const original: SendFunction = connection.send.bind(connection);
  connection.send = wrap(original);
}

export interface ConnectionFacts {
  session: SMTPServerSession;
  secure: boolean;
  remoteAddress: string;
}

/** Seam 5 — `connection.secure`, `connection.remoteAddress`, `connection.session`. */
export function connectionFacts(connection: Connection): ConnectionFacts {
  return { session: connection.session, secure: connection.secure, remoteAddress: connection.remoteAddress };
}

/**
 * Seam 6 — after a 221 or 421 the library ends the socket and then waits up to 5 s for the
 * client's half-close (so `nc` hangs); the dialogue is over, so the socket is destroyed as soon
 * as the last reply is flushed (`connection._socket`).
 */
export function endPromptlyAfterLastReply(server: SMTPServer, id: string): void {
  const socket = findConnection(server, id)?._socket;
  if (!socket || socket.destroyed) return;
  if (socket.writableFinished) socket.destroy();
  else socket.once('finish', () => socket.destroy());
}

/** Seam 7 — `server.options.closeTimeout`, read by close(); 0 there means the 30 s default. */
export function closeWithin(server: SMTPServer, graceMs: number): Promise<void> {
  server.options.closeTimeout = Math.max(1, graceMs);
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

export type ProtocolLogEntry =
  { kind: 'command'; cid: string; line: string } | { kind: 'reply'; cid: string; payload: string } | { kind: 'body'; cid: string; bytes: number };

/**
 * Seam 8 — the protocol log at `debug`: `{tnx:'command', cid}` with the client line before any
 * check, `{tnx:'send', cid}` with each reply (a multi-line reply is one entry), and
 * `{tnx:'data', cid, bytes}` when the body's reply is decided.
 */
export function readProtocolLog(entry: LogEntry | undefined, args: unknown[]): ProtocolLogEntry | undefined {
  const cid = entry?.cid;
  if (typeof cid !== 'string') return undefined;
  switch (entry?.tnx) {
    case 'command':
      return { kind: 'command', cid, line: String(args[0] ?? '') };
    case 'send':
      return { kind: 'reply', cid, payload: String(args[0] ?? '') };
    case 'data':
      return typeof entry.bytes === 'number' && !('size' in entry) ? { kind: 'body', cid, bytes: entry.bytes } : undefined;
    default:
      return undefined;
  }
}

export type LabConnection = Connection;

/**
 * Seam 9 — the net server's `connection` listener, which smtp-server adds in its constructor and
 * which starts the implicit-TLS handshake or the session. `gate` decides, per raw socket, before
 * any byte is read or written: `pass()` hands the socket on as the library would have got it.
 */
export function gateAccept(server: SMTPServer, gate: (socket: Socket, pass: () => void) => void): void {
  const net = server.server;
  const handlers = net.listeners('connection') as Array<(socket: Socket) => void>;
  net.removeAllListeners('connection');
  net.on('connection', (socket: Socket) => gate(socket, () => handlers.forEach((handler) => handler.call(net, socket))));
}

/** A client command as the connection is about to handle it. */
export interface PendingCommand {
  verb: string;
  line: string;
  /** Lets the library handle it, as it would have. */
  proceed(): void;
  /** The command was answered here (or the connection dropped): the parser may read on. */
  done(): void;
}

/**
 * Seam 10 — `connection._onCommand(command, callback)`, the parser's one entry for every client
 * line outside DATA: `intercept` sees commands only (not AUTH continuations — `_nextHandler` —,
 * nothing before the greeting — `_ready` —, nothing during a TLS upgrade — `_upgrading` —), and
 * logs the line itself (the library's `tnx: 'command'` entry) when it answers without the library.
 * `wanted` is asked first, so that a connection nothing could intercept pays no parsing per line.
 */
export function interceptCommands(connection: Connection, intercept: (command: PendingCommand) => boolean, wanted: () => boolean = () => true): void {
  const original = connection._onCommand.bind(connection);
  connection._onCommand = (command: Buffer, callback?: () => void) => {
    const c = connection as Connection & { _nextHandler?: unknown; _ready?: boolean; _upgrading?: boolean; _closing?: boolean };
    if (!wanted() || c._nextHandler || !c._ready || c._upgrading || c._closing) return original(command, callback);
    const line = (command ?? '').toString();
    const verb = (line.split(' ')[0] ?? '').toUpperCase();
    const server = connection._server;
    const handled = intercept({
      verb,
      line,
      // The line is in the transcript already: the library's own entry for it is left out.
      proceed: () => {
        const logger = server.logger;
        let skipped = false;
        server.logger = Object.assign(Object.create(logger) as typeof logger, {
          debug(entry: LogEntry | undefined, ...args: unknown[]) {
            if (!skipped && entry?.tnx === 'command' && entry.cid === connection.id) skipped = true;
            else (logger.debug as (...a: unknown[]) => void)(entry, ...args);
          },
        });
        try {
          original(command, callback);
        } finally {
          server.logger = logger;
        }
      },
      done: () => callback?.(),
    });
    if (!handled) return original(command, callback);
    server.logger.debug({ tnx: 'command', cid: connection.id, command: verb }, 'C:', line);
  };
}

/** Seam 11 — `connection._socket`: the socket replies are written to (the TLS one after STARTTLS). */
export function connectionSocket(connection: Connection): AnySocket {
  return connection._socket as AnySocket;
}

/** Seam 12 — `connection.close()`: the library's own end of a session (ends the socket, stops parsing). */
export function closeConnection(connection: Connection): void {
  connection.close();
}
