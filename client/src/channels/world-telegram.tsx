// The lab's stand-ins for BotFather and the Telegram app: create a bot (its token shown once),
// add a chat — a person or a group — and, per bot, what the person or the group does with it:
// press Start, block it, add it to the group, kick it. These are the states the Bot API answers
// 403 for ("bot can't initiate conversation", "bot was blocked by the user", "bot was kicked").
// How to learn a chat id is shown as on the real service: getUpdates, the token a placeholder.
import { useState } from 'preact/hooks';
import type { CreatedTelegramBot, TelegramBotView, TelegramChatView, TelegramRelation, TelegramWorldView } from '../../../lab/channels/world-wire.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { useObservable } from '../ui/use-observable.js';
import { cm } from './channels-messages.js';
import { CopyButton, SecretOnce } from './secret-once.js';
import { ActionStatus, RemoveButton, SmallField, useChannels, useWorldAction, WorldState, type WorldAction } from './world-parts.js';

type Step = { label: typeof cm.telegram.start; call: 'start' | 'block' | 'unblock'; testId: string };

/** What can happen next between a chat and a bot, by the chat's type and where they stand (a rule table). */
const NEXT_STEPS: Record<'private' | 'group', Record<TelegramRelation, Step[]>> = {
  private: {
    none: [{ label: cm.telegram.start, call: 'start', testId: 'tg-start' }],
    started: [{ label: cm.telegram.block, call: 'block', testId: 'tg-block' }],
    member: [{ label: cm.telegram.block, call: 'block', testId: 'tg-block' }],
    blocked: [{ label: cm.telegram.unblock, call: 'unblock', testId: 'tg-unblock' }],
    kicked: [{ label: cm.telegram.unblock, call: 'unblock', testId: 'tg-unblock' }],
  },
  group: {
    none: [{ label: cm.telegram.addToGroup, call: 'start', testId: 'tg-add' }],
    started: [{ label: cm.telegram.kick, call: 'block', testId: 'tg-kick' }],
    member: [{ label: cm.telegram.kick, call: 'block', testId: 'tg-kick' }],
    blocked: [{ label: cm.telegram.addToGroup, call: 'start', testId: 'tg-add' }],
    kicked: [{ label: cm.telegram.addToGroup, call: 'start', testId: 'tg-add' }],
  },
};

function BotsPart({ world }: { world: TelegramWorldView }) {
  const { tr, when } = useI18n();
  const action = useWorldAction('telegram');
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [created, setCreated] = useState<CreatedTelegramBot | undefined>(undefined);
  const onCreate = async (event: Event) => {
    event.preventDefault();
    const made = await action.run((api) => api.telegram.createBot(name.trim(), username.trim()));
    if (!made) return;
    setCreated(made);
    setName('');
    setUsername('');
  };
  return (
    <section class="ch-part" aria-labelledby="tg-bots-title" data-testid="tg-bots">
      <h4 id="tg-bots-title" class="ch-part-title">
        {tr(cm.telegram.bots)}
      </h4>
      {world.bots.length === 0 ? <p class="muted small">{tr(cm.telegram.noBots)}</p> : null}
      <ul class="ch-items">
        {world.bots.map((bot) => (
          <li class="ch-item" data-testid="tg-bot" data-bot={bot.id} data-username={bot.username}>
            <span class="ch-item-main">
              <strong translate={false}>@{bot.username}</strong> · {bot.name} · <code translate={false}>{bot.tokenHint}</code>
              <span class="muted small"> · {when(bot.created)}</span>
            </span>
            <span class="ch-item-actions">
              <ConfirmButton
                label={tr(cm.telegram.newToken)}
                question={tr(cm.telegram.newTokenConfirm)}
                confirm={tr(cm.yes)}
                cancel={tr(cm.cancel)}
                testId="tg-new-token"
                onConfirm={async () => {
                  const made = await action.run((api) => api.telegram.newToken(bot.id));
                  if (made) setCreated({ bot, token: made.token });
                }}
              />
              <RemoveButton testId="tg-delete-bot" onConfirm={() => void action.run((api) => api.telegram.deleteBot(bot.id))} />
            </span>
          </li>
        ))}
      </ul>
      {created ? (
        <SecretOnce
          title={tr(cm.telegram.tokenTitle)(created.bot.username)}
          value={created.token}
          note={tr(cm.telegram.tokenNote)}
          onDone={() => setCreated(undefined)}
          testId="tg-token"
        />
      ) : null}
      <form class="ch-inline-form" noValidate onSubmit={onCreate} data-testid="tg-create-bot">
        <SmallField
          id="tg-bot-name"
          label={tr(cm.telegram.botName)}
          value={name}
          onInput={setName}
          placeholder={tr(cm.telegram.botNamePlaceholder)}
          error={action.fields.name}
        />
        <SmallField
          id="tg-bot-username"
          label={tr(cm.telegram.username)}
          value={username}
          onInput={setUsername}
          placeholder="boiler_alerts_bot"
          hint={tr(cm.telegram.usernameHint)}
          error={action.fields.username}
          mono
        />
        <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="tg-create-bot-submit">
          {tr(cm.telegram.createBot)}
        </button>
      </form>
      <ActionStatus action={action} />
    </section>
  );
}

