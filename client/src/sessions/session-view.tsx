// One session: its facts, the mandatory-command tracker and verdict, and the dialogue as it
// happens. The page follows the bottom while the reader is there; a reader who scrolled up is
// left where they are.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SessionSummary } from '../../../server/wire/sessions.js';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { analyseDialogue } from '../smtp/dialogue-analysis.js';
import { linkProps } from '../ui/links.js';
import { useThrottledObservable } from '../ui/use-observable.js';
import { DialogueLines } from './dialogue-lines.js';
import { FaultNote, injectedBy } from './fault-mark.js';
import { SessionVerdict } from './session-verdict.js';

const SHOWN_STEP = 100;
/** A dialogue is re-rendered at most this often, however fast its lines come. */
const RENDER_EVERY_MS = 250;

function Facts({ summary }: { summary: SessionSummary }) {
  const { tr, dateTime } = useI18n();
  const listener = summary.Listener;
  return (
    <dl class="facts">
      <dt>{tr(m.session.client)}</dt>
      <dd translate={false}>
        {summary.ClientAddress}:{summary.ClientPort}
      </dd>
      <dt>{tr(m.session.helo)}</dt>
      <dd translate={false}>{summary.Helo ?? '—'}</dd>
      <dt>{tr(m.session.user)}</dt>
      {summary.User ? <dd translate={false}>{summary.User}</dd> : <dd>{tr(m.session.noUser)}</dd>}
      <dt>{tr(m.session.listener)}</dt>
      <dd>
        <span translate={false}>
          {listener.Name} :{listener.Port}
        </span>{' '}
        · {tr(m.sessions.security[listener.Security])} · <span translate={false}>{listener.Profile}</span>
      </dd>
      <dt>{tr(m.session.tls)}</dt>
      <dd>{summary.Tls ? `${summary.Tls.Protocol}, ${summary.Tls.Cipher}` : tr(m.sessions.notEncrypted)}</dd>
      <dt>{tr(m.session.started)}</dt>
      <dd>{dateTime(summary.Started)}</dd>
      <dt>{tr(m.session.state)}</dt>
      <dd>
        <span class={`chip chip-state state-${summary.State}`} data-testid="session-state">
          {tr(m.sessions.state[summary.State])}
        </span>
      </dd>
    </dl>
  );
}

export function SessionView({ id }: { id: string }) {
  const { sessionDetail, router } = useServices();
  const detail = useThrottledObservable(sessionDetail.state, RENDER_EVERY_MS);
  const { tr, number } = useI18n();
  const [explain, setExplain] = useState(true);
  const [shown, setShown] = useState(SHOWN_STEP);
  const scroller = useRef<HTMLDivElement>(null);
  // Following the newest line: from the start for a live session, else once the reader scrolls
  // to the bottom; scrolling up stops it.
  const [following, setFollowing] = useState<boolean | undefined>(undefined);
  const summary = detail.id === id ? detail.summary : undefined;
  const lines = detail.id === id ? detail.lines : [];
  const listener = summary?.Listener;
  const analysis = useMemo(() => analyseDialogue(lines, summary?.State ?? 'open', listener), [lines, summary?.State, listener?.Security, listener?.Profile]);
  const injected = useMemo(() => injectedBy(lines), [lines]);

  const live = summary?.State === 'open';
  const follows = following ?? live;
  const followsNow = useRef(follows);
  followsNow.current = follows;
  const dialogue = useRef<HTMLOListElement>(null);
  useLayoutEffect(() => {
    if (following === undefined && summary) setFollowing(live);
    const el = scroller.current;
    if (el && follows) el.scrollTop = el.scrollHeight;
  }, [lines, following, summary !== undefined]);
  // Lines take their real height only once laid out (content-visibility): stay at the bottom.
  useEffect(() => {
    const list = dialogue.current;
    if (!list) return;
    const observer = new ResizeObserver(() => {
      const el = scroller.current;
      if (el && followsNow.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, [dialogue.current]);

  const back = (
    <a class="btn back" {...linkProps(router, { tab: 'sessions' })}>
      ← {tr(m.common.back)}
    </a>
  );
  if (detail.id !== id || detail.status === 'loading' || detail.status === 'idle') {
    return (
      <div class="detail">
        {back}
        <p class="muted">{tr(m.common.loading)}</p>
      </div>
    );
  }
  if (detail.status === 'missing' || detail.status === 'error' || !summary) {
    return (
      <div class="detail">
        {back}
        <p class="error">{detail.status === 'missing' ? tr(m.sessions.missing) : tr(m.common.error)(detail.error ?? '')}</p>
      </div>
    );
  }

  const firstLine = lines[0];
  const base = firstLine && firstLine.Seq === 0 ? firstLine.At : Date.parse(summary.Started);
  const visible = lines.length > shown ? lines.slice(lines.length - shown) : lines;
  const notKept = firstLine ? firstLine.Seq : 0;
  const hidden = lines.length - visible.length;

  return (
    <div
      class="detail detail-scroll"
      ref={scroller}
      // Only the reader stops the following (wheel, touch, keys): the page's own scrolling and
      // lines growing to their real height (content-visibility) must not.
      onWheel={(event: WheelEvent) => event.deltaY < 0 && setFollowing(false)}
      onTouchMove={() => setFollowing(false)}
      onPointerDown={(event: PointerEvent) => event.target === event.currentTarget && setFollowing(false)}
      onKeyDown={(event: KeyboardEvent) => ['ArrowUp', 'PageUp', 'Home'].includes(event.key) && setFollowing(false)}
      onScroll={(event) => {
        const el = event.currentTarget as HTMLDivElement;
        if (el.scrollHeight - el.scrollTop - el.clientHeight < 48) setFollowing(true);
      }}
      data-testid="session-view"
      data-session={id}
    >
      <div class="detail-head">
        {back}
        <h2 class="detail-title">{tr(m.session.heading)(`${summary.ClientAddress}:${summary.ClientPort}`)}</h2>
      </div>
      <Facts summary={summary} />
      <SessionVerdict analysis={analysis} security={summary.Listener.Security} />
      <FaultNote rules={injected} />
      <div class="lanes-head">
        <h3>{tr(m.session.lanes)}</h3>
        <label class="toggle">
          <input type="checkbox" checked={explain} onChange={(e) => setExplain((e.currentTarget as HTMLInputElement).checked)} /> {tr(m.session.explanations)}
        </label>
      </div>
      {notKept > 0 ? <p class="muted small">{tr(m.session.earlier)(number(notKept))}</p> : null}
      {hidden > 0 ? (
        <p>
          <button type="button" class="btn btn-small" onClick={() => setShown((n) => n + SHOWN_STEP)}>
            {tr(m.session.showEarlier)} ({number(hidden)})
          </button>
        </p>
      ) : null}
      <div class="lane-labels" aria-hidden="true">
        <span />
        <span>{tr(m.session.clientLane)}</span>
        <span>{tr(m.session.serverLane)}</span>
      </div>
      {live && following === false ? (
        <button type="button" class="btn follow" onClick={() => setFollowing(true)}>
          ↓ {tr(m.session.follow)}
        </button>
      ) : null}
      <DialogueLines lines={visible} base={base} analysis={analysis} summary={summary} explain={explain} listRef={dialogue} />
    </div>
  );
}
