// One scenario of the catalogue on the Scenarios tab: its title, goal and handout section, what
// starting it sets up, how far the student is, and every step with its mark — each step opens to
// its instructions (the current one is open), with why it did not count and the latest hint.
import { Fragment } from 'preact';
import type { ScenarioSetup } from '../../../lab/scenarios/scenario-types.js';
import { useI18n } from '../i18n/use-i18n.js';
import { currentStepIndex, entryStatus, passedCount, stepMark, stepProgress, type ScenarioEntry } from './scenario-logic.js';
import { Mark, ScenarioControls, ScenarioNotices, StepDetail } from './scenario-parts.js';
import { sm } from './scenarios-messages.js';
import type { ScenariosStore } from './scenarios-store.js';

function SetupList({ setup }: { setup: ScenarioSetup }) {
  const { tr } = useI18n();
  const items = [
    setup.account ? <li key="account">{tr(sm.needs.account)}</li> : null,
    setup.faults?.length ? (
      <li key="faults">
        {tr(sm.needs.faults)}{' '}
        {setup.faults.map((spec, i) => (
          <Fragment key={spec}>
            {i > 0 ? ', ' : null}
            <code>{spec}</code>
          </Fragment>
        ))}
      </li>
    ) : null,
    setup.automaton ? (
      <li key="automaton">
        {tr(sm.needs.automaton)} <code>{setup.automaton}</code>
        {setup.model ? (
          <>
            {' + '}
            <code>{setup.model}</code>
          </>
        ) : null}
      </li>
    ) : null,
    setup.profile ? (
      <li key="profile">
        {tr(sm.needs.profile)} <code>{setup.profile}</code>
      </li>
    ) : null,
  ].filter((item) => item !== null);
  if (items.length === 0) return null;
  return (
    <div class="scn-setup small">
      <span class="muted">{tr(sm.setup)}:</span>
      <ul>{items}</ul>
    </div>
  );
}

export function ScenarioCard({ store, entry, selected }: { store: ScenariosStore; entry: ScenarioEntry; selected: boolean }) {
  const { tr } = useI18n();
  const { scenario, progress } = entry;
  const status = entryStatus(entry);
  const current = currentStepIndex(entry);
  const total = scenario.steps.length;
  return (
    <li
      class={`scn-card${selected ? ' is-selected' : ''}`}
      id={`scenario-${scenario.id}`}
      data-testid="scenario-card"
      data-scenario={scenario.id}
      data-status={status}
    >
      <header class="scn-card-head">
        <span class="scn-num" aria-hidden="true">
          {scenario.order}
        </span>
        <h2 class="scn-card-title">{tr(scenario.title)}</h2>
        <span class={`scn-badge is-${status}`} data-testid="scenario-card-status">
          {status === 'running' ? tr(sm.status.running)(passedCount(entry), total) : tr(sm.status[status])}
        </span>
      </header>
      <p class="scn-goal">
        <span class="muted">{tr(sm.goal)}:</span> {tr(scenario.goal)}
      </p>
      <p class="small muted">
        {tr(sm.handout)}: {tr(scenario.handout)}
      </p>
      <SetupList setup={scenario.setup} />
      <ScenarioNotices store={store} entry={entry} />
      <ol class="scn-steps is-wide">
        {scenario.steps.map((step, i) => {
          const mark = stepMark(progress, step.id);
          const attempts = stepProgress(progress, step.id)?.attempts ?? 0;
          return (
            <li key={step.id} class="scn-step" data-testid="scenario-card-step" data-step={step.id} data-state={mark}>
              <details open={i === current || (current < 0 && i === 0 && status === 'not-started')}>
                <summary class="scn-step-head">
                  <Mark mark={mark} />
                  <span class="scn-step-title">{tr(step.title)}</span>
                  {attempts > 0 ? <span class="muted small">· {tr(sm.attempts)(attempts)}</span> : null}
                </summary>
                <StepDetail entry={entry} index={i} />
              </details>
            </li>
          );
        })}
      </ol>
      <div class="scn-card-actions">
        <button
          type="button"
          class="btn"
          onClick={() => {
            store.focus(scenario.id);
            store.setPanelOpen(true);
          }}
          data-testid="scenario-show"
        >
          {tr(sm.showInPanel)}
        </button>
        <ScenarioControls store={store} entry={entry} />
      </div>
    </li>
  );
}
