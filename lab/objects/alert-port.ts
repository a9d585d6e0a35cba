// «Отправить e-mail» for real: an automaton's mail goes out through its owner's saved SMTP
// integration (the one the test e-mail uses — for the browser the signed-in account's, for the
// CLI the integration it registered the object with), with the same sender and the same
// explanations; when the target is one of the lab's own listeners, the outcome links to the
// captured mail and its SMTP session.
import type { LabEngine } from '../../server/engine.js';
import type { AutomatonMail } from '../automaton/runner-events.js';
import type { IntegrationStore } from '../integration/integration-store.js';
import type { IntegrationSettings } from '../integration/integration-types.js';
import { ALERT_TEXTS, sendMail, type SendOptions } from '../sender/alert-sender.js';
import { createLabSessionFinder } from '../sender/lab-session-finder.js';
import type { AlertOutcome } from './alert-log.js';

export interface AlertPort {
  sendEmail(objectId: string, owner: string, mail: AutomatonMail): Promise<AlertOutcome>;
  /** The integration an object registered by the CLI sends with (its owner has no saved one). */
  useIntegration(objectId: string, settings: IntegrationSettings): void;
  forget(objectId: string): void;
}

const NO_INTEGRATION = {
  ru: 'Интеграция SMTP не сохранена: письмо-оповещение не отправлено. Сохраните её на вкладке «Практикум» и повторите.',
  en: 'No SMTP integration is saved, so the alert e-mail was not sent. Save it on the Lab tab and try again.',
};

export function createAlertPort(
  engine: Pick<LabEngine, 'host' | 'listeners' | 'sessions' | 'certificate'>,
  integrations: IntegrationStore,
  sendOptions: Omit<SendOptions, 'labCertificate' | 'texts'> = {},
): AlertPort {
  const finder = createLabSessionFinder(engine);
  const perObject = new Map<string, IntegrationSettings>();
  return {
    async sendEmail(objectId, owner, mail) {
      const settings = perObject.get(objectId) ?? integrations.get(owner);
      if (!settings) return { ok: false, message: NO_INTEGRATION, reply: null, explanation: null, attempts: 0 };
      const watch = finder.watch(settings);
      const {
        localPort: _port,
        clientLog: _log,
        ...result
      } = await sendMail(
        settings,
        { to: mail.to.join(', '), subject: mail.subject, body: mail.text, html: mail.html, from: mail.from },
        { ...sendOptions, labCertificate: engine.certificate, texts: ALERT_TEXTS, onConnected: (port) => watch.connected(port) },
      );
      const sessionId = watch.finish();
      // The mail the lab stored is the session's last one: its id was noted before the 250.
      const mailId = sessionId && result.ok ? engine.sessions.get(sessionId)?.MessageIDs.at(-1) : undefined;
      return {
        ok: result.ok,
        message: result.message,
        reply: result.reply,
        explanation: result.explanation,
        attempts: 1,
        ...(mailId ? { mailId } : {}),
        ...(sessionId ? { sessionId } : {}),
        ...(result.error ? { error: result.error } : {}),
      };
    },
    useIntegration(objectId, settings) {
      perObject.set(objectId, settings);
    },
    forget(objectId) {
      perObject.delete(objectId);
    },
  };
}
