// The alert sender: one mail delivered with the saved SMTP integration, the way the test e-mail,
// `smtp-lab send-test` and the automaton's «Отправить e-mail» all send. Each attempt is one
// connection (alert-sender.ts); a transient failure is tried again after a growing wait, a
// permanent one is not (delivery-rules.ts: RFC 5321 §4.2.1, §4.5.4.1). Recipients are followed
// one by one: those the server accepted are done and never sent twice, those deferred (4xx) are
// the next attempt's envelope, those refused (5xx) are reported. Every attempt is reported as it
// ends, with its reply, its explanation and what the lab injected into it.
import { randomUUID } from 'node:crypto';
import type { Explanation, IntegrationSettings } from '../integration/integration-types.js';
import { DEFAULT_ATTEMPT_INTERVAL, DEFAULT_ATTEMPTS } from '../integration/validation.js';
import { addressesOf, TEST_TEXTS, sendMail, type OutgoingMail, type SendOptions, type SendOutcome } from './alert-sender.js';
import { BACKOFF_CAP_SECONDS, backoffSeconds, deliveryRule, recipientStatus } from './delivery-rules.js';
import type { AttemptRecord, AttemptVerdict, DeliveryEvent, DeliveryResult, LoggedAttempt, RecipientOutcome, WatchAttempt } from './delivery-types.js';
import { deliverySummary } from './delivery-words.js';
import { explainFailure } from './error-explainer.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Seconds before the second attempt; doubled after each further failure. */
  firstInterval: number;
  /** No wait is longer (bounded backoff). */
  capSeconds: number;
}

export function retryPolicyOf(settings: Pick<IntegrationSettings, 'attempts' | 'attemptInterval'>): RetryPolicy {
  return {
    attempts: settings.attempts ?? DEFAULT_ATTEMPTS,
    firstInterval: settings.attemptInterval ?? DEFAULT_ATTEMPT_INTERVAL,
    capSeconds: BACKOFF_CAP_SECONDS,
  };
}

export interface DeliveryOptions extends Omit<SendOptions, 'onClientLine' | 'onConnected'> {
  /** Overrides the integration's attempts and interval (tests, a one-off send). */
  policy?: Partial<RetryPolicy>;
  /** Stops the waiting between attempts (the lab stopping, the one who asked gone). */
  signal?: AbortSignal;
  onEvent?: (event: DeliveryEvent) => void;
  watchAttempt?: WatchAttempt;
}

/** Resolves false when the signal stopped the wait. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const ACCEPTED_WHY = {
  sent: {
    ru: 'Сервер принял письмо для всех получателей этой попытки: доставка завершена.',
    en: 'The server accepted the mail for every recipient of this attempt: the delivery is done.',
  },
  partial: {
    ru: 'Письмо принято не для всех: принятым оно доставлено и второй раз не уйдёт; отложенным (4xx) отправитель повторит, отклонённым окончательно (5xx) — нет (RFC 5321 §4.2.1).',
    en: 'The mail was accepted for some recipients: those have it and will not get it twice; the deferred ones (4xx) are tried again, the refused ones (5xx) are not (RFC 5321 §4.2.1).',
  },
};

interface Judged {
  verdict: AttemptVerdict;
  rule: string;
  why: LoggedAttempt['why'];
  recipients: RecipientOutcome[];
}

/** What one attempt came to, for the mail and for each recipient it tried. */
function judge(
  outcome: SendOutcome,
  tried: readonly string[],
  n: number,
  explainRecipient: (r: { reply: string | null; code: number | null }) => Explanation,
): Judged {
  const refusedAt = (address: string) => outcome.rejected.find((r) => same(r.address, address));
  const one = (address: string, fallback: RecipientOutcome['status']): RecipientOutcome => {
    const rejected = refusedAt(address);
    if (rejected) {
      return {
        address,
        status: recipientStatus(rejected.code),
        reply: rejected.reply,
        code: rejected.code,
        attempt: n,
        explanation: explainRecipient(rejected),
      };
    }
    if (fallback === 'accepted') return { address, status: 'accepted', reply: outcome.reply, code: 250, attempt: n, explanation: null };
    const code = outcome.failure?.responseCode ?? null;
    return { address, status: fallback, reply: outcome.reply, code, attempt: n, explanation: outcome.explanation };
  };
  if (outcome.ok) {
    const recipients = tried.map((address) => one(address, 'accepted'));
    const verdict = recipients.every((r) => r.status === 'accepted') ? 'sent' : 'partial';
    return { verdict, rule: 'accepted', why: ACCEPTED_WHY[verdict], recipients };
  }
  const rule = deliveryRule(outcome.failure ?? { message: outcome.error?.message ?? '' });
  const recipients = tried.map((address) => one(address, rule.verdict === 'transient' ? 'deferred' : 'refused'));
  // Every recipient refused at RCPT TO: transient when any of them was only deferred.
  const verdict = outcome.rejected.length > 0 ? (recipients.some((r) => r.status === 'deferred') ? 'transient' : 'permanent') : rule.verdict;
  return { verdict, rule: rule.rule, why: rule.why(outcome.failure ?? { message: '' }), recipients };
}

