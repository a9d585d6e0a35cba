// A new app password, shown once as Google shows it: four groups of four letters, "enter it
// without spaces", a copy button (which copies it without spaces) and Done. It lives only in
// this component: closing it, or leaving the page, forgets it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/use-i18n.js';
import type { NewAppPassword } from '../lab/lab-api.js';
import { am } from './account-messages.js';

export function NewAppPasswordBox({ created, onDone }: { created: NewAppPassword; onDone(): void }) {
  const { tr } = useI18n();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(created.password);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <div class="new-app-password" role="region" aria-labelledby="new-app-password-title" tabIndex={-1} ref={box} data-testid="new-app-password">
      <p id="new-app-password-title" class="nap-title">
        {tr(am.newTitle)(created.appPassword.label)}
      </p>
      {/* With its display spaces, as Google shows it: copied by hand, the spaces come along —
          the mistake the Gmail-like profile answers with 535 and the page explains. */}
      <p class="nap-value" data-testid="new-app-password-value" translate={false}>
        {created.display}
      </p>
      <p class="small">{tr(am.newHow)}</p>
      <p class="small nap-once">{tr(am.newOnce)}</p>
      <div class="form-actions">
        <button type="button" class="btn" onClick={onCopy} data-testid="copy-app-password">
          {tr(am.copy)}
        </button>
        <button type="button" class="btn btn-primary" onClick={onDone} data-testid="app-password-done">
          {tr(am.done)}
        </button>
        <span class={`form-status ${copy === 'copied' ? 'is-ok' : copy === 'failed' ? 'is-bad' : ''}`} role="status">
          {copy === 'copied' ? tr(am.copied) : copy === 'failed' ? tr(am.copyFailed) : ''}
        </span>
      </div>
    </div>
  );
}
