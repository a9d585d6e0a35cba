// `yandex`: smtp.yandex.ru. The AUTH, sender and MAIL-before-AUTH texts are those of Yandex's
// open-source SMTP server (providers.md); its wording follows Postfix, so the texts providers.md
// does not list (STARTTLS required, 354, 221, size) are Postfix's. Yandex takes the login with or
// without its domain, and refuses a MAIL FROM that is not the signed-in user's (553 5.7.1).
import type { SMTPServerSession } from 'smtp-server';
import type { ListenerProfile } from './profile.js';
import { createProviderProfile, line, type ProviderSpec, type SmtpCredentialCheck } from './provider-profile.js';
import { ehloReply, SEND_HELO_FIRST } from './provider-replies.js';

const HOST = 'smtp.yandex.ru';

export const yandexSpec: ProviderSpec = {
  name: 'yandex',
  host: HOST,
  localPartLogin: true,
  greeting: (session) => line(220, `${HOST} Ok ${session.id}`),
  ehlo: ({ secure, session, maxSize }) =>
    ehloReply(HOST, [
      '8BITMIME',
      'PIPELINING',
      maxSize > 0 && `SIZE ${maxSize}`,
      !secure && 'STARTTLS',
      secure && !session.user && 'AUTH LOGIN PLAIN XOAUTH2',
      'ENHANCEDSTATUSCODES',
    ]),
  startTlsRequired: () => line(530, '5.7.0 Must issue a STARTTLS command first'),
  authRequired: () => line(503, '5.5.4 Error: send AUTH command first.'),
  appPasswordRequired: () => line(535, '5.7.8 Error: authentication failed: This user does not have access rights to this service'),
  badCredentials: () => line(535, '5.7.8 Error: authentication failed: Invalid user or password!'),
  senderNotOwned: () => line(553, '5.7.1 Sender address rejected: not owned by auth user.'),
  queued: (messageId: string, session: SMTPServerSession) => `2.0.0 Ok: queued on ${HOST} ${session.id}-${messageId}`,
  otherReplies({ code, text, context }) {
    if (code === 220) return line(220, 'Go ahead');
    if (code === 235) return line(235, '2.7.0 Authentication successful.');
    if (code === 250 && context === 'MAIL_FROM_OK') return line(250, '2.1.0 Ok');
    if (code === 250 && context === 'RCPT_TO_OK') return line(250, '2.1.5 Ok');
    if (code === 354) return line(354, 'Enter mail, end with "." on a line by itself');
    if (code === 221) return line(221, '2.0.0 Closing connection.');
    if (code === 552) return line(552, '5.3.4 Message size exceeds fixed maximum message size');
    if (code === 503 && text === SEND_HELO_FIRST) return line(503, '5.5.1 Error: send HELO/EHLO first');
    return undefined;
  },
};

export function createYandexProfile(verify: SmtpCredentialCheck): ListenerProfile {
  return createProviderProfile(yandexSpec, verify);
}
