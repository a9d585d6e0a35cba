// The Scenarios tab (issue 12, point 3): the catalogue in its order, each scenario with its
// progress and its steps, Start and Reset, and who the progress is kept for (the signed-in lab
// account, or this computer). The store is the page's (create-services.ts), fed by the live
// stream from the start, so the side panel (scenario-side.tsx) ticks on every tab. Paths:
// /scenarios, and /scenarios/{id} for one scenario (shown in the side panel too).
import { useEffect, useState } from 'preact/hooks';
import { AuthPanel } from '../account/auth-panel.js';
import { useServices } from '../app/services.js';
import type { TabDefinition, TabViewProps } from '../app/tab-registry.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { LabStore } from '../lab/lab-store.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { ScenarioCard } from './scenario-card.js';
import { LOCAL_STUDENT } from './scenario-parts.js';
import { sm } from './scenarios-messages.js';
import type { ScenariosStore } from './scenarios-store.js';
import './scenarios.css';

function WhoLine({ store, lab }: { store: ScenariosStore; lab: LabStore }) {
  const { tr } = useI18n();
  const { student } = useObservable(store.state);
  const auth = useObservable(lab.auth);
  const [open, setOpen] = useState(false);
  if (student === undefined) return null;
  if (student !== LOCAL_STUDENT) {
    return (
      <p class="small" data-testid="scenario-student">
        {tr(sm.signedIn)}{' '}
        <strong translate={false} data-testid="scenario-student-address">
          {student}
        </strong>
      </p>
    );
  }
  return (
    <div data-testid="scenario-student" data-local="true">
      <p class="notice small scn-notice">
        {tr(sm.local)}{' '}
        <button type="button" class="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="scenario-show-sign-in">
          {open ? tr(sm.hide) : tr(sm.signIn)}
        </button>
      </p>
      {open && auth.status !== 'signed-in' ? (
        <div class="scn-auth">
          <AuthPanel expired={auth.status === 'signed-out' && auth.expired} onSignIn={(a, p) => lab.signIn(a, p)} onSignUp={(a, p) => lab.signUp(a, p)} />
        </div>
      ) : null}
    </div>
  );
}

export function createScenariosTab(store: ScenariosStore, lab: LabStore): TabDefinition {
  function ScenariosPage({ route }: TabViewProps) {
    const { tr } = useI18n();
    const { router } = useServices();
    const state = useObservable(store.state);
    useEffect(() => lab.start(), []);
    useEffect(() => {
      if (!route.id) return;
      store.focus(route.id);
      document.getElementById(`scenario-${route.id}`)?.scrollIntoView({ block: 'nearest' });
    }, [route.id, state.status]);
    return (
      <div class="scn-page" data-testid="scenarios-page">
        <div class="scn-page-top">
          <p class="scn-intro">{tr(sm.intro)}</p>
          <WhoLine store={store} lab={lab} />
          <p class="small">
            <a {...linkProps(router, { tab: 'report' })} data-testid="scenario-report-link">
              {tr(sm.report)}
            </a>
          </p>
        </div>
        {state.status === 'loading' ? <p class="muted scn-pad">{tr(sm.loading)}</p> : null}
        {state.status === 'error' && state.error ? (
          <p class="error scn-pad" role="alert">
            {tr(sm.loadFailed)(tr(state.error))}{' '}
            <button type="button" class="btn btn-small" onClick={() => void store.resync()}>
              {tr(sm.retry)}
            </button>
          </p>
        ) : null}
        <ol class="scn-list" data-testid="scenario-list">
          {state.entries.map((entry) => (
            <ScenarioCard key={entry.scenario.id} store={store} entry={entry} selected={entry.scenario.id === route.id} />
          ))}
        </ol>
      </div>
    );
  }

  return { id: 'scenarios', label: sm.tab, order: 60, View: ScenariosPage };
}
