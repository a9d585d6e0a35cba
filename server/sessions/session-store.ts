// Every SMTP connection's record: who connected where, what they said and what the server
// answered, line by line, and what became of it. The SMTP layer writes here; the API, the live
// hub and the scenario checks read. With a data directory, closed sessions are kept on disk.
import { createListeners } from '../common/listeners.js';
import { createOrderedStore } from '../common/ordered-store.js';
import { openSessionDisk, type SessionDisk } from './session-disk.js';
import type {
  DialogueLine,
  ListenerInfo,
  SessionRecord,
  SessionState,
  SessionSummary,
  SessionsList,
} from './wire-types.js';

export type SessionStoreEvent =
  | { kind: 'changed'; session: SessionRecord }
  | { kind: 'reply-error'; session: SessionRecord; line: DialogueLine }
  | { kind: 'cleared' };

export interface OpenSessionInfo {
  id: string;
  clientAddress: string;
  clientPort: number;
  listener: ListenerInfo;
}

export interface SessionFilter {
  state?: SessionState;
  /** Substring of the client address. */
  client?: string;
  user?: string;
  start?: number;
  limit?: number;
}

export interface SessionStoreOptions {
  maxSessions: number;
  maxLinesPerSession: number;
  dataDir?: string;
  /** Where warnings about damaged files on disk go. */
  warn?: (message: string) => void;
}

export type NewLine = Omit<DialogueLine, 'Seq' | 'At'> & { At?: number };

export interface SessionStore {
  open(info: OpenSessionInfo): SessionRecord;
  /** The record of an open session, created bare if the SMTP layer saw it first elsewhere. */
  live(id: string, listener: ListenerInfo): SessionRecord;
  get(id: string): SessionRecord | undefined;
  append(session: SessionRecord, line: NewLine): DialogueLine;
  /** Tells listeners a field of the record changed (HELO, TLS, user, envelope). */
  touch(session: SessionRecord): void;
  finish(session: SessionRecord, state: SessionState): void;
  list(filter?: SessionFilter): SessionsList;
  clear(): Promise<void>;
  openCount(): number;
  onEvent(listener: (event: SessionStoreEvent) => void): () => void;
  /** Writes what is pending to disk. */
  close(): Promise<void>;
}

export function toSummary(record: SessionRecord): SessionSummary {
  return {
    ID: record.ID,
    ClientAddress: record.ClientAddress,
    ClientPort: record.ClientPort,
    Listener: record.Listener,
    Helo: record.Helo,
    Tls: record.Tls,
    User: record.User,
    Started: record.Started,
    Ended: record.Ended,
    State: record.State,
    MessageCount: record.MessageCount,
    ErrorCount: record.ErrorCount,
    LineCount: record.LineCount,
  };
}

/**
 * Dialogue texts repeat across sessions (the greeting, the EHLO reply, "250 2.1.0 Accepted",
 * "DATA"); tens of thousands of kept sessions hold one copy of each instead of one per line.
 */
function createInterner(maxEntries = 10_000, maxLength = 512): (text: string) => string {
  let seen = new Map<string, string>();
  return (text) => {
    if (text.length > maxLength) return text;
    const known = seen.get(text);
    if (known !== undefined) return known;
    if (seen.size >= maxEntries) seen = new Map();
    seen.set(text, text);
    return text;
  };
}

