// The Automaton tab's page (issue 10, point 6): the practical work's alert, end to end. Import
// the platform's automaton (and model), see its state diagram, add «Отправить e-mail» to a state,
// create an object and feed it telemetry (MQTT, simulator, playback, typed in), and watch it:
// its current state on the diagram, its chart and log, the alert mails it sent (linked to the
// Mailbox and Sessions tabs) and the operator's messages with the critical indicator. Loaded
// when the tab is first opened (the diagram's layout and the chart are most of its weight).
import { useEffect, useState } from 'preact/hooks';
import { AuthPanel } from '../account/auth-panel.js';
import { useServices } from '../app/services.js';
import type { TabViewProps } from '../app/tab-registry.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { AlertsPanel } from './alerts-panel.js';
import { zm } from './automaton-messages.js';
import { automatonOf, modelForAutomaton, modelOf, useAccount, useAutomatonPage } from './automaton-page.js';
import { ChannelEditor } from './channel-editor.js';
import { DiagramView } from './diagram-view.js';
import { EmailEditor } from './email-editor.js';
import { LibraryPanel } from './library-panel.js';
import { ObjectDetail } from './object-detail.js';
import { objectParameters } from './object-draft.js';
import { ObjectLogView } from './object-log-view.js';
import { ObjectsPanel } from './objects-panel.js';
import { OperatorPanel } from './operator-panel.js';
import { Card } from './ui-bits.js';
import { ObjectCharts } from './value-chart.js';
import './automaton.css';

function CriticalBanner() {
  const { tr } = useI18n();
  const { stores } = useAutomatonPage();
  const account = useAccount();
  const { critical } = useObservable(stores.operator.state);
  if (critical === 0) return null;
  return (
    <div class="z-banner" role="alert" data-testid="critical-banner">
      <span class="z-banner-icon" aria-hidden="true">
        ‼
      </span>
      <span class="z-banner-text">{tr(zm.operator.banner)(critical)}</span>
      <a
        class="btn btn-small"
        href="#z-operator-title"
        onClick={(e: MouseEvent) => {
          e.preventDefault();
          document.getElementById('z-operator-title')?.scrollIntoView({ block: 'start' });
        }}
      >
        {tr(zm.operator.show)}
      </a>
      {account ? (
        <button
          type="button"
          class="btn btn-small"
          onClick={() => void stores.operator.acknowledge('all', account).catch(() => undefined)}
          data-testid="banner-acknowledge-all"
        >
          {tr(zm.operator.acknowledgeAll)}
        </button>
      ) : null}
    </div>
  );
}

function AccountNotice() {
  const { tr } = useI18n();
  const { router } = useServices();
  const { lab } = useAutomatonPage();
  const auth = useObservable(lab.auth);
  const saved = useObservable(lab.saved);
  const [open, setOpen] = useState(false);
  if (auth.status === 'signed-in') {
    if (saved !== null) return null;
    return (
      <p class="notice small z-notice" data-testid="no-integration">
        {tr(zm.noIntegration)} <a {...linkProps(router, { tab: 'lab' })}>{tr(zm.toLab)}</a>
      </p>
    );
  }
  if (auth.status !== 'signed-out') return null;
  return (
    <div class="z-signed-out" data-testid="read-only">
      <p class="notice small z-notice">
        {tr(zm.readOnly)}{' '}
        <button type="button" class="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="show-sign-in">
          {open ? tr(zm.hideSignIn) : tr(zm.signInHere)}
        </button>
      </p>
      {open || auth.expired ? (
        <div class="z-auth">
          <AuthPanel expired={auth.expired} onSignIn={(a, p) => lab.signIn(a, p)} onSignUp={(a, p) => lab.signUp(a, p)} />
        </div>
      ) : null}
    </div>
  );
}

