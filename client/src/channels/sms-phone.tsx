// The SMS that reached the lab, on a phone's screen: the numbers that received messages, and
// the open number's messages as bubbles from their sender, each with what it cost — «2 SMS ·
// UCS-2 · 95 символов»: Cyrillic goes as UCS-2, 70 characters in one part, 67 in each part of a
// longer one; GSM-7 160 and 153 (3GPP TS 23.038, 23.040) — and its delivery status from the
// receipt (SMPP 3.4 appendix B), which changes live.
import type { ChannelMessage, SmsStatus } from '../../../lab/channels/channel-wire.js';
import { useI18n } from '../i18n/use-i18n.js';
import { memo } from '../ui/memo.js';
import { smsPhones } from './channel-lists.js';
import { cm } from './channels-messages.js';
import { ConversationScroller, ExchangeLink, GroupList, useOpenGroup } from './conversation-parts.js';
import './sms-phone.css';

const STATUS_TONE: Record<SmsStatus, string> = { ENROUTE: 'is-pending', DELIVRD: 'is-ok', UNDELIV: 'is-bad', REJECTD: 'is-bad', EXPIRED: 'is-bad' };

function SmsView({ message, selected }: { message: ChannelMessage; selected: boolean }) {
  const { tr, when } = useI18n();
  const c = message.Content;
  if (c.kind !== 'sms') return null;
  return (
    <li
      class={`sms-bubble${selected ? ' is-selected' : ''}`}
      data-testid="sms-message"
      data-message={message.ID}
      data-status={c.status}
      data-parts={c.parts}
      data-encoding={c.encoding}
    >
      <p class="sms-from" translate={false}>
        {c.from}
      </p>
      <p class="sms-text" data-testid="sms-text">
        {c.text}
      </p>
      <p class="sms-meta">
        <time dateTime={message.Created}>{when(message.Created)}</time>
        <span class={`sms-status ${STATUS_TONE[c.status]}`} data-testid="sms-status">
          {tr(cm.sms.status[c.status])}
        </span>
      </p>
      <p class="sms-segments" data-testid="sms-segments" title={tr(cm.sms.perPart)(c.perPart, c.encoding)}>
        {tr(cm.sms.segments)(c.parts, c.encoding, c.characters)}
      </p>
      <p class="sms-meta">
        <span>{tr(cm.sms.via)(tr(cm.services[message.Service]))}</span>
        <ExchangeLink channel="sms" message={message} />
      </p>
    </li>
  );
}

const Sms = memo(SmsView);

export function SmsPhones({ messages, messageId }: { messages: readonly ChannelMessage[]; messageId: string | undefined }) {
  const { tr } = useI18n();
  const groups = smsPhones(messages);
  const [open, setOpen] = useOpenGroup(groups, messages, messageId);
  if (groups.length === 0) return <p class="muted ch-empty">{tr(cm.sms.noMessages)}</p>;
  return (
    <div class="cv-app sms-app" data-testid="sms-app">
      <GroupList groups={groups} open={open} onOpen={setOpen} label={tr(cm.sms.phones)} icon={(g) => g.key.slice(-2)} />
      {open ? (
        <section class="sms-phone" aria-label={open.title} data-testid="sms-phone" data-number={open.key}>
          <div class="sms-screen">
            <header class="sms-head">
              <span class="sms-number" translate={false}>
                {open.title}
              </span>
            </header>
            <ConversationScroller group={open} messageId={messageId} class="sms-wall" label={open.title}>
              <ol class="sms-messages">
                {open.messages.map((m) => (
                  <Sms message={m} selected={m.ID === messageId} key={m.ID} />
                ))}
              </ol>
            </ConversationScroller>
          </div>
        </section>
      ) : (
        <p class="muted">{tr(cm.sms.pickPhone)}</p>
      )}
    </div>
  );
}
