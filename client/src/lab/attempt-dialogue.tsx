// The dialogue of the last test send, live: the client's side as the sender logged it (streamed
// with the attempt), and, when the target is one of the lab's listeners, the server's side
// followed on the live stream and drawn with the Sessions tab's own two-lane components. When the
// sender retried, the earlier tries' client sides are kept above, folded.
import { useMemo, useState } from 'preact/hooks';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { DialogueLines } from '../sessions/dialogue-lines.js';
import { SessionVerdict } from '../sessions/session-verdict.js';
import { analyseDialogue } from '../smtp/dialogue-analysis.js';
import { replyClass } from '../smtp/explain-line.js';
import { linkProps } from '../ui/links.js';
import { useObservable, useThrottledObservable } from '../ui/use-observable.js';
import { SENDER_LIBRARY } from '../../../lab/sender/client-log-notes.js';
import { parseClientLine } from './client-log.js';
import { lm } from './lab-messages.js';
import type { LabStore, Try } from './lab-store.js';

const RENDER_EVERY_MS = 250;

function ClientLines({ raw, testId }: { raw: string[]; testId: string }) {
  const { tr } = useI18n();
  const lines = useMemo(() => raw.map(parseClientLine), [raw]);
  return lines.length === 0 ? (
    <p class="muted small">{tr(lm.clientEmpty)}</p>
  ) : (
    <ol class="clog" aria-label={tr(lm.clientLog)} data-testid={testId}>
      {lines.map((line) => {
        const cls = line.dir === 'S' ? replyClass(line.code) : undefined;
        return (
          <li class={`clog-line clog-${line.dir}${cls ? ` cls-${cls}xx` : ''}`} data-dir={line.dir}>
            <span class="clog-arrow" aria-label={line.dir === 'C' ? tr(lm.sent) : line.dir === 'S' ? tr(lm.received) : undefined}>
              {line.dir === 'C' ? '→' : line.dir === 'S' ? '←' : '•'}
            </span>
            {line.note ? (
              // The library's own words stay as they are, marked as its; the meaning follows.
              <div class="clog-note-line">
                <span class="clog-source" title={tr(SENDER_LIBRARY)}>
                  {tr(lm.libraryVerbatim)}
                </span>{' '}
                <code class="clog-text" translate={false}>
                  {line.text}
                </code>
                <p class="clog-note" data-testid="client-note">
                  {tr(line.note)}
                </p>
              </div>
            ) : (
              <code class="clog-text" translate={false}>
                {line.text}
              </code>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function ClientSide({ lines, tries }: { lines: string[]; tries: Try[] }) {
  const { tr } = useI18n();
  const current = tries.at(-1);
  return (
    <section class="side" aria-labelledby="lab-client-side">
      <h4 id="lab-client-side" class="side-title">
        {tr(lm.clientSide)}
      </h4>
      <p class="muted small">{tr(lm.clientSideNote)}</p>
      {tries.slice(0, -1).map((t) => (
        <details class="earlier-try" data-testid="earlier-try" data-n={t.n}>
          <summary>{tr(lm.tryHeading)(t.n, t.of)}</summary>
          <ClientLines raw={t.lines} testId="earlier-client-log" />
        </details>
      ))}
      {current && tries.length > 1 ? <h5 class="side-title small">{tr(lm.tryHeading)(current.n, current.of)}</h5> : null}
      <ClientLines raw={lines} testId="client-log" />
    </section>
  );
}

function ServerSide({ id }: { id: string }) {
  const { sessionDetail, router } = useServices();
  const { tr } = useI18n();
  const detail = useThrottledObservable(sessionDetail.state, RENDER_EVERY_MS);
  const [explain, setExplain] = useState(true);
  const mine = detail.id === id;
  const summary = mine ? detail.summary : undefined;
  const lines = mine ? detail.lines : [];
  const listener = summary?.Listener;
  const analysis = useMemo(() => analyseDialogue(lines, summary?.State ?? 'open', listener), [lines, summary?.State, listener?.Security, listener?.Profile]);
  const first = lines[0];
  const base = first && first.Seq === 0 ? first.At : summary ? Date.parse(summary.Started) : 0;
  return (
    <section class="side" aria-labelledby="lab-server-side" data-testid="server-side" data-session={id} data-state={summary?.State ?? 'loading'}>
      <div class="side-head">
        <h4 id="lab-server-side" class="side-title">
          {tr(lm.serverSide)}
        </h4>
        <label class="toggle">
          <input type="checkbox" checked={explain} onChange={(e) => setExplain((e.currentTarget as HTMLInputElement).checked)} /> {tr(m.session.explanations)}
        </label>
      </div>
      <p class="small">
        <a {...linkProps(router, { tab: 'sessions', id })} data-testid="session-link">
          {tr(lm.openSession)}
        </a>
      </p>
      {!mine || detail.status === 'loading' || detail.status === 'idle' ? (
        <p class="muted small">{tr(lm.serverWaiting)}</p>
      ) : detail.status === 'missing' || detail.status === 'error' ? (
        <p class="error small">{detail.status === 'missing' ? tr(m.sessions.missing) : tr(m.common.error)(detail.error ?? '')}</p>
      ) : (
        <>
          <SessionVerdict analysis={analysis} security={summary?.Listener.Security ?? 'none'} />
          <div class="lane-labels" aria-hidden="true">
            <span />
            <span>{tr(m.session.clientLane)}</span>
            <span>{tr(m.session.serverLane)}</span>
          </div>
          <DialogueLines lines={lines} base={base} analysis={analysis} summary={summary} explain={explain} />
        </>
      )}
    </section>
  );
}

export function AttemptDialogue({ store }: { store: LabStore }) {
  const { tr } = useI18n();
  const attempt = useObservable(store.attempt);
  if (!attempt) return null;
  const settled = attempt.status !== 'running';
  return (
    <section class="card attempt" aria-labelledby="lab-dialogue-heading" data-testid="attempt-dialogue" data-attempt={attempt.n}>
      <h3 id="lab-dialogue-heading" class="card-title">
        {tr(lm.dialogue)}
      </h3>
      <ClientSide lines={attempt.lines} tries={attempt.tries} />
      {attempt.sessionId ? (
        <ServerSide id={attempt.sessionId} key={attempt.sessionId} />
      ) : settled ? (
        <p class="muted small" data-testid="server-side-none">
          {tr(lm.serverSideNone)}
        </p>
      ) : null}
    </section>
  );
}
