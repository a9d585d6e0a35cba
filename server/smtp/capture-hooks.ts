// smtp-server's hooks for a capturing listener: record who connected and what was agreed (TLS,
// AUTH user, envelope), ask the profile what to accept, and store each message body.
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { SMTPServerOptions, SMTPServerSession } from 'smtp-server';
import type { Mailbox } from '../mailbox/mailbox.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { ListenerProfile } from './profiles/profile.js';
import { SmtpReplyError } from './reply-error.js';
import type { OperationalLog, Transcript } from './transcript.js';

export interface CaptureDeps {
  sessions: SessionStore;
  mailbox: Mailbox;
  profile: ListenerProfile;
  transcript: Transcript;
  log: OperationalLog;
}

type ServerHooks = Required<Pick<SMTPServerOptions, 'onSecure' | 'onAuth' | 'onMailFrom' | 'onRcptTo' | 'onData' | 'onClose'>>;

export interface CaptureHooks {
  serverHooks: ServerHooks;
  accepted(connection: { id: string; remoteAddress: string; remotePort: number }, socket: Socket | TLSSocket): void;
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
  const { sessions, mailbox, profile, transcript, log } = deps;

  function recordTls(sessionId: string, socket: Socket | TLSSocket): void {
    const state = transcript.connection(sessionId);
    const tls = describeTls(socket);
    if (!tls || state.record.Tls) return;
    state.record.Tls = tls;
    transcript.noteEvent(sessionId, 'tls', `TLS established: ${tls.Protocol}, ${tls.Cipher}`);
  }

  function captureBody(
    stream: Parameters<ServerHooks['onData']>[0],
    session: SMTPServerSession,
    callback: Parameters<ServerHooks['onData']>[2],
  ): void {
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
      transcript.noteEvent(
        session.id,
        'data-incomplete',
        `the client left during DATA after ${received} bytes; no mail was stored`,
      );
    });
    stream.on('end', () => {
      if (overflow || stream.sizeExceeded) {
        mailbox.noteRejected();
        callback(new SmtpReplyError(552, 'Message exceeds fixed maximum message size'));
        return;
      }
      const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
      const envelope = {
        MailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        RcptTo: session.envelope.rcptTo.map((r) => r.address),
      };
      const username = typeof session.user === 'string' ? session.user : '';
      mailbox.add({ raw, envelope, sessionId: session.id, username }).then(
        (summary) => {
          const record = transcript.connection(session.id).record;
          record.MessageIDs.push(summary.ID);
          record.MessageCount = record.MessageIDs.length;
          const transaction = record.Transactions.at(-1);
          if (transaction && transaction.MessageID === undefined) {
            transaction.MessageID = summary.ID;
            transaction.Size = raw.length;
          }
          transcript.noteStored(session.id, summary.ID, raw.length);
          callback(null, profile.queuedReply(summary.ID, session));
        },
        (err: unknown) => {
          log('error', `could not store a mail from session ${session.id}: ${(err as Error).message}`);
          mailbox.noteRejected();
          callback(new SmtpReplyError(451, 'Requested action aborted: local error in processing'));
        },
      );
    });
  }

  return {
    accepted(connection, socket) {
      const listener = transcript.listener;
      sessions.open({
        id: connection.id,
        clientAddress: connection.remoteAddress,
        clientPort: connection.remotePort,
        listener,
      });
      transcript.noteEvent(
        connection.id,
        'connected',
        `${connection.remoteAddress}:${connection.remotePort} connected to ${listener.Name} (port ${listener.Port}, ${listener.Security}, profile ${listener.Profile})`,
      );
      recordTls(connection.id, socket);
    },
    serverHooks: {
      onSecure(socket, session, callback) {
        recordTls(session.id, socket);
        callback();
      },
      onAuth(auth, session, callback) {
        profile.authenticate(auth, session).then(
          (user) => {
            const record = transcript.connection(session.id).record;
            record.User = user;
            sessions.touch(record);
            callback(null, { user });
          },
          (err: unknown) => callback(asReplyError(err, 454)),
        );
      },
      onMailFrom(address, session, callback) {
        profile.checkSender(address, session).then(
          () => {
            const record = transcript.connection(session.id).record;
            record.Transactions.push({ MailFrom: address.address, RcptTo: [] });
            sessions.touch(record);
            callback();
          },
          (err: unknown) => callback(asReplyError(err, 451)),
        );
      },
      onRcptTo(address, session, callback) {
        transcript.connection(session.id).record.Transactions.at(-1)?.RcptTo.push(address.address);
        callback();
      },
      onData(stream, session, callback) {
        captureBody(stream, session, callback);
      },
      onClose(session) {
        transcript.finish(session.id, Boolean(session.envelope?.mailFrom));
      },
    },
  };
}
