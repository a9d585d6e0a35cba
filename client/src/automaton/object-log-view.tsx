// The selected object's log: its device's MQTT traffic (connect, publish, subscribe,
// disconnect), the telemetry it got, its transitions and actions and what came of them — newest
// at the bottom, the newest 500 kept, every line rendered as text. It follows the newest entry
// while the reader is at the bottom, and stays put when they scrolled up to read.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ObjectLogEntry } from '../../../lab/objects/object-log.js';
import { useI18n } from '../i18n/use-i18n.js';
import { memo } from '../ui/memo.js';
import { zm } from './automaton-messages.js';
import type { ObjectTrack } from './objects-store.js';

const KIND_CLASS: Partial<Record<ObjectLogEntry['kind'], string>> = {
  transition: 'is-transition',
  state: 'is-state',
  action: 'is-action',
  'action-result': 'is-result',
  error: 'is-bad',
  'telemetry-refused': 'is-bad',
  'mqtt-error': 'is-bad',
  warning: 'is-warn',
};

const LogRow = memo(function LogRow({ entry, lang, time }: { entry: ObjectLogEntry; lang: 'ru' | 'en'; time: string }) {
  return (
    <li class={`zlog-row ${KIND_CLASS[entry.kind] ?? ''}`} data-kind={entry.kind} data-seq={entry.seq}>
      <span class="zlog-time">{time}</span>
      <span class="zlog-kind">{entry.kind}</span>
      <span class="zlog-text">{entry.text[lang]}</span>
    </li>
  );
});

export function ObjectLogView({ objectId, track }: { objectId: string; track: ObjectTrack | undefined }) {
  const { tr, lang, clock, number } = useI18n();
  const box = useRef<HTMLOListElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const entries = track?.log ?? [];
  const last = entries.at(-1)?.seq;

  useLayoutEffect(() => {
    const el = box.current;
    if (el && atBottom) el.scrollTop = el.scrollHeight;
  }, [last, objectId]);

  const onScroll = () => {
    const el = box.current;
    if (el) setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
  };

  return (
    <div class="zlog-wrap" data-testid="object-log" data-entries={entries.length}>
      {track && track.dropped > 0 ? <p class="small muted">{tr(zm.log.dropped)(number(track.dropped))}</p> : null}
      {entries.length === 0 ? (
        <p class="muted small">{tr(zm.log.empty)}</p>
      ) : (
        // The object's record, as it was logged (its names and values are the files' and the device's).
        <ol class="zlog" ref={box} onScroll={onScroll} tabIndex={0} aria-label={tr(zm.log.label)(objectId)} translate={false}>
          {entries.map((entry) => (
            <LogRow entry={entry} lang={lang} time={clock(entry.objectTime)} key={entry.seq} />
          ))}
        </ol>
      )}
      {!atBottom ? (
        <button
          type="button"
          class="btn btn-small zlog-follow"
          onClick={() => {
            const el = box.current;
            if (el) el.scrollTop = el.scrollHeight;
            setAtBottom(true);
          }}
        >
          ↓ {tr(zm.log.follow)}
        </button>
      ) : null}
    </div>
  );
}
