// A secret the server hands out once — a bot's token, a webhook's URL, an SMPP password, an
// api_id — shown as the real services show theirs: the value, a copy button, the warning that
// it is not shown again, and Done. It lives only in the component that holds it: closing it, or
// leaving the page, forgets it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/use-i18n.js';
import { cm } from './channels-messages.js';

export function CopyButton({ text, label, testId }: { text: string; label?: string; testId?: string }) {
  const { tr } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" class="btn btn-small" onClick={onCopy} data-testid={testId}>
        {label ?? tr(cm.once.copy)}
      </button>
      <span class={`ch-copy-status${state === 'failed' ? ' is-bad' : ''}`} role="status">
        {state === 'copied' ? tr(cm.once.copied) : state === 'failed' ? tr(cm.once.copyFailed) : ''}
      </span>
    </>
  );
}

export interface SecretOnceProps {
  title: string;
  value: string;
  note?: string;
  /** A fact shown with it (an SMS key's balance). */
  extra?: string;
  onDone(): void;
  testId: string;
}

export function SecretOnce({ title, value, note, extra, onDone, testId }: SecretOnceProps) {
  const { tr } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div class="ch-secret" role="region" aria-label={title} tabIndex={-1} ref={box} data-testid={testId}>
      <p class="ch-secret-title">{title}</p>
      <code class="ch-secret-value" translate={false} data-testid={`${testId}-value`}>
        {value}
      </code>
      {extra ? <p class="small">{extra}</p> : null}
      {note ? <p class="small">{note}</p> : null}
      <p class="small ch-secret-once" data-testid={`${testId}-once`}>
        ⚠ {tr(cm.once.warning)}
      </p>
      <div class="ch-actions">
        <CopyButton text={value} testId={`${testId}-copy`} />
        <button type="button" class="btn btn-primary" onClick={onDone} data-testid={`${testId}-done`}>
          {tr(cm.once.done)}
        </button>
      </div>
    </div>
  );
}
