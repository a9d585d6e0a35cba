// The sender's attempts at one mail, as they happen: each with its line ("Попытка 1 из 3 не
// удалась: «451 4.7.1 …»; следующая попытка через 10 с"), the server's reply verbatim, why it
// failed, why it is retried or not (RFC 5321 §4.2.1), what the lab's fault rules injected into it,
// and a link to its SMTP session; while the sender waits, a countdown to the next attempt; each
// recipient's outcome. The test e-mail's result and the automaton's alerts show the same list.
import { useEffect, useState } from 'preact/hooks';
import type { DeliveryAttempt, RecipientOutcome } from '../../../lab/sender/delivery-types.js';
import { attemptLine, seconds, STATUS_NAMES } from '../../../lab/sender/delivery-words.js';
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { lm } from './lab-messages.js';
import './delivery.css';

export interface DeliveryAttemptsProps {
  attempts: readonly DeliveryAttempt[];
  /** Still sending: the wait for the next attempt, or the attempt under way, is shown. */
  running: boolean;
  /** While the sender waits to retry: when the next attempt starts (epoch ms). */
  nextAt?: number | null;
  /** The attempt under way, once it has started. */
  current?: { n: number; of: number } | undefined;
  recipients?: readonly RecipientOutcome[];
}

/** Whole seconds left, ticking. */
function Countdown({ until }: { until: number }) {
  const { tr } = useI18n();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [until]);
  return <span data-testid="delivery-countdown">{tr(seconds(Math.max(0, Math.ceil((until - now) / 1000))))}</span>;
}

function AttemptItem({ attempt }: { attempt: DeliveryAttempt }) {
  const { tr } = useI18n();
  const { router } = useServices();
  const failed = attempt.verdict === 'transient' || attempt.verdict === 'permanent';
  return (
    <li
      class={`delivery-attempt is-${attempt.verdict}`}
      data-testid="delivery-attempt"
      data-n={attempt.n}
      data-verdict={attempt.verdict}
      data-rule={attempt.rule}
      data-injected={attempt.injected.length > 0 ? 'true' : 'false'}
    >
      <p class="delivery-line" data-testid="attempt-line">
        {tr(attemptLine(attempt))}
      </p>
      {failed && attempt.reply ? (
        <pre class="server-reply delivery-reply" data-testid="attempt-reply">
          {attempt.reply}
        </pre>
      ) : null}
      {failed && attempt.explanation ? (
        <p class="small" data-testid="attempt-cause">
          <strong>{tr(lm.delivery.cause)}:</strong> {tr(attempt.explanation.cause)}
        </p>
      ) : null}
      <p class="small muted" data-testid="attempt-why">
        <strong>{tr(lm.delivery.retry)}:</strong> {tr(attempt.why)}
      </p>
      {attempt.injected.map((injected) => (
        <p class="small delivery-injected" data-testid="attempt-injected" data-rule={injected.fault.ruleId} data-preset={injected.fault.preset ?? ''}>
          <strong>⚑ {tr(lm.delivery.injected)}:</strong> {tr(injected.explanation)}
        </p>
      ))}
      {attempt.sessionId ? (
        <p class="small">
          <a {...linkProps(router, { tab: 'sessions', id: attempt.sessionId })} data-testid="attempt-session-link">
            {tr(lm.delivery.session)}
          </a>
        </p>
      ) : null}
    </li>
  );
}

export function DeliveryAttempts({ attempts, running, nextAt, current, recipients = [] }: DeliveryAttemptsProps) {
  const { tr } = useI18n();
  const last = attempts.at(-1);
  const waiting = running && typeof nextAt === 'number' && last?.retryInSeconds !== null && (current?.n ?? 0) <= (last?.n ?? 0);
  const underWay = running && !waiting && current && current.n > (last?.n ?? 0) && current.n > 1;
  return (
    <section class="delivery" data-testid="delivery" data-attempts={attempts.length} data-state={waiting ? 'waiting' : running ? 'running' : 'done'}>
      <h4 class="result-sub">{tr(lm.delivery.title)}</h4>
      <p class="muted small">{tr(lm.delivery.hint)}</p>
      <ol class="delivery-attempts" aria-label={tr(lm.delivery.attempts)}>
        {attempts.map((attempt) => (
          <AttemptItem attempt={attempt} key={attempt.n} />
        ))}
      </ol>
      {waiting && last ? (
        <p class="delivery-wait" role="status" data-testid="delivery-wait">
          <span class="spinner" aria-hidden="true" /> {tr(lm.delivery.waiting)(last.n + 1, last.of)} <Countdown until={nextAt} />
        </p>
      ) : underWay ? (
        <p class="delivery-wait" role="status" data-testid="delivery-trying">
          <span class="spinner" aria-hidden="true" /> {tr(lm.delivery.trying)(current.n, current.of)}
        </p>
      ) : null}
      {recipients.length > 1 ? (
        <>
          <h4 class="result-sub">{tr(lm.delivery.recipients)}</h4>
          <ul class="delivery-recipients" data-testid="delivery-recipients">
            {recipients.map((r) => (
              <li class={`delivery-recipient is-${r.status}`} data-testid="delivery-recipient" data-address={r.address} data-status={r.status}>
                <span translate={false}>{r.address}</span> — {tr(STATUS_NAMES[r.status])}
                {r.reply ? (
                  <>
                    : <code>{r.reply.split('\n')[0]}</code>
                  </>
                ) : null}
                {r.explanation ? <p class="small muted">{tr(r.explanation.cause)}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
