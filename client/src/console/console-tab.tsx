// The Console tab (issue 12, point 5): an SMTP terminal in the page for students with no telnet
// or nc. Choose one of the lab's listeners, Connect, and type the dialogue line by line; the
// replies come as the server sends them, the session is linked to the Sessions tab. The store
// is the page's (create-services.ts): going to that session and back keeps the connection. It
// needs the lab account the Lab tab signs in (the bridge opens connections for signed-in
// students only). Path: /console.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleListenerName } from '../../../lab/console/console-wire.js';
import { AuthPanel } from '../account/auth-panel.js';
import { useServices } from '../app/services.js';
import type { TabDefinition } from '../app/tab-registry.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { LabStore } from '../lab/lab-store.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { AuthHelper } from './auth-helper.js';
import { ConsoleHints } from './console-hints.js';
import { ConsoleInput } from './console-input.js';
import { cm } from './console-messages.js';
import { serverPrompt } from './console-steps.js';
import type { ConsoleState, ConsoleStore } from './console-store.js';
import { ConsoleTranscript } from './console-transcript.js';
import './console.css';

function ConsoleBar({ store, state }: { store: ConsoleStore; state: ConsoleState }) {
  const { router } = useServices();
  const { tr } = useI18n();
  if (state.info.status !== 'ready') return null;
  const busy = state.status === 'open' || state.status === 'connecting';
  const { target } = state;
  const statusText =
    state.status === 'open' && target
      ? tr(cm.status.open)(`${target.name} · ${target.port}`)
      : state.status === 'connecting'
        ? tr(cm.status.connecting)
        : state.status === 'ended'
          ? tr(cm.status.ended)
          : tr(cm.status.idle);
  return (
    <div class="c-bar">
      <label class="c-listener">
        <span>{tr(cm.listener)}</span>
        <select
          value={state.selected}
          disabled={busy}
          onChange={(e) => store.select((e.target as HTMLSelectElement).value as ConsoleListenerName)}
          data-testid="console-listener"
        >
          {state.info.info.targets.map((t) => (
            <option value={t.name}>{`${t.name} · ${t.port} · ${tr(cm.security[t.security])}`}</option>
          ))}
        </select>
      </label>
      {busy ? (
        <button type="button" class="btn" onClick={() => store.disconnect()} data-testid="console-disconnect">
          {tr(cm.disconnect)}
        </button>
      ) : (
        <button type="button" class="btn c-connect" onClick={() => store.connect()} disabled={!state.selected} data-testid="console-connect">
          {tr(cm.connect)}
        </button>
      )}
      <span class={`c-status is-${state.status}`} data-testid="console-status" data-status={state.status}>
        {statusText}
        {state.tls && state.status === 'open' ? <span class="c-tls">{tr(cm.tlsOn)}</span> : null}
      </span>
      {state.sessionId ? (
        <a class="c-session" {...linkProps(router, { tab: 'sessions', id: state.sessionId })} data-testid="console-session" data-session={state.sessionId}>
          {tr(cm.sessionLink)}
        </a>
      ) : null}
      {state.entries.length > 0 ? (
        <button type="button" class="btn btn-small c-clear" onClick={() => store.clear()} data-testid="console-clear">
          {tr(cm.clear)}
        </button>
      ) : null}
    </div>
  );
}

function ConsoleView({ store, sender }: { store: ConsoleStore; sender: string }) {
  const { tr } = useI18n();
  const state = useObservable(store.state);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => store.start(), []);
  const open = state.status === 'open';
  const lastReply = [...state.entries].reverse().find((e) => e.kind === 'reply');
  const asks = state.mode === 'secret' && lastReply?.kind === 'reply' ? (serverPrompt(lastReply.lines) ?? '') : undefined;
  const fill = (text: string) => {
    setDraft(text);
    input.current?.focus();
  };

  if (state.info.status === 'loading') return <p class="muted c-pad">{tr(cm.loading)}</p>;
  if (state.info.status === 'error') {
    return (
      <div class="c-pad">
        <p class="error">{tr(cm.infoFailed)(state.info.message)}</p>
        <button type="button" class="btn" onClick={() => store.start()}>
          {tr(cm.retry)}
        </button>
      </div>
    );
  }
  return (
    <>
      <ConsoleBar store={store} state={state} />
      <ConsoleTranscript entries={state.entries} />
      <ConsoleInput store={store} mode={state.mode} open={open} draft={draft} setDraft={setDraft} input={input} />
      {open && state.target ? <ConsoleHints progress={state.progress} target={state.target} sender={sender} fill={fill} /> : null}
      {open && state.target && state.target.profile !== 'open' ? <AuthHelper store={store} open={open} asks={asks} defaultLogin={sender} /> : null}
    </>
  );
}

export function createConsoleTab(store: ConsoleStore, lab: LabStore): TabDefinition {
  // Signing out (on any tab) ends the console: its connection was opened for that account.
  lab.auth.subscribe((auth) => {
    if (auth.status === 'signed-out') store.disconnect();
  });
  function ConsolePage() {
    const { tr } = useI18n();
    const auth = useObservable(lab.auth);
    useEffect(() => lab.start(), []);
    return (
      <div class="cpage" data-testid="console-page">
        <p class="c-intro">{tr(cm.intro)}</p>
        {auth.status === 'signed-in' ? (
          <ConsoleView store={store} sender={auth.account.address} />
        ) : auth.status === 'signed-out' ? (
          <div class="c-signin" data-testid="console-sign-in">
            <p class="notice small">{tr(cm.signInFirst)}</p>
            <AuthPanel expired={auth.expired} onSignIn={(a, p) => lab.signIn(a, p)} onSignUp={(a, p) => lab.signUp(a, p)} />
          </div>
        ) : (
          <p class="muted c-pad">{tr(cm.loading)}</p>
        )}
      </div>
    );
  }

  /** A dot while a console is open, so that a connection left open on another tab is not forgotten. */
  function OpenBadge() {
    const { tr } = useI18n();
    const { status } = useObservable(store.state);
    const on = status === 'open' || status === 'connecting';
    return (
      <span class={`tab-badge is-console${on ? '' : ' is-empty'}`} data-testid="console-badge" data-on={on} aria-label={on ? tr(cm.badge) : undefined}>
        ●
      </span>
    );
  }

  return { id: 'console', label: cm.tab, order: 15, View: ConsolePage, Badge: OpenBadge };
}
