// Creating an object: its id (which is also the MQTT client id its device connects with), the
// automaton it runs, a model (optional), where its telemetry comes from (MQTT, the seeded
// simulator and its knobs, a playback file, or typed in by hand) and its speed.
import { useEffect, useState } from 'preact/hooks';
import type { ObjectSource } from '../../../lab/objects/object-spec.js';
import type { CreateObjectRequest } from '../../../lab/objects/objects-wire.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { sentence } from '../i18n/sentence.js';
import { useI18n } from '../i18n/use-i18n.js';
import { focusFirst, FormField } from '../lab/form-field.js';
import { useObservable } from '../ui/use-observable.js';
import { fieldErrors } from './automaton-errors.js';
import { zm } from './automaton-messages.js';
import { modelForAutomaton, useAccount, useAutomatonPage } from './automaton-page.js';
import { KnobFields } from './knob-fields.js';
import { defaultKnobs, knobsFromTexts, knobTexts, objectParameters, playbackFormat, type KnobTexts } from './object-draft.js';
import { StatusLine, useRun } from './ui-bits.js';

const SOURCES: readonly ObjectSource[] = ['manual', 'simulator', 'playback', 'mqtt'];
const FIELDS = ['id', 'automatonId', 'modelId', 'source', 'speed', 'seed', 'playback'] as const;
type Field = (typeof FIELDS)[number];
const idOf = (field: string) => `z-obj-${field}`;

