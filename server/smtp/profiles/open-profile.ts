// `open`: the capture server test suites and first lessons use. Any sender, any recipient; AUTH
// is offered (also without TLS, so that the lab can show it) and any credentials pass.
import type { ListenerProfile, ProfileContext } from './profile.js';

export function createOpenProfile(context: ProfileContext): ListenerProfile {
  return {
    name: 'open',
    serverOptions() {
      return {
        banner: `smtp-lab: every line of this dialogue is shown at ${context.webUrl}`,
        authOptional: true,
        allowInsecureAuth: true,
        authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'],
      };
    },
    async authenticate(auth) {
      return auth.username ?? '';
    },
    async checkSender() {},
    queuedReply(messageId) {
      return `OK: queued as ${messageId}`;
    },
  };
}
