// The Automaton tab (issue 10, point 6): its stores live with the page's services (fed by the
// live stream from the start, so the tab's badge lights for a critical operator message on any
// tab); its page (automaton-view.tsx) is loaded the first time the tab opens. Paths: /automaton,
// and /automaton/{object id} for an object selected.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TabDefinition, TabViewProps } from '../app/tab-registry.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { LabStore } from '../lab/lab-store.js';
import { createState } from '../ui/observable.js';
import { useObservable } from '../ui/use-observable.js';
import { zm } from './automaton-messages.js';
import { AutomatonContext, type AutomatonPageContext, type PageChoices } from './automaton-page.js';
import type { AutomatonStores } from './automaton-stores.js';

type View = ComponentType<TabViewProps>;

export function createAutomatonTab(stores: AutomatonStores, lab: LabStore): TabDefinition {
  const choices = createState<PageChoices>({ automatonId: undefined });
  const page: AutomatonPageContext = { stores, lab, choices };
  let loading: Promise<View> | undefined;
  let loaded: View | undefined;
  const load = () => (loading ??= import('./automaton-view.js').then((m) => (loaded = m.AutomatonView)));

  function AutomatonPage({ route }: TabViewProps) {
    const { tr } = useI18n();
    const [view, setView] = useState<{ View: View } | { failed: string } | undefined>(loaded ? { View: loaded } : undefined);
    useEffect(() => lab.start(), []);
    useEffect(() => {
      if (view) return;
      load().then(
        (View) => setView({ View }),
        (err: Error) => {
          loading = undefined;
          setView({ failed: err.message });
        },
      );
    }, [view]);
    if (!view) return <p class="muted small z-loading">{tr(zm.busy)}</p>;
    if ('failed' in view) {
      return (
        <p class="error small z-loading" role="alert">
          {tr(zm.loadFailed)(view.failed)}
        </p>
      );
    }
    return (
      <AutomatonContext.Provider value={page}>
        <view.View route={route} />
      </AutomatonContext.Provider>
    );
  }

  function CriticalBadge() {
    const { tr } = useI18n();
    const { critical } = useObservable(stores.operator.state);
    return (
      <span
        class={`tab-badge is-alert${critical > 0 ? '' : ' is-empty'}`}
        data-testid="critical-badge"
        data-count={critical}
        aria-label={critical > 0 ? tr(zm.alertBadge)(critical) : undefined}
      >
        {critical > 0 ? `‼ ${critical > 99 ? '99+' : critical}` : '0'}
      </span>
    );
  }

  return { id: 'automaton', label: zm.tab, order: 40, View: AutomatonPage, Badge: CriticalBadge };
}
