// The Mailbox tab: the toolbar and live list beside the open mail (one at a time on a phone),
// and the unread count on the tab.
import type { TabDefinition, TabViewProps } from '../app/tab-registry.js';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { MailList } from './mail-list.js';
import { MailToolbar } from './mail-toolbar.js';
import { MailView } from './mail-view.js';

function UnreadBadge() {
  const { mailbox } = useServices();
  const { unread } = useObservable(mailbox.state);
  const { tr, number } = useI18n();
  return (
    <span class={`tab-badge${unread > 0 ? '' : ' is-empty'}`} data-testid="unread-badge" aria-label={tr(m.mailbox.unread)(number(unread))}>
      {unread > 9999 ? '9999+' : unread}
    </span>
  );
}

function MailboxPage({ route }: TabViewProps) {
  const { tr } = useI18n();
  return (
    <div class={`split${route.id ? ' has-detail' : ''}`} data-testid="mailbox-page">
      <section class="pane list-pane" aria-label={tr(m.tabs.mailbox)}>
        <MailToolbar />
        <MailList selectedId={route.id} />
      </section>
      <section class="pane detail-pane">
        {route.id ? (
          <MailView id={route.id} key={route.id} />
        ) : (
          <div class="detail intro">
            <p>{tr(m.mailbox.pick)}</p>
          </div>
        )}
      </section>
    </div>
  );
}

export const mailboxTab: TabDefinition = {
  id: 'mailbox',
  label: m.tabs.mailbox,
  order: 20,
  View: MailboxPage,
  Badge: UnreadBadge,
};
