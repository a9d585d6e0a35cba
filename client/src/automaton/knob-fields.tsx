// The simulator's knobs as form fields: the ones that shape the overheat first, the rest folded.
import type { Parameter } from '../../../lab/automaton/automaton-types.js';
import { useI18n } from '../i18n/use-i18n.js';
import { zm } from './automaton-messages.js';
import type { KnobKey, KnobTexts } from './object-draft.js';

const MAIN: readonly KnobKey[] = ['temperatureParam', 'base', 'overheatAt', 'overheatFor', 'overheatPeak', 'intervalSeconds'];
const MORE: readonly KnobKey[] = ['noise', 'driftPerHour', 'decimals', 'doorParam', 'doorOpenChance', 'doorOpenFor'];
const TEXT: ReadonlySet<KnobKey> = new Set(['temperatureParam', 'doorParam']);

export function KnobFields(props: {
  idPrefix: string;
  texts: KnobTexts;
  onChange(texts: KnobTexts): void;
  errors: Readonly<Record<string, string>>;
  parameters: readonly Parameter[];
}) {
  const { tr } = useI18n();
  const list = `${props.idPrefix}-params`;
  const field = (key: KnobKey) => {
    const id = `${props.idPrefix}.${key}`;
    const error = props.errors[key];
    return (
      <div class={`field z-knob${error ? ' has-error' : ''}`} data-knob={key} key={key}>
        <label class="field-label" for={id}>
          {tr(zm.object.knobNames[key])}
        </label>
        <input
          id={id}
          class="input"
          type="text"
          inputMode={TEXT.has(key) ? 'text' : 'decimal'}
          list={TEXT.has(key) ? list : undefined}
          autocomplete="off"
          spellcheck={false}
          value={props.texts[key]}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => props.onChange({ ...props.texts, [key]: (e.currentTarget as HTMLInputElement).value })}
        />
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <div class="z-knobs" data-testid="knobs">
      <datalist id={list} translate={false}>
        {props.parameters.map((p) => (
          <option value={p.id} key={p.id} />
        ))}
      </datalist>
      <div class="z-knob-grid">{MAIN.map(field)}</div>
      <details class="z-more">
        <summary class="small">{tr(zm.object.moreKnobs)}</summary>
        <div class="z-knob-grid">{MORE.map(field)}</div>
      </details>
    </div>
  );
}
