// `gmail`: smtp.gmail.com as a student meets it (../shared/reference/providers.md). Texts are
// Gmail's, verbatim where providers.md has them; `<id>` is the lab's session id, so a reply a
// student copies leads straight to the session in the lab. Gmail lets any MAIL FROM pass (it
// rewrites the sender of mail it relays), so the sender is not checked here.
import type { SMTPServerSession } from 'smtp-server';
import type { ListenerProfile } from './profile.js';
import { createProviderProfile, type ProviderSpec, type SmtpCredentialCheck } from './provider-profile.js';
import type { ConnectionFacts } from './provider-replies.js';
import { ehloReply, line, MUST_STARTTLS, type ReplyTable } from './reply-keys.js';

const HOST = 'smtp.gmail.com';
const tag = (session: SMTPServerSession) => `${session.id} - gsmtp`;

const ehlo = ({ secure, session, remoteAddress, maxSize }: ConnectionFacts) =>
  ehloReply(`${HOST} at your service, [${remoteAddress}]`, [
    maxSize > 0 && `SIZE ${maxSize}`,
    '8BITMIME',
    !secure && 'STARTTLS',
    secure && !session.user && 'AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH',
    'ENHANCEDSTATUSCODES',
    'PIPELINING',
    // Gmail also offers CHUNKING (BDAT, RFC 3030); smtp-server has no BDAT, so it is not offered.
    'SMTPUTF8',
  ]);

const mustStartTls = ({ session }: ConnectionFacts) => ({
  code: 530,
  lines: [
    `5.7.0 ${MUST_STARTTLS}. For more information, go to`,
    '5.7.0  https://support.google.com/a/answer/3221692 and review RFC 3207',
    `5.7.0 specifications. ${tag(session)}`,
  ],
});

const replies: ReplyTable = {
  greeting: ({ session }) => line(220, `${HOST} ESMTP ${tag(session)}`),
  ehlo,
  helo: (facts) => ({ code: 250, lines: ehlo(facts).lines.slice(0, 1) }),
  'starttls-ready': line(220, '2.0.0 Ready to start TLS'),
  'must-starttls': mustStartTls,
  'auth-needs-tls': mustStartTls,
  'auth-required': ({ session }) => ({
    code: 530,
    lines: ['5.7.0 Authentication Required. For more information, go to', `5.7.0  https://support.google.com/mail/?p=WantAuthError ${tag(session)}`],
  }),
  'auth-ok': line(235, '2.7.0 Accepted'),
  'app-password-required': ({ session }) => ({
    code: 534,
    lines: [
      '5.7.9 Application-specific password required. For more information, go to',
      `5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor ${tag(session)}`,
    ],
  }),
  'bad-credentials': ({ session }) => ({
    code: 535,
    lines: [
      '5.7.8 Username and Password not accepted. For more information, go to',
      `5.7.8  https://support.google.com/mail/?p=BadCredentials ${tag(session)}`,
    ],
  }),
  'mail-ok': line(250, '2.1.0 OK'),
  'rcpt-ok': line(250, '2.1.5 OK'),
  'data-go-ahead': line(354, ' Go ahead'),
  'too-big': ({ session }) => ({
    code: 552,
    lines: [
      "5.3.4 Your message exceeded Google's message size limits. For more information, go to",
      `5.3.4  https://support.google.com/mail/?p=MaxSizeError ${tag(session)}`,
    ],
  }),
  'helo-first': ({ session }) => line(503, `5.5.1 EHLO/HELO first. ${tag(session)}`),
  bye: line(221, '2.0.0 closing connection'),
};

export const gmailSpec: ProviderSpec = {
  name: 'gmail',
  host: HOST,
  serverOptions: { banner: '', hideENHANCEDSTATUSCODES: true, authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'] },
  localPartLogin: false,
  accepts: 'app-password',
  checksSender: false,
  replies,
  queued: () => '2.0.0 OK',
};

export function createGmailProfile(verify: SmtpCredentialCheck): ListenerProfile {
  return createProviderProfile(gmailSpec, verify);
}
