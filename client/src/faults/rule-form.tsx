// A custom rule: the stage, the effect (a reply with its code, enhanced code and text, a delay,
// a disconnect, a throttle, a TLS failure), which sessions (listener, client address, EHLO name,
// MAIL FROM / RCPT TO patterns), which attempts, and how long it lives. The server checks it;
// each of its messages is shown at the field it names (field-errors.ts).
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { EFFECT_NAMES, STAGE_NAMES } from '../../../server/faults/fault-explanations.js';
import { FAULT_STAGES, type FaultEffectKind, type FaultStage } from '../../../server/wire/faults.js';
import { ApiError } from '../api/api-error.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { sentence } from '../i18n/sentence.js';
import { useI18n } from '../i18n/use-i18n.js';
import { focusFirst, FormField, type ControlProps } from '../lab/form-field.js';
import { placeErrors } from './field-errors.js';
import { fm } from './faults-messages.js';
import { useAccount, useFaultsPage } from './faults-page.js';
import {
  ATTEMPTS_KINDS,
  draftToInput,
  EFFECT_KINDS,
  emptyDraft,
  shownFields,
  type AttemptsKind,
  type DraftErrors,
  type DraftField,
  type RuleDraft,
} from './rule-draft.js';
import { ruleTitle } from './rule-describe.js';
import { StatusLine } from './status-line.js';
import { useAction } from './use-action.js';

const LISTENERS = ['smtp', 'smtps', 'submission'];
const idOf = (field: string) => `f-field-${field.replace(/\./g, '-')}`;

