// The presets: what real servers do when delivery goes wrong, each with the reply it copies,
// what a real server answering so is doing and what a sender should do (the server's own data,
// server/faults/fault-presets.ts), and a switch that makes the student's rule of it.
import { FAULT_PRESETS, type FaultPreset } from '../../../server/faults/fault-presets.js';
import { STAGE_NAMES } from '../../../server/faults/fault-explanations.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { fm } from './faults-messages.js';
import { useAccount, useFaultsPage } from './faults-page.js';
import { isOwn } from './faults-store.js';
import { describeEffect, replyLine } from './rule-describe.js';
import { Switch } from './switch.js';
import { useAction } from './use-action.js';
import { StatusLine } from './status-line.js';

function PresetRow({ preset, on, labWide, writable }: { preset: FaultPreset; on: boolean; labWide: boolean; writable: boolean }) {
  const { tr } = useI18n();
  const { store } = useFaultsPage();
  const action = useAction();
  const effect = preset.effect;
  return (
    <li class={`f-preset${on ? ' is-on' : ''}`} data-testid="fault-preset" data-preset={preset.id} data-on={on}>
      <div class="f-preset-head">
        <Switch
          on={on}
          label={tr(fm.presets.toggle)(tr(preset.name))}
          disabled={!writable || action.busy}
          onChange={(next) => void action.run(() => store.setPreset(preset.id, next)).catch(() => undefined)}
          testId={`preset-switch-${preset.id}`}
        />
        <h3 class="f-preset-name">{tr(preset.name)}</h3>
        <span class="chip f-stage">{tr(STAGE_NAMES[preset.stage])}</span>
      </div>
      <p class="f-preset-effect">
        {effect.kind === 'reply' ? (
          <code class="f-reply" translate={false}>
            {replyLine(effect)}
          </code>
        ) : (
          tr(describeEffect(effect))
        )}
      </p>
      <dl class="f-preset-facts small">
        <dt>{tr(fm.presets.realWorld)}</dt>
        <dd>{tr(preset.realWorld)}.</dd>
        <dt>{tr(fm.presets.senderShould)}</dt>
        <dd>{tr(preset.senderShould)}.</dd>
        <dt>{tr(fm.presets.copies)}</dt>
        <dd class="f-source">{tr(preset.source)}</dd>
      </dl>
      {labWide ? <p class="small muted">{tr(fm.presets.labWideToo)}</p> : null}
      <StatusLine status={action.status} hideIdle />
    </li>
  );
}

export function PresetsPanel() {
  const { tr } = useI18n();
  const { store } = useFaultsPage();
  const account = useAccount();
  const { rules, status } = useObservable(store.state);
  const writable = account !== undefined && status === 'ready';
  return (
    <section class="card f-card" aria-labelledby="f-presets-title" data-testid="fault-presets">
      <h2 class="card-title" id="f-presets-title">
        {tr(fm.presets.title)}
      </h2>
      <p class="small muted">{tr(fm.presets.hint)}</p>
      <ul class="f-presets">
        {FAULT_PRESETS.map((preset) => (
          <PresetRow
            key={preset.id}
            preset={preset}
            on={rules.some((r) => isOwn(r) && r.preset === preset.id && r.enabled)}
            labWide={rules.some((r) => !isOwn(r) && r.preset === preset.id && r.enabled)}
            writable={writable}
          />
        ))}
      </ul>
    </section>
  );
}
