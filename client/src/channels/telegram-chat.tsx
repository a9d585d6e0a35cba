// The lab's Telegram as the app shows it: the chats (a person, a group) with their last message,
// and the open chat's messages as the bot's bubbles, each drawn from its `text` and `entities`
// as the app draws them — bold, italic, underline, strikethrough, a spoiler that opens on a
// press, code, pre, links — built as DOM nodes (telegram-entities.ts): whatever the text holds,
// "<b>" included, is text. A link opens in a new tab without the page behind it (noopener).
import type { ChannelMessage } from '../../../lab/channels/channel-wire.js';
import { useI18n } from '../i18n/use-i18n.js';
import { memo } from '../ui/memo.js';
import { telegramChats } from './channel-lists.js';
import { cm } from './channels-messages.js';
import { ConversationScroller, ExchangeLink, GroupList, initialOf, Spoiler, useOpenGroup } from './conversation-parts.js';
import { segmentEntities, type EntityNode } from './telegram-entities.js';
import './telegram-chat.css';

function Entity({ node }: { node: EntityNode }) {
  if (node.kind === 'text') return <>{node.text}</>;
  const children = node.children.map((child) => <Entity node={child} />);
  switch (node.type) {
    case 'bold':
      return <strong>{children}</strong>;
    case 'italic':
      return <em>{children}</em>;
    case 'underline':
      return <u>{children}</u>;
    case 'strikethrough':
      return <s>{children}</s>;
    case 'spoiler':
      return <Spoiler>{children}</Spoiler>;
    case 'code':
      return <code class="tg-code">{children}</code>;
    case 'pre':
      return (
        <pre class="tg-pre" data-language={node.language}>
          <code>{children}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote class="tg-quote">{children}</blockquote>;
    case 'text_link':
    case 'url':
    case 'mention':
      // An address that is not http(s), mailto or tg (javascript:, data:) is no link at all.
      return node.href ? (
        <a class="tg-link" href={node.href} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      ) : (
        <span class="tg-link is-unsafe">{children}</span>
      );
    default:
      return <span>{children}</span>;
  }
}

function BubbleView({ message, selected }: { message: ChannelMessage; selected: boolean }) {
  const { tr, when } = useI18n();
  const c = message.Content;
  if (c.kind !== 'telegram') return null;
  const nodes = segmentEntities(c.text, c.entities);
  return (
    <li class={`tg-bubble${selected ? ' is-selected' : ''}`} data-testid="tg-message" data-message={message.ID} data-parse-mode={c.parseMode ?? ''}>
      <p class="tg-from">
        <span translate={false}>{c.botUsername ? `@${c.botUsername}` : String(c.botId)}</span>
      </p>
      <div class="tg-text" data-testid="tg-text">
        {nodes.map((node) => (
          <Entity node={node} />
        ))}
      </div>
      <p class="tg-meta">
        {c.parseMode ? <span class="tg-mode">{tr(cm.telegram.parseMode)(c.parseMode)}</span> : null}
        {c.disableNotification ? (
          <span class="tg-silent" title={tr(cm.telegram.silent)}>
            {tr(cm.telegram.silentShort)}
          </span>
        ) : null}
        <time dateTime={message.Created}>{when(message.Created)}</time>
        <ExchangeLink channel="telegram" message={message} />
      </p>
    </li>
  );
}

/** A message never changes once sent: it renders again only when it is (de)selected. */
const Bubble = memo(BubbleView);

export function TelegramChats({ messages, messageId }: { messages: readonly ChannelMessage[]; messageId: string | undefined }) {
  const { tr } = useI18n();
  const groups = telegramChats(messages);
  const [open, setOpen] = useOpenGroup(groups, messages, messageId);
  if (groups.length === 0) return <p class="muted ch-empty">{tr(cm.telegram.noMessages)}</p>;
  return (
    <div class="cv-app tg-app" data-testid="tg-app">
      <GroupList groups={groups} open={open} onOpen={setOpen} label={tr(cm.telegram.chatsView)} icon={(g) => initialOf(g.title)} />
      {open ? (
        <section class="cv-open tg-chat" aria-label={open.title}>
          <header class="cv-head tg-head">
            <span class="cv-avatar" aria-hidden="true">
              {initialOf(open.title)}
            </span>
            <span class="cv-head-title">{open.title}</span>
            <span class="muted small" translate={false}>
              {open.key}
            </span>
          </header>
          <ConversationScroller group={open} messageId={messageId} class="tg-wall" label={open.title}>
            <ol class="tg-messages">
              {open.messages.map((m) => (
                <Bubble message={m} selected={m.ID === messageId} key={m.ID} />
              ))}
            </ol>
          </ConversationScroller>
        </section>
      ) : (
        <p class="muted">{tr(cm.telegram.pickChat)}</p>
      )}
    </div>
  );
}
