// The lab mail account: its address, and its app passwords: generate one (shown once), list
// them, revoke one (the program using it can no longer send).
import { useState } from 'preact/hooks';
import type { Bilingual } from '../../../lab/integration/integration-types.js';
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { FormField } from '../lab/form-field.js';
import { ApiError } from '../api/api-error.js';
import type { LabAccount, NewAppPassword } from '../lab/lab-api.js';
import type { LabStore } from '../lab/lab-store.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { linkProps } from '../ui/links.js';
import { sentences } from '../i18n/sentence.js';
import { am } from './account-messages.js';
import { NewAppPasswordBox } from './new-app-password.js';
import './account.css';

function failureOf(err: unknown): Bilingual {
  const message = (err as Error).message;
  return sentences(err instanceof ApiError && err.text ? err.text : { ru: message, en: message });
}

function AppPasswordList({ account, store }: { account: LabAccount; store: LabStore }) {
  const { tr, dateTime } = useI18n();
  const [failure, setFailure] = useState<Bilingual | undefined>(undefined);
  if (account.appPasswords.length === 0)
    return (
      <p class="muted" data-testid="app-passwords-empty">
        {tr(am.none)}
      </p>
    );
  return (
    <>
      <ul class="app-passwords" aria-label={tr(am.listLabel)} data-testid="app-passwords">
        {account.appPasswords.map((item) => (
          <li class="app-password" key={item.id} data-testid="app-password-row" data-id={item.id}>
            <span class="ap-label" translate={false}>
              {item.label}
            </span>
            <span class="ap-date muted small">{dateTime(item.createdAt)}</span>
            <span class="ap-action">
              <ConfirmButton
                label={tr(am.revoke)}
                question={tr(am.revokeQuestion)(item.label)}
                confirm={tr(am.revokeConfirm)}
                cancel={tr(am.cancel)}
                testId="revoke-app-password"
                onConfirm={async () => {
                  setFailure(undefined);
                  try {
                    await store.revokeAppPassword(item.id);
                  } catch (err) {
                    setFailure(failureOf(err));
                  }
                }}
              />
            </span>
          </li>
        ))}
      </ul>
      {failure ? <p class="field-error">{tr(failure)}</p> : null}
    </>
  );
}

export function AccountView({ account, store }: { account: LabAccount; store: LabStore }) {
  const { router } = useServices();
  const { tr, lang, dateTime } = useI18n();
  const [label, setLabel] = useState('');
  const [labelError, setLabelError] = useState<Bilingual | undefined>(undefined);
  const [failure, setFailure] = useState<Bilingual | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<NewAppPassword | undefined>(undefined);

  const onGenerate = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    setLabelError(undefined);
    try {
      // An unnamed app password gets its name in the page's language (the server's own default is English).
      setCreated(await store.createAppPassword(label.trim() || tr(am.defaultLabel)(account.appPasswords.length + 1)));
      setLabel('');
    } catch (err) {
      if (err instanceof ApiError && err.fields.label) setLabelError(err.fields.label);
      else setFailure(failureOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="account-view" data-testid="account-view">
      <section class="card" aria-labelledby="account-heading">
        <h2 id="account-heading" class="card-title">
          {tr(am.accountHeading)}
        </h2>
        <dl class="facts">
          <dt>{tr(am.address)}</dt>
          <dd data-testid="account-address">{account.address}</dd>
          <dt>{tr(am.created)}</dt>
          <dd>{dateTime(account.createdAt)}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="app-passwords-heading">
        <h2 id="app-passwords-heading" class="card-title">
          {tr(am.appPasswords)}
        </h2>
        <p class="small">{tr(am.appPasswordsIntro)}</p>
        {created ? (
          <NewAppPasswordBox created={created} onDone={() => setCreated(undefined)} />
        ) : (
          <form class="generate" noValidate onSubmit={onGenerate} data-testid="generate-form">
            <FormField
              id="account-label"
              name="label"
              label={tr(am.label)}
              error={labelError ? labelError[lang] : undefined}
              control={(aria) => (
                <input
                  {...aria}
                  class="input"
                  type="text"
                  autocomplete="off"
                  placeholder={tr(am.labelPlaceholder)}
                  value={label}
                  onInput={(e) => setLabel((e.currentTarget as HTMLInputElement).value)}
                />
              )}
            />
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy} data-testid="generate-app-password">
                {tr(am.generate)}
              </button>
            </div>
            {failure ? <p class="field-error">{tr(failure)}</p> : null}
          </form>
        )}
        <h3 class="sub-title">{tr(am.listLabel)}</h3>
        <AppPasswordList account={account} store={store} />
      </section>
      <p class="next-step">
        {tr(am.nextStep)}{' '}
        <a {...linkProps(router, { tab: 'lab' })} data-testid="go-platform">
          {tr(am.goPlatform)}
        </a>
      </p>
    </div>
  );
}
