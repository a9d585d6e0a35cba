// `mailru`: smtp.mail.ru. The app-password and sender replies are Mail.ru's (providers.md; the
// sender reply's code is unverified there, 501 is kept); Mail.ru runs Exim, so the texts
// providers.md does not list (greeting, 235, 250, 354, 221, size) are Exim's.
import type { SMTPServerSession } from 'smtp-server';
import type { ListenerProfile } from './profile.js';
import { createProviderProfile, type ProviderSpec, type SmtpCredentialCheck } from './provider-profile.js';
import type { ConnectionFacts } from './provider-replies.js';
import { ehloReply, line, MUST_STARTTLS, type ReplyTable } from './reply-keys.js';

const HOST = 'smtp.mail.ru';

const ehlo = ({ secure, session, maxSize }: ConnectionFacts) =>
  ehloReply(HOST, [maxSize > 0 && `SIZE ${maxSize}`, '8BITMIME', 'PIPELINING', secure && !session.user && 'AUTH PLAIN LOGIN XOAUTH2', !secure && 'STARTTLS']);

const mustStartTls = line(530, `5.7.0 ${MUST_STARTTLS}`);

const replies: ReplyTable = {
  greeting: line(220, `${HOST} ESMTP ready (Looking for Mail for your domain? Visit https://biz.mail.ru)`),
  ehlo,
  helo: (facts) => ({ code: 250, lines: ehlo(facts).lines.slice(0, 1) }),
  'starttls-ready': line(220, 'TLS go ahead'),
  'must-starttls': mustStartTls,
  'auth-needs-tls': mustStartTls,
  'auth-required': line(530, '5.7.0 Authentication required'),
  'auth-ok': line(235, 'Authentication succeeded'),
  'app-password-required': line(
    535,
    '5.7.0 NEOBHODIM parol prilozheniya https://help.mail.ru/mail/security/protection/external / Application password is REQUIRED',
  ),
  'bad-credentials': line(535, '5.7.0 Invalid login or password'),
  'sender-not-owned': line(501, 'sender address must match authenticated user'),
  'mail-ok': line(250, 'OK'),
  'rcpt-ok': line(250, 'Accepted'),
  'data-go-ahead': line(354, 'Enter message, ending with "." on a line by itself'),
  'too-big': line(552, 'Message size exceeds maximum permitted'),
  'helo-first': line(503, 'HELO or EHLO required'),
  bye: line(221, `${HOST} closing connection`),
};

export const mailruSpec: ProviderSpec = {
  name: 'mailru',
  host: HOST,
  serverOptions: { banner: '', hideENHANCEDSTATUSCODES: true, authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'] },
  localPartLogin: false,
  accepts: 'app-password',
  checksSender: true,
  replies,
  queued: (messageId: string, session: SMTPServerSession) => `OK id=${session.id}-${messageId}`,
};

export function createMailruProfile(verify: SmtpCredentialCheck): ListenerProfile {
  return createProviderProfile(mailruSpec, verify);
}
