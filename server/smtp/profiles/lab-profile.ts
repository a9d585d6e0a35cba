// `lab`: the submission rules of a real provider without its quirks. Replies carry RFC 3463
// enhanced codes, which smtp-server adds (hideENHANCEDSTATUSCODES: false). AUTH is required before
// any mail (RFC 4954 §5: 530), and only over TLS: before STARTTLS, EHLO lists AUTH (smtp-server
// always does) but AUTH gets 538 and MAIL 530 5.7.0 "Must issue a STARTTLS command first"
// (RFC 3207 §4). The provider profiles go further and do not list AUTH before TLS, as Gmail does.
import { SmtpReplyError } from '../reply-error.js';
import type { ListenerProfile, ProfileContext } from './profile.js';
import { AUTH_REQUIRED_SENTINEL, createReplyShaper } from './provider-replies.js';

export type CredentialCheck = (username: string, password: string) => Promise<string | undefined>;

export interface LabProfileOptions {
  /** Resolves with the user name when the credentials are right; absent: any non-empty pair. */
  verifyCredentials?: CredentialCheck;
}

export function createLabProfile(context: ProfileContext, options: LabProfileOptions = {}): ListenerProfile {
  // smtp-server refuses MAIL before AUTH itself, with one fixed text; in clear the reason to
  // give is the missing STARTTLS, which comes first.
  const shaper = createReplyShaper(({ code, text }, { secure }) => {
    if (code !== 530 || text !== AUTH_REQUIRED_SENTINEL) return undefined;
    return {
      code: 530,
      lines: [secure ? '5.7.0 Authentication required: sign in with AUTH first' : '5.7.0 Must issue a STARTTLS command first'],
    };
  });
  return {
    name: 'lab',
    serverOptions() {
      return {
        banner: `smtp-lab submission: sign in to send; the dialogue is shown at ${context.webUrl}`,
        authOptional: false,
        allowInsecureAuth: false,
        authMethods: ['PLAIN', 'LOGIN'],
        authRequiredMessage: AUTH_REQUIRED_SENTINEL,
        onConnect: shaper.onConnect,
      };
    },
    async authenticate(auth, session) {
      if (!session.secure) throw new SmtpReplyError(538, 'Must issue a STARTTLS command first');
      const username = auth.username ?? '';
      const password = auth.password ?? '';
      if (!username || !password) throw new SmtpReplyError(535, 'Authentication credentials invalid');
      if (!options.verifyCredentials) return username;
      const user = await options.verifyCredentials(username, password);
      if (!user) throw new SmtpReplyError(535, 'Authentication credentials invalid');
      return user;
    },
    async checkSender(_address, session) {
      if (!session.secure) throw new SmtpReplyError(530, 'Must issue a STARTTLS command first');
    },
    queuedReply(messageId) {
      return `OK: queued as ${messageId}`;
    },
  };
}
