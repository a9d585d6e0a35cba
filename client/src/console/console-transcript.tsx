// The console's screen: every line sent (as the bridge echoes it, secrets masked), every reply
// whole and coloured by its class as in the Sessions view, and the console's notes in the page's
// language. The dialogue itself is verbatim (translate="no"); the view keeps to its newest line.
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/use-i18n.js';
import { replyClass } from '../smtp/explain-line.js';
import { cm } from './console-messages.js';
import { serverPrompt } from './console-steps.js';
import type { ConsoleEntry, ConsoleNote } from './console-store.js';

function noteText(note: ConsoleNote, tr: ReturnType<typeof useI18n>['tr']): string {
  switch (note.type) {
    case 'connecting':
      return tr(cm.notes.connecting)(note.where);
    case 'connected':
      return tr(cm.notes.connected)(note.where, note.localPort);
    case 'tls':
      return tr(note.upgraded ? cm.notes.tlsUpgraded : cm.notes.tlsImplicit)(note.details);
    case 'refused':
    case 'ended':
      return tr(note.text);
    case 'lost':
      return tr(cm.notes.lost);
    case 'left':
      return tr(cm.notes.youLeft);
  }
}

function Entry({ entry }: { entry: ConsoleEntry }) {
  const { tr } = useI18n();
  switch (entry.kind) {
    case 'sent':
      return (
        <div class={`c-line c-sent${entry.masked ? ' is-masked' : ''}`} data-kind="sent" data-masked={entry.masked}>
          <span class="c-arrow" aria-hidden="true">
            →
          </span>
          {entry.text === '' ? (
            <span class="c-blank">{tr(cm.hints.emptyLine)}</span>
          ) : (
            <code class="c-text" translate={false}>
              {entry.text}
            </code>
          )}
        </div>
      );
    case 'reply': {
      const cls = replyClass(entry.code);
      const prompt = entry.code === 334 ? serverPrompt(entry.lines) : undefined;
      return (
        <div class={`c-line c-reply${cls ? ` cls-${cls}xx` : ''}`} data-kind="reply" data-code={entry.code}>
          <span class="c-arrow" aria-hidden="true">
            ←
          </span>
          <div class="c-reply-body">
            <pre class="c-text" translate={false}>
              {entry.lines.join('\n')}
            </pre>
            {prompt ? <span class="c-decoded">{tr(cm.base64Says)(prompt)}</span> : null}
          </div>
        </div>
      );
    }
    case 'note':
      return (
        <p class={`c-note is-${entry.note.type}`} data-kind="note" data-note={entry.note.type} role={entry.note.type === 'refused' ? 'alert' : undefined}>
          {noteText(entry.note, tr)}
        </p>
      );
  }
}

/** Within this many pixels of the end, the screen follows new lines (scrolled up to read, it stays). */
const FOLLOW_SLACK_PX = 24;

export function ConsoleTranscript({ entries }: { entries: readonly ConsoleEntry[] }) {
  const { tr } = useI18n();
  const screen = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const last = entries.at(-1)?.n;
  const follow = () => {
    const el = screen.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  };
  useLayoutEffect(follow, [last]);
  useEffect(() => {
    // A phone turned, a window resized: the newest line stays in view.
    const el = screen.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(follow);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const onScroll = () => {
    const el = screen.current;
    if (el) following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK_PX;
  };
  return (
    <div class="c-screen" ref={screen} onScroll={onScroll} role="log" aria-label={tr(cm.transcript)} tabIndex={0} data-testid="console-screen">
      {entries.length === 0 ? <p class="c-note is-empty">{tr(cm.empty)}</p> : entries.map((entry) => <Entry key={entry.n} entry={entry} />)}
    </div>
  );
}