export function RuleForm() {
  const { tr } = useI18n();
  const { store } = useFaultsPage();
  const account = useAccount();
  const action = useAction();
  const [draft, setDraft] = useState<RuleDraft>(emptyDraft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [elsewhere, setElsewhere] = useState<Array<{ path: string; text: Bilingual }>>([]);
  const shown = shownFields(draft);
  const disabled = !account;

  const set = <K extends keyof RuleDraft>(field: K, value: RuleDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  };
  const errorAt = (field: DraftField) => {
    const text = errors[field];
    return text ? sentence(tr(text)) : undefined;
  };

  const text = (field: DraftField, label: Bilingual, options: { hint?: Bilingual; aside?: boolean; numeric?: boolean; placeholder?: string } = {}) => (
    <FormField
      id={idOf(field)}
      name={field}
      label={tr(label)}
      {...(options.aside ? { aside: tr(fm.optional) } : {})}
      {...(options.hint ? { hint: tr(options.hint) } : {})}
      error={errorAt(field)}
      control={(props: ControlProps) => (
        <input
          {...props}
          class="input"
          type="text"
          inputMode={options.numeric ? 'decimal' : undefined}
          autoComplete="off"
          spellcheck={false}
          translate={false}
          placeholder={options.placeholder}
          disabled={disabled}
          value={String(draft[field])}
          onInput={(e) => set(field, (e.currentTarget as HTMLInputElement).value)}
        />
      )}
    />
  );

  const select = <T extends string>(field: DraftField, label: Bilingual, values: readonly T[], name: (value: T) => string) => (
    <FormField
      id={idOf(field)}
      name={field}
      label={tr(label)}
      error={errorAt(field)}
      control={(props: ControlProps) => (
        <select
          {...props}
          class="input"
          disabled={disabled}
          value={String(draft[field])}
          onChange={(e) => set(field, (e.currentTarget as HTMLSelectElement).value as RuleDraft[typeof field])}
        >
          {values.map((value) => (
            <option value={value} key={value}>
              {name(value)}
            </option>
          ))}
        </select>
      )}
    />
  );

  const onSubmit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!account || action.busy) return;
    setElsewhere([]);
    const result = draftToInput(draft);
    if (!result.ok) {
      setErrors(result.errors);
      action.fail(fm.form.fixFields);
      focusFirst(shown, result.errors, idOf);
      return;
    }
    setErrors({});
    try {
      await action.run(
        () => store.add(result.input),
        (rule) => ({ ru: fm.form.added.ru(ruleTitle(rule).text.ru), en: fm.form.added.en(ruleTitle(rule).text.en) }),
      );
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        const placed = placeErrors(err.fields, shown);
        setErrors(placed.at);
        setElsewhere(placed.elsewhere);
        focusFirst(shown, placed.at, idOf);
      }
    }
  };

  const kind = draft['effect.kind'];
  const attempts = draft['attempts.kind'];
  return (
    <section class="card f-card" aria-labelledby="f-form-title" data-testid="fault-rule-form">
      <h2 class="card-title" id="f-form-title">
        {tr(fm.form.title)}
      </h2>
      <p class="small muted">{tr(fm.form.hint)}</p>
      <form class="f-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {text('name', fm.form.name, { aside: true })}
        <div class="f-grid">
          {select<FaultStage>('stage', fm.form.stage, FAULT_STAGES, (s) => tr(STAGE_NAMES[s]))}
          {select<FaultEffectKind>('effect.kind', fm.form.effect, EFFECT_KINDS, (k) => sentence(tr(EFFECT_NAMES[k])))}
        </div>
        {kind === 'reply' ? (
          <>
            <div class="f-grid">
              {text('effect.code', fm.form.code, { numeric: true, hint: fm.form.codeHint })}
              {text('effect.enhanced', fm.form.enhanced, { aside: true, placeholder: '4.2.2' })}
            </div>
            {text('effect.text', fm.form.text)}
            {text('effect.delayMs', fm.form.delayMs, { aside: true, numeric: true })}
          </>
        ) : null}
        {kind === 'delay' ? text('effect.ms', fm.form.ms, { numeric: true }) : null}
        {kind === 'disconnect' ? text('effect.delayMs', fm.form.delayMs, { aside: true, numeric: true }) : null}
        {kind === 'throttle' ? text('effect.bytesPerSecond', fm.form.bytesPerSecond, { numeric: true }) : null}

        <fieldset class="f-fieldset">
          <legend>{tr(fm.form.matchTitle)}</legend>
          <p class="small muted">{tr(fm.form.matchHint)}</p>
          <div class="f-grid">
            {select<string>('match.listener', fm.form.listener, ['', ...LISTENERS], (l) => (l === '' ? tr(fm.form.anyListener) : l))}
            {text('match.clientAddress', fm.form.clientAddress, { placeholder: '127.0.0.1' })}
            {text('match.helo', fm.form.helo)}
            {text('match.mailFrom', fm.form.mailFrom, { placeholder: '*@plant.example' })}
            {text('match.rcptTo', fm.form.rcptTo, { placeholder: 'ops@*' })}
          </div>
        </fieldset>

        <fieldset class="f-fieldset">
          <legend>{tr(fm.rules.attempts)}</legend>
          <div class="f-grid">
            {select<AttemptsKind>('attempts.kind', fm.form.attempts, ATTEMPTS_KINDS, (k) => tr(fm.attemptKinds[k]))}
            {attempts === 'nth' || attempts === 'first' || attempts === 'every-nth' ? text('attempts.n', fm.form.n, { numeric: true }) : null}
            {attempts === 'probability' ? text('attempts.percent', fm.form.percent, { numeric: true }) : null}
            {attempts === 'probability' && !draft['attempts.random'] ? text('attempts.seed', fm.form.seed, { numeric: true, hint: fm.form.seedHint }) : null}
            {attempts === 'greylist' ? text('attempts.retryAfterSeconds', fm.form.retryAfter, { numeric: true }) : null}
          </div>
          {attempts === 'probability' ? (
            <label class="toggle f-random">
              <input
                type="checkbox"
                checked={draft['attempts.random']}
                disabled={disabled}
                onChange={(e) => set('attempts.random', (e.currentTarget as HTMLInputElement).checked)}
                data-testid="attempts-random"
              />{' '}
              {tr(fm.form.random)}
            </label>
          ) : null}
        </fieldset>

        <fieldset class="f-fieldset">
          <legend>{tr(fm.form.lifetimeTitle)}</legend>
          <p class="small muted">{tr(fm.form.lifetimeHint)}</p>
          <div class="f-grid">
            {text('lifetime.firings', fm.form.firings, { aside: true, numeric: true })}
            {text('lifetime.seconds', fm.form.seconds, { aside: true, numeric: true })}
          </div>
        </fieldset>

        {elsewhere.length > 0 ? (
          <div class="f-elsewhere" role="alert" data-testid="errors-elsewhere">
            <p>{tr(fm.form.elsewhere)}</p>
            <ul>
              {elsewhere.map((e) => (
                <li key={e.path} data-path={e.path}>
                  {sentence(tr(e.text))}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div class="f-actions">
          <button type="submit" class="btn btn-primary" disabled={disabled || action.busy} data-testid="add-rule">
            {tr(fm.form.submit)}
          </button>
          <StatusLine status={action.status} testId="add-rule-status" />
        </div>
      </form>
    </section>
  );
}
