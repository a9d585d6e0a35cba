// Faults for one student (in their row) or for the whole class (below the table): a switch for
// greylisting — the one a class meets first — a select of the other presets, and the rules on
// them with a remove button. The server makes and scopes the rules (POST /api/lab/class/faults);
// the row shows what the next overview says, not what was clicked.
import { useState } from 'preact/hooks';
import type { FaultRule } from '../../../server/wire/faults.js';
import { Switch } from '../faults/switch.js';
import { StatusLine } from '../faults/status-line.js';
import { errorText } from '../faults/use-action.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useSingleRun } from '../ui/use-single-run.js';
import { useObservable } from '../ui/use-observable.js';
import { otherPresets, presetRule } from './class-rows.js';
import type { InstructorStore } from './instructor-store.js';
import { im } from './instructor-messages.js';

export interface FaultControlsProps {
  store: InstructorStore;
  /** The student's address; undefined: the whole class. */
  student: string | undefined;
  /** How the labels name whom the rules are for. */
  who: string;
  rules: readonly FaultRule[];
}

export function FaultControls({ store, student, who, rules }: FaultControlsProps) {
  const { tr } = useI18n();
  const presets = useObservable(store.presets) ?? [];
  const action = useSingleRun((err) => ({ state: 'bad' as const, text: errorText(err) }));
  const [picked, setPicked] = useState('');
  const greylisting = presetRule(rules, 'greylisting');
  const offered = otherPresets(presets, rules);
  const nameOf = (rule: FaultRule) => {
    const preset = presets.find((p) => p.id === rule.preset);
    return preset ? tr(preset.name) : rule.name;
  };
  const add = (preset: string) => action.run(() => store.addFault({ ...(student ? { student } : {}), preset })).catch(() => undefined);
  const remove = (ids: string[]) => action.run(async () => void (await Promise.all(ids.map((id) => store.removeFault(id))))).catch(() => undefined);
  const scope = student ?? 'class';

  return (
    <div class="ins-faults" data-testid="fault-controls" data-scope={scope}>
      <div class="ins-fault-line">
        <Switch
          on={Boolean(greylisting?.enabled)}
          label={tr(im.faults.greylistingFor)(who)}
          disabled={action.busy}
          testId="greylisting-switch"
          onChange={(on) => void (on ? add('greylisting') : remove(rules.filter((r) => r.preset === 'greylisting').map((r) => r.id)))}
        />
        <span class="small">{tr(im.faults.greylisting)}</span>
      </div>
      {offered.length > 0 ? (
        <form
          class="ins-fault-line"
          onSubmit={(event) => {
            event.preventDefault();
            if (picked) void add(picked).then(() => setPicked(''));
          }}
        >
          <select
            class="input ins-select"
            aria-label={tr(im.faults.otherFor)(who)}
            value={picked}
            data-testid="fault-preset-select"
            onChange={(e) => setPicked((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{tr(im.faults.other)}</option>
            {offered.map((p) => (
              <option value={p.id}>{tr(p.name)}</option>
            ))}
          </select>
          <button type="submit" class="btn btn-small" disabled={!picked || action.busy} data-testid="fault-add">
            {tr(im.faults.add)}
          </button>
        </form>
      ) : null}
      {rules.length > 0 ? (
        <ul class="ins-rules">
          {rules.map((rule) => (
            <li class={`ins-rule${rule.enabled ? '' : ' is-off'}`} data-testid="fault-rule" data-rule={rule.id} data-preset={rule.preset ?? ''}>
              <span class="chip chip-fault">⚡ {nameOf(rule)}</span>
              {rule.enabled ? null : <span class="small muted">{tr(im.faults.off)}</span>}
              <button
                type="button"
                class="btn btn-small btn-icon"
                aria-label={tr(im.faults.removeRule)(nameOf(rule))}
                title={tr(im.faults.removeRule)(nameOf(rule))}
                disabled={action.busy}
                data-testid="fault-remove"
                onClick={() => void remove([rule.id])}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <StatusLine status={action.status} hideIdle />
    </div>
  );
}

export function ClassFaults({ store, rules }: { store: InstructorStore; rules: readonly FaultRule[] }) {
  const { tr } = useI18n();
  return (
    <section class="card ins-card" aria-labelledby="ins-class-faults" data-testid="class-faults">
      <h2 id="ins-class-faults" class="card-title">
        {tr(im.faults.classTitle)}
      </h2>
      <p class="small muted">{tr(im.faults.classHint)}</p>
      {rules.length === 0 ? <p class="small">{tr(im.faults.classNone)}</p> : null}
      <FaultControls store={store} student={undefined} who={tr(im.faults.theClass)} rules={rules} />
    </section>
  );
}
