// A listener is a profile on a port: the profile decides how the server behaves (greeting,
// which AUTH it demands and accepts, TLS rules, reply texts), the port how it is reached.
import type { SMTPServerAddress, SMTPServerAuthentication, SMTPServerOptions, SMTPServerSession } from 'smtp-server';
import type { ListenerSecurity } from '../../wire/sessions.js';

export interface ListenerProfile {
  name: string;
  /** smtp-server options this profile sets for a listener with this security. */
  serverOptions(security: ListenerSecurity): Partial<SMTPServerOptions>;
  /** Resolves with the user name to record, or rejects with an SmtpReplyError. */
  authenticate(auth: SMTPServerAuthentication, session: SMTPServerSession): Promise<string>;
  /** Rejects (SmtpReplyError) a MAIL FROM the profile refuses; resolves to accept. */
  checkSender(address: SMTPServerAddress, session: SMTPServerSession): Promise<void>;
  /** Text of the 250 reply to the end of DATA. */
  queuedReply(messageId: string, session: SMTPServerSession): string;
}

export interface ProfileContext {
  /** The name the server gives itself in its greeting and replies. */
  hostname: string;
  /** Where the dialogue can be watched, for the greeting. */
  webUrl: string;
}
