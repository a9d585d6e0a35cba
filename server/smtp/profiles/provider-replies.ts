// Verbatim provider replies on top of smtp-server. The library writes most replies itself
// ("250 Accepted", "354 End data with ...", its EHLO list) and turns an application's error into
// ONE line, while a provider's replies have their own texts and some span lines (Gmail's
// 534-5.7.9 … / 534 5.7.9 …). A shaper therefore wraps each connection's `send()` (the
// library's single write site; a seam in smtp-server-seams.ts) right before the greeting, and:
// - gives a reply the profile rejected with (`fail()`) its lines, exactly as the profile wrote
//   them: the library's callback path still runs (the handler's callback, then send), so the
//   connection's state (pending handler, parser, envelope) stays the library's own;
// - lets the profile rewrite the library's replies (greeting, EHLO, 235, 250, 354, 221, ...).
// Provider profiles hide smtp-server's enhanced codes and write RFC 3463 codes in their lines.
import type { SMTPServer, SMTPServerSession } from 'smtp-server';
import { SmtpReplyError } from '../reply-error.js';
import { connectionFacts, findConnection, wrapSend, type SendFunction } from '../smtp-server-seams.js';

/** A reply as the library is about to send it: `text` an array for a multi-line reply (EHLO). */
export interface LibraryReply {
  code: number;
  text: string | string[] | null | undefined;
  /** What the library passes for its enhanced-code choice: false for greeting/EHLO, else a context or a command name. */
  context: string | false | undefined;
}

/** A provider's reply: its code and its lines without the code (RFC 5321 §4.2: "534-" / "534 " are added). */
export interface ProviderReply {
  code: number;
  lines: string[];
}

export interface ConnectionFacts {
  session: SMTPServerSession;
  /** TLS is up (implicit, or after STARTTLS). */
  secure: boolean;
  remoteAddress: string;
  /** The listener's SIZE limit (RFC 1870), for the EHLO reply. */
  maxSize: number;
}

export type ReplyRewrite = (reply: LibraryReply, facts: ConnectionFacts) => ProviderReply | undefined;

/** An error reply with several lines; smtp-server alone would send `message` as one line. */
export class ProviderReplyError extends SmtpReplyError {
  constructor(
    responseCode: number,
    readonly lines: string[],
  ) {
    super(responseCode, lines.join(' '));
    this.name = 'ProviderReplyError';
  }
}

export interface ReplyShaper {
  /** smtp-server's onConnect hook (a profile puts it in its serverOptions). */
  onConnect(this: SMTPServer, session: SMTPServerSession, callback: (err?: Error | null) => void): void;
  /** The error a hook rejects with to send this reply, lines verbatim. */
  fail(session: SMTPServerSession, code: number, lines: string[]): ProviderReplyError;
}

export function createReplyShaper(rewrite: ReplyRewrite): ReplyShaper {
  // The error each session's hook rejected with, until the library sends it.
  const pending = new WeakMap<SMTPServerSession, ProviderReplyError>();

  return {
    onConnect(session, callback) {
      const connection = findConnection(this, session.id);
      const maxSize = Number(this.options.size) || 0;
      if (connection) {
        wrapSend(connection, (send: SendFunction): SendFunction => (code, data, context) => {
          const facts = connectionFacts(connection);
          const failure = pending.get(facts.session);
          if (failure && failure.responseCode === code && failure.message === data) {
            pending.delete(facts.session);
            send(code, failure.lines, false);
            return;
          }
          // 421 closes the connection inside send(); it is never re-coded, so that stays true.
          const replaced = code === 421 ? undefined : rewrite({ code, text: data, context }, { ...facts, maxSize });
          if (replaced) send(replaced.code, replaced.lines, false);
          else send(code, data, context);
        });
      }
      callback();
    },
    fail(session, code, lines) {
      const error = new ProviderReplyError(code, lines);
      pending.set(session, error);
      return error;
    },
  };
}
