// `gmail`: smtp.gmail.com as a student meets it (../shared/reference/providers.md). Texts are
// Gmail's, verbatim where providers.md has them; `<id>` is the lab's session id, so a reply a
// student copies leads straight to the session in the lab. Gmail lets any MAIL FROM pass (it
// rewrites the sender of mail it relays), so the sender is not checked here.
import type { SMTPServerSession } from 'smtp-server';
import type { ListenerProfile } from './profile.js';
import { createProviderProfile, line, type ProviderSpec, type SmtpCredentialCheck } from './provider-profile.js';
import { ehloReply, SEND_HELO_FIRST } from './provider-replies.js';

const HOST = 'smtp.gmail.com';
const tag = (session: SMTPServerSession) => `${session.id} - gsmtp`;

export const gmailSpec: ProviderSpec = {
  name: 'gmail',
  host: HOST,
  localPartLogin: false,
  greeting: (session) => line(220, `${HOST} ESMTP ${tag(session)}`),
  ehlo: ({ secure, session, remoteAddress, maxSize }) =>
    ehloReply(`${HOST} at your service, [${remoteAddress}]`, [
      maxSize > 0 && `SIZE ${maxSize}`,
      '8BITMIME',
      !secure && 'STARTTLS',
      secure && !session.user && 'AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH',
      'ENHANCEDSTATUSCODES',
      'PIPELINING',
      // Gmail also offers CHUNKING (BDAT, RFC 3030); smtp-server has no BDAT, so it is not offered.
      'SMTPUTF8',
    ]),
  startTlsRequired: (session) => ({
    code: 530,
    lines: [
      '5.7.0 Must issue a STARTTLS command first. For more information, go to',
      '5.7.0  https://support.google.com/a/answer/3221692 and review RFC 3207',
      `5.7.0 specifications. ${tag(session)}`,
    ],
  }),
  authRequired: (session) => ({
    code: 530,
    lines: ['5.7.0 Authentication Required. For more information, go to', `5.7.0  https://support.google.com/mail/?p=WantAuthError ${tag(session)}`],
  }),
  appPasswordRequired: (session) => ({
    code: 534,
    lines: [
      '5.7.9 Application-specific password required. For more information, go to',
      `5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor ${tag(session)}`,
    ],
  }),
  badCredentials: (session) => ({
    code: 535,
    lines: [
      '5.7.8 Username and Password not accepted. For more information, go to',
      `5.7.8  https://support.google.com/mail/?p=BadCredentials ${tag(session)}`,
    ],
  }),
  senderNotOwned: () => undefined,
  queued: () => '2.0.0 OK',
  otherReplies({ code, text, context }, { session }) {
    if (code === 220) return line(220, '2.0.0 Ready to start TLS');
    if (code === 235) return line(235, '2.7.0 Accepted');
    if (code === 250 && context === 'MAIL_FROM_OK') return line(250, '2.1.0 OK');
    if (code === 250 && context === 'RCPT_TO_OK') return line(250, '2.1.5 OK');
    if (code === 354) return line(354, ' Go ahead');
    if (code === 221) return line(221, '2.0.0 closing connection');
    if (code === 552) {
      return {
        code: 552,
        lines: [
          "5.3.4 Your message exceeded Google's message size limits. For more information, go to",
          `5.3.4  https://support.google.com/mail/?p=MaxSizeError ${tag(session)}`,
        ],
      };
    }
    if (code === 503 && text === SEND_HELO_FIRST) return line(503, `5.5.1 EHLO/HELO first. ${tag(session)}`);
    return undefined;
  },
};

export function createGmailProfile(verify: SmtpCredentialCheck): ListenerProfile {
  return createProviderProfile(gmailSpec, verify);
}
