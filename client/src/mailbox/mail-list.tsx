// The live mail list (or the search results): newest first, unread marked.
import type { MailAddress, MessageSummary } from '../../../server/wire/mailbox.js';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { VirtualList } from '../ui/virtual-list.js';

export const MAIL_ROW_HEIGHT = 72;

export function addressText(address: MailAddress | null | undefined): string {
  if (!address) return '';
  return address.Name ? `${address.Name} <${address.Address}>` : address.Address;
}

/** A mail without a From header still has an envelope sender (MAIL FROM), shown with the note. */
function senderWithoutFrom(mail: MessageSummary, noHeader: string): string {
  return mail.MailFrom ? `${mail.MailFrom} ${noHeader}` : noHeader;
}

function MailRow({ mail }: { mail: MessageSummary }) {
  const { tr, when } = useI18n();
  return (
    <div class={`mrow${mail.Read ? '' : ' is-unread'}`} data-read={String(mail.Read)}>
      <div class="mrow-line">
        <span class="unread-dot" aria-hidden="true" />
        {mail.Read ? null : <span class="sr-only">{tr(m.mailbox.unreadMark)}</span>}
        {/* The mail's own words are data, not the page's: not translated, not checked as prose. */}
        {mail.From ? (
          <span class="mrow-from" translate={false}>
            {mail.From.Name || mail.From.Address}
          </span>
        ) : (
          <span class="mrow-from">{senderWithoutFrom(mail, tr(m.mailbox.noFromHeader))}</span>
        )}
        <span class="mrow-time">{when(mail.Created)}</span>
      </div>
      <div class="mrow-subject" data-testid="mail-subject" translate={mail.Subject ? false : undefined}>
        {mail.Subject || tr(m.mailbox.noSubject)}
      </div>
      <div class="mrow-line mrow-snippet">
        <span class="mrow-snippet-text" translate={false}>
          {mail.Snippet}
        </span>
        {mail.Attachments > 0 ? (
          <span class="chip chip-attach" title={tr(m.mail.attachments)(mail.Attachments)}>
            <svg class="clip-icon" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M10.5 4.5 5.6 9.4a1.4 1.4 0 0 0 2 2l5.2-5.2a2.8 2.8 0 0 0-4-4L3.6 7.4a4.2 4.2 0 0 0 6 6l4-4" />
            </svg>
            <span class="sr-only">{tr(m.mail.attachments)(mail.Attachments)}</span>
            <span aria-hidden="true">{mail.Attachments}</span>
          </span>
        ) : null}
      </div>
    </div>
  );
}

export function MailList({ selectedId }: { selectedId: string | undefined }) {
  const { mailbox, router } = useServices();
  const state = useObservable(mailbox.state);
  const { tr, number } = useI18n();
  const searching = state.search;
  const items = searching ? searching.messages : state.messages;
  const more = !searching && state.total > state.messages.length;
  return (
    <VirtualList
      items={items}
      rowHeight={MAIL_ROW_HEIGHT}
      getKey={(mail) => mail.ID}
      selectedKey={selectedId}
      idPrefix="mail-row"
      label={tr(m.mailbox.listLabel)}
      onOpen={(mail) => router.navigate({ tab: 'mailbox', id: mail.ID })}
      renderRow={(mail) => <MailRow mail={mail} />}
      newAboveLabel={(n) => tr(m.common.newAbove)(n)}
      empty={<p class="muted">{state.loaded && !searching?.loading ? tr(m.mailbox.empty) : tr(m.common.loading)}</p>}
      footer={
        more && state.messages.length > 0 ? (
          <p class="muted small">
            {tr(m.common.shownOf)(number(state.messages.length), number(state.total))}{' '}
            <button type="button" class="btn btn-small" disabled={state.loadingOlder} onClick={() => void mailbox.loadOlder()}>
              {tr(m.common.loadOlder)}
            </button>
          </p>
        ) : undefined
      }
    />
  );
}
