// Sign in to a lab account, or create one (an address, or a name that becomes name@lab.local,
// and the account password). The server's message for a field is shown at that field.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../app/services.js';
import { useObservable } from '../ui/use-observable.js';
import type { Bilingual } from '../../../lab/integration/integration-types.js';
import { sentence, sentences } from '../i18n/sentence.js';
import { useI18n } from '../i18n/use-i18n.js';
import { focusFirst, FormField } from '../lab/form-field.js';
import { ApiError } from '../api/api-error.js';
import { am } from './account-messages.js';
import './account.css';

type Mode = 'sign-in' | 'sign-up';
type Field = 'address' | 'password';
const FIELDS: readonly Field[] = ['address', 'password'];
const idOf = (field: string) => `account-${field}`;

export interface AuthPanelProps {
  expired: boolean;
  onSignIn(address: string, password: string): Promise<void>;
  onSignUp(address: string, password: string): Promise<void>;
}

export function AuthPanel({ expired, onSignIn, onSignUp }: AuthPanelProps) {
  const { tr, lang } = useI18n();
  const info = useObservable(useServices().info);
  // In a class the instructor hands out the accounts: nobody signs up (the server refuses it too).
  const inClass = info?.Lab?.ClassMode === true;
  const [mode, setMode] = useState<Mode>(expired ? 'sign-in' : 'sign-up');
  useEffect(() => {
    if (inClass) setMode('sign-in');
  }, [inClass]);
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, Bilingual>>>({});
  const [failure, setFailure] = useState<Bilingual | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const switchTo = (next: Mode) => {
    setMode(next);
    setErrors({});
    setFailure(undefined);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const missing: Partial<Record<Field, Bilingual>> = {};
    if (!address.trim()) missing.address = am.required;
    if (!password) missing.password = am.required;
    setErrors(missing);
    setFailure(undefined);
    if (Object.keys(missing).length > 0) {
      focusFirst(FIELDS, missing, idOf);
      return;
    }
    setBusy(true);
    try {
      await (mode === 'sign-up' ? onSignUp : onSignIn)(address.trim(), password);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      const known: Partial<Record<Field, Bilingual>> = {};
      for (const field of FIELDS) if (fields[field]) known[field] = fields[field];
      setErrors(known);
      const message = (err as Error).message;
      if (Object.keys(known).length === 0) {
        const text = err instanceof ApiError && err.text ? err.text : { ru: message, en: message };
        setFailure(sentences(text));
      }
      focusFirst(FIELDS, known, idOf);
      setBusy(false);
    }
  };

  const err = (field: Field) => (errors[field] ? sentence(errors[field]![lang]) : undefined);

  return (
    <section class="card auth" aria-labelledby="auth-heading" data-testid="auth-panel" data-mode={mode}>
      <h2 id="auth-heading" class="card-title">
        {tr(mode === 'sign-up' ? am.signUp : am.signIn)}
      </h2>
      <p class="muted small">{tr(inClass ? am.classIntro : am.intro)}</p>
      <div class="segmented" role="group" aria-label={tr(am.modes)} hidden={inClass}>
        <button type="button" class="seg-btn" aria-pressed={mode === 'sign-up'} data-testid="mode-sign-up" onClick={() => switchTo('sign-up')}>
          {tr(am.signUp)}
        </button>
        <button type="button" class="seg-btn" aria-pressed={mode === 'sign-in'} data-testid="mode-sign-in" onClick={() => switchTo('sign-in')}>
          {tr(am.signIn)}
        </button>
      </div>
      {expired ? <p class="notice small">{tr(am.expired)}</p> : null}
      <form noValidate onSubmit={onSubmit} data-testid="auth-form">
        <FormField
          id={idOf('address')}
          name="address"
          label={tr(mode === 'sign-up' ? am.addressOrName : am.address)}
          error={err('address')}
          hint={mode === 'sign-up' && !errors.address ? tr(am.addressHint) : undefined}
          control={(aria) => (
            <input
              {...aria}
              class="input"
              type="text"
              inputMode="email"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              value={address}
              onInput={(e) => setAddress((e.currentTarget as HTMLInputElement).value)}
            />
          )}
        />
        <FormField
          id={idOf('password')}
          name="password"
          label={tr(am.password)}
          error={err('password')}
          // The error says what the hint says (at least 8 characters): one of them is enough.
          hint={mode === 'sign-up' && !errors.password ? tr(am.passwordHint) : undefined}
          control={(aria) => (
            <input
              {...aria}
              class="input"
              type="password"
              autocomplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
              value={password}
              onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
            />
          )}
        />
        {failure ? (
          <p class="field-error" role="alert" data-testid="auth-error">
            {tr(failure)}
          </p>
        ) : null}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy} data-testid="auth-submit">
            {tr(mode === 'sign-up' ? am.submitSignUp : am.submitSignIn)}
          </button>
        </div>
      </form>
    </section>
  );
}
