// Turns smtp-server's protocol log into session records. At `debug` the library logs every
// client line before any check (`tnx: 'command'`), every reply (`tnx: 'send'`) and the body's
// size (`tnx: 'data'`), each with the connection id: exactly the dialogue, in order, including
// lines it rejects. AUTH secrets are masked here whatever the library version already does.
import type { ExternalLogger, LogEntry } from 'nodemailer/lib/shared';
import type { SessionStore } from '../sessions/session-store.js';
import type { ListenerInfo, SessionRecord, SessionState } from '../sessions/wire-types.js';
import { MASK, commandVerb, maskAuthCommand, parseReply } from './dialogue-text.js';

/** Longer lines are kept cut (RFC 5321 §4.5.3.1.4 allows 512 octets; junk can be longer). */
const MAX_LINE_TEXT = 2048;

export type OperationalLog = (level: 'info' | 'warn' | 'error', message: string) => void;

interface ConnectionState {
  record: SessionRecord;
  /** The last reply was 334: the next client line is an AUTH continuation (RFC 4954 §4). */
  authContinuation: boolean;
  lastVerb: string;
  lastArgument: string;
  quitSeen: boolean;
  timedOut: boolean;
  serverClosed: boolean;
  storedBody?: { messageId: string; size: number };
}

export interface Transcript {
  logger: ExternalLogger;
  listener: ListenerInfo;
  connection(id: string): ConnectionState;
  /** The body of the current transaction became this mail (before the 250 reply is logged). */
  noteStored(id: string, messageId: string, size: number): void;
  noteEvent(id: string, event: 'connected' | 'tls' | 'data-incomplete', text: string): void;
  /** `midTransaction`: the client had begun a mail (MAIL FROM accepted) and not finished it. */
  finish(id: string, midTransaction: boolean): SessionState;
}

function clip(text: string): string {
  return text.length <= MAX_LINE_TEXT ? text : `${text.slice(0, MAX_LINE_TEXT)}… (${text.length} characters)`;
}

export function createTranscript(sessions: SessionStore, listener: ListenerInfo, log: OperationalLog): Transcript {
  const connections = new Map<string, ConnectionState>();

  function connection(id: string): ConnectionState {
    let state = connections.get(id);
    if (!state) {
      state = {
        record: sessions.live(id, listener),
        authContinuation: false,
        lastVerb: '',
        lastArgument: '',
        quitSeen: false,
        timedOut: false,
        serverClosed: false,
      };
      connections.set(id, state);
    }
    return state;
  }

  function clientLine(id: string, line: string): void {
    const state = connection(id);
    if (state.authContinuation) {
      // Whatever answers a 334 belongs to the AUTH exchange (smtp-server already logs it as
      // "/* secured */", so even a "*" cancel cannot be told apart here).
      sessions.append(state.record, { Dir: 'C', Text: MASK, Command: 'AUTH', Masked: true });
      state.authContinuation = false;
      return;
    }
    const verb = commandVerb(line);
    let text = line;
    let masked = false;
    if (verb === 'AUTH') ({ text, masked } = maskAuthCommand(line));
    if (verb === 'QUIT') state.quitSeen = true;
    state.lastVerb = verb;
    state.lastArgument = line.slice(verb.length).trim();
    sessions.append(state.record, { Dir: 'C', Text: clip(text), Command: verb, ...(masked ? { Masked: true } : {}) });
  }

  function serverReply(id: string, payload: string): void {
    const state = connection(id);
    const { code, enhanced } = parseReply(payload);
    state.authContinuation = code === 334;
    if (code === 421) {
      state.serverClosed = true;
      if (/timeout/i.test(payload)) state.timedOut = true;
    }
    if (code === 250 && (state.lastVerb === 'EHLO' || state.lastVerb === 'HELO' || state.lastVerb === 'LHLO')) {
      state.record.Helo = clip(state.lastArgument);
      state.lastVerb = '';
    }
    sessions.append(state.record, {
      Dir: 'S',
      Text: clip(payload.replace(/\r\n/g, '\n')),
      ...(code !== undefined ? { Code: code } : {}),
      ...(enhanced ? { Enhanced: enhanced } : {}),
    });
  }

  function bodyReceived(id: string, bytes: number): void {
    const state = connection(id);
    const stored = state.storedBody;
    state.storedBody = undefined;
    sessions.append(state.record, {
      Dir: 'C',
      Command: 'DATA-BODY',
      Text: `<${bytes} bytes of message data>`,
      Bytes: bytes,
      ...(stored ? { MessageID: stored.messageId } : {}),
    });
  }

  const logger: ExternalLogger = {
    debug(entry: LogEntry | undefined, _format?: string, ...args: unknown[]) {
      const cid = entry?.cid;
      if (typeof cid !== 'string') return;
      switch (entry?.tnx) {
        case 'command':
          clientLine(cid, String(args[0] ?? ''));
          break;
        case 'send':
          serverReply(cid, String(args[0] ?? ''));
          break;
        case 'data':
          bodyReceived(cid, Number(entry.bytes) || 0);
          break;
      }
    },
    info() {
      // Connection and TLS notices: the hooks record those with more detail.
    },
    warn() {},
    trace() {},
    error(entry: LogEntry | undefined, _format?: string, ...args: unknown[]) {
      const err = entry?.err as NodeJS.ErrnoException | undefined;
      // A client resetting its connection is the client's business, not an operator's.
      if (err?.code === 'ECONNRESET' || err?.code === 'EPIPE' || err?.code === 'ECONNABORTED') return;
      log('warn', `smtp ${listener.Name}: ${err?.message ?? String(args.at(-1) ?? 'error')}`);
    },
    fatal(entry: LogEntry | undefined) {
      log('error', `smtp ${listener.Name}: ${String((entry?.err as Error | undefined)?.message ?? 'fatal error')}`);
    },
  };

  return {
    logger,
    listener,
    connection,
    noteStored(id, messageId, size) {
      connection(id).storedBody = { messageId, size };
    },
    noteEvent(id, event, text) {
      sessions.append(connection(id).record, { Dir: 'E', Event: event, Text: text });
    },
    finish(id, midTransaction) {
      const state = connection(id);
      connections.delete(id);
      // Leaving without QUIT between transactions loses nothing (many clients, nodemailer
      // among them, just close); leaving in the middle of one abandons that mail.
      let ending: SessionState;
      let text: string;
      if (state.timedOut) {
        ending = 'timed-out';
        text = 'idle timeout: the server closed the connection';
      } else if (state.quitSeen) {
        ending = 'closed';
        text = 'connection closed after QUIT';
      } else if (state.serverClosed) {
        ending = 'closed';
        text = 'the server closed the connection';
      } else if (midTransaction) {
        ending = 'aborted';
        text = 'the client left in the middle of a mail transaction; that mail was not accepted';
      } else {
        ending = 'closed';
        text = 'the client closed the connection without QUIT (RFC 5321 §4.1.1.10 asks for QUIT; nothing was lost)';
      }
      sessions.append(state.record, { Dir: 'E', Event: ending === 'closed' ? 'closed' : ending, Text: text });
      sessions.finish(state.record, ending);
      return ending;
    },
  };
}
