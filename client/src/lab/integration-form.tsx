// The platform's SMTP form: a preset that fills server, port and security; login, the
// write-only password, sender address and name; Save. Every field is checked with the server's
// own validation before any request, and the server's answer per field lands at the field too.
import { useState } from 'preact/hooks';
import type { Bilingual, IntegrationField, Preset, PresetId, Security } from '../../../lab/integration/integration-types.js';
import { PROFILE_PROVIDERS } from '../../../lab/integration/presets.js';
import { FIELD_NAMES, SECURITY_NAMES } from '../../../lab/integration/field-names.js';
import { SECURITIES } from '../../../lab/integration/validation.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { fieldId, focusFirst, FormField } from './form-field.js';
import { applyPreset, checkDraft, FORM_FIELDS, isDirty, type IntegrationDraft } from './integration-draft.js';
import { ApiError } from '../api/api-error.js';
import { lm } from './lab-messages.js';
import type { LabStore } from './lab-store.js';

type Errors = Partial<Record<IntegrationField, Bilingual>>;
type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; text: Bilingual };

const TEXT_INPUT = { autocomplete: 'off', autocapitalize: 'none', spellcheck: false } as const;

export function IntegrationForm({ store, toFix }: { store: LabStore; toFix: IntegrationField | undefined }) {
  const { tr, lang } = useI18n();
  const draft = useObservable(store.draft);
  const saved = useObservable(store.saved);
  const presets = useObservable(store.presets) ?? [];
  const [errors, setErrors] = useState<Errors>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [reveal, setReveal] = useState(false);
  const passwordSaved = saved?.passwordSet === true;
  const dirty = isDirty(draft, saved);

  const edit = (changes: Partial<IntegrationDraft>) => {
    store.draft.set({ ...store.draft.get(), ...changes });
    const touched = Object.keys(changes) as IntegrationField[];
    if (touched.some((field) => errors[field])) {
      setErrors((current) => {
        const next = { ...current };
        for (const field of touched) delete next[field];
        return next;
      });
    }
    if (saveState.kind !== 'saving') setSaveState({ kind: 'idle' });
  };
  const text = (field: Exclude<IntegrationField, 'preset' | 'security'>) => ({
    value: draft[field],
    onInput: (event: Event) => edit({ [field]: (event.currentTarget as HTMLInputElement).value }),
  });

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (saveState.kind === 'saving') return;
    const found = checkDraft(draft, passwordSaved);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setSaveState({ kind: 'failed', text: lm.fixFields });
      focusFirst(FORM_FIELDS, found);
      return;
    }
    setSaveState({ kind: 'saving' });
    try {
      await store.save();
      setErrors({});
      setReveal(false);
      setSaveState({ kind: 'saved' });
    } catch (err) {
      const fields = err instanceof ApiError ? (err.fields as Errors) : {};
      setErrors(fields);
      const message = (err as Error).message;
      setSaveState({ kind: 'failed', text: err instanceof ApiError && err.text ? err.text : { ru: message, en: message } });
      focusFirst(FORM_FIELDS, fields);
    }
  };

  const preset = presets.find((p) => p.id === draft.preset);
  // The real provider and the lab's look-alike of it must not be mistaken for each other:
  // each says what it is, and the list groups them.
  const presetName = (p: Preset) => {
    if (p.id !== 'lab') return tr(lm.presetReal)(tr(p.name), p.host);
    const where = `${p.host}:${p.port}`;
    const plays = p.profile ? PROFILE_PROVIDERS[p.profile] : undefined;
    return plays ? tr(lm.presetLabPlays)(where, tr(plays), p.profile ?? '') : tr(lm.presetLab)(where, p.profile ?? 'lab');
  };
  const real = presets.filter((p) => p.id !== 'lab');
  const lab = presets.filter((p) => p.id === 'lab');
  const fix = (field: IntegrationField) => (toFix === field ? tr(lm.toFix) : undefined);
  const err = (field: IntegrationField) => (errors[field] ? errors[field]![lang] : undefined);
  const status =
    saveState.kind === 'saving'
      ? { cls: 'is-busy', text: tr(lm.saving) }
      : saveState.kind === 'failed'
        ? { cls: 'is-bad', text: tr(saveState.text) }
        : dirty && saved
          ? { cls: 'is-warn', text: tr(lm.unsaved) }
          : saveState.kind === 'saved'
            ? { cls: 'is-ok', text: tr(lm.saved) }
            : { cls: '', text: '' };

  return (
    <form class="card lab-form" noValidate onSubmit={onSubmit} aria-labelledby="lab-smtp-heading" data-testid="integration-form">
      <h3 id="lab-smtp-heading" class="card-title">
        {tr(lm.smtpHeading)}
      </h3>
      <FormField
        id={fieldId('preset')}
        name="preset"
        label={tr(FIELD_NAMES.preset)}
        error={err('preset')}
        toFix={fix('preset')}
        hint={preset ? tr(preset.note) : tr(lm.presetHint)}
        control={(aria) => (
          <select
            {...aria}
            class="input"
            value={draft.preset}
            onChange={(event) => {
              const id = (event.currentTarget as HTMLSelectElement).value as PresetId;
              store.draft.set(applyPreset(store.draft.get(), id, presets));
              setErrors(({ preset: _p, host: _h, port: _o, security: _s, ...rest }) => rest);
              setSaveState({ kind: 'idle' });
            }}
          >
            {lab.length > 0 ? (
              <optgroup label={tr(lm.presetGroupLab)}>
                {lab.map((p) => (
                  <option value={p.id}>{presetName(p)}</option>
                ))}
              </optgroup>
            ) : null}
            {real.length > 0 ? (
              <optgroup label={tr(lm.presetGroupReal)}>
                {real.map((p) => (
                  <option value={p.id}>{presetName(p)}</option>
                ))}
              </optgroup>
            ) : null}
            <option value="custom">{tr(lm.presetCustom)}</option>
          </select>
        )}
      />
      <div class="field-row">
        <FormField
          id={fieldId('host')}
          name="host"
          label={tr(FIELD_NAMES.host)}
          error={err('host')}
          toFix={fix('host')}
          control={(aria) => <input {...aria} {...TEXT_INPUT} class="input" type="text" {...text('host')} />}
        />
        <FormField
          id={fieldId('port')}
          name="port"
          label={tr(FIELD_NAMES.port)}
          error={err('port')}
          toFix={fix('port')}
          control={(aria) => <input {...aria} {...TEXT_INPUT} class="input input-port" type="text" inputMode="numeric" {...text('port')} />}
        />
      </div>
      <FormField
        id={fieldId('security')}
        name="security"
        label={tr(FIELD_NAMES.security)}
        error={err('security')}
        toFix={fix('security')}
        control={(aria) => (
          <select
            {...aria}
            class="input"
            value={draft.security}
            onChange={(event) => edit({ security: (event.currentTarget as HTMLSelectElement).value as Security })}
          >
            {SECURITIES.map((s) => (
              <option value={s}>{tr(SECURITY_NAMES[s] ?? { ru: s, en: s })}</option>
            ))}
          </select>
        )}
      />
      <FormField
        id={fieldId('login')}
        name="login"
        label={tr(FIELD_NAMES.login)}
        error={err('login')}
        toFix={fix('login')}
        control={(aria) => <input {...aria} {...TEXT_INPUT} class="input" type="text" inputMode="email" {...text('login')} />}
      />
      <FormField
        id={fieldId('password')}
        name="password"
        label={tr(FIELD_NAMES.password)}
        error={err('password')}
        toFix={fix('password')}
        hint={passwordSaved ? tr(lm.passwordSaved) : tr(lm.passwordAdvice)}
        control={(aria) => (
          <div class="input-with-button">
            <input
              {...aria}
              {...TEXT_INPUT}
              class="input"
              type={reveal ? 'text' : 'password'}
              autocomplete="new-password"
              placeholder={passwordSaved ? tr(lm.savedPlaceholder) : ''}
              data-password-saved={passwordSaved ? 'true' : 'false'}
              {...text('password')}
            />
            <button
              type="button"
              class="btn btn-small"
              aria-pressed={reveal}
              aria-controls={fieldId('password')}
              title={tr(lm.showPassword)}
              onClick={() => setReveal((r) => !r)}
            >
              {reveal ? tr(lm.hide) : tr(lm.show)}
            </button>
          </div>
        )}
      />
      <FormField
        id={fieldId('fromAddress')}
        name="fromAddress"
        label={tr(FIELD_NAMES.fromAddress)}
        error={err('fromAddress')}
        toFix={fix('fromAddress')}
        control={(aria) => <input {...aria} {...TEXT_INPUT} class="input" type="text" inputMode="email" {...text('fromAddress')} />}
      />
      <FormField
        id={fieldId('fromName')}
        name="fromName"
        label={tr(FIELD_NAMES.fromName)}
        aside={tr(lm.optional)}
        error={err('fromName')}
        toFix={fix('fromName')}
        control={(aria) => <input {...aria} class="input" type="text" autocomplete="off" {...text('fromName')} />}
      />
      <fieldset class="field-group" data-testid="retry-fields">
        <legend class="field-group-title">{tr(lm.retries)}</legend>
        <div class="field-row is-even">
          <FormField
            id={fieldId('attempts')}
            name="attempts"
            label={tr(FIELD_NAMES.attempts)}
            error={err('attempts')}
            toFix={fix('attempts')}
            hint={tr(lm.attemptsHint)}
            control={(aria) => <input {...aria} {...TEXT_INPUT} class="input" type="text" inputMode="numeric" {...text('attempts')} />}
          />
          <FormField
            id={fieldId('attemptInterval')}
            name="attemptInterval"
            label={tr(FIELD_NAMES.attemptInterval)}
            error={err('attemptInterval')}
            toFix={fix('attemptInterval')}
            hint={tr(lm.intervalHint)}
            control={(aria) => <input {...aria} {...TEXT_INPUT} class="input" type="text" inputMode="decimal" {...text('attemptInterval')} />}
          />
        </div>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={saveState.kind === 'saving'} data-testid="save-integration">
          {tr(lm.save)}
        </button>
        <p class={`form-status ${status.cls}`} role="status" data-testid="save-status" data-state={saveState.kind}>
          {status.text}
        </p>
      </div>
    </form>
  );
}
