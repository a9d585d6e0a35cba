// Turns smtp-server's protocol log into session records: every client line before any check,
// every reply, the body's size — exactly the dialogue, in order, including lines the library
// rejects. AUTH secrets are masked here whatever the library version already does. A session
// ends exactly once: at the server's last reply (221 or 421), or when the socket closes — and
// never before a mail it is still storing is in, so that a mail answered (or about to be
// answered) 250 always appears in its session.
import { randomBytes } from 'node:crypto';
import type { ExternalLogger, LogEntry } from 'nodemailer/lib/shared';
import type { SessionStore } from '../sessions/session-store.js';
import type { LineFault } from '../wire/faults.js';
import type { ListenerInfo, SessionEventKind, SessionState } from '../wire/sessions.js';
import { MASK, commandVerb, maskAuthCommand, parseReply } from './dialogue-text.js';
import { readProtocolLog, type AcceptedConnection } from './smtp-server-seams.js';

/** Longer lines are kept cut (RFC 5321 §4.5.3.1.4 allows 512 octets; junk can be longer). */
const MAX_LINE_TEXT = 2048;

export type OperationalLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/** Socket errors that are the client's business (it left, or reset), counted but not logged. */
const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

interface ConnectionState {
  /** The last reply was 334: the next client line is an AUTH continuation (RFC 4954 §4). */
  authContinuation: boolean;
  lastVerb: string;
  lastArgument: string;
  quitSeen: boolean;
  timedOut: boolean;
  serverClosed: boolean;
  storedBody?: { messageId: string; size: number };
  /** Mails being stored for this session; it ends after they are in. */
  storing: Set<Promise<unknown>>;
  /** The next reply is one a fault rule injected. */
  injected?: LineFault;
  /** A TLS handshake arrived on a plain listener: smtp-server splits its binary at any LF byte. */
  tlsHandshakeSeen: boolean;
}

export interface ConnectionCounters {
  accepted: number;
  /** Gone before the session could start (e.g. reset right after the TLS handshake). */
  deadOnArrival: number;
  /** Resets and aborted sockets during a session. */
  clientResets: number;
  /** TLS handshakes that failed (junk on the TLS port, a client that gave up). */
  tlsFailures: number;
}

export interface TranscriptDeps {
  sessions: SessionStore;
  listener: ListenerInfo;
  log: OperationalLog;
  /** The session's HELO name was accepted (it may name the session's inbox). */
  heloNoted(id: string): void;
  /** Whether the client had begun a mail (MAIL FROM accepted) and not finished it. */
  midTransaction(id: string): boolean;
  /** The server sent its last reply (221, 421): end the connection without waiting for the client. */
  lastReplySent(id: string): void;
}

export interface Transcript {
  logger: ExternalLogger;
  listener: ListenerInfo;
  counters: ConnectionCounters;
  opened(connection: AcceptedConnection): void;
  deadOnArrival(): void;
  /** The body of the current transaction became this mail (before the 250 reply is logged). */
  noteStored(id: string, messageId: string, size: number): void;
  /** A mail of this session is being stored; the session does not end before it settles. */
  storing(id: string, work: Promise<unknown>): void;
  noteEvent(id: string, event: Extract<SessionEventKind, 'tls' | 'data-incomplete'>, text: string): void;
  /** The socket closed (smtp-server's onClose). */
  closed(id: string, midTransaction: boolean): void;
  /** The server's `error` event: a failed TLS handshake or another listener-level error. */
  serverError(err: NodeJS.ErrnoException): void;
  /** The next reply of this session is one a fault rule injected (server/smtp/fault-injection.ts). */
  markNextReply(id: string, fault: LineFault): void;
  /** A fault rule acted without a reply of its own (a delay, a drop, a throttle, a broken handshake). */
  noteFault(id: string, fault: LineFault, text: string): void;
  /** A fault rule ended a connection before its SMTP session began: recorded as a session of its own. */
  faultBeforeSession(id: string, address: string, port: number, fault: LineFault, text: string): void;
}

function clip(text: string): string {
  return text.length <= MAX_LINE_TEXT ? text : `${text.slice(0, MAX_LINE_TEXT)}… (${text.length} characters)`;
}

/** A TLS record starts with content type 22 (handshake) and major version 3 (RFC 8446 §5.1). */
function isTlsHandshake(line: string): boolean {
  return line.charCodeAt(0) === 0x16 && line.charCodeAt(1) === 0x03;
}

/** Bytes no one types: C0 controls other than tab, DEL, and what did not decode as UTF-8. */
function isBinary(line: string): boolean {
  return /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/.test(line);
}

