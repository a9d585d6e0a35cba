// A channel's test send: the message (its text, and the test's own fields — the SMS number), off
// until the integration is saved and while the form differs from what is saved; then, as the
// send happens, each attempt as it ends and the wait before the next (a 429's retry_after
// counted down), and the result: its message, the reply verbatim, why and what to do, the field
// to fix (a button that takes the focus there), and links to the captured message and exchange.
import { useEffect, useState } from 'preact/hooks';
import type { ChannelAttempt, ChannelId, ChannelSendResult } from '../../../lab/channels/channel-wire.js';
import { ApiError } from '../api/api-error.js';
import { useServices } from '../app/services.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { sentence } from '../i18n/sentence.js';
import { useI18n } from '../i18n/use-i18n.js';
import { focusFirst, FormField } from '../lab/form-field.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { fieldDomId, isDirty, testFieldDomId } from './channel-form-values.js';
import { FieldControl } from './channel-integration-form.js';
import type { ChannelInfo } from './channels-api.js';
import { cm } from './channels-messages.js';
import { channelsRouteId } from './channels-route.js';
import { attemptVerdict, secondsLeft, type TestRun } from './test-run.js';
import { useChannels } from './world-parts.js';
import '../lab/delivery.css';
import '../lab/result.css';

export function TestForm({ info, toFix }: { info: ChannelInfo; toFix: string | undefined }) {
  const { tr, lang } = useI18n();
  const store = useChannels();
  const channel = info.channel;
  const tests = useObservable(store.tests);
  const drafts = useObservable(store.drafts);
  const runs = useObservable(store.runs);
  const [errors, setErrors] = useState<Record<string, Bilingual>>({});
  const input = tests[channel];
  const saved = info.integration !== null;
  const dirty = isDirty(info.fields, drafts[channel] ?? {}, info.integration);
  const running = runs[channel]?.status === 'running';
  // The server may list `text` among the test's fields (with its label); it is always a text area here.
  const textField = info.testFields.find((f) => f.name === 'text');
  const others = info.testFields.filter((f) => f.name !== 'text');
  const names = ['text', ...others.map((f) => f.name)];

  const edit = (name: string, value: string) => {
    store.tests.set({ ...store.tests.get(), [channel]: { ...store.tests.get()[channel], [name]: value } });
    if (errors[name]) setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => k !== name)));
  };
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!saved || dirty || running) return;
    setErrors({});
    try {
      await store.sendTest(channel);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        setErrors(err.fields);
        focusFirst(names, err.fields, (name) => testFieldDomId(channel, name));
      }
    }
  };
  const err = (name: string) => (errors[name] ? sentence(errors[name]![lang]) : undefined);
  const fix = (name: string) => (toFix === name ? tr(cm.form.toFix) : undefined);
  const note = !saved ? cm.test.locked : dirty ? cm.form.unsaved : cm.test.ready;

  return (
    <form
      class={`card ch-test${saved ? '' : ' is-locked'}`}
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={`ch-${channel}-test-title`}
      data-testid="channel-test"
    >
      <fieldset disabled={!saved} class="ch-fieldset">
        <legend id={`ch-${channel}-test-title`} class="card-title">
          {tr(cm.test.heading)}
        </legend>
        <p id={`ch-${channel}-test-note`} class={`small ${dirty && saved ? 'form-status is-warn' : 'muted'}`} data-testid="channel-test-note">
          {tr(note)}
        </p>
        <FormField
          id={testFieldDomId(channel, 'text')}
          name="text"
          label={tr(textField?.label ?? cm.test.text)}
          error={err('text')}
          toFix={fix('text')}
          hint={textField?.help ? tr(textField.help) : undefined}
          control={(aria) => (
            <textarea {...aria} class="input" rows={3} value={input.text ?? ''} onInput={(e) => edit('text', (e.currentTarget as HTMLTextAreaElement).value)} />
          )}
        />
        {others.map((field) => {
          const id = testFieldDomId(channel, field.name);
          return (
            <FormField
              id={id}
              name={field.name}
              label={tr(field.label)}
              error={err(field.name)}
              toFix={fix(field.name)}
              hint={field.help ? tr(field.help) : undefined}
              control={(aria) => (
                <FieldControl field={field} id={id} value={input[field.name] ?? ''} onInput={(value) => edit(field.name, value)} aria={aria} />
              )}
            />
          );
        })}
        <div class="form-actions">
          <button
            type="submit"
            class="btn btn-primary"
            disabled={running || dirty}
            aria-busy={running}
            aria-describedby={`ch-${channel}-test-note`}
            data-testid="channel-send-test"
          >
            {tr(cm.test.send)}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function Countdown({ until }: { until: number }) {
  const { tr } = useI18n();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [until]);
  return <span data-testid="channel-countdown">{tr(cm.test.seconds)(secondsLeft(until, now))}</span>;
}

function AttemptItem({ attempt, run }: { attempt: ChannelAttempt; run: TestRun }) {
  const { tr } = useI18n();
  const verdict = attemptVerdict(attempt, run.attempts, run.result);
  const answered = attempt.status === null ? tr(cm.test.noAnswer) : tr(cm.test.status)(attempt.status);
  const what =
    verdict === 'accepted' ? tr(cm.test.accepted) : verdict === 'transient' ? tr(cm.test.transient) : verdict === 'permanent' ? tr(cm.test.permanent) : '';
  const wait = attempt.retryAfterSeconds !== null ? tr(cm.test.askedToWait)(tr(cm.test.seconds)(attempt.retryAfterSeconds)) : '';
  return (
    <li
      class={`delivery-attempt is-${verdict === 'accepted' ? 'sent' : verdict}`}
      data-testid="channel-attempt"
      data-n={attempt.n}
      data-verdict={verdict}
      data-status={attempt.status ?? ''}
    >
      <p class="delivery-line">{tr(cm.test.attempt)(attempt.n, attempt.of, [answered, what, wait].filter(Boolean).join('; '))}</p>
      {attempt.reply !== null && verdict !== 'accepted' ? (
        <pre class="server-reply delivery-reply" data-testid="channel-attempt-reply">
          {attempt.reply}
        </pre>
      ) : null}
    </li>
  );
}

