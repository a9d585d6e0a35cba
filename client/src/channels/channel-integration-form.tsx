// A channel's integration form, built from the fields the server sends (the driver's own list,
// labels, hints and options): presets that fill in the lab's or the real service's address,
// every secret write-only (an empty secret field says it is saved, and keeps it), Save, and the
// server's message for a field at that field — any it names that the form does not show above
// Save, so none is lost. After a failed test, the field to fix is marked.
import { useState } from 'preact/hooks';
import type { ChannelId } from '../../../lab/channels/channel-wire.js';
import { ApiError } from '../api/api-error.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { sentence } from '../i18n/sentence.js';
import { useI18n } from '../i18n/use-i18n.js';
import { focusFirst, FormField } from '../lab/form-field.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { useObservable } from '../ui/use-observable.js';
import { applyPreset, fieldDomId, isDirty, placeErrors, presetMatches, type ChannelFieldView } from './channel-form-values.js';
import type { ChannelInfo } from './channels-api.js';
import { cm } from './channels-messages.js';
import { useChannels } from './world-parts.js';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; text: Bilingual };

export function FieldControl({
  field,
  id,
  value,
  onInput,
  aria,
  secretSet,
}: {
  field: ChannelFieldView;
  id: string;
  value: string;
  onInput(value: string): void;
  aria: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  secretSet?: boolean;
}) {
  const { tr } = useI18n();
  const [reveal, setReveal] = useState(false);
  if (field.kind === 'select') {
    return (
      <select {...aria} class="input" value={value} onChange={(e) => onInput((e.currentTarget as HTMLSelectElement).value)}>
        {(field.options ?? []).map((o) => (
          <option value={o.value}>{tr(o.label)}</option>
        ))}
      </select>
    );
  }
  const common = {
    ...aria,
    class: 'input',
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: false,
    value,
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value),
  } as const;
  if (!field.secret) return <input {...common} type="text" inputMode={field.kind === 'number' ? 'numeric' : undefined} placeholder={field.placeholder} />;
  return (
    <div class="input-with-button">
      <input
        {...common}
        type={reveal ? 'text' : 'password'}
        autocomplete="new-password"
        placeholder={secretSet ? tr(cm.form.secretSaved) : field.placeholder}
        data-secret-set={secretSet ? 'true' : 'false'}
      />
      <button type="button" class="btn btn-small" aria-pressed={reveal} aria-controls={id} onClick={() => setReveal((r) => !r)}>
        {reveal ? tr(cm.form.hide) : tr(cm.form.show)}
      </button>
    </div>
  );
}

