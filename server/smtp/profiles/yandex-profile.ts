// `yandex`: smtp.yandex.ru. The AUTH, sender and MAIL-before-AUTH texts are those of Yandex's
// open-source SMTP server (providers.md); its wording follows Postfix, so the texts providers.md
// does not list (STARTTLS required, 354, 221, size) are Postfix's. Yandex takes the login with or
// without its domain, and refuses a MAIL FROM that is not the signed-in user's (553 5.7.1).
import type { SMTPServerSession } from 'smtp-server';
import type { ListenerProfile } from './profile.js';
import { createProviderProfile, type ProviderSpec, type SmtpCredentialCheck } from './provider-profile.js';
import type { ConnectionFacts } from './provider-replies.js';
import { ehloReply, line, MUST_STARTTLS, type ReplyTable } from './reply-keys.js';

const HOST = 'smtp.yandex.ru';

const ehlo = ({ secure, session, maxSize }: ConnectionFacts) =>
  ehloReply(HOST, [
    '8BITMIME',
    'PIPELINING',
    maxSize > 0 && `SIZE ${maxSize}`,
    !secure && 'STARTTLS',
    secure && !session.user && 'AUTH LOGIN PLAIN XOAUTH2',
    'ENHANCEDSTATUSCODES',
  ]);

const mustStartTls = line(530, `5.7.0 ${MUST_STARTTLS}`);

const replies: ReplyTable = {
  greeting: ({ session }) => line(220, `${HOST} Ok ${session.id}`),
  ehlo,
  helo: (facts) => ({ code: 250, lines: ehlo(facts).lines.slice(0, 1) }),
  'starttls-ready': line(220, 'Go ahead'),
  'must-starttls': mustStartTls,
  'auth-needs-tls': mustStartTls,
  'auth-required': line(503, '5.5.4 Error: send AUTH command first.'),
  'auth-ok': line(235, '2.7.0 Authentication successful.'),
  'app-password-required': line(535, '5.7.8 Error: authentication failed: This user does not have access rights to this service'),
  'bad-credentials': line(535, '5.7.8 Error: authentication failed: Invalid user or password!'),
  'sender-not-owned': line(553, '5.7.1 Sender address rejected: not owned by auth user.'),
  'mail-ok': line(250, '2.1.0 Ok'),
  'rcpt-ok': line(250, '2.1.5 Ok'),
  'data-go-ahead': line(354, 'Enter mail, end with "." on a line by itself'),
  'too-big': line(552, '5.3.4 Message size exceeds fixed maximum message size'),
  'helo-first': line(503, '5.5.1 Error: send HELO/EHLO first'),
  bye: line(221, '2.0.0 Closing connection.'),
};

export const yandexSpec: ProviderSpec = {
  name: 'yandex',
  host: HOST,
  serverOptions: { banner: '', hideENHANCEDSTATUSCODES: true, authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'] },
  localPartLogin: true,
  accepts: 'app-password',
  checksSender: true,
  replies,
  queued: (messageId: string, session: SMTPServerSession) => `2.0.0 Ok: queued on ${HOST} ${session.id}-${messageId}`,
};

export function createYandexProfile(verify: SmtpCredentialCheck): ListenerProfile {
  return createProviderProfile(yandexSpec, verify);
}
