// The live list of SMTP sessions: the newest `limit` summaries (older ones on request, up to
// a hard cap), kept current from the `session` frames of the live stream.
import type { LiveEvent } from '../../../lab/live-events.js';
import type { SessionSummary, SessionsList } from '../../../server/wire/sessions.js';
import type { ApiClient } from '../api/api-client.js';
import { upsertSessions } from '../live/merge.js';
import { createState, type Observable } from '../ui/observable.js';

export interface SessionsLimits {
  /** Summaries kept from the start. */
  initial: number;
  /** How many more "load older" fetches. */
  page: number;
  /** Never more than this many in memory. */
  max: number;
}

export const SESSION_LIMITS: SessionsLimits = { initial: 1000, page: 500, max: 5000 };

export interface SessionsState {
  sessions: SessionSummary[];
  /** Sessions on the server (as of the last fetch, plus those seen since). */
  total: number;
  limit: number;
  loaded: boolean;
  loadingOlder: boolean;
  error: string | undefined;
}

export interface SessionsStore {
  state: Observable<SessionsState>;
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
  loadOlder(): Promise<void>;
  clear(): Promise<void>;
}

export function createSessionsStore(api: ApiClient, limits: SessionsLimits = SESSION_LIMITS): SessionsStore {
  const state = createState<SessionsState>({
    sessions: [],
    total: 0,
    limit: limits.initial,
    loaded: false,
    loadingOlder: false,
    error: undefined,
  });

  async function fetchPage(start: number, limit: number): Promise<SessionsList> {
    return api.json<SessionsList>(`/api/lab/sessions?start=${start}&limit=${limit}`);
  }

  return {
    state,
    async resync() {
      const { limit } = state.get();
      try {
        const list = await fetchPage(0, limit);
        state.update((s) => ({ ...s, sessions: list.sessions, total: list.total, loaded: true, error: undefined }));
      } catch (err) {
        state.update((s) => ({ ...s, error: (err as Error).message }));
        throw err;
      }
    },
    apply(events) {
      const latest = new Map<string, SessionSummary>();
      let cleared = false;
      for (const event of events) {
        if (event.Type === 'session') latest.set(event.Data.Summary.ID, event.Data.Summary);
        else if (event.Type === 'sessions-cleared') {
          cleared = true;
          latest.clear();
        }
      }
      if (!cleared && latest.size === 0) return;
      state.update((s) => {
        // Open sessions survive a clear on the server too (server/sessions/session-store.ts).
        const base = cleared ? s.sessions.filter((session) => session.State === 'open') : s.sessions;
        const known = new Set(base.map((session) => session.ID));
        let added = 0;
        for (const id of latest.keys()) if (!known.has(id)) added++;
        const sessions = upsertSessions(base, latest.values(), s.limit);
        return { ...s, sessions, total: (cleared ? base.length : s.total) + added };
      });
    },
    async loadOlder() {
      const s = state.get();
      if (s.loadingOlder || s.limit >= limits.max) return;
      const limit = Math.min(limits.max, s.limit + limits.page);
      state.set({ ...s, loadingOlder: true, limit });
      try {
        const list = await fetchPage(s.sessions.length, limit - s.sessions.length);
        state.update((now) => ({
          ...now,
          sessions: upsertSessions(now.sessions, list.sessions, now.limit),
          total: list.total,
          loadingOlder: false,
        }));
      } catch (err) {
        state.update((now) => ({ ...now, loadingOlder: false, error: (err as Error).message }));
      }
    },
    async clear() {
      await api.send('DELETE', '/api/lab/sessions');
    },
  };
}
