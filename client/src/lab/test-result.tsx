// What the test send came to, as the practical work has it: "Тестовое письмо успешно
// отправлено", or the error's description: the server's reply verbatim, why it happened, what
// to do, and the field to fix (a button that takes the focus there).
import { FIELD_NAMES } from '../../../lab/integration/field-names.js';
import type { DeliveryResult } from '../../../lab/sender/delivery-types.js';
import { describeSenderError, senderErrorDetails } from '../../../lab/sender/sender-error-text.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { DeliveryAttempts } from './delivery-attempts.js';
import { fieldId } from './form-field.js';
import { lm } from './lab-messages.js';
import type { Attempt, LabStore } from './lab-store.js';
import './result.css';

function goToField(name: string): void {
  const el = document.getElementById(fieldId(name));
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}

/**
 * The attempts are worth a list when there was more than one, or more to say of the one than the
 * result above says (what the lab injected, several recipients); a single attempt that failed
 * gets the summary's one line (not retried, and why).
 */
function listsAttempts(result: DeliveryResult): boolean {
  return result.attempts.length > 1 || result.partial || result.recipients.length > 1 || result.attempts.some((a) => a.injected.length > 0);
}

function Delivery({ result }: { result: DeliveryResult }) {
  const { tr } = useI18n();
  const last = result.attempts.at(-1);
  return (
    <>
      {result.summary ? (
        <p class="delivery-summary" data-testid="delivery-summary">
          {tr(result.summary)}
          {!listsAttempts(result) && last && !result.ok ? <span class="muted small"> {tr(last.why)}</span> : null}
        </p>
      ) : null}
      {listsAttempts(result) ? <DeliveryAttempts attempts={result.attempts} running={false} recipients={result.recipients} /> : null}
    </>
  );
}

function Failure({ result }: { result: DeliveryResult }) {
  const { tr } = useI18n();
  const explanation = result.explanation;
  const field = explanation?.field ?? null;
  return (
    <>
      <p class="result-banner is-bad" data-testid="result-message">
        {tr(result.message)}
      </p>
      <h4 class="result-sub">{tr(lm.serverReply)}</h4>
      {result.reply !== null ? (
        <pre class="server-reply" data-testid="server-reply">
          {result.reply}
        </pre>
      ) : (
        <p class="muted" data-testid="server-reply-none">
          {tr(lm.noReply)}
        </p>
      )}
      {explanation ? (
        <dl class="explanation" data-testid="explanation" data-code={explanation.code} data-field={field ?? ''}>
          <dt>{tr(lm.cause)}</dt>
          <dd data-testid="explanation-cause">{tr(explanation.cause)}</dd>
          <dt>{tr(lm.fix)}</dt>
          <dd data-testid="explanation-fix">{tr(explanation.fix)}</dd>
          <dt>{tr(lm.fieldToFix)}</dt>
          <dd>
            {field ? (
              <button type="button" class="btn btn-fix" data-testid="fix-field" data-field={field} onClick={() => goToField(field)}>
                {tr(lm.goToField)(tr(FIELD_NAMES[field]))}
              </button>
            ) : (
              tr(lm.noFieldToFix)
            )}
          </dd>
        </dl>
      ) : null}
      {result.error ? (
        <>
          <p class="small" data-testid="sender-error">
            {tr(describeSenderError(result.error))}
          </p>
          <p class="muted small mono-line" data-testid="sender-error-details">
            {tr(senderErrorDetails(result.error))}
          </p>
        </>
      ) : null}
      <Delivery result={result} />
      {field ? <p class="result-next">{tr(lm.afterFix)}</p> : null}
    </>
  );
}

function Body({ attempt }: { attempt: Attempt | undefined }) {
  const { tr } = useI18n();
  if (!attempt) return <p class="muted">{tr(lm.noResult)}</p>;
  if (attempt.status === 'running') {
    const ended = attempt.tries.flatMap((t) => (t.ended ? [t.ended] : []));
    const current = attempt.tries.at(-1);
    return (
      <>
        <p class="result-banner is-busy" data-testid="result-message">
          <span class="spinner" aria-hidden="true" /> {tr(lm.running)}
        </p>
        {ended.length > 0 ? (
          <DeliveryAttempts
            attempts={ended}
            running
            nextAt={attempt.nextAt ?? null}
            current={current ? { n: current.n, of: current.of } : undefined}
            recipients={attempt.recipients ?? []}
          />
        ) : null}
      </>
    );
  }
  if (attempt.status === 'failed' || !attempt.result) {
    return (
      <>
        <p class="result-banner is-bad" data-testid="result-message">
          {tr(lm.requestFailed)}
        </p>
        {attempt.error ? <p data-testid="request-error">{tr(attempt.error)}</p> : null}
      </>
    );
  }
  const result = attempt.result;
  if (!result.ok) return <Failure result={result} />;
  return (
    <>
      <p class={`result-banner ${result.partial ? 'is-warn' : 'is-ok'}`} data-testid="result-message">
        {tr(result.message)}
      </p>
      {result.reply !== null ? (
        <>
          <h4 class="result-sub">{tr(lm.serverReply)}</h4>
          <pre class="server-reply" data-testid="server-reply">
            {result.reply}
          </pre>
        </>
      ) : null}
      <Delivery result={result} />
    </>
  );
}

export function TestResultPanel({ store }: { store: LabStore }) {
  const { tr } = useI18n();
  const attempt = useObservable(store.attempt);
  const state = !attempt
    ? 'none'
    : attempt.status === 'running'
      ? 'running'
      : attempt.status === 'failed' || !attempt.result
        ? 'error'
        : attempt.result.ok
          ? attempt.result.partial
            ? 'partial'
            : 'ok'
          : 'failed';
  return (
    <section class="card result" id="lab-result" aria-labelledby="lab-result-heading" data-testid="test-result" data-state={state} data-attempt={attempt?.n}>
      <h3 id="lab-result-heading" class="card-title">
        {tr(lm.result)}
      </h3>
      <div class="result-body" aria-live="polite">
        <Body attempt={attempt} />
      </div>
    </section>
  );
}