function DiagramCard({ selectedId }: { selectedId: string | undefined }) {
  const { tr } = useI18n();
  const { stores, choices } = useAutomatonPage();
  const library = useObservable(stores.library.state);
  const objects = useObservable(stores.objects.state);
  const { automatonId } = useObservable(choices);
  const entry = library.automatons.find((a) => a.id === automatonId) ?? library.automatons[0];
  const object = objects.objects.find((o) => o.id === selectedId);
  const objectEntry = automatonOf(library, object);
  const live = object && entry && objectEntry?.id === entry.id ? object : undefined;
  return (
    <>
      <Card
        id="z-diagram"
        title={tr(zm.diagram.title)}
        testId="diagram-card"
        aside={
          library.automatons.length > 1 ? (
            <select
              translate={false}
              class="input z-select"
              aria-label={tr(zm.objects.automaton)}
              value={entry?.id ?? ''}
              onChange={(e) => choices.update((c) => ({ ...c, automatonId: (e.currentTarget as HTMLSelectElement).value }))}
              data-testid="diagram-automaton"
            >
              {library.automatons.map((a) => (
                <option value={a.id} key={a.id}>
                  {a.automaton.name}
                  {a.fileName ? ` (${a.fileName})` : ''}
                </option>
              ))}
            </select>
          ) : null
        }
      >
        {!entry ? (
          <p class="muted small">{tr(zm.diagram.pick)}</p>
        ) : (
          <>
            <p class="small z-diagram-sub">
              <strong translate={false}>{entry.automaton.name}</strong>
              {entry.automaton.description ? (
                <span class="muted" translate={false}>
                  {' '}
                  · {entry.automaton.description}
                </span>
              ) : null}
              {' · '}
              {live ? (
                <span class="chip chip-live" data-testid="diagram-following">
                  {tr(zm.diagram.following)(live.id)}
                </span>
              ) : (
                <span class="muted">{tr(zm.diagram.notFollowing)}</span>
              )}
            </p>
            <DiagramView automaton={entry.automaton} currentStateId={live?.state?.id ?? null} taken={live ? (objects.tracks[live.id]?.taken ?? null) : null} />
            {/* Said to screen readers as it changes: the state the followed object is in. */}
            <p class="sr-only" aria-live="polite" data-testid="diagram-announce">
              {live?.state ? `${live.id}: ${live.state.name || live.state.id}` : ''}
            </p>
          </>
        )}
      </Card>
      {entry ? <EmailEditor entry={entry} model={modelForAutomaton(library, entry)} /> : null}
      {entry ? <ChannelEditor entry={entry} model={modelForAutomaton(library, entry)} /> : null}
    </>
  );
}

function SelectedObject({ id }: { id: string | undefined }) {
  const { tr } = useI18n();
  const { stores } = useAutomatonPage();
  const library = useObservable(stores.library.state);
  const state = useObservable(stores.objects.state);
  const object = state.objects.find((o) => o.id === id);
  if (!id) {
    return (
      <Card id="z-object" title={tr(zm.object.heading)} testId="object-card">
        <p class="muted small">{tr(zm.object.pick)}</p>
      </Card>
    );
  }
  if (!object) {
    return (
      <Card id="z-object" title={tr(zm.object.title)(id)} testId="object-card">
        <p class="muted small">{state.loaded ? tr(zm.object.missing) : tr(zm.busy)}</p>
      </Card>
    );
  }
  const entry = automatonOf(library, object);
  const model = modelOf(library, object);
  const track = state.tracks[object.id];
  return (
    <>
      <Card id="z-object" title={tr(zm.object.title)(object.id)} testId="object-card">
        <ObjectDetail object={object} entry={entry} />
      </Card>
      <Card id="z-chart" title={tr(zm.chart.title)} testId="chart-card">
        <ObjectCharts object={object} track={track} parameters={objectParameters(entry?.automaton, model?.model)} />
      </Card>
      <Card id="z-log" title={tr(zm.log.title)} testId="log-card">
        <ObjectLogView objectId={object.id} track={track} />
      </Card>
    </>
  );
}

/** The diagram turns to the selected object's automaton once it is known (then the student's choice stands). */
function FollowObject({ id }: { id: string | undefined }) {
  const { stores, choices } = useAutomatonPage();
  const library = useObservable(stores.library.state);
  const objects = useObservable(stores.objects.state);
  const entryId = automatonOf(
    library,
    objects.objects.find((o) => o.id === id),
  )?.id;
  useEffect(() => {
    if (entryId) choices.update((c) => (c.automatonId === entryId ? c : { ...c, automatonId: entryId }));
  }, [id, entryId]);
  return null;
}

export function AutomatonView({ route }: TabViewProps) {
  const { tr } = useI18n();
  const { stores } = useAutomatonPage();
  const imported = useObservable(stores.library.state).automatons.length > 0;
  useEffect(() => stores.objects.select(route.id), [route.id]);
  // The import comes first until there is an automaton; then the diagram leads (keyed: the
  // library keeps its state when it moves below).
  const library = <LibraryPanel key="library" />;
  const diagram = <DiagramCard selectedId={route.id} key="diagram" />;
  return (
    <div class="zpage" data-testid="automaton-page">
      <FollowObject id={route.id} />
      {/* Sticky: the critical message stays in sight while the page scrolls. */}
      <CriticalBanner />
      <div class="zpage-top">
        <AccountNotice />
      </div>
      <div class="zcols">
        <div class="zcol zcol-a">
          <p class="small muted z-intro">{tr(zm.intro)}</p>
          {imported ? [diagram, library] : [library, diagram]}
        </div>
        <div class="zcol zcol-b">
          <ObjectsPanel selectedId={route.id} />
          <SelectedObject id={route.id} />
          <AlertsPanel />
          <OperatorPanel />
        </div>
      </div>
    </div>
  );
}
