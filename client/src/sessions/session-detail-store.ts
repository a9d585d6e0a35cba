// The session on screen: its record fetched once, then followed line by line on the live
// stream (the hub sends full lines only for followed sessions). Lines merge by Seq; a gap
// means frames were missed (a reconnect), and the record is fetched again.
import type { LiveEvent } from '../../../lab/live-events.js';
import { toSummary, type DialogueLine, type SessionRecord, type SessionSummary } from '../../../server/wire/sessions.js';
import { ApiError, type ApiClient } from '../api/api-client.js';
import { mergeLines } from '../live/merge.js';
import { createState, type Observable } from '../ui/observable.js';

/** Lines of one session kept in the page; older ones are counted, not kept. */
export const MAX_DETAIL_LINES = 2000;

export interface SessionDetailState {
  id: string | undefined;
  status: 'idle' | 'loading' | 'ready' | 'missing' | 'error';
  summary: SessionSummary | undefined;
  lines: DialogueLine[];
  error: string | undefined;
}

export interface SessionDetailStore {
  state: Observable<SessionDetailState>;
  select(id: string | undefined): void;
  apply(events: readonly LiveEvent[]): void;
  /** The live stream reconnected: fetch the record again. */
  resync(): Promise<void>;
}

export function createSessionDetailStore(api: ApiClient, follow: (ids: string[]) => void, maxLines = MAX_DETAIL_LINES): SessionDetailStore {
  const idle: SessionDetailState = { id: undefined, status: 'idle', summary: undefined, lines: [], error: undefined };
  const state = createState<SessionDetailState>(idle);
  let fetching: string | undefined;
  let fetchAgain = false;
  /** Lines that came on the stream before the record did. */
  let early: DialogueLine[] = [];

  async function fetchRecord(id: string): Promise<void> {
    if (fetching === id) {
      fetchAgain = true;
      return;
    }
    fetching = id;
    try {
      do {
        fetchAgain = false;
        let record: SessionRecord;
        try {
          record = await api.json<SessionRecord>(`/api/lab/sessions/${encodeURIComponent(id)}`);
        } catch (err) {
          if (state.get().id !== id) return;
          const missing = err instanceof ApiError && err.status === 404;
          state.update((s) => ({ ...s, status: missing ? 'missing' : 'error', error: (err as Error).message }));
          return;
        }
        if (state.get().id !== id) return;
        state.update((s) => {
          let { lines } = mergeLines([], record.Lines, maxLines);
          const newer = [...s.lines, ...early].filter((line) => line.Seq > (lines.at(-1)?.Seq ?? -1));
          newer.sort((a, b) => a.Seq - b.Seq);
          const merged = mergeLines(lines, newer, maxLines);
          if (merged.gap) fetchAgain = true;
          lines = merged.lines;
          const summary = s.summary && s.summary.LineCount > record.LineCount ? s.summary : toSummary(record);
          return { ...s, status: 'ready', summary, lines, error: undefined };
        });
        early = [];
      } while (fetchAgain && state.get().id === id);
    } finally {
      if (fetching === id) fetching = undefined;
    }
  }

  return {
    state,
    select(id) {
      if (state.get().id === id) return;
      early = [];
      fetchAgain = false;
      follow(id ? [id] : []);
      state.set(id ? { ...idle, id, status: 'loading' } : idle);
      if (id) void fetchRecord(id);
    },
    apply(events) {
      const s = state.get();
      if (!s.id) return;
      let summary = s.summary;
      const incoming: DialogueLine[] = [];
      for (const event of events) {
        if (event.Type !== 'session' || event.Data.Summary.ID !== s.id) continue;
        if (!summary || event.Data.Summary.LineCount >= summary.LineCount) summary = event.Data.Summary;
        incoming.push(...event.Data.Lines);
      }
      if (summary === s.summary && incoming.length === 0) return;
      if (s.status !== 'ready') {
        early.push(...incoming);
        if (early.length > maxLines * 2) early = early.slice(-maxLines);
        state.set({ ...s, summary });
        return;
      }
      const merged = mergeLines(s.lines, incoming, maxLines);
      state.set({ ...s, summary, lines: merged.lines });
      const lastSeq = merged.lines.at(-1)?.Seq ?? -1;
      if (merged.gap || (summary && summary.LineCount - 1 > lastSeq && incoming.length > 0)) void fetchRecord(s.id);
    },
    async resync() {
      const { id } = state.get();
      if (id) await fetchRecord(id);
    },
  };
}
