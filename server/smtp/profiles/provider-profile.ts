// What the provider-like profiles (gmail, yandex, mailru) share: TLS before anything else on the
// STARTTLS listener (RFC 3207 §4: no AUTH offered before it, 530 for mail), AUTH required (RFC
// 4954 §5), only app passwords accepted, and every reply in the provider's words. Each provider
// file holds its texts; this file turns them into a ListenerProfile.
import type { SMTPServerAddress, SMTPServerSession } from 'smtp-server';
import type { CredentialVerdict } from '../../accounts/account-store.js';
import type { ListenerProfile } from './profile.js';
import {
  AUTH_REQUIRED_SENTINEL,
  createReplyShaper,
  type ConnectionFacts,
  type LibraryReply,
  type ProviderReply,
} from './provider-replies.js';

export type SmtpCredentialCheck = (
  login: string,
  password: string,
  options: { localPartLogin: boolean },
) => Promise<CredentialVerdict>;

export interface ProviderSpec {
  name: string;
  /** The name in the greeting and EHLO. */
  host: string;
  /** Yandex takes the login without its domain too. */
  localPartLogin: boolean;
  greeting(session: SMTPServerSession): ProviderReply;
  ehlo(facts: ConnectionFacts): ProviderReply;
  /** MAIL (or AUTH) before STARTTLS on the STARTTLS listener. */
  startTlsRequired(session: SMTPServerSession): ProviderReply;
  /** MAIL before AUTH, over TLS. */
  authRequired(session: SMTPServerSession): ProviderReply;
  /** AUTH with the account password where an app password is required. */
  appPasswordRequired(session: SMTPServerSession): ProviderReply;
  /** AUTH with an unknown login or a wrong password. */
  badCredentials(session: SMTPServerSession): ProviderReply;
  /** MAIL FROM an address the account does not own; undefined when the provider lets it pass. */
  senderNotOwned(session: SMTPServerSession): ProviderReply | undefined;
  /** The text of the 250 reply to the end of DATA, enhanced code included. */
  queued(messageId: string, session: SMTPServerSession): string;
  /** The provider's words for the library's other replies (235, 250 to MAIL, 354, 221, ...). */
  otherReplies(reply: LibraryReply, facts: ConnectionFacts): ProviderReply | undefined;
}

export function createProviderProfile(spec: ProviderSpec, verify: SmtpCredentialCheck): ListenerProfile {
  const shaper = createReplyShaper((reply, facts) => {
    const { code, text, context } = reply;
    if (code === 220 && context === false && typeof text === 'string') return spec.greeting(facts.session);
    if (code === 250 && Array.isArray(text)) return spec.ehlo(facts);
    // HELO (RFC 5321 §4.1.1.1): the first line of the EHLO reply alone, no extensions.
    if (code === 250 && context === false && typeof text === 'string') return { code: 250, lines: spec.ehlo(facts).lines.slice(0, 1) };
    // smtp-server answers AUTH before STARTTLS with 538 (allowInsecureAuth: false) and MAIL
    // before AUTH with authRequiredMessage; the provider says "STARTTLS first" to both while
    // the connection is in clear.
    if (code === 538 || (code === 530 && text === AUTH_REQUIRED_SENTINEL)) {
      return facts.secure ? spec.authRequired(facts.session) : spec.startTlsRequired(facts.session);
    }
    return spec.otherReplies(reply, facts);
  });

  return {
    name: spec.name,
    serverOptions() {
      return {
        name: spec.host,
        banner: '',
        hideENHANCEDSTATUSCODES: true,
        authOptional: false,
        allowInsecureAuth: false,
        authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
        authRequiredMessage: AUTH_REQUIRED_SENTINEL,
        onConnect: shaper.onConnect,
      };
    },
    async authenticate(auth, session) {
      const fail = (reply: ProviderReply) => shaper.fail(session, reply.code, reply.lines);
      if (!session.secure) throw fail(spec.startTlsRequired(session));
      const verdict = await verify(auth.username ?? '', auth.password ?? '', { localPartLogin: spec.localPartLogin });
      switch (verdict.result) {
        case 'app-password':
          return verdict.address;
        case 'account-password':
          throw fail(spec.appPasswordRequired(session));
        default:
          throw fail(spec.badCredentials(session));
      }
    },
    async checkSender(address: SMTPServerAddress, session) {
      if (!session.secure) throw shaper.fail(session, ...asArgs(spec.startTlsRequired(session)));
      const user = typeof session.user === 'string' ? session.user.toLowerCase() : '';
      if (address.address.toLowerCase() === user) return;
      const rejection = spec.senderNotOwned(session);
      if (rejection) throw shaper.fail(session, ...asArgs(rejection));
    },
    queuedReply(messageId, session) {
      return spec.queued(messageId, session);
    },
  };
}

function asArgs(reply: ProviderReply): [number, string[]] {
  return [reply.code, reply.lines];
}

/** One-line reply. */
export function line(code: number, text: string): ProviderReply {
  return { code, lines: [text] };
}
