// The side panel beside every tab's work: the scenario the student is on (or chose), its steps
// ticking ✓ as the server records what they ask for (live, from the store), the current step's
// instructions, why the last try did not count and the latest hint, Start and Reset. Collapsed it
// is a narrow strip (a bar at the bottom on a phone) that still shows how far the scenario is;
// it opens by itself once a scenario is started, until the student collapses it.
import type { ComponentType } from 'preact';
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { currentStepIndex, entryStatus, focusedEntry, MARK_SIGN, passedCount, stepMark, type ScenarioEntry } from './scenario-logic.js';
import { Mark, ScenarioControls, ScenarioNotices, StepDetail } from './scenario-parts.js';
import { sm } from './scenarios-messages.js';
import { panelOpen, type ScenariosStore } from './scenarios-store.js';
import './scenarios.css';

function StatusLine({ entry }: { entry: ScenarioEntry }) {
  const { tr, when } = useI18n();
  const status = entryStatus(entry);
  const total = entry.scenario.steps.length;
  return (
    <p class="scn-status small" data-testid="scenario-status" data-status={status}>
      {entry.progress?.completedAt ? (
        tr(sm.completedAt)(when(entry.progress.completedAt))
      ) : entry.progress ? (
        <>
          {tr(sm.status.running)(passedCount(entry), total)}
          <span class="muted"> · {tr(sm.startedAt)(when(entry.progress.startedAt))}</span>
        </>
      ) : (
        tr(sm.status['not-started'])
      )}
    </p>
  );
}

function SideBody({ store, entry }: { store: ScenariosStore; entry: ScenarioEntry }) {
  const { tr } = useI18n();
  const { router } = useServices();
  const { entries } = useObservable(store.state);
  const { scenario, progress } = entry;
  const status = entryStatus(entry);
  const current = currentStepIndex(entry);
  const next = entries.find((e) => e.scenario.order > scenario.order && entryStatus(e) !== 'completed');
  return (
    <div id="scn-side-body" class="scn-body">
      <label class="scn-choose">
        <span class="sr-only">{tr(sm.panel.choose)}</span>
        <select value={scenario.id} onChange={(e) => store.focus((e.target as HTMLSelectElement).value)} data-testid="scenario-select">
          {entries.map((e) => (
            <option key={e.scenario.id} value={e.scenario.id}>
              {`${e.scenario.order}. ${tr(e.scenario.title)}${entryStatus(e) === 'completed' ? ` ${MARK_SIGN.passed}` : ''}`}
            </option>
          ))}
        </select>
      </label>
      <h2 class="scn-title" data-testid="scenario-title">
        {tr(scenario.title)}
      </h2>
      <StatusLine entry={entry} />
      <ScenarioNotices store={store} entry={entry} />
      {status === 'not-started' ? (
        <>
          <p class="scn-goal">{tr(scenario.goal)}</p>
          <p class="muted small">{tr(sm.beforeStart)}</p>
        </>
      ) : null}
      <ol class="scn-steps" data-testid="scenario-steps">
        {scenario.steps.map((step, i) => {
          const mark = stepMark(progress, step.id);
          return (
            <li key={step.id} class={`scn-step${i === current ? ' is-current' : ''}`} data-testid="scenario-step" data-step={step.id} data-state={mark}>
              <div class="scn-step-head">
                <Mark mark={mark} />
                <span class="scn-step-title">{tr(step.title)}</span>
              </div>
              {i === current ? <StepDetail entry={entry} index={i} /> : null}
            </li>
          );
        })}
      </ol>
      {status === 'completed' ? (
        <p class="scn-done" data-testid="scenario-done">
          <Mark mark="passed" /> {tr(sm.done)}{' '}
          {next ? (
            <button type="button" class="btn btn-small" onClick={() => store.focus(next.scenario.id)} data-testid="scenario-next">
              {tr(sm.next)} →
            </button>
          ) : null}
        </p>
      ) : null}
      <ScenarioControls store={store} entry={entry} key={scenario.id} />
      <p class="scn-links small">
        <a {...linkProps(router, { tab: 'scenarios', id: scenario.id })}>{tr(sm.panel.all)}</a>
        {' · '}
        <a {...linkProps(router, { tab: 'report' })}>{tr(sm.report)}</a>
      </p>
    </div>
  );
}

export function createScenarioSide(store: ScenariosStore): ComponentType {
  return function ScenarioSide() {
    const { tr } = useI18n();
    const state = useObservable(store.state);
    const entry = focusedEntry(state.entries, state.focus);
    const open = entry !== undefined && panelOpen(state);
    const status = entry ? entryStatus(entry) : 'not-started';
    return (
      <aside
        class={`scn-side${open ? ' is-open' : ''}`}
        aria-label={tr(sm.panel.label)}
        data-testid="scenario-side"
        data-open={open}
        data-scenario={entry?.scenario.id}
      >
        <button
          type="button"
          class="scn-toggle"
          aria-expanded={open}
          aria-controls="scn-side-body"
          title={tr(open ? sm.panel.close : sm.panel.open)}
          disabled={!entry}
          onClick={() => store.setPanelOpen(!open)}
          data-testid="scenario-toggle"
        >
          <span class="scn-toggle-sign" aria-hidden="true" />
          <span class="scn-toggle-text">{tr(sm.panel.label)}</span>
          {entry ? <span class="scn-toggle-title">{tr(entry.scenario.title)}</span> : null}
          {entry ? (
            <span class="scn-toggle-count" data-testid="scenario-count">
              {status === 'not-started' ? '—' : `${passedCount(entry)}/${entry.scenario.steps.length}`}
            </span>
          ) : null}
        </button>
        {open && entry ? <SideBody store={store} entry={entry} /> : null}
      </aside>
    );
  };
}