function goToField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}

function Outcome({ info, result }: { info: ChannelInfo; result: ChannelSendResult }) {
  const { tr } = useI18n();
  const { router } = useServices();
  const channel: ChannelId = info.channel;
  const explanation = result.explanation;
  const field = explanation?.field ?? null;
  const testField = field === 'text' || info.testFields.some((f) => f.name === field);
  const label =
    field === 'text' ? tr(cm.test.text) : tr([...info.fields, ...info.testFields].find((f) => f.name === field)?.label ?? { ru: field ?? '', en: field ?? '' });
  return (
    <>
      <p class={`result-banner ${result.ok ? 'is-ok' : 'is-bad'}`} data-testid="channel-result-message">
        {tr(result.message)}
      </p>
      <h4 class="result-sub">{tr(cm.test.reply)}</h4>
      {result.reply !== null ? (
        <pre class="server-reply" data-testid="channel-reply">
          {result.reply}
        </pre>
      ) : (
        <p class="muted" data-testid="channel-no-reply">
          {tr(cm.test.noReply)}
        </p>
      )}
      {explanation ? (
        <dl class="explanation" data-testid="channel-explanation" data-code={explanation.code} data-field={field ?? ''}>
          <dt>{tr(cm.test.cause)}</dt>
          <dd data-testid="channel-cause">{tr(explanation.cause)}</dd>
          <dt>{tr(cm.test.fix)}</dt>
          <dd data-testid="channel-fix">{tr(explanation.fix)}</dd>
          <dt>{tr(cm.test.field)}</dt>
          <dd>
            {field ? (
              <button
                type="button"
                class="btn btn-fix"
                data-testid="channel-fix-field"
                data-field={field}
                onClick={() => goToField(testField ? testFieldDomId(channel, field) : fieldDomId(channel, field))}
              >
                {tr(cm.test.goToField)(label)}
              </button>
            ) : (
              tr(cm.test.noField)
            )}
          </dd>
        </dl>
      ) : null}
      <p class="ch-links">
        {result.messageId ? (
          <a
            {...linkProps(router, { tab: 'messages', id: channelsRouteId({ channel, section: 'messages', id: result.messageId }) })}
            data-testid="channel-open-message"
          >
            {tr(cm.test.openMessage)}
          </a>
        ) : null}
        <a
          {...linkProps(router, {
            tab: 'messages',
            id: channelsRouteId({ channel, section: 'exchanges', ...(result.exchangeId ? { id: result.exchangeId } : {}) }),
          })}
          data-testid={result.exchangeId ? 'channel-open-exchange' : 'channel-open-exchanges'}
        >
          {tr(result.exchangeId ? cm.test.openExchange : cm.test.allExchanges)}
        </a>
      </p>
    </>
  );
}

export function TestResult({ info }: { info: ChannelInfo }) {
  const { tr } = useI18n();
  const store = useChannels();
  const run = useObservable(store.runs)[info.channel];
  const state = !run ? 'none' : run.status === 'running' ? 'running' : run.status === 'failed' || !run.result ? 'error' : run.result.ok ? 'ok' : 'failed';
  const last = run?.attempts.at(-1);
  const listed = run && (run.status === 'running' || run.attempts.length > 1);
  return (
    <section class="card result" aria-labelledby={`ch-${info.channel}-result-title`} data-testid="channel-result" data-state={state} data-run={run?.n}>
      <h3 id={`ch-${info.channel}-result-title`} class="card-title">
        {tr(cm.test.result)}
      </h3>
      <div class="result-body" aria-live="polite">
        {!run ? <p class="muted">{tr(cm.test.none)}</p> : null}
        {run?.status === 'running' ? (
          <p class="result-banner is-busy">
            <span class="spinner" aria-hidden="true" /> {tr(cm.test.running)}
          </p>
        ) : null}
        {run?.status === 'failed' ? (
          <>
            <p class="result-banner is-bad" data-testid="channel-result-message">
              {tr(cm.test.requestFailed)}
            </p>
            {run.error ? <p data-testid="channel-request-error">{sentence(tr(run.error))}</p> : null}
          </>
        ) : null}
        {run?.result ? <Outcome info={info} result={run.result} /> : null}
        {run && listed ? (
          <section class="delivery" data-testid="channel-attempts" data-attempts={run.attempts.length}>
            <h4 class="result-sub">{tr(cm.test.attempts)}</h4>
            <ol class="delivery-attempts">
              {run.attempts.map((attempt) => (
                <AttemptItem attempt={attempt} run={run} key={attempt.n} />
              ))}
            </ol>
            {run.status === 'running' && run.waiting && last ? (
              <p class="delivery-wait" role="status" data-testid="channel-wait">
                <span class="spinner" aria-hidden="true" /> {run.nextAt !== null ? tr(cm.test.waiting) : tr(cm.test.waitingSoon)}{' '}
                {run.nextAt !== null ? <Countdown until={run.nextAt} /> : null}
              </p>
            ) : null}
          </section>
        ) : null}
      </div>
    </section>
  );
}
