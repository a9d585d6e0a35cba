// The live mailbox: the newest `limit` mail summaries kept current from the live stream
// (`new`, `update`, `delete`, `truncate`, `stats`), and a search through the API's query words
// whose results are fetched, not computed here (a bare word matches the body, which the page
// does not have).
import type { LiveEvent } from '../../../lab/live-events.js';
import type { MessageSummary, MessagesList } from '../../../server/wire/mailbox.js';
import type { ApiClient } from '../api/api-client.js';
import { prependMessages } from '../live/merge.js';
import { createState, type Observable } from '../ui/observable.js';

export interface MailboxLimits {
  initial: number;
  page: number;
  max: number;
}

export const MAILBOX_LIMITS: MailboxLimits = { initial: 2000, page: 500, max: 10000 };

export interface SearchState {
  query: string;
  messages: MessageSummary[];
  total: number;
  loading: boolean;
  error: string | undefined;
  /** Mails that arrived since the search ran (they may match; run it again to see). */
  arrivedSince: number;
}

export interface MailboxState {
  messages: MessageSummary[];
  total: number;
  unread: number;
  limit: number;
  loaded: boolean;
  loadingOlder: boolean;
  error: string | undefined;
  search: SearchState | undefined;
}

export interface MailboxStore {
  state: Observable<MailboxState>;
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
  loadOlder(): Promise<void>;
  search(query: string): Promise<void>;
  clearSearch(): void;
  delete(ids: string[]): Promise<void>;
  /** Deletes every mail, or, while searching, every mail the search matches. */
  deleteAll(): Promise<void>;
}

/** `after:` and `before:` dates mean midnight where the user is. */
function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function markRead(list: MessageSummary[], reads: Map<string, boolean>): MessageSummary[] {
  let changed = false;
  const next = list.map((m) => {
    const read = reads.get(m.ID);
    if (read === undefined || read === m.Read) return m;
    changed = true;
    return { ...m, Read: read };
  });
  return changed ? next : list;
}

function without(list: MessageSummary[], ids: Set<string>): MessageSummary[] {
  if (ids.size === 0) return list;
  const next = list.filter((m) => !ids.has(m.ID));
  return next.length === list.length ? list : next;
}

export function createMailboxStore(api: ApiClient, limits: MailboxLimits = MAILBOX_LIMITS): MailboxStore {
  const state = createState<MailboxState>({
    messages: [],
    total: 0,
    unread: 0,
    limit: limits.initial,
    loaded: false,
    loadingOlder: false,
    error: undefined,
    search: undefined,
  });
  let searchRun = 0;

  async function runSearch(query: string, limit: number): Promise<void> {
    const run = ++searchRun;
    state.update((s) => ({
      ...s,
      search: { query, messages: s.search?.query === query ? s.search.messages : [], total: 0, loading: true, error: undefined, arrivedSince: 0 },
    }));
    try {
      const list = await api.json<MessagesList>(`/api/v1/search?query=${encodeURIComponent(query)}&limit=${limit}&tz=${encodeURIComponent(timeZone())}`);
      if (run !== searchRun) return;
      state.update((s) => ({
        ...s,
        search: { query, messages: list.messages, total: list.messages_count, loading: false, error: undefined, arrivedSince: 0 },
      }));
    } catch (err) {
      if (run !== searchRun) return;
      state.update((s) => ({
        ...s,
        search: { query, messages: [], total: 0, loading: false, error: (err as Error).message, arrivedSince: 0 },
      }));
    }
  }

  return {
    state,
    async resync() {
      const { limit, search } = state.get();
      try {
        const list = await api.json<MessagesList>(`/api/v1/messages?limit=${limit}`);
        state.update((s) => ({
          ...s,
          messages: list.messages,
          total: list.messages_count,
          unread: list.messages_unread,
          loaded: true,
          error: undefined,
        }));
      } catch (err) {
        state.update((s) => ({ ...s, error: (err as Error).message }));
        throw err;
      }
      if (search) await runSearch(search.query, limits.initial);
    },
    apply(events) {
      const added: MessageSummary[] = [];
      const reads = new Map<string, boolean>();
      const deleted = new Set<string>();
      let truncated = false;
      let stats: { Total: number; Unread: number } | undefined;
      for (const event of events) {
        switch (event.Type) {
          case 'new':
            added.push(event.Data);
            break;
          case 'update':
            reads.set(event.Data.ID, event.Data.Read);
            break;
          case 'delete':
            deleted.add(event.Data.ID);
            break;
          case 'truncate':
            truncated = true;
            added.length = 0;
            deleted.clear();
            break;
          case 'stats':
            stats = event.Data;
            break;
        }
      }
      if (!truncated && added.length === 0 && reads.size === 0 && deleted.size === 0 && !stats) return;
      state.update((s) => {
        const base = truncated ? [] : s.messages;
        const messages = markRead(without(prependMessages(base, added, s.limit), deleted), reads);
        let search = s.search;
        if (search) {
          const found = truncated ? [] : markRead(without(search.messages, deleted), reads);
          const removed = search.messages.length - (truncated ? 0 : without(search.messages, deleted).length);
          if (found !== search.messages || added.length > 0) {
            search = { ...search, messages: found, total: Math.max(0, search.total - removed), arrivedSince: search.arrivedSince + added.length };
          }
        }
        const total = stats ? stats.Total : truncated ? added.length : Math.max(messages.length, s.total + added.length - deleted.size);
        // Until the next `stats` frame (at most every 250 ms), count what the batch changed.
        let unread = truncated ? 0 : s.unread;
        if (stats) unread = stats.Unread;
        else {
          const before = new Map(s.messages.map((mail) => [mail.ID, mail.Read]));
          for (const mail of added) if (!mail.Read && !before.has(mail.ID)) unread++;
          for (const [id, read] of reads) if (before.get(id) === !read) unread += read ? -1 : 1;
          for (const id of deleted) if (before.get(id) === false) unread--;
          unread = Math.max(0, unread);
        }
        return { ...s, messages, search, total, unread };
      });
    },
    async loadOlder() {
      const s = state.get();
      if (s.loadingOlder || s.limit >= limits.max) return;
      const limit = Math.min(limits.max, s.limit + limits.page);
      state.set({ ...s, loadingOlder: true, limit });
      try {
        const list = await api.json<MessagesList>(`/api/v1/messages?start=${s.messages.length}&limit=${limit - s.messages.length}`);
        state.update((now) => {
          const known = new Set(now.messages.map((m) => m.ID));
          const older = list.messages.filter((m) => !known.has(m.ID));
          return { ...now, messages: [...now.messages, ...older].slice(0, now.limit), total: list.messages_count, loadingOlder: false };
        });
      } catch (err) {
        state.update((now) => ({ ...now, loadingOlder: false, error: (err as Error).message }));
      }
    },
    search(query) {
      const trimmed = query.trim();
      if (!trimmed) {
        searchRun++;
        state.update((s) => ({ ...s, search: undefined }));
        return Promise.resolve();
      }
      return runSearch(trimmed, limits.initial);
    },
    clearSearch() {
      searchRun++;
      state.update((s) => ({ ...s, search: undefined }));
    },
    async delete(ids) {
      await api.send('DELETE', '/api/v1/messages', { IDs: ids });
    },
    async deleteAll() {
      const { search } = state.get();
      if (search) await api.send('DELETE', `/api/v1/search?query=${encodeURIComponent(search.query)}&tz=${encodeURIComponent(timeZone())}`);
      else await api.send('DELETE', '/api/v1/messages');
    },
  };
}