export async function deliverMail(settings: IntegrationSettings, mail: OutgoingMail, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const { policy: override, signal, onEvent, watchAttempt, ...sendOptions } = options;
  const policy = { ...retryPolicyOf(settings), ...override };
  const of = Math.max(1, Math.trunc(policy.attempts));
  const texts = sendOptions.texts ?? TEST_TEXTS;
  const emit = (event: DeliveryEvent) => onEvent?.(event);
  const everyone = addressesOf(mail.to);
  const outcomes = new Map<string, RecipientOutcome>();
  const snapshot = () => everyone.flatMap((a) => outcomes.get(a.toLowerCase()) ?? []);
  // One message, however many attempts: the same Message-ID each time.
  const domain = /@([^@\s>]+)>?$/.exec(settings.fromAddress)?.[1] ?? 'smtp-lab.invalid';
  const messageId = mail.messageId ?? `<${randomUUID()}@${domain}>`;
  const explainRecipient = (r: { reply: string | null; code: number | null }) =>
    explainFailure(
      {
        code: 'EENVELOPE',
        command: 'RCPT TO',
        message: 'Recipient command failed',
        ...(r.reply ? { response: r.reply } : {}),
        ...(r.code ? { responseCode: r.code } : {}),
      },
      settings,
      sendOptions.surface ? { surface: sendOptions.surface } : {},
    );

  const attempts: LoggedAttempt[] = [];
  let pending = everyone;
  let last: SendOutcome | undefined;
  let stopped = false;
  for (let n = 1; n <= of; n++) {
    const startedAt = Date.now();
    emit({ kind: 'attempt-start', n, of, at: startedAt });
    const watch = watchAttempt?.(settings, (sessionId) => emit({ kind: 'session', n, sessionId }));
    // A retry of some recipients only: the envelope names them, the headers stay the same.
    const some = pending.length > 0 && pending.length < everyone.length;
    const outcome = await sendMail(
      settings,
      { ...mail, messageId, ...(some ? { envelopeTo: pending } : {}) },
      {
        ...sendOptions,
        onClientLine: (line) => emit({ kind: 'client-line', n, line }),
        onConnected: (port) => watch?.connected(port),
      },
    );
    const record: AttemptRecord = (await watch?.finish()) ?? { injected: [] };
    last = outcome;
    const tried = pending;
    const judged = judge(outcome, tried, n, explainRecipient);
    for (const r of judged.recipients) outcomes.set(r.address.toLowerCase(), r);
    pending = judged.recipients.filter((r) => r.status === 'deferred').map((r) => r.address);
    const retry = n < of && (judged.verdict === 'transient' || judged.verdict === 'partial') && (pending.length > 0 || everyone.length === 0);
    const attempt: LoggedAttempt = {
      n,
      of,
      startedAt,
      endedAt: Date.now(),
      verdict: judged.verdict,
      why: judged.why,
      rule: judged.rule,
      reply: outcome.reply,
      explanation: outcome.explanation,
      ...(outcome.error ? { error: outcome.error } : {}),
      recipients: judged.recipients,
      ...(record.sessionId ? { sessionId: record.sessionId } : {}),
      injected: record.injected,
      retryInSeconds: retry ? backoffSeconds(policy.firstInterval, n, policy.capSeconds) : null,
      clientLog: outcome.clientLog,
    };
    attempts.push(attempt);
    emit({ kind: 'attempt-end', attempt, recipients: snapshot() });
    if (attempt.retryInSeconds === null) break;
    if (!(await pause(attempt.retryInSeconds * 1000, signal))) {
      stopped = true;
      break;
    }
  }

  const final = attempts.at(-1) as LoggedAttempt;
  const recipients = snapshot();
  const accepted = recipients.filter((r) => r.status === 'accepted').length;
  const ok = accepted > 0 || (final.verdict === 'sent' && recipients.length === 0);
  const partial = ok && accepted < recipients.length;
  const delivering = [...attempts].reverse().find((a) => a.verdict === 'sent' || a.verdict === 'partial');
  const sessionId = (ok ? delivering : final)?.sessionId;
  return {
    ok,
    message: !ok ? texts.notSent : partial ? texts.partial(accepted, recipients.length) : texts.sent,
    reply: ok && delivering ? delivering.reply : final.reply,
    // A partial delivery explains each recipient it could not reach, in `recipients`.
    explanation: ok ? null : final.explanation,
    clientLog: last?.clientLog ?? [],
    ...(!ok && final.error ? { error: final.error } : {}),
    ...(sessionId ? { sessionId } : {}),
    attempts,
    recipients,
    partial,
    summary: deliverySummary(attempts, recipients, stopped),
    ...(stopped ? { stopped } : {}),
  };
}
