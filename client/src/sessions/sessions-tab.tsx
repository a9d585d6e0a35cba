// The Sessions tab: the live list beside the selected session's dialogue (one at a time on a
// phone).
import { useEffect } from 'preact/hooks';
import type { TabDefinition, TabViewProps } from '../app/tab-registry.js';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { SendHint } from './send-hint.js';
import { SessionList } from './session-list.js';
import { SessionView } from './session-view.js';

function SessionsPage({ route }: TabViewProps) {
  const { sessionDetail } = useServices();
  const { tr } = useI18n();
  useEffect(() => {
    sessionDetail.select(route.id);
  }, [route.id]);
  useEffect(() => () => sessionDetail.select(undefined), []);
  return (
    <div class={`split${route.id ? ' has-detail' : ''}`} data-testid="sessions-page">
      <section class="pane list-pane" aria-label={tr(m.tabs.sessions)}>
        <SessionList selectedId={route.id} />
      </section>
      <section class="pane detail-pane">
        {route.id ? (
          <SessionView id={route.id} key={route.id} />
        ) : (
          <div class="detail intro">
            <p>{tr(m.sessions.pick)}</p>
            <SendHint />
          </div>
        )}
      </section>
    </div>
  );
}

export const sessionsTab: TabDefinition = {
  id: 'sessions',
  label: m.tabs.sessions,
  order: 10,
  View: SessionsPage,
};