export function createTranscript(deps: TranscriptDeps): Transcript {
  const { sessions, listener, log } = deps;
  const connections = new Map<string, ConnectionState>();
  const counters: ConnectionCounters = { accepted: 0, deadOnArrival: 0, clientResets: 0, tlsFailures: 0 };

  function clientLine(id: string, state: ConnectionState, line: string): void {
    if (state.authContinuation) {
      // Whatever answers a 334 belongs to the AUTH exchange (smtp-server already logs it as
      // "/* secured */", so even a "*" cancel cannot be told apart here).
      sessions.append(id, { Dir: 'C', Text: MASK, Command: 'AUTH', Masked: true });
      state.authContinuation = false;
      return;
    }
    if (isTlsHandshake(line)) {
      state.lastVerb = 'TLS-HANDSHAKE';
      state.tlsHandshakeSeen = true;
      sessions.append(id, { Dir: 'C', Command: 'TLS-HANDSHAKE', Text: `<TLS handshake: ${line.length} bytes of binary data>`, Bytes: line.length });
      return;
    }
    if (state.tlsHandshakeSeen && isBinary(line)) {
      sessions.append(id, { Dir: 'C', Command: 'TLS-HANDSHAKE', Text: `<TLS handshake, continued: ${line.length} bytes of binary data>`, Bytes: line.length });
      return;
    }
    const verb = commandVerb(line);
    let text = line;
    let masked = false;
    if (verb === 'AUTH') ({ text, masked } = maskAuthCommand(line));
    if (verb === 'QUIT') state.quitSeen = true;
    state.lastVerb = verb;
    state.lastArgument = line.slice(verb.length).trim();
    sessions.append(id, { Dir: 'C', Text: clip(text), Command: verb, ...(masked ? { Masked: true } : {}) });
  }

  function serverReply(id: string, state: ConnectionState, payload: string): void {
    const { code, enhanced } = parseReply(payload);
    state.authContinuation = code === 334;
    if (code === 421) {
      state.serverClosed = true;
      if (/timeout/i.test(payload)) state.timedOut = true;
    }
    if (code === 250 && (state.lastVerb === 'EHLO' || state.lastVerb === 'HELO' || state.lastVerb === 'LHLO')) {
      sessions.noteHelo(id, clip(state.lastArgument));
      deps.heloNoted(id);
      state.lastVerb = '';
    }
    const fault = state.injected;
    state.injected = undefined;
    sessions.append(id, {
      Dir: 'S',
      Text: clip(payload.replace(/\r\n/g, '\n')),
      ...(code !== undefined ? { Code: code } : {}),
      ...(enhanced ? { Enhanced: enhanced } : {}),
      ...(fault ? { Fault: fault } : {}),
    });
    // The dialogue is over once the server said goodbye or gave up (RFC 5321 §4.1.1.10, §3.8).
    if (code === 221 || code === 421) {
      deps.lastReplySent(id);
      finishWhenStored(id, deps.midTransaction(id));
    }
  }

  function bodyReceived(id: string, state: ConnectionState, bytes: number): void {
    const stored = state.storedBody;
    state.storedBody = undefined;
    sessions.append(id, {
      Dir: 'C',
      Command: 'DATA-BODY',
      Text: `<${bytes} bytes of message data>`,
      Bytes: bytes,
      ...(stored ? { MessageID: stored.messageId } : {}),
    });
  }

  function ending(state: ConnectionState, midTransaction: boolean): { state: Exclude<SessionState, 'open'>; text: string } {
    // Leaving without QUIT between transactions loses nothing (many clients, nodemailer
    // among them, just close); leaving in the middle of one abandons that mail.
    if (state.timedOut) return { state: 'timed-out', text: 'idle timeout: the server closed the connection' };
    if (state.quitSeen) return { state: 'closed', text: 'connection closed after QUIT' };
    if (midTransaction) {
      return {
        state: 'aborted',
        text: state.serverClosed
          ? 'the server closed the connection in the middle of a mail transaction; that mail was not accepted'
          : 'the client left in the middle of a mail transaction; that mail was not accepted',
      };
    }
    if (state.serverClosed) return { state: 'closed', text: 'the server closed the connection' };
    return { state: 'closed', text: 'the client closed the connection without QUIT (RFC 5321 §4.1.1.10 asks for QUIT; nothing was lost)' };
  }

  function finishNow(id: string, midTransaction: boolean): void {
    const state = connections.get(id);
    if (!state) return;
    connections.delete(id);
    const end = ending(state, midTransaction);
    sessions.finish(id, end.state, { Dir: 'E', Event: end.state === 'closed' ? 'closed' : end.state, Text: end.text });
  }

  function finishWhenStored(id: string, midTransaction: boolean): void {
    const state = connections.get(id);
    if (!state) return;
    if (state.storing.size === 0) {
      finishNow(id, midTransaction);
      return;
    }
    // A body already in is being written; its 250 (or 451) belongs to this session.
    void Promise.allSettled([...state.storing]).then(() => finishWhenStored(id, false));
  }

  /**
   * A handshake that failed on the implicit-TLS port never reached SMTP, so the library has no
   * session for it; a student who typed plain text at 1465, or whose client refused the lab's
   * certificate, still finds the attempt, explained. A client that merely left is not recorded.
   */
  function recordFailedHandshake(err: NodeJS.ErrnoException & { meta?: { stage?: string; remoteAddress?: string; message?: string } }): void {
    const address = err.meta?.remoteAddress;
    if (err.meta?.stage !== 'connect' || !address || err.code === 'SocketError') return;
    // OpenSSL's "…:SSL routines:ssl3_get_record:wrong version number:file:line": its reason alone.
    const raw = err.meta.message ?? err.message;
    const detail = /SSL routines:[^:]*:([^:\n]+)/.exec(raw)?.[1] ?? raw.split('\n')[0] ?? raw;
    const why = /certificate|unknown ca|bad certificate|alert/i.test(detail)
      ? "the client refused the lab's certificate (it is self-signed: tell the client to trust it)"
      : 'the client did not start with TLS: this port expects TLS from the first byte, as 465 does';
    const id = `tls-${randomBytes(6).toString('hex')}`;
    sessions.open({ id, clientAddress: address, clientPort: 0, listener });
    sessions.append(id, {
      Dir: 'E',
      Event: 'connected',
      Text: `${address} connected to ${listener.Name} (port ${listener.Port}, ${listener.Security}, profile ${listener.Profile})`,
    });
    sessions.append(id, { Dir: 'E', Event: 'tls-failed', Text: `the TLS handshake failed (${clip(detail)}): ${why}` });
    sessions.finish(id, 'closed', { Dir: 'E', Event: 'closed', Text: 'the server closed the connection' });
  }

  const logger: ExternalLogger = {
    debug(entry: LogEntry | undefined, _format?: string, ...args: unknown[]) {
      const read = readProtocolLog(entry, args);
      if (!read) return;
      // Entries of a connection that ended (or was never recorded) are not part of any session.
      const state = connections.get(read.cid);
      if (!state) return;
      if (read.kind === 'command') clientLine(read.cid, state, read.line);
      else if (read.kind === 'reply') serverReply(read.cid, state, read.payload);
      else bodyReceived(read.cid, state, read.bytes);
    },
    info() {
      // Connection and TLS notices: the hooks record those with more detail.
    },
    warn() {},
    trace() {},
    error(entry: LogEntry | undefined, _format?: string, ...args: unknown[]) {
      const err = entry?.err as NodeJS.ErrnoException | undefined;
      if (err?.code && CLIENT_GONE.has(err.code)) {
        counters.clientResets++;
        return;
      }
      log('warn', `smtp ${listener.Name}: ${err?.message ?? String(args.at(-1) ?? 'error')}`);
    },
    fatal(entry: LogEntry | undefined) {
      log('error', `smtp ${listener.Name}: ${String((entry?.err as Error | undefined)?.message ?? 'fatal error')}`);
    },
  };

  return {
    logger,
    listener,
    counters,
    opened({ id, remoteAddress, remotePort }) {
      counters.accepted++;
      connections.set(id, {
        authContinuation: false,
        lastVerb: '',
        lastArgument: '',
        quitSeen: false,
        timedOut: false,
        serverClosed: false,
        storing: new Set(),
        tlsHandshakeSeen: false,
      });
      sessions.open({ id, clientAddress: remoteAddress, clientPort: remotePort, listener });
      sessions.append(id, {
        Dir: 'E',
        Event: 'connected',
        Text: `${remoteAddress}:${remotePort} connected to ${listener.Name} (port ${listener.Port}, ${listener.Security}, profile ${listener.Profile})`,
      });
    },
    deadOnArrival() {
      counters.deadOnArrival++;
    },
    noteStored(id, messageId, size) {
      const state = connections.get(id);
      if (state) state.storedBody = { messageId, size };
      sessions.noteStored(id, messageId, size);
    },
    storing(id, work) {
      const state = connections.get(id);
      if (!state) return;
      state.storing.add(work);
      void work.finally(() => state.storing.delete(work)).catch(() => undefined);
    },
    noteEvent(id, event, text) {
      sessions.append(id, { Dir: 'E', Event: event, Text: text });
    },
    markNextReply(id, fault) {
      const state = connections.get(id);
      if (state) state.injected = fault;
    },
    noteFault(id, fault, text) {
      if (connections.has(id)) sessions.append(id, { Dir: 'E', Event: 'fault', Text: text, Fault: fault });
    },
    faultBeforeSession(id, address, port, fault, text) {
      sessions.open({ id, clientAddress: address, clientPort: port, listener });
      sessions.append(id, {
        Dir: 'E',
        Event: 'connected',
        Text: `${address}:${port} connected to ${listener.Name} (port ${listener.Port}, ${listener.Security}, profile ${listener.Profile})`,
      });
      sessions.append(id, { Dir: 'E', Event: 'fault', Text: text, Fault: fault });
      sessions.finish(id, 'closed', { Dir: 'E', Event: 'closed', Text: 'the server closed the connection' });
    },
    closed(id, midTransaction) {
      finishWhenStored(id, midTransaction);
    },
    serverError(err) {
      const tlsFailure = /SSL|TLS|handshake|wrong version|certificate/i.test(`${err.code ?? ''} ${err.message}`);
      if (tlsFailure) {
        counters.tlsFailures++;
        recordFailedHandshake(err as NodeJS.ErrnoException & { meta?: { stage?: string; remoteAddress?: string; message?: string } });
      } else if (err.code && CLIENT_GONE.has(err.code)) counters.clientResets++;
      else log('warn', `smtp ${listener.Name}: ${err.message}`);
    },
  };
}
