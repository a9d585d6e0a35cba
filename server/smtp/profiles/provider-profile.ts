// A profile made from a table of replies (reply-keys.ts): how the provider-like profiles (gmail,
// yandex, mailru) and `lab` behave on top of smtp-server. Each provider file holds its table; this
// file turns a table into a ListenerProfile. AUTH is required (RFC 4954 §5) and only over TLS; the
// provider profiles accept only app passwords and do not even offer AUTH before STARTTLS.
import type { SMTPServerAddress, SMTPServerOptions, SMTPServerSession } from 'smtp-server';
import type { CredentialVerdict } from '../../accounts/account-store.js';
import { SmtpReplyError } from '../reply-error.js';
import type { ListenerProfile } from './profile.js';
import { createReplyShaper, type ConnectionFacts, type ProviderReplyError } from './provider-replies.js';
import { AUTH_REQUIRED_SENTINEL, libraryReplyKey, MUST_STARTTLS, replyFor, type ReplyKey, type ReplyTable } from './reply-keys.js';

export type SmtpCredentialCheck = (login: string, password: string, options: { localPartLogin: boolean }) => Promise<CredentialVerdict>;

export interface ProviderSpec {
  name: string;
  /** The name in the greeting and EHLO; smtp-server's own name when absent. */
  host?: string;
  /** smtp-server options of this profile (banner, enhanced codes, AUTH mechanisms). */
  serverOptions: Partial<SMTPServerOptions>;
  /** Yandex takes the login without its domain too. */
  localPartLogin: boolean;
  /** `app-password`: providers; `any-password`: the lab, which teaches the dialogue first. */
  accepts: 'app-password' | 'any-password';
  /** Whether a MAIL FROM other than the signed-in address is refused (`sender-not-owned`). */
  checksSender: boolean;
  replies: ReplyTable;
  /** The text of the 250 reply to the end of DATA. */
  queued(messageId: string, session: SMTPServerSession): string;
}

export function createProviderProfile(spec: ProviderSpec, verify: SmtpCredentialCheck): ListenerProfile {
  const shaper = createReplyShaper((reply, facts) => {
    const key = libraryReplyKey(reply, facts.secure);
    return key ? replyFor(spec.replies, key, facts) : undefined;
  });

  /** The profile's own refusal with this key's reply; without one, `code text` (the library adds its enhanced code). */
  const refuse = (session: SMTPServerSession, key: ReplyKey, code: number, text: string): ProviderReplyError | SmtpReplyError => {
    const facts: ConnectionFacts = { session, secure: session.secure, remoteAddress: session.remoteAddress, maxSize: 0 };
    const reply = replyFor(spec.replies, key, facts);
    return reply ? shaper.fail(session, reply.code, reply.lines) : new SmtpReplyError(code, text);
  };

  return {
    name: spec.name,
    serverOptions() {
      return {
        ...(spec.host ? { name: spec.host } : {}),
        authOptional: false,
        allowInsecureAuth: false,
        authRequiredMessage: AUTH_REQUIRED_SENTINEL,
        ...spec.serverOptions,
        onConnect: shaper.onConnect,
      };
    },
    async authenticate(auth, session) {
      if (!session.secure) throw refuse(session, 'auth-needs-tls', 538, MUST_STARTTLS);
      const bad = 'Authentication credentials invalid';
      const username = auth.username ?? '';
      const password = auth.password ?? '';
      if (!username || !password) throw refuse(session, 'bad-credentials', 535, bad);
      const verdict = await verify(username, password, { localPartLogin: spec.localPartLogin });
      if (verdict.result === 'app-password' || (verdict.result === 'account-password' && spec.accepts === 'any-password')) return verdict.address;
      if (verdict.result === 'account-password') throw refuse(session, 'app-password-required', 535, bad);
      throw refuse(session, 'bad-credentials', 535, bad);
    },
    async checkSender(address: SMTPServerAddress, session) {
      if (!session.secure) throw refuse(session, 'must-starttls', 530, MUST_STARTTLS);
      if (!spec.checksSender) return;
      const user = typeof session.user === 'string' ? session.user.toLowerCase() : '';
      if (address.address.toLowerCase() === user) return;
      throw refuse(session, 'sender-not-owned', 553, 'Sender address rejected: not owned by the signed-in user');
    },
    queuedReply(messageId, session) {
      return spec.queued(messageId, session);
    },
  };
}