export async function createSessionStore(options: SessionStoreOptions): Promise<SessionStore> {
  const store = createOrderedStore<SessionRecord>();
  const intern = createInterner();
  // Open sessions stay reachable for the SMTP layer even if the cap evicted them from the list.
  const openSessions = new Map<string, SessionRecord>();
  const events = createListeners<SessionStoreEvent>();
  const disk: SessionDisk | undefined = options.dataDir ? await openSessionDisk(options.dataDir, options.warn ?? (() => undefined)) : undefined;

  if (disk) {
    for (const record of await disk.load()) {
      if (record.State === 'open') {
        // The server stopped without closing it (a crash): it cannot continue.
        record.State = 'aborted';
        record.Ended ??= record.Started;
      }
      if (!store.has(record.ID)) store.add(record.ID, record);
    }
    while (store.size > options.maxSessions) store.shift();
    await disk.compact(store.valuesOldestFirst());
  }

  function insert(record: SessionRecord): void {
    store.add(record.ID, record);
    openSessions.set(record.ID, record);
    while (store.size > options.maxSessions) store.shift();
    events.emit({ kind: 'changed', session: record });
  }

  function open(info: OpenSessionInfo): SessionRecord {
    const existing = openSessions.get(info.id);
    if (existing) {
      existing.ClientAddress = info.clientAddress;
      existing.ClientPort = info.clientPort;
      return existing;
    }
    const record: SessionRecord = {
      ID: info.id,
      ClientAddress: info.clientAddress,
      ClientPort: info.clientPort,
      Listener: info.listener,
      Helo: null,
      Tls: null,
      User: null,
      Started: new Date().toISOString(),
      Ended: null,
      State: 'open',
      MessageCount: 0,
      MessageIDs: [],
      ErrorCount: 0,
      LineCount: 0,
      Transactions: [],
      Lines: [],
      DroppedLines: 0,
    };
    insert(record);
    return record;
  }

  function trimLines(record: SessionRecord): void {
    // Trim in steps of a quarter so that a chatty session does not splice on every line.
    const cap = options.maxLinesPerSession;
    if (record.Lines.length <= cap + Math.ceil(cap / 4)) return;
    const drop = record.Lines.length - cap;
    record.Lines.splice(0, drop);
    record.DroppedLines += drop;
  }

  return {
    open,
    live(id, listener) {
      return openSessions.get(id) ?? open({ id, clientAddress: '', clientPort: 0, listener });
    },
    get(id) {
      return store.get(id) ?? openSessions.get(id);
    },
    append(record, newLine) {
      // Object.assign, not a spread: V8 gives spread copies a slow, oversized layout (measured
      // 350 bytes a line against 125), and a session store holds hundreds of thousands of lines.
      const line: DialogueLine = Object.assign({ Seq: record.LineCount, At: newLine.At ?? Date.now() }, newLine);
      line.Text = intern(line.Text);
      if (line.Command !== undefined) line.Command = intern(line.Command);
      if (line.Enhanced !== undefined) line.Enhanced = intern(line.Enhanced);
      record.Lines.push(line);
      record.LineCount++;
      trimLines(record);
      if (line.Dir === 'S' && line.Code !== undefined && line.Code >= 400) {
        record.ErrorCount++;
        events.emit({ kind: 'reply-error', session: record, line });
      }
      events.emit({ kind: 'changed', session: record });
      return line;
    },
    touch(record) {
      events.emit({ kind: 'changed', session: record });
    },
    finish(record, state) {
      if (record.State !== 'open') return;
      record.State = state;
      record.Ended = new Date().toISOString();
      openSessions.delete(record.ID);
      events.emit({ kind: 'changed', session: record });
      if (disk && store.has(record.ID)) void disk.append(record);
    },
    list(filter = {}) {
      const start = Math.max(0, filter.start ?? 0);
      const limit = Math.max(0, filter.limit ?? 50);
      const client = filter.client?.toLowerCase();
      const sessions: SessionSummary[] = [];
      let total = 0;
      for (const record of store.values()) {
        if (filter.state && record.State !== filter.state) continue;
        if (client && !record.ClientAddress.toLowerCase().includes(client)) continue;
        if (filter.user !== undefined && record.User !== filter.user) continue;
        if (total >= start && sessions.length < limit) sessions.push(toSummary(record));
        total++;
      }
      return { total, start, count: sessions.length, sessions };
    },
    async clear() {
      // Open sessions go on; they stay reachable and are listed again when they change.
      store.clear();
      for (const record of openSessions.values()) store.add(record.ID, record);
      await disk?.rewrite([]);
      events.emit({ kind: 'cleared' });
    },
    openCount() {
      return openSessions.size;
    },
    onEvent: events.add,
    async close() {
      await disk?.close();
    },
  };
}
