// Small pieces the Automaton page's panels share: a status line that keeps its room, an action
// runner that reports busy / done / the server's error, a copy button, a segmented choice.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useSingleRun, type SingleRun } from '../ui/use-single-run.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { useI18n } from '../i18n/use-i18n.js';
import { errorPlace, errorText, isSignedOut } from './automaton-errors.js';
import { zm } from './automaton-messages.js';
import { useAutomatonPage } from './automaton-page.js';

export type RunStatus = { state: 'idle' } | { state: 'busy' } | { state: 'ok'; text: Bilingual } | { state: 'bad'; text: Bilingual; place?: string };

/**
 * Runs one of the page's calls at a time and says how it went. A 401 means the server forgot
 * the sign-in: the page goes read-only and shows the sign-in form.
 */
export function useRun(): SingleRun<Extract<RunStatus, { state: 'bad' }>> {
  const { lab } = useAutomatonPage();
  return useSingleRun((err) => {
    if (isSignedOut(err)) lab.signedOutElsewhere();
    const place = errorPlace(err);
    return { state: 'bad', text: isSignedOut(err) ? zm.signedOutError : errorText(err), ...(place ? { place } : {}) };
  });
}

/** The outcome of the last action, in a line that keeps its height. */
export function StatusLine({ status, testId }: { status: RunStatus; testId?: string }) {
  const { tr } = useI18n();
  const cls = status.state === 'ok' ? 'is-ok' : status.state === 'bad' ? 'is-bad' : status.state === 'busy' ? 'is-busy' : '';
  return (
    <p class={`form-status ${cls}`} role={status.state === 'bad' ? 'alert' : 'status'} data-testid={testId} data-state={status.state}>
      {status.state === 'busy' ? tr(zm.busy) : status.state === 'ok' || status.state === 'bad' ? tr(status.text) : ''}
      {status.state === 'bad' && status.place ? (
        <span class="z-place">
          {' '}
          {tr(zm.library.where)}: <code>{status.place}</code>
        </span>
      ) : null}
    </p>
  );
}

/** Copies a text to the clipboard, and says whether it worked. */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const { tr } = useI18n();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span class="z-copy">
      <button
        type="button"
        class="btn btn-small"
        data-testid={testId}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setCopy('copied');
          } catch {
            setCopy('failed');
          }
        }}
      >
        {tr(zm.copy)}
      </button>
      <span class={`z-copy-status small ${copy === 'copied' ? 'is-ok' : copy === 'failed' ? 'is-bad' : ''}`} role="status">
        {copy === 'copied' ? tr(zm.copied) : copy === 'failed' ? tr(zm.copyFailed) : ''}
      </span>
    </span>
  );
}

export function Segmented<T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  testId?: string;
}) {
  return (
    <div class="segmented z-seg" role="group" aria-label={props.label} data-testid={props.testId}>
      {props.options.map((o) => (
        <button type="button" class="seg-btn" aria-pressed={props.value === o.value} data-value={o.value} onClick={() => props.onChange(o.value)} key={o.value}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function Card(props: { title: ComponentChildren; id: string; children: ComponentChildren; testId?: string; class?: string; aside?: ComponentChildren }) {
  return (
    <section class={`card z-card ${props.class ?? ''}`} aria-labelledby={`${props.id}-title`} data-testid={props.testId}>
      <div class="z-card-head">
        <h2 class="card-title" id={`${props.id}-title`}>
          {props.title}
        </h2>
        {props.aside}
      </div>
      {props.children}
    </section>
  );
}
