// The shell: a top bar with the registered tabs, the live status and the language switch, and
// the active tab's view below, beside the aside (the scenario panel) when there is one. A
// standalone page (the printable report) is shown alone.
import { useEffect, useReducer, useRef } from 'preact/hooks';
import { LANGS } from '../i18n/bilingual.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import type { Route } from './router.js';
import { routePath } from './router.js';
import { useServices } from './services.js';
import type { TabDefinition } from './tab-registry.js';

/** The tabs of the bar: those without `shown`, and those whose `shown` is true now (re-rendered when it changes). */
function useShownTabs(tabs: TabDefinition[]): TabDefinition[] {
  const [, changed] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const stops = tabs.map((tab) => tab.shown?.subscribe(() => changed(undefined)));
    return () => stops.forEach((stop) => stop?.());
  }, []);
  return tabs.filter((tab) => tab.shown?.get() ?? true);
}

function LiveIndicator() {
  const { liveStatus } = useServices();
  const { tr } = useI18n();
  const status = useObservable(liveStatus);
  return (
    <span class={`live live-${status}`} role="status" title={tr(m.app.statusHint)} data-testid="live-status" data-status={status}>
      <span class="live-dot" aria-hidden="true" />
      <span class="live-text">{tr(m.app.status[status])}</span>
    </span>
  );
}

function LanguageSwitch() {
  const { lang, setLang, tr } = useI18n();
  return (
    <div class="lang" role="group" aria-label={tr(m.app.language)}>
      {LANGS.map((code) => (
        <button type="button" class="lang-btn" lang={code} aria-pressed={lang === code} data-lang={code} onClick={() => setLang(code)}>
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

export function App() {
  const { tabs, router, aside: Aside, banner: Banner } = useServices();
  const route = useObservable(router.route);
  const { tr } = useI18n();
  // Coming back to a tab shows what it showed before (the selected session or mail).
  const lastRoutes = useRef(new Map<string, Route>());
  lastRoutes.current.set(route.tab, route);
  const all = tabs.list().filter((tab) => !tab.standalone);
  const bar = useShownTabs(all);
  const active = tabs.get(route.tab) ?? all[0];
  if (!active) return null;
  const View = active.View;
  if (active.standalone) return <View route={route} />;
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {tr(m.app.skip)}
      </a>
      {Banner ? <Banner /> : null}
      <header class="topbar">
        <span class="brand">
          {tr(m.app.title)}
          <span class="tagline">{tr(m.app.tagline)}</span>
        </span>
        <nav class="tabs" aria-label={tr(m.app.nav)}>
          {bar.map((tab) => {
            const target = lastRoutes.current.get(tab.id) ?? { tab: tab.id };
            const Badge = tab.Badge;
            return (
              <a
                class="tab"
                href={routePath(target)}
                data-tab={tab.id}
                aria-current={tab.id === active.id ? 'page' : undefined}
                onClick={(event: MouseEvent) => {
                  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                  event.preventDefault();
                  router.navigate(tab.id === active.id ? { tab: tab.id } : target);
                }}
              >
                {tr(tab.label)}
                {Badge ? <Badge /> : null}
              </a>
            );
          })}
        </nav>
        <LiveIndicator />
        <LanguageSwitch />
      </header>
      <div class={`workspace${Aside ? ' has-aside' : ''}`}>
        <main id="main" class="main" tabIndex={-1}>
          <View route={route} />
        </main>
        {Aside ? <Aside /> : null}
      </div>
    </div>
  );
}
