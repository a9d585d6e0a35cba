// The Faults tab (issue 11, points 3 and 4): switch on what real servers do when delivery goes
// wrong, add a rule of one's own, and watch which fired, each firing linked to the session where
// the injected line is marked. Its store lives with the page's services (fed by the live stream
// from the start), so the tab's badge says on any tab that faults are switched on. Paths:
// /faults, and /faults/{rule id} for a rule opened from a session.
import { useEffect, useState } from 'preact/hooks';
import { AuthPanel } from '../account/auth-panel.js';
import type { TabDefinition, TabViewProps } from '../app/tab-registry.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { LabStore } from '../lab/lab-store.js';
import { useObservable } from '../ui/use-observable.js';
import { FiringsPanel } from './firings-panel.js';
import { fm } from './faults-messages.js';
import { FaultsContext, useFaultsPage, type FaultsPageContext } from './faults-page.js';
import type { FaultsStore } from './faults-store.js';
import { PresetsPanel } from './presets-panel.js';
import { RuleForm } from './rule-form.js';
import { RulesPanel } from './rules-panel.js';
import './faults.css';

function AccountNotice() {
  const { tr } = useI18n();
  const { lab, store } = useFaultsPage();
  const auth = useObservable(lab.auth);
  const { status, error } = useObservable(store.state);
  const [open, setOpen] = useState(false);
  if (auth.status === 'signed-in') {
    if (status !== 'error' || !error) return null;
    return (
      <p class="error small f-notice" role="alert">
        {tr(fm.loadFailed)(tr(error))}{' '}
        <button type="button" class="btn btn-small" onClick={() => void store.resync()}>
          {tr(fm.retry)}
        </button>
      </p>
    );
  }
  if (auth.status !== 'signed-out') return null;
  return (
    <div class="f-signed-out" data-testid="read-only">
      <p class="notice small f-notice">
        {tr(fm.readOnly)}{' '}
        <button type="button" class="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="show-sign-in">
          {open ? tr(fm.hide) : tr(fm.signIn)}
        </button>
      </p>
      {open || auth.expired ? (
        <div class="f-auth">
          <AuthPanel expired={auth.expired} onSignIn={(a, p) => lab.signIn(a, p)} onSignUp={(a, p) => lab.signUp(a, p)} />
        </div>
      ) : null}
    </div>
  );
}

function FaultsView({ route }: TabViewProps) {
  const { tr } = useI18n();
  return (
    <div class="fpage" data-testid="faults-page">
      <div class="fpage-top">
        <p class="f-intro">{tr(fm.intro)}</p>
        <p class="f-intro small muted">{tr(fm.scope)}</p>
        <AccountNotice />
      </div>
      <div class="fcols">
        <div class="fcol">
          <PresetsPanel />
          <RuleForm />
        </div>
        <div class="fcol">
          <RulesPanel selectedId={route.id} />
          <FiringsPanel />
        </div>
      </div>
    </div>
  );
}

export function createFaultsTab(store: FaultsStore, lab: LabStore): TabDefinition {
  const page: FaultsPageContext = { store, lab };

  function FaultsPage({ route }: TabViewProps) {
    useEffect(() => lab.start(), []);
    return (
      <FaultsContext.Provider value={page}>
        <FaultsView route={route} />
      </FaultsContext.Provider>
    );
  }

  /** How many rules are on for the student's sessions (theirs and the lab's): faults are never a surprise. */
  function OnBadge() {
    const { tr } = useI18n();
    const { rules } = useObservable(store.state);
    const on = rules.filter((r) => r.enabled).length;
    return (
      <span
        class={`tab-badge is-fault${on > 0 ? '' : ' is-empty'}`}
        data-testid="faults-badge"
        data-count={on}
        aria-label={on > 0 ? tr(fm.badge)(on) : undefined}
      >
        {on > 0 ? `⚡ ${on > 99 ? '99+' : on}` : '0'}
      </span>
    );
  }

  return { id: 'faults', label: fm.tab, order: 50, View: FaultsPage, Badge: OnBadge };
}
