// The lab's SMS provider: SMPP logins for its SMS centre (the password shown once) and api_id
// keys for its SMS.ru-like HTTP gateway (shown once, with the balance a send is paid from); the
// sender names it accepts and the numbers in its stop list, which is what its errors are about.
import { useState } from 'preact/hooks';
import type { CreatedSmppAccount, CreatedSmsApiKey, SmsWorldView } from '../../../lab/channels/world-wire.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { formatPhone } from './channel-lists.js';
import { cm } from './channels-messages.js';
import { SecretOnce } from './secret-once.js';
import { ActionStatus, RemoveButton, SmallField, useChannels, useWorldAction, WorldState } from './world-parts.js';

const roubles = (n: number, lang: 'ru' | 'en') => new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

function SmppPart({ world }: { world: SmsWorldView }) {
  const { tr, when } = useI18n();
  const action = useWorldAction('sms');
  const [systemId, setSystemId] = useState('');
  const [created, setCreated] = useState<CreatedSmppAccount | undefined>(undefined);
  const onCreate = async (event: Event) => {
    event.preventDefault();
    const made = await action.run((api) => api.sms.createSmppAccount(systemId.trim()));
    if (!made) return;
    setCreated(made);
    setSystemId('');
  };
  return (
    <section class="ch-part" aria-labelledby="sms-smpp-title" data-testid="sms-smpp">
      <h4 id="sms-smpp-title" class="ch-part-title">
        {tr(cm.sms.smpp)}
      </h4>
      {world.smppAccounts.length === 0 ? <p class="muted small">{tr(cm.sms.noSmpp)}</p> : null}
      <ul class="ch-items">
        {world.smppAccounts.map((account) => (
          <li class="ch-item" data-testid="sms-smpp-account" data-system-id={account.systemId}>
            <span class="ch-item-main">
              <code translate={false}>{account.systemId}</code>
              <span class="muted small"> · {when(account.created)}</span>
            </span>
            <span class="ch-item-actions">
              <RemoveButton testId="sms-delete-smpp" onConfirm={() => void action.run((api) => api.sms.deleteSmppAccount(account.systemId))} />
            </span>
          </li>
        ))}
      </ul>
      {created ? (
        <SecretOnce
          title={tr(cm.sms.passwordTitle)(created.account.systemId)}
          value={created.password}
          note={tr(cm.sms.passwordNote)}
          onDone={() => setCreated(undefined)}
          testId="sms-password"
        />
      ) : null}
      <form class="ch-inline-form" noValidate onSubmit={onCreate} data-testid="sms-create-smpp">
        <SmallField
          id="sms-system-id"
          label={tr(cm.sms.systemId)}
          value={systemId}
          onInput={setSystemId}
          hint={tr(cm.sms.systemIdHint)}
          error={action.fields.systemId}
          mono
        />
        <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="sms-create-smpp-submit">
          {tr(cm.sms.createSmpp)}
        </button>
      </form>
      <ActionStatus action={action} />
    </section>
  );
}

function ApiKeysPart({ world }: { world: SmsWorldView }) {
  const { tr, when, lang } = useI18n();
  const action = useWorldAction('sms');
  const [created, setCreated] = useState<CreatedSmsApiKey | undefined>(undefined);
  return (
    <section class="ch-part" aria-labelledby="sms-keys-title" data-testid="sms-keys">
      <h4 id="sms-keys-title" class="ch-part-title">
        {tr(cm.sms.apiKeys)}
      </h4>
      {world.apiKeys.length === 0 ? <p class="muted small">{tr(cm.sms.noApiKeys)}</p> : null}
      <ul class="ch-items">
        {world.apiKeys.map((key) => (
          <li class="ch-item" data-testid="sms-api-key" data-hint={key.hint}>
            <span class="ch-item-main">
              <code translate={false}>{key.hint}</code> · {tr(cm.sms.balance)(roubles(key.balance, lang))}
              <span class="muted small"> · {when(key.created)}</span>
            </span>
            <span class="ch-item-actions">
              <RemoveButton testId="sms-delete-key" onConfirm={() => void action.run((api) => api.sms.deleteApiKey(key.hint))} />
            </span>
          </li>
        ))}
      </ul>
      {created ? (
        <SecretOnce
          title={tr(cm.sms.apiIdTitle)}
          value={created.apiId}
          extra={tr(cm.sms.balance)(roubles(created.key.balance, lang))}
          note={tr(cm.sms.apiIdNote)}
          onDone={() => setCreated(undefined)}
          testId="sms-api-id"
        />
      ) : null}
      <div class="ch-actions">
        <button
          type="button"
          class="btn btn-primary"
          disabled={action.busy}
          data-testid="sms-create-key"
          onClick={async () => {
            const made = await action.run((api) => api.sms.createApiKey());
            if (made) setCreated(made);
          }}
        >
          {tr(cm.sms.createApiKey)}
        </button>
      </div>
      <ActionStatus action={action} />
    </section>
  );
}

export function SmsWorld() {
  const { tr } = useI18n();
  const store = useChannels();
  const worlds = useObservable(store.worlds);
  return (
    <section class="card ch-world" aria-labelledby="sms-world-title" data-testid="sms-world">
      <h3 id="sms-world-title" class="card-title">
        {tr(cm.sms.world)}
      </h3>
      <WorldState slot={worlds.sms}>
        {(world) => (
          <>
            <SmppPart world={world} />
            <ApiKeysPart world={world} />
            <dl class="ch-facts small">
              <dt>{tr(cm.sms.senderNames)}</dt>
              <dd translate={false}>{world.senderNames.join(', ') || '—'}</dd>
              <dt>{tr(cm.sms.stopList)}</dt>
              <dd translate={false}>{world.stopList.map(formatPhone).join(', ') || '—'}</dd>
            </dl>
          </>
        )}
      </WorldState>
    </section>
  );
}
