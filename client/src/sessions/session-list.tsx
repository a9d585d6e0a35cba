// The live list of sessions: who connected, how they greeted, which listener and TLS, who
// signed in, the state, the mails and the errors.
import type { SessionSummary } from '../../../server/wire/sessions.js';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { useObservable } from '../ui/use-observable.js';
import { VirtualList } from '../ui/virtual-list.js';

export const SESSION_ROW_HEIGHT = 60;

function SessionRow({ session }: { session: SessionSummary }) {
  const { tr, when } = useI18n();
  const mails = session.MessageCount;
  const security = session.Tls ? `TLS ${session.Tls.Protocol}` : tr(m.sessions.security[session.Listener.Security]);
  return (
    <div class={`srow state-${session.State}`}>
      <div class="srow-line">
        <span class="state-dot" aria-hidden="true" />
        <span class="srow-client" translate={false}>
          {session.ClientAddress || '?'}
        </span>
        {/* What the client named itself, and the listener's name: data, not words of the page. */}
        <span class="srow-helo" translate={session.Helo === null ? undefined : false}>
          {session.Helo ?? tr(m.sessions.noHelo)}
        </span>
        <span class="srow-time">{when(session.Started)}</span>
      </div>
      <div class="srow-line srow-meta">
        <span class="chip" translate={false}>
          {session.Listener.Name} :{session.Listener.Port}
        </span>
        <span class={`chip ${session.Tls ? 'chip-tls' : ''}`}>{security}</span>
        {session.User ? (
          <span class="chip chip-user" translate={false}>
            {session.User}
          </span>
        ) : null}
        <span class={`chip chip-state state-${session.State}`}>{tr(m.sessions.state[session.State])}</span>
        {mails > 0 ? <span class="chip chip-mail">{tr(m.sessions.mails)(mails)}</span> : null}
        {session.ErrorCount > 0 ? <span class="chip chip-error">{tr(m.sessions.errors)(session.ErrorCount)}</span> : null}
        {session.FaultCount ? (
          <span class="chip chip-fault" title={tr(m.sessions.faultsTitle)}>
            ⚡ {tr(m.sessions.faults)(session.FaultCount)}
          </span>
        ) : null}
      </div>
    </div>
  );
}

export function SessionList({ selectedId }: { selectedId: string | undefined }) {
  const { sessions, router } = useServices();
  const state = useObservable(sessions.state);
  const { tr, number } = useI18n();
  const more = state.total > state.sessions.length;
  return (
    <>
      <div class="pane-head">
        <div class="pane-head-row">
          <h2 class="pane-title">
            {tr(m.tabs.sessions)}{' '}
            <span class="count" data-testid="sessions-total">
              {number(state.total)}
            </span>
          </h2>
          <ConfirmButton
            label={tr(m.sessions.clear)}
            question={tr(m.sessions.clearConfirm)}
            confirm={tr(m.common.yes)}
            cancel={tr(m.common.cancel)}
            disabled={state.sessions.every((s) => s.State === 'open')}
            testId="clear-sessions"
            onConfirm={() => sessions.clear()}
          />
        </div>
      </div>
      <VirtualList
        items={state.sessions}
        rowHeight={SESSION_ROW_HEIGHT}
        getKey={(s) => s.ID}
        selectedKey={selectedId}
        idPrefix="session-row"
        label={tr(m.sessions.listLabel)}
        onOpen={(s) => router.navigate({ tab: 'sessions', id: s.ID })}
        renderRow={(s) => <SessionRow session={s} />}
        newAboveLabel={(n) => tr(m.common.newAbove)(n)}
        empty={state.loaded ? <p class="muted">{tr(m.sessions.empty)}</p> : <p class="muted">{tr(m.common.loading)}</p>}
        footer={
          more && state.sessions.length > 0 ? (
            <p class="muted small">
              {tr(m.common.shownOf)(number(state.sessions.length), number(state.total))}{' '}
              <button type="button" class="btn btn-small" disabled={state.loadingOlder} onClick={() => void sessions.loadOlder()}>
                {tr(m.common.loadOlder)}
              </button>
            </p>
          ) : undefined
        }
      />
    </>
  );
}
