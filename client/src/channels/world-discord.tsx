// The lab's Discord server: create a webhook for one of its text channels (its URL — the secret
// itself — shown once, as the channel's Integrations settings show it) and delete it again.
import { useState } from 'preact/hooks';
import type { CreatedDiscordWebhook } from '../../../lab/channels/world-wire.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { useObservable } from '../ui/use-observable.js';
import { cm } from './channels-messages.js';
import { SecretOnce } from './secret-once.js';
import { ActionStatus, RemoveButton, SmallField, useChannels, useWorldAction, WorldState } from './world-parts.js';

export function DiscordWorld() {
  const { tr, when } = useI18n();
  const store = useChannels();
  const worlds = useObservable(store.worlds);
  const action = useWorldAction('discord');
  const [name, setName] = useState('');
  const [channelName, setChannelName] = useState('general');
  const [created, setCreated] = useState<CreatedDiscordWebhook | undefined>(undefined);
  const onCreate = async (event: Event) => {
    event.preventDefault();
    const made = await action.run((api) => api.discord.createWebhook(name.trim(), channelName.trim()));
    if (!made) return;
    setCreated(made);
    setName('');
  };
  return (
    <section class="card ch-world" aria-labelledby="dc-world-title" data-testid="dc-world">
      <h3 id="dc-world-title" class="card-title">
        {tr(cm.discord.world)}
      </h3>
      <WorldState slot={worlds.discord}>
        {(world) => (
          <>
            {world.webhooks.length === 0 ? <p class="muted small">{tr(cm.discord.noWebhooks)}</p> : null}
            <ul class="ch-items">
              {world.webhooks.map((hook) => (
                <li class="ch-item" data-testid="dc-webhook" data-webhook={hook.id}>
                  <span class="ch-item-main">
                    <strong>{hook.name}</strong> · <span translate={false}>#{hook.channelName}</span> · <code translate={false}>{hook.urlHint}</code>
                    <span class="muted small"> · {when(hook.created)}</span>
                  </span>
                  <span class="ch-item-actions">
                    <ConfirmButton
                      label={tr(cm.discord.newUrl)}
                      question={tr(cm.discord.newUrlConfirm)}
                      confirm={tr(cm.yes)}
                      cancel={tr(cm.cancel)}
                      testId="dc-new-url"
                      onConfirm={async () => {
                        const made = await action.run((api) => api.discord.newUrl(hook.id));
                        if (made) setCreated({ webhook: hook, url: made.url });
                      }}
                    />
                    <RemoveButton testId="dc-delete-webhook" onConfirm={() => void action.run((api) => api.discord.deleteWebhook(hook.id))} />
                  </span>
                </li>
              ))}
            </ul>
            {created ? (
              <SecretOnce
                title={tr(cm.discord.urlTitle)(created.webhook.name)}
                value={created.url}
                note={tr(cm.discord.urlNote)}
                onDone={() => setCreated(undefined)}
                testId="dc-url"
              />
            ) : null}
            <form class="ch-inline-form" noValidate onSubmit={onCreate} data-testid="dc-create-webhook">
              <SmallField
                id="dc-name"
                label={tr(cm.discord.name)}
                value={name}
                onInput={setName}
                placeholder={tr(cm.discord.namePlaceholder)}
                error={action.fields.name}
              />
              <SmallField id="dc-channel" label={tr(cm.discord.channel)} value={channelName} onInput={setChannelName} error={action.fields.channelName} mono />
              <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="dc-create-webhook-submit">
                {tr(cm.discord.create)}
              </button>
            </form>
            <ActionStatus action={action} />
          </>
        )}
      </WorldState>
    </section>
  );
}
