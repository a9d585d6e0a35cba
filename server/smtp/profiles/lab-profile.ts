// `lab`: the submission rules of a real provider without its quirks. Replies carry RFC 3463
// enhanced codes, which smtp-server adds (hideENHANCEDSTATUSCODES: false). AUTH is required before
// any mail (RFC 4954 §5: 530), and only over TLS: before STARTTLS, EHLO lists AUTH (smtp-server
// always does) but AUTH gets 538 and MAIL 530 5.7.0 "Must issue a STARTTLS command first"
// (RFC 3207 §4). It takes the account password as well as an app password: it teaches the
// dialogue; the provider profiles teach the app-password rule.
import type { ListenerProfile, ProfileContext } from './profile.js';
import { createProviderProfile, type SmtpCredentialCheck } from './provider-profile.js';
import { line, MUST_STARTTLS } from './reply-keys.js';

export function createLabProfile(context: ProfileContext, verify: SmtpCredentialCheck): ListenerProfile {
  return createProviderProfile(
    {
      name: 'lab',
      serverOptions: {
        banner: `smtp-lab submission: sign in to send; the dialogue is shown at ${context.webUrl}`,
        authMethods: ['PLAIN', 'LOGIN'],
      },
      localPartLogin: false,
      accepts: 'any-password',
      checksSender: false,
      replies: {
        'must-starttls': line(530, `5.7.0 ${MUST_STARTTLS}`),
        'auth-required': line(530, '5.7.0 Authentication required: sign in with AUTH first'),
      },
      queued: (messageId) => `OK: queued as ${messageId}`,
    },
    verify,
  );
}