export function ObjectCreate({ onCreated }: { onCreated(id: string): void }) {
  const { tr, lang } = useI18n();
  const { stores, choices } = useAutomatonPage();
  const library = useObservable(stores.library.state);
  const objects = useObservable(stores.objects.state).objects;
  const shown = useObservable(choices).automatonId;
  const account = useAccount();
  const action = useRun();
  const [id, setId] = useState('');
  const [automatonId, setAutomatonId] = useState('');
  const [modelId, setModelId] = useState('');
  const [source, setSource] = useState<ObjectSource>('manual');
  const [speed, setSpeed] = useState('1');
  const [seed, setSeed] = useState('42');
  const [knobs, setKnobs] = useState<KnobTexts | undefined>(undefined);
  const [playback, setPlayback] = useState<{ name: string; text: string } | undefined>(undefined);
  const [errors, setErrors] = useState<Partial<Record<Field | `knobs.${string}`, Bilingual>>>({});

  const entry = library.automatons.find((a) => a.id === automatonId) ?? library.automatons.find((a) => a.id === shown) ?? library.automatons[0];
  const model = modelId ? library.models.find((m) => m.id === modelId) : undefined;
  const parameters = objectParameters(entry?.automaton, model?.model);

  // Follow the automaton on the diagram, with its own model, until the student picks others.
  useEffect(() => {
    if (!entry) return;
    setAutomatonId(entry.id);
    setModelId(modelForAutomaton(library, entry)?.id ?? '');
  }, [entry?.id, library.models.length]);
  useEffect(() => setKnobs(knobTexts(defaultKnobs(entry?.automaton, model?.model))), [entry?.id, modelId]);
  useEffect(() => {
    if (!id) setId(`object-${objects.length + 1}`);
  }, []);

  const clearError = (field: Field) => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!account) return;
    const missing: typeof errors = {};
    if (!id.trim()) missing.id = zm.objects.idMissing;
    if (!entry) missing.automatonId = zm.objects.automatonMissing;
    if (source === 'playback' && !playback) missing.playback = zm.objects.playbackMissing;
    if (source === 'simulator' && !Number.isInteger(Number(seed.trim() || 'x'))) missing.seed = zm.objects.seedWrong;
    setErrors(missing);
    if (Object.keys(missing).length > 0 || !entry) {
      action.fail(zm.email.fixFields);
      focusFirst(FIELDS, missing, idOf);
      return;
    }
    const request: CreateObjectRequest = { id: id.trim(), automatonId: entry.id, modelId: modelId || null, source };
    if (source !== 'mqtt') request.speed = Number(speed.replace(',', '.'));
    if (source === 'simulator') request.simulator = { seed: Number(seed), ...(knobs ? { knobs: knobsFromTexts(knobs) } : {}) };
    if (source === 'playback' && playback) {
      const format = playbackFormat(playback.name);
      request.playback = { file: playback.text, ...(format ? { format } : {}) };
    }
    try {
      const created = await action.run(
        () => stores.objects.create(request),
        (o) => ({ ru: zm.objects.created.ru(o.id), en: zm.objects.created.en(o.id) }),
      );
      if (created) {
        onCreated(created.id);
        setId(`object-${stores.objects.state.get().objects.length + 1}`);
      }
    } catch (err) {
      const placed: typeof errors = {};
      for (const [key, text] of Object.entries(fieldErrors(err))) {
        const name = key === 'simulator.seed' ? 'seed' : key === 'model' ? 'modelId' : key === 'automaton' ? 'automatonId' : key.replace(/^simulator\./, '');
        placed[name as Field] = text;
      }
      setErrors(placed);
      focusFirst([...FIELDS, ...Object.keys(placed).filter((k) => k.startsWith('knobs.'))], placed, idOf);
    }
  };

  const err = (field: Field) => (errors[field] ? sentence(errors[field]![lang]) : undefined);
  const knobErrors: Record<string, string> = {};
  for (const [key, text] of Object.entries(errors)) if (key.startsWith('knobs.') && text) knobErrors[key.slice(6)] = sentence(text[lang]);

  return (
    <form noValidate onSubmit={onSubmit} class="z-create" aria-labelledby="z-create-title" data-testid="object-create">
      <h3 class="sub-title" id="z-create-title">
        {tr(zm.objects.create)}
      </h3>
      <fieldset class="z-fieldset" disabled={!account}>
        <FormField
          id={idOf('id')}
          name="id"
          label={tr(zm.objects.id)}
          error={err('id')}
          hint={tr(zm.objects.idHint)}
          control={(aria) => (
            <input
              {...aria}
              class="input z-mono"
              type="text"
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              maxLength={64}
              value={id}
              onInput={(e) => {
                setId((e.currentTarget as HTMLInputElement).value);
                clearError('id');
              }}
            />
          )}
        />
        <div class="z-grid-2">
          <FormField
            id={idOf('automatonId')}
            name="automatonId"
            label={tr(zm.objects.automaton)}
            error={err('automatonId')}
            control={(aria) => (
              <select
                {...aria}
                class="input"
                translate={false}
                value={entry?.id ?? ''}
                onChange={(e) => setAutomatonId((e.currentTarget as HTMLSelectElement).value)}
              >
                {library.automatons.length === 0 ? <option value="">—</option> : null}
                {library.automatons.map((a) => (
                  <option value={a.id} key={a.id}>
                    {a.automaton.name}
                    {a.fileName ? ` (${a.fileName})` : ''}
                  </option>
                ))}
              </select>
            )}
          />
          <FormField
            id={idOf('modelId')}
            name="modelId"
            label={tr(zm.objects.model)}
            aside={tr(zm.optional)}
            error={err('modelId')}
            control={(aria) => (
              <select {...aria} class="input" value={modelId} onChange={(e) => setModelId((e.currentTarget as HTMLSelectElement).value)}>
                <option value="">{tr(zm.objects.noModel)}</option>
                {library.models.map((m) => (
                  <option value={m.id} key={m.id} translate={false}>
                    {m.model.name}
                  </option>
                ))}
              </select>
            )}
          />
        </div>
        <fieldset class="z-radios field" aria-describedby={errors.source ? `${idOf('source')}-error` : undefined}>
          <legend class="field-label">{tr(zm.objects.source)}</legend>
          {SOURCES.map((s) => (
            <label class="z-radio" key={s}>
              <input type="radio" name="z-obj-source" value={s} checked={source === s} onChange={() => setSource(s)} data-testid={`source-${s}`} />{' '}
              {tr(zm.objects.sources[s])}
            </label>
          ))}
          {errors.source ? (
            <p class="field-error" id={`${idOf('source')}-error`}>
              {sentence(errors.source[lang])}
            </p>
          ) : null}
        </fieldset>
        {source === 'mqtt' ? (
          <p class="small muted">{tr(zm.objects.mqttRealTime)}</p>
        ) : (
          <FormField
            id={idOf('speed')}
            name="speed"
            label={tr(zm.objects.speed)}
            error={err('speed')}
            hint={tr(zm.objects.speedHint)}
            control={(aria) => (
              <input
                {...aria}
                class="input z-narrow"
                type="text"
                inputMode="decimal"
                value={speed}
                onInput={(e) => {
                  setSpeed((e.currentTarget as HTMLInputElement).value);
                  clearError('speed');
                }}
              />
            )}
          />
        )}
        {source === 'simulator' ? (
          <>
            <FormField
              id={idOf('seed')}
              name="seed"
              label={tr(zm.objects.seed)}
              error={err('seed')}
              hint={tr(zm.objects.seedHint)}
              control={(aria) => (
                <input
                  {...aria}
                  class="input z-narrow"
                  type="text"
                  inputMode="numeric"
                  value={seed}
                  onInput={(e) => setSeed((e.currentTarget as HTMLInputElement).value)}
                />
              )}
            />
            {knobs ? <KnobFields idPrefix="z-obj-knobs" texts={knobs} onChange={setKnobs} errors={knobErrors} parameters={parameters} /> : null}
          </>
        ) : null}
        {source === 'playback' ? (
          <FormField
            id={idOf('playback')}
            name="playback"
            label={tr(zm.objects.playbackFile)}
            error={err('playback')}
            hint={playback ? tr(zm.objects.playbackChosen)(playback.name) : tr(zm.objects.playbackHint)}
            control={(aria) => (
              <input
                {...aria}
                class="input"
                type="file"
                accept=".json,.csv,application/json,text/csv"
                onChange={async (e) => {
                  const file = (e.currentTarget as HTMLInputElement).files?.[0];
                  setPlayback(file ? { name: file.name, text: await file.text() } : undefined);
                  clearError('playback');
                }}
                data-testid="playback-file"
              />
            )}
          />
        ) : null}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={action.busy || library.automatons.length === 0} data-testid="create-object">
            {tr(zm.objects.submit)}
          </button>
          <StatusLine status={action.status} testId="create-status" />
        </div>
      </fieldset>
    </form>
  );
}
