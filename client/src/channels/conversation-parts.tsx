// What the three service views share: the list of conversations (chats, text channels, phones)
// beside the one open, which one is open (the student's choice, or the conversation of the
// message a link named), the conversation kept scrolled to its newest message — or to the named
// one, highlighted — and the link from a message to the exchange that carried it.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChannelId, ChannelMessage } from '../../../lab/channels/channel-wire.js';
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { groupKeyOf, previewOf, type MessageGroup } from './channel-lists.js';
import { cm } from './channels-messages.js';
import { channelsRouteId } from './channels-route.js';
import './conversation.css';

/** The open conversation: the named message's, else the one chosen, else the newest. */
export function useOpenGroup(
  groups: readonly MessageGroup[],
  messages: readonly ChannelMessage[],
  messageId: string | undefined,
): [MessageGroup | undefined, (key: string) => void] {
  // A link to a message opens its conversation; a conversation chosen since (under the same link) wins.
  const [chosen, setChosen] = useState<{ key: string; under: string | undefined } | undefined>(undefined);
  const named = messageId ? messages.find((m) => m.ID === messageId) : undefined;
  const key = named && chosen?.under !== messageId ? groupKeyOf(named) : chosen?.key;
  const open = groups.find((g) => g.key === key) ?? groups[0];
  return [open, (next) => setChosen({ key: next, under: messageId })];
}

export function GroupList({
  groups,
  open,
  onOpen,
  label,
  icon,
}: {
  groups: readonly MessageGroup[];
  open: MessageGroup | undefined;
  onOpen(key: string): void;
  label: string;
  icon(group: MessageGroup): string;
}) {
  const { when, number } = useI18n();
  return (
    <nav class="cv-list" aria-label={label}>
      <ul>
        {groups.map((group) => (
          <li>
            <button
              type="button"
              class="cv-row"
              aria-current={group.key === open?.key ? 'true' : undefined}
              onClick={() => onOpen(group.key)}
              data-testid="conversation"
              data-key={group.key}
            >
              <span class="cv-avatar" aria-hidden="true">
                {icon(group)}
              </span>
              <span class="cv-row-main">
                <span class="cv-row-title">{group.title}</span>
                <span class="cv-row-preview">{previewOf(group.last)}</span>
              </span>
              <span class="cv-row-meta">
                <span>{when(group.last.Created)}</span>
                <span class="cv-count">{number(group.messages.length)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Keeps a conversation at its newest message as messages arrive, or brings the named one into view. */
export function ConversationScroller({
  group,
  messageId,
  class: cls,
  children,
  label,
}: {
  group: MessageGroup;
  messageId: string | undefined;
  class: string;
  children: ComponentChildren;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const count = group.messages.length;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const named = messageId ? el.querySelector(`[data-message="${CSS.escape(messageId)}"]`) : null;
    if (named) named.scrollIntoView({ block: 'center' });
    else el.scrollTop = el.scrollHeight;
  }, [group.key, count, messageId]);
  return (
    <div class={`cv-scroll ${cls}`} ref={box} tabIndex={0} role="log" aria-label={label} data-testid="conversation-view" data-key={group.key}>
      {children}
    </div>
  );
}

export function ExchangeLink({ channel, message }: { channel: ChannelId; message: ChannelMessage }) {
  const { router } = useServices();
  const { tr } = useI18n();
  return (
    <a
      class="cv-exchange"
      {...linkProps(router, { tab: 'messages', id: channelsRouteId({ channel, section: 'exchanges', id: message.ExchangeID }) })}
      data-testid="message-exchange"
    >
      {tr(cm.messages.exchange)}
    </a>
  );
}

export function initialOf(text: string): string {
  const first = [...text.trim()][0] ?? '?';
  return first.toUpperCase();
}

/** A spoiler, as both apps draw it: hidden until pressed (or Enter, or Space). */
export function Spoiler({ children }: { children: ComponentChildren }) {
  const { tr } = useI18n();
  const [shown, setShown] = useState(false);
  if (shown) return <span class="cv-spoiler is-shown">{children}</span>;
  return (
    <span
      class="cv-spoiler"
      role="button"
      tabIndex={0}
      aria-label={tr(cm.spoiler)}
      title={tr(cm.spoiler)}
      onClick={() => setShown(true)}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          setShown(true);
        }
      }}
      data-testid="spoiler"
    >
      <span aria-hidden="true">{children}</span>
    </span>
  );
}