export function ChannelIntegrationForm({ info, toFix }: { info: ChannelInfo; toFix: string | undefined }) {
  const { tr, lang } = useI18n();
  const store = useChannels();
  const channel: ChannelId = info.channel;
  const drafts = useObservable(store.drafts);
  const draft = drafts[channel] ?? {};
  const [errors, setErrors] = useState<Record<string, Bilingual>>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const view = info.integration;
  const dirty = isDirty(info.fields, draft, view);
  const names = info.fields.map((f) => f.name);
  const placed = placeErrors(errors, names);

  const edit = (changes: Record<string, string>) => {
    store.drafts.set({ ...store.drafts.get(), [channel]: { ...(store.drafts.get()[channel] ?? {}), ...changes } });
    if (Object.keys(changes).some((k) => errors[k])) setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !(k in changes))));
    if (saveState.kind !== 'saving') setSaveState({ kind: 'idle' });
  };

  // A `preset` select (the drivers' own field) fills in what its preset names, as the buttons do.
  const choose = (field: ChannelFieldView, value: string) => {
    const preset = field.name === 'preset' ? info.presets.find((p) => p.id === value) : undefined;
    if (preset)
      store.drafts.set({ ...store.drafts.get(), [channel]: applyPreset(info.fields, { ...(store.drafts.get()[channel] ?? {}), preset: value }, preset) });
    edit({ [field.name]: value });
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (saveState.kind === 'saving') return;
    setSaveState({ kind: 'saving' });
    try {
      await store.save(channel);
      setErrors({});
      setSaveState({ kind: 'saved' });
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      setErrors(fields);
      setSaveState({ kind: 'failed', text: err instanceof ApiError ? err.bilingual() : { ru: (err as Error).message, en: (err as Error).message } });
      focusFirst(names, fields, (name) => fieldDomId(channel, name));
    }
  };

  const status =
    saveState.kind === 'saving'
      ? { cls: 'is-busy', text: tr(cm.form.saving) }
      : saveState.kind === 'failed'
        ? { cls: 'is-bad', text: sentence(tr(saveState.text)) }
        : dirty && view
          ? { cls: 'is-warn', text: tr(cm.form.unsaved) }
          : saveState.kind === 'saved'
            ? { cls: 'is-ok', text: tr(cm.form.saved) }
            : { cls: '', text: '' };

  return (
    <form class="card ch-form" noValidate onSubmit={onSubmit} aria-labelledby={`ch-${channel}-form-title`} data-testid="channel-form" data-channel={channel}>
      <h3 id={`ch-${channel}-form-title`} class="card-title">
        {tr(cm.form.heading)(tr(info.name))}
      </h3>
      {info.presets.length > 0 ? (
        <div class="ch-presets" role="group" aria-labelledby={`ch-${channel}-presets`}>
          <span id={`ch-${channel}-presets`} class="field-label">
            {tr(cm.form.presets)}
          </span>
          {info.presets.map((preset) => (
            <button
              type="button"
              class={`btn btn-small ch-preset${preset.real ? ' is-real' : ' is-lab'}`}
              aria-pressed={presetMatches(info.fields, draft, preset)}
              title={tr(preset.note)}
              data-testid="channel-preset"
              data-preset={preset.id}
              onClick={() => {
                store.drafts.set({ ...store.drafts.get(), [channel]: applyPreset(info.fields, store.drafts.get()[channel] ?? {}, preset) });
                setSaveState({ kind: 'idle' });
              }}
            >
              {tr(preset.name)} <span class="ch-preset-kind">· {tr(preset.real ? cm.form.real : cm.form.lab)}</span>
            </button>
          ))}
          <p class="field-hint">{tr(cm.form.presetsHint)}</p>
        </div>
      ) : null}
      {info.fields.map((field) => {
        const id = fieldDomId(channel, field.name);
        const secretSet = field.secret ? view?.secretsSet[field.name] === true : false;
        const hint = [field.help ? tr(field.help) : '', secretSet ? tr(cm.form.secretSavedHint) : ''].filter(Boolean).join(' ');
        return (
          <FormField
            id={id}
            name={field.name}
            label={tr(field.label)}
            error={placed.at[field.name] ? sentence(placed.at[field.name]![lang]) : undefined}
            toFix={toFix === field.name ? tr(cm.form.toFix) : undefined}
            hint={hint || undefined}
            control={(aria) => (
              <FieldControl field={field} id={id} value={draft[field.name] ?? ''} onInput={(value) => choose(field, value)} aria={aria} secretSet={secretSet} />
            )}
          />
        );
      })}
      {placed.elsewhere.length > 0 ? (
        <div class="field-error" data-testid="errors-elsewhere">
          <p>{tr(cm.form.elsewhere)}</p>
          <ul>
            {placed.elsewhere.map((e) => (
              <li>
                <code>{e.name}</code>: {sentence(tr(e.text))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={saveState.kind === 'saving'} data-testid="channel-save">
          {tr(cm.form.save)}
        </button>
        {view ? (
          <ConfirmButton
            label={tr(cm.form.remove)}
            question={tr(cm.form.removeConfirm)}
            confirm={tr(cm.yes)}
            cancel={tr(cm.cancel)}
            testId="channel-remove"
            onConfirm={async () => {
              await store.removeIntegration(channel).catch(() => undefined);
              setSaveState({ kind: 'idle' });
            }}
          />
        ) : null}
        <p class={`form-status ${status.cls}`} role="status" data-testid="channel-save-status" data-state={saveState.kind}>
          {status.text}
        </p>
      </div>
    </form>
  );
}
