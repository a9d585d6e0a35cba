// AUTH by hand needs base64 (RFC 4954 §4; PLAIN is RFC 4616: NUL, login, NUL, password), which a
// student without a terminal cannot easily make. The helper makes it in the page and sends the
// line itself: the password field is never echoed, the line goes out masked, nothing is kept
// (its fields are cleared when the console ends).
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/use-i18n.js';
import { cm } from './console-messages.js';
import { base64 } from './console-steps.js';
import type { ConsoleStore } from './console-store.js';

export interface AuthHelperProps {
  store: ConsoleStore;
  open: boolean;
  /** In an AUTH exchange, what the server's 334 asks (decoded; "" for an empty challenge); undefined otherwise. */
  asks: string | undefined;
  defaultLogin: string;
}

export function AuthHelper({ store, open, asks, defaultLogin }: AuthHelperProps) {
  const { tr } = useI18n();
  const [login, setLogin] = useState(defaultLogin);
  const [password, setPassword] = useState('');
  const wantsPassword = asks !== undefined && /pass/i.test(asks);
  // RFC 4616: the authorization identity (empty), NUL, the login, NUL, the password.
  const plain = base64(`\0${login}\0${password}`);
  useEffect(() => {
    if (!open) setPassword('');
  }, [open]);
  /** Sends the line; a line made from the password clears the field, as a sign-in form would. */
  const send = (line: string, withPassword: boolean) => {
    if (store.send(line).ok && withPassword) setPassword('');
  };
  return (
    <details class="c-auth" data-testid="auth-helper">
      <summary>{tr(cm.auth.title)}</summary>
      <p class="small muted">{tr(cm.auth.why)}</p>
      <div class="c-auth-fields">
        <label>
          <span>{tr(cm.auth.login)}</span>
          <input
            type="text"
            value={login}
            onInput={(e) => setLogin((e.target as HTMLInputElement).value)}
            autocomplete="username"
            spellcheck={false}
            data-testid="auth-login"
          />
        </label>
        <label>
          <span>{tr(cm.auth.password)}</span>
          <input
            type="password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
            autocomplete="current-password"
            data-testid="auth-password"
          />
        </label>
      </div>
      <div class="c-auth-actions">
        {asks === undefined ? (
          <button
            type="button"
            class="btn btn-small"
            disabled={!open || !login || !password}
            onClick={() => send(`AUTH PLAIN ${plain}`, true)}
            data-testid="auth-send-plain"
          >
            {tr(cm.auth.sendPlain)}
          </button>
        ) : asks === '' ? (
          // AUTH PLAIN without its initial response: the server's 334 is empty (RFC 4954 §4).
          <button
            type="button"
            class="btn btn-small is-next"
            disabled={!open || !login || !password}
            onClick={() => send(plain, true)}
            data-testid="auth-send-plain-answer"
          >
            {tr(cm.auth.sendPlainAnswer)}
          </button>
        ) : (
          <>
            <button
              type="button"
              class={`btn btn-small${wantsPassword ? '' : ' is-next'}`}
              disabled={!open || !login}
              onClick={() => send(base64(login), false)}
              data-testid="auth-send-login"
            >
              {tr(cm.auth.sendLogin)}
            </button>
            <button
              type="button"
              class={`btn btn-small${wantsPassword ? ' is-next' : ''}`}
              disabled={!open || !password}
              onClick={() => send(base64(password), true)}
              data-testid="auth-send-password"
            >
              {tr(cm.auth.sendPassword)}
            </button>
          </>
        )}
      </div>
    </details>
  );
}
