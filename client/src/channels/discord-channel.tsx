// The lab's Discord server as the app shows it: its text channels, and the open channel's
// messages — the webhook's name (or the message's `username`) beside an avatar made of its
// first letter (an avatar_url is never fetched: the page loads nothing a message names), the
// content in Discord's markdown, and each embed with its coloured bar, title, description,
// fields and footer. Markdown becomes DOM nodes (discord-markdown.ts): nothing in a message is
// ever markup.
import type { ChannelMessage, DiscordEmbed } from '../../../lab/channels/channel-wire.js';
import { useI18n } from '../i18n/use-i18n.js';
import { memo } from '../ui/memo.js';
import { discordChannels } from './channel-lists.js';
import { cm } from './channels-messages.js';
import { ConversationScroller, ExchangeLink, GroupList, initialOf, Spoiler, useOpenGroup } from './conversation-parts.js';
import { embedColor, parseDiscordMarkdown, type MdNode } from './discord-markdown.js';
import { safeHref } from './telegram-entities.js';
import './discord-channel.css';

function Md({ node }: { node: MdNode }) {
  switch (node.kind) {
    case 'text':
      return <>{node.text}</>;
    case 'code':
      return <code class="dc-code">{node.text}</code>;
    case 'codeblock':
      return (
        <pre class="dc-pre" data-language={node.language ?? undefined}>
          <code>{node.text}</code>
        </pre>
      );
    case 'link':
      return (
        <a class="dc-link" href={node.href} target="_blank" rel="noopener noreferrer">
          <Markdown nodes={node.children} />
        </a>
      );
    case 'bold':
      return (
        <strong>
          <Markdown nodes={node.children} />
        </strong>
      );
    case 'italic':
      return (
        <em>
          <Markdown nodes={node.children} />
        </em>
      );
    case 'underline':
      return (
        <u>
          <Markdown nodes={node.children} />
        </u>
      );
    case 'strike':
      return (
        <s>
          <Markdown nodes={node.children} />
        </s>
      );
    case 'spoiler':
      return (
        <Spoiler>
          <Markdown nodes={node.children} />
        </Spoiler>
      );
  }
}

function Markdown({ nodes }: { nodes: readonly MdNode[] }) {
  return (
    <>
      {nodes.map((node) => (
        <Md node={node} />
      ))}
    </>
  );
}

function Embed({ embed }: { embed: DiscordEmbed }) {
  const { dateTime } = useI18n();
  const color = embedColor(embed.color);
  const href = embed.url ? safeHref(embed.url) : null;
  return (
    <article class="dc-embed" style={color ? { borderLeftColor: color } : undefined} data-testid="dc-embed" data-color={color ?? ''}>
      {embed.title ? (
        <p class="dc-embed-title">
          {href ? (
            <a class="dc-link" href={href} target="_blank" rel="noopener noreferrer">
              {embed.title}
            </a>
          ) : (
            embed.title
          )}
        </p>
      ) : null}
      {embed.description ? (
        <div class="dc-embed-description">
          <Markdown nodes={parseDiscordMarkdown(embed.description)} />
        </div>
      ) : null}
      {embed.fields && embed.fields.length > 0 ? (
        <dl class="dc-embed-fields">
          {embed.fields.map((field) => (
            <div class={`dc-embed-field${field.inline ? ' is-inline' : ''}`}>
              <dt>{field.name}</dt>
              <dd>
                <Markdown nodes={parseDiscordMarkdown(field.value)} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {embed.footer?.text || embed.timestamp ? (
        <p class="dc-embed-footer">
          {embed.footer?.text ?? ''}
          {embed.footer?.text && embed.timestamp ? ' • ' : ''}
          {embed.timestamp ? dateTime(embed.timestamp) : ''}
        </p>
      ) : null}
    </article>
  );
}

function PostView({ message, selected }: { message: ChannelMessage; selected: boolean }) {
  const { tr, when } = useI18n();
  const c = message.Content;
  if (c.kind !== 'discord') return null;
  const name = c.username || c.webhookName;
  return (
    <li class={`dc-post${selected ? ' is-selected' : ''}`} data-testid="dc-message" data-message={message.ID}>
      <span class="dc-avatar" aria-hidden="true" title={c.avatarUrl ?? undefined}>
        {initialOf(name)}
      </span>
      <div class="dc-body">
        <p class="dc-head">
          <strong class="dc-name">{name}</strong> <span class="dc-tag">{tr(cm.discord.webhookTag)}</span>{' '}
          <time class="dc-time" dateTime={message.Created}>
            {when(message.Created)}
          </time>
        </p>
        {c.content ? (
          <div class="dc-content" data-testid="dc-content">
            <Markdown nodes={parseDiscordMarkdown(c.content)} />
          </div>
        ) : null}
        {c.embeds.map((embed) => (
          <Embed embed={embed} />
        ))}
        <p class="dc-foot">
          <ExchangeLink channel="discord" message={message} />
        </p>
      </div>
    </li>
  );
}

const Post = memo(PostView);

export function DiscordChannels({ messages, messageId }: { messages: readonly ChannelMessage[]; messageId: string | undefined }) {
  const { tr } = useI18n();
  const groups = discordChannels(messages);
  const [open, setOpen] = useOpenGroup(groups, messages, messageId);
  if (groups.length === 0) return <p class="muted ch-empty">{tr(cm.discord.noMessages)}</p>;
  return (
    <div class="cv-app dc-app" data-testid="dc-app">
      <GroupList groups={groups} open={open} onOpen={setOpen} label={tr(cm.discord.channels)} icon={() => '#'} />
      {open ? (
        <section class="cv-open dc-channel" aria-label={`#${open.title}`}>
          <header class="cv-head dc-channel-head">
            <span aria-hidden="true">#</span> <span class="cv-head-title">{open.title}</span>
          </header>
          <ConversationScroller group={open} messageId={messageId} class="dc-wall" label={`#${open.title}`}>
            <ol class="dc-posts">
              {open.messages.map((m) => (
                <Post message={m} selected={m.ID === messageId} key={m.ID} />
              ))}
            </ol>
          </ConversationScroller>
        </section>
      ) : null}
    </div>
  );
}
