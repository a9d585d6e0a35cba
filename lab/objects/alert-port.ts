// «Отправить e-mail» for real: an automaton's mail goes out through its owner's saved SMTP
// integration (the one the test e-mail uses — for the browser the signed-in account's, for the
// CLI the integration it registered the object with), with the same sender, the same retries and
// the same explanations; each attempt is on the alert as it ends (a retry's wait live), and when
// the target is one of the lab's own listeners, the outcome links to the captured mail and its
// SMTP session.
import type { LabEngine } from '../../server/engine.js';
import type { AutomatonMail } from '../automaton/runner-events.js';
import type { IntegrationStore } from '../integration/integration-store.js';
import type { IntegrationSettings } from '../integration/integration-types.js';
import { ALERT_TEXTS, type OutgoingMail } from '../sender/alert-sender.js';
import { deliverMail, type DeliveryOptions } from '../sender/delivery.js';
import type { AlertDelivery, DeliveryResult, LoggedAttempt, RecipientOutcome } from '../sender/delivery-types.js';
import { createLabSessionFinder } from '../sender/lab-session-finder.js';
import type { AlertOutcome } from './alert-log.js';

export interface AlertPort {
  sendEmail(objectId: string, owner: string, mail: AutomatonMail, progress?: (delivery: AlertDelivery) => void): Promise<AlertOutcome>;
  /** The integration an object registered by the CLI sends with (its owner has no saved one). */
  useIntegration(objectId: string, settings: IntegrationSettings): void;
  forget(objectId: string): void;
  /** Stops every wait for a retry (the lab stopping): those alerts end with what they have. */
  close(): void;
}

const NO_INTEGRATION = {
  ru: 'Интеграция SMTP не сохранена: письмо-оповещение не отправлено. Сохраните её на вкладке «Практикум» и повторите.',
  en: 'No SMTP integration is saved, so the alert e-mail was not sent. Save it on the Lab tab and try again.',
};

/** The mail of «Отправить e-mail» as the sender takes it. */
export function outgoingAlert(mail: AutomatonMail): OutgoingMail {
  return { to: mail.to.join(', '), subject: mail.subject, body: mail.text, html: mail.html, from: mail.from };
}

/** An attempt as an alert keeps it: without the client's log (the SMTP session has the dialogue). */
const withoutLog = ({ clientLog: _log, ...attempt }: LoggedAttempt) => attempt;

/** The delivery as the alert record carries it. */
export function alertDelivery(result: Pick<DeliveryResult, 'attempts' | 'recipients' | 'summary'>, maxAttempts: number): AlertDelivery {
  return { attempts: result.attempts.map(withoutLog), recipients: result.recipients, maxAttempts, nextAttemptAt: null, summary: result.summary };
}

/** The sender's result as the alert log's outcome. */
export function alertOutcome(result: DeliveryResult, extra: Pick<AlertOutcome, 'mailId' | 'sessionId'> = {}): AlertOutcome {
  return {
    ok: result.ok,
    message: result.message,
    reply: result.reply,
    explanation: result.explanation,
    attempts: result.attempts.length,
    delivery: alertDelivery(result, result.attempts[0]?.of ?? result.attempts.length),
    ...extra,
    ...(result.error ? { error: result.error } : {}),
  };
}

/** Each attempt's end as the alert's progress: the attempts so far, and when the next one comes. */
export function progressReporter(progress: ((delivery: AlertDelivery) => void) | undefined): DeliveryOptions['onEvent'] {
  if (!progress) return undefined;
  const attempts: LoggedAttempt[] = [];
  let recipients: RecipientOutcome[] = [];
  return (event) => {
    // A retry starting ends the wait; an attempt ending says when (and whether) the next one comes.
    if (event.kind === 'attempt-start' && event.n > 1) progress({ ...alertDelivery({ attempts, recipients, summary: null }, event.of), nextAttemptAt: null });
    if (event.kind !== 'attempt-end') return;
    attempts.push(event.attempt);
    recipients = event.recipients;
    const wait = event.attempt.retryInSeconds;
    progress({
      ...alertDelivery({ attempts, recipients, summary: null }, event.attempt.of),
      nextAttemptAt: wait === null ? null : event.attempt.endedAt + wait * 1000,
    });
  };
}

export function createAlertPort(
  engine: Pick<LabEngine, 'host' | 'listeners' | 'sessions' | 'certificate'>,
  integrations: IntegrationStore,
  sendOptions: Omit<DeliveryOptions, 'labCertificate' | 'texts' | 'signal' | 'onEvent' | 'watchAttempt'> = {},
): AlertPort {
  const finder = createLabSessionFinder(engine);
  const perObject = new Map<string, IntegrationSettings>();
  const stopping = new AbortController();
  return {
    async sendEmail(objectId, owner, mail, progress) {
      const settings = perObject.get(objectId) ?? integrations.get(owner);
      if (!settings) return { ok: false, message: NO_INTEGRATION, reply: null, explanation: null, attempts: 0 };
      const result = await deliverMail(settings, outgoingAlert(mail), {
        ...sendOptions,
        labCertificate: engine.certificate,
        texts: ALERT_TEXTS,
        signal: stopping.signal,
        watchAttempt: finder.watchAttempt,
        onEvent: progressReporter(progress),
      });
      // The mail the lab stored is the delivering session's last one: its id was noted before the 250.
      const sessionId = result.sessionId;
      const mailId = sessionId && result.ok ? engine.sessions.get(sessionId)?.MessageIDs.at(-1) : undefined;
      return alertOutcome(result, { ...(mailId ? { mailId } : {}), ...(sessionId ? { sessionId } : {}) });
    },
    useIntegration(objectId, settings) {
      perObject.set(objectId, settings);
    },
    forget(objectId) {
      perObject.delete(objectId);
    },
    close() {
      stopping.abort();
    },
  };
}
