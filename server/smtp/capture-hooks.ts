// smtp-server's hooks for a capturing listener: tell the session store what was agreed (TLS, AUTH
// user, envelope), ask the profile what to accept, and store each message body.
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { SMTPServerOptions, SMTPServerSession } from 'smtp-server';
import type { InboxAssigner } from '../inboxes/inbox-assigner.js';
import type { Mailbox } from '../mailbox/mailbox.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { ListenerProfile } from './profiles/profile.js';
import { SmtpReplyError } from './reply-error.js';
import type { FaultInjection, GateResult } from './fault-injection.js';
import type { AcceptedConnection } from './smtp-server-seams.js';
import type { OperationalLog, Transcript } from './transcript.js';

export interface CaptureDeps {
  sessions: SessionStore;
  mailbox: Mailbox;
  profile: ListenerProfile;
  transcript: Transcript;
  log: OperationalLog;
  /** The fault rules at the hooks' stages (AUTH, MAIL FROM, RCPT TO, the body's reply). */
  faults: Pick<FaultInjection, 'gate'>;
  inboxes: InboxAssigner;
}

type ServerHooks = Required<Pick<SMTPServerOptions, 'onSecure' | 'onAuth' | 'onMailFrom' | 'onRcptTo' | 'onData' | 'onClose'>>;

export interface CaptureHooks {
  serverHooks: ServerHooks;
  accepted(connection: AcceptedConnection): void;
}

function describeTls(socket: Socket | TLSSocket): { Protocol: string; Cipher: string } | null {
  if (!(socket instanceof TLSSocket) || !socket.encrypted) return null;
  return { Protocol: socket.getProtocol() ?? 'TLS', Cipher: socket.getCipher()?.name ?? '' };
}

function asReplyError(err: unknown, fallbackCode: number): Error & { responseCode: number } {
  if (err instanceof SmtpReplyError) return err;
  return new SmtpReplyError(fallbackCode, 'Requested action aborted: local error in processing');
}

export function createCaptureHooks(deps: CaptureDeps): CaptureHooks {
  const { sessions, mailbox, profile, transcript, log, faults, inboxes } = deps;

  function recordTls(sessionId: string, socket: Socket | TLSSocket): void {
    const tls = describeTls(socket);
    if (tls && sessions.noteTls(sessionId, tls)) {
      transcript.noteEvent(sessionId, 'tls', `TLS established: ${tls.Protocol}, ${tls.Cipher}`);
    }
  }

  function captureBody(stream: Parameters<ServerHooks['onData']>[0], session: SMTPServerSession, callback: Parameters<ServerHooks['onData']>[2]): void {
    const chunks: Buffer[] = [];
    let received = 0;
    let overflow = false;
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (overflow) return;
      if (stream.sizeExceeded) {
        // Past the size limit: stop keeping bytes; smtp-server answers 552 at the end.
        overflow = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', () => {
      // The client left in the middle of DATA: no reply can reach it and nothing is stored.
      transcript.noteEvent(session.id, 'data-incomplete', `the client left during DATA after ${received} bytes; no mail was stored`);
    });
    stream.on('end', () => {
      if (overflow || stream.sizeExceeded) {
        mailbox.noteRejected();
        callback(new SmtpReplyError(552, 'Message exceeds fixed maximum message size'));
        return;
      }
      const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
      // A fault rule at the body's reply: a mail refused (or never answered) is not stored, as a
      // real server would not have it either.
      const gate = faults.gate('body', session);
      if (!(gate instanceof Promise) && gate.kind === 'proceed') {
        store(raw, session, callback);
        return;
      }
      const gated = Promise.resolve(gate).then((result) => {
        if (result.kind === 'proceed') return store(raw, session, callback);
        mailbox.noteRejected();
        if (result.kind === 'reply') callback(result.error);
      });
      transcript.storing(session.id, gated);
    });
  }

  function store(raw: Buffer, session: SMTPServerSession, callback: Parameters<ServerHooks['onData']>[2]): void {
    const envelope = {
      MailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      RcptTo: session.envelope.rcptTo.map((r) => r.address),
    };
    const username = typeof session.user === 'string' ? session.user : '';
    // The whole body is in: the mail is stored even if the client has already gone, and the
    // session waits for it, so that every mail stored is in its session's record.
    const { inbox } = inboxes.mailInbox(session.id, envelope, username);
    const work = mailbox.add({ raw, envelope, sessionId: session.id, username, inbox }).then(
      (summary) => {
        transcript.noteStored(session.id, summary.ID, raw.length);
        callback(null, profile.queuedReply(summary.ID, session));
      },
      (err: unknown) => {
        log('error', `could not store a mail from session ${session.id}: ${(err as Error).message}`);
        mailbox.noteRejected();
        callback(new SmtpReplyError(451, 'Requested action aborted: local error in processing'));
      },
    );
    transcript.storing(session.id, work);
  }

  return {
    accepted(connection) {
      transcript.opened(connection);
      recordTls(connection.id, connection.socket);
    },
    serverHooks: {
      onSecure(socket, session, callback) {
        recordTls(session.id, socket);
        callback();
      },
      onAuth(auth, session, callback) {
        afterGate(faults.gate('auth', session, { user: auth.username ?? '' }), callback, () => authenticate(auth, session, callback));
      },
      onMailFrom(address, session, callback) {
        afterGate(faults.gate('mail', session), callback, () => checkSender(address, session, callback));
      },
      onRcptTo(address, session, callback) {
        afterGate(faults.gate('rcpt', session, { rcpt: address.address }), callback, () => {
          sessions.addRecipient(session.id, address.address);
          callback();
        });
      },
      onData(stream, session, callback) {
        captureBody(stream, session, callback);
      },
      onClose(session) {
        transcript.closed(session.id, Boolean(session.envelope?.mailFrom));
      },
    },
  };

  function authenticate(...[auth, session, callback]: Parameters<ServerHooks['onAuth']>): void {
    profile.authenticate(auth, session).then(
      (user) => {
        sessions.noteUser(session.id, user);
        inboxes.sessionLearned(session.id);
        callback(null, { user });
      },
      (err: unknown) => callback(asReplyError(err, 454)),
    );
  }

  function checkSender(...[address, session, callback]: Parameters<ServerHooks['onMailFrom']>): void {
    profile.checkSender(address, session).then(
      () => {
        sessions.beginTransaction(session.id, address.address);
        callback();
      },
      (err: unknown) => callback(asReplyError(err, 451)),
    );
  }
}

/** Runs `proceed` when no fault rule stands in the way; a rule's reply goes to `callback`, a drop ends there. */
function afterGate(result: GateResult | Promise<GateResult>, callback: (err: Error) => void, proceed: () => void): void {
  const settle = (gate: GateResult) => {
    if (gate.kind === 'proceed') proceed();
    else if (gate.kind === 'reply') callback(gate.error);
  };
  if (result instanceof Promise) void result.then(settle);
  else settle(result);
}