function ChatRow({ chat, bots, action }: { chat: TelegramChatView; bots: readonly TelegramBotView[]; action: WorldAction }) {
  const { tr } = useI18n();
  const kind = chat.type === 'group' ? 'group' : 'private';
  return (
    <li class="ch-item ch-chat" data-testid="tg-chat" data-chat={chat.id} data-type={chat.type}>
      <span class="ch-item-main">
        <strong>{chat.title}</strong> · {tr(kind === 'group' ? cm.telegram.group : cm.telegram.private)} ·{' '}
        <span class="muted small">{tr(cm.telegram.chatId)}</span> <code data-testid="tg-chat-id">{chat.id}</code>{' '}
        <CopyButton text={String(chat.id)} label={tr(cm.copyId)} />
      </span>
      {bots.length === 0 ? <p class="muted small">{tr(cm.telegram.noBotForChat)}</p> : null}
      <ul class="ch-relations">
        {bots.map((bot) => {
          const relation = chat.relations[String(bot.id)] ?? 'none';
          return (
            <li class="ch-relation" data-testid="tg-relation" data-bot={bot.id} data-relation={relation}>
              <span>
                <span translate={false}>@{bot.username}</span>: {tr(cm.telegram.relation[kind][relation])}
              </span>
              {NEXT_STEPS[kind][relation].map((step) => (
                <button
                  type="button"
                  class="btn btn-small"
                  disabled={action.busy}
                  data-testid={step.testId}
                  onClick={() =>
                    void action.run((api) =>
                      step.call === 'start' ? api.telegram.start(chat.id, bot.id) : api.telegram.block(chat.id, bot.id, step.call === 'block'),
                    )
                  }
                >
                  {tr(step.label)}
                </button>
              ))}
            </li>
          );
        })}
      </ul>
      <RemoveButton testId="tg-delete-chat" onConfirm={() => void action.run((api) => api.telegram.deleteChat(chat.id))} />
    </li>
  );
}

function ChatsPart({ world }: { world: TelegramWorldView }) {
  const { tr } = useI18n();
  const action = useWorldAction('telegram');
  const [type, setType] = useState<'private' | 'group'>('private');
  const [title, setTitle] = useState('');
  const onCreate = async (event: Event) => {
    event.preventDefault();
    const made = await action.run(async (api) => {
      await api.telegram.createChat(type, title.trim());
      return true;
    });
    if (made) setTitle('');
  };
  return (
    <section class="ch-part" aria-labelledby="tg-chats-title" data-testid="tg-chats">
      <h4 id="tg-chats-title" class="ch-part-title">
        {tr(cm.telegram.chats)}
      </h4>
      {world.chats.length === 0 ? <p class="muted small">{tr(cm.telegram.noChats)}</p> : null}
      <ul class="ch-items">
        {world.chats.map((chat) => (
          <ChatRow chat={chat} bots={world.bots} action={action} key={chat.id} />
        ))}
      </ul>
      <form class="ch-inline-form" noValidate onSubmit={onCreate} data-testid="tg-create-chat">
        <div class="ch-small-field">
          <label class="field-label" for="tg-chat-type">
            {tr(cm.telegram.chatType)}
          </label>
          <select id="tg-chat-type" class="input" value={type} onChange={(e) => setType((e.currentTarget as HTMLSelectElement).value as 'private' | 'group')}>
            <option value="private">{tr(cm.telegram.private)}</option>
            <option value="group">{tr(cm.telegram.group)}</option>
          </select>
        </div>
        <SmallField
          id="tg-chat-title"
          label={tr(cm.telegram.chatTitle)}
          value={title}
          onInput={setTitle}
          placeholder={tr(cm.telegram.chatTitlePlaceholder)}
          error={action.fields.title}
        />
        <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="tg-create-chat-submit">
          {tr(cm.telegram.createChat)}
        </button>
      </form>
      <ActionStatus action={action} />
    </section>
  );
}

function ChatIdHint({ apiRoot }: { apiRoot: string | undefined }) {
  const { tr } = useI18n();
  // The token is never put in: the student types their own (a shared screen must not show it).
  const command = `curl ${apiRoot ?? 'https://api.telegram.org'}/bot<TOKEN>/getUpdates`;
  return (
    <details class="ch-hint" data-testid="tg-chat-id-hint">
      <summary>{tr(cm.telegram.findId)}</summary>
      <p class="small">{tr(cm.telegram.findIdSteps)}</p>
      <pre class="ch-command" translate={false} data-testid="tg-get-updates">
        {command}
      </pre>
      <CopyButton text={command} />
      <p class="small">{tr(cm.telegram.findIdAnswer)}</p>
    </details>
  );
}

export function TelegramWorld() {
  const { tr } = useI18n();
  const store = useChannels();
  const worlds = useObservable(store.worlds);
  const catalog = useObservable(store.catalog);
  const apiRoot = catalog.simulators.find((s) => s.channel === 'telegram')?.url;
  return (
    <section class="card ch-world" aria-labelledby="tg-world-title" data-testid="tg-world">
      <h3 id="tg-world-title" class="card-title">
        {tr(cm.telegram.world)}
      </h3>
      <WorldState slot={worlds.telegram}>
        {(world) => (
          <>
            <BotsPart world={world} />
            <ChatsPart world={world} />
            <ChatIdHint apiRoot={apiRoot} />
          </>
        )}
      </WorldState>
    </section>
  );
}
