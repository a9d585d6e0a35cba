// `mailru`: smtp.mail.ru. The app-password and sender replies are Mail.ru's (providers.md; the
// sender reply's code is unverified there, 501 is kept); Mail.ru runs Exim, so the texts
// providers.md does not list (greeting, 235, 250, 354, 221, size) are Exim's.
import type { SMTPServerSession } from 'smtp-server';
import type { ListenerProfile } from './profile.js';
import { createProviderProfile, line, type ProviderSpec, type SmtpCredentialCheck } from './provider-profile.js';
import { ehloReply, SEND_HELO_FIRST } from './provider-replies.js';

const HOST = 'smtp.mail.ru';

export const mailruSpec: ProviderSpec = {
  name: 'mailru',
  host: HOST,
  localPartLogin: false,
  greeting: () => line(220, `${HOST} ESMTP ready (Looking for Mail for your domain? Visit https://biz.mail.ru)`),
  ehlo: ({ secure, session, maxSize }) =>
    ehloReply(HOST, [
      maxSize > 0 && `SIZE ${maxSize}`,
      '8BITMIME',
      'PIPELINING',
      secure && !session.user && 'AUTH PLAIN LOGIN XOAUTH2',
      !secure && 'STARTTLS',
    ]),
  startTlsRequired: () => line(530, '5.7.0 Must issue a STARTTLS command first'),
  authRequired: () => line(530, '5.7.0 Authentication required'),
  appPasswordRequired: () =>
    line(535, '5.7.0 NEOBHODIM parol prilozheniya https://help.mail.ru/mail/security/protection/external / Application password is REQUIRED'),
  badCredentials: () => line(535, '5.7.0 Invalid login or password'),
  senderNotOwned: () => line(501, 'sender address must match authenticated user'),
  queued: (messageId: string, session: SMTPServerSession) => `OK id=${session.id}-${messageId}`,
  otherReplies({ code, text, context }) {
    if (code === 220) return line(220, 'TLS go ahead');
    if (code === 235) return line(235, 'Authentication succeeded');
    if (code === 250 && context === 'MAIL_FROM_OK') return line(250, 'OK');
    if (code === 250 && context === 'RCPT_TO_OK') return line(250, 'Accepted');
    if (code === 354) return line(354, 'Enter message, ending with "." on a line by itself');
    if (code === 221) return line(221, `${HOST} closing connection`);
    if (code === 552) return line(552, 'Message size exceeds maximum permitted');
    if (code === 503 && text === SEND_HELO_FIRST) return line(503, 'HELO or EHLO required');
    return undefined;
  },
};

export function createMailruProfile(verify: SmtpCredentialCheck): ListenerProfile {
  return createProviderProfile(mailruSpec, verify);
}
