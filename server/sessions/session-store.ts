// Every SMTP connection's record: who connected where, what they said and what the server
// answered, line by line, and what became of it. The store owns the records: the SMTP layer
// tells it what happened through intent methods (a line, the HELO name, TLS, the user, a
// transaction, a stored mail, the end) and the store keeps the counts right and tells its
// listeners; the API, the live hub and the scenario checks read. Memory is bounded by a line and
// byte budget per session and a byte budget in total (oldest closed sessions go first). With a
// data directory, closed sessions are kept on disk.
import { createListeners } from '../common/listeners.js';
import { createOrderedStore } from '../common/ordered-store.js';
import { dropOldestLines, lineCost, recordCost } from './line-budget.js';
import { openSessionDisk, type SessionDisk } from './session-disk.js';
import {
  toSummary,
  type DialogueLine,
  type ListenerInfo,
  type SessionRecord,
  type SessionState,
  type SessionSummary,
  type SessionsList,
  type TlsInfo,
} from '../wire/sessions.js';
import { SHARED_INBOX, type InboxRule } from '../wire/inboxes.js';

export type SessionStoreEvent =
  | { kind: 'changed'; session: Readonly<SessionRecord> }
  | { kind: 'reply-error'; session: Readonly<SessionRecord>; line: DialogueLine }
  /** Without an inbox: every inbox's closed sessions. */
  | { kind: 'cleared'; inbox?: string };

export interface OpenSessionInfo {
  id: string;
  clientAddress: string;
  clientPort: number;
  listener: ListenerInfo;
}

export interface SessionFilter {
  /** Only this inbox's sessions. */
  inbox?: string;
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
  /** Estimated bytes of dialogue kept per session; older lines beyond it are summarised. */
  maxSessionBytes: number;
  /** Estimated bytes of dialogue kept in all; the oldest closed sessions are dropped beyond it. */
  maxTranscriptBytes: number;
  dataDir?: string;
  /** Where warnings (damaged files, failed writes) go. */
  warn?: (message: string) => void;
}

export type NewLine = Omit<DialogueLine, 'Seq' | 'At'> & { At?: number };

export interface TranscriptStats {
  /** Estimated bytes of dialogue kept now, and the budgets. */
  bytes: number;
  maxBytes: number;
  maxSessionBytes: number;
  /** Sessions dropped to stay within the total budget, and lines dropped from long sessions. */
  sessionsDropped: number;
  linesDropped: number;
}

/** What readers (the API, the hub, test authors) may do: look, list, listen, clear. */
export interface SessionsView {
  get(id: string): Readonly<SessionRecord> | undefined;
  list(filter?: SessionFilter): SessionsList;
  openCount(): number;
  onEvent(listener: (event: SessionStoreEvent) => void): () => void;
  transcriptStats(): TranscriptStats;
  /** Forgets closed sessions (of one inbox, or all); open ones go on. */
  clear(inbox?: string): Promise<void>;
}

export interface SessionStore extends SessionsView {
  open(info: OpenSessionInfo): void;
  isOpen(id: string): boolean;
  /** Adds a line to an open session; undefined when the session is not open (any more). */
  append(id: string, line: NewLine): DialogueLine | undefined;
  noteHelo(id: string, helo: string): void;
  /** The first TLS of the session (implicit, or after STARTTLS). */
  noteTls(id: string, tls: TlsInfo): boolean;
  noteUser(id: string, user: string): void;
  /** The session belongs to another inbox from now on (server/inboxes/inbox-assigner.ts decides). */
  moveToInbox(id: string, inbox: string, rule: InboxRule): void;
  beginTransaction(id: string, mailFrom: string): void;
  addRecipient(id: string, address: string): void;
  /** The current transaction's body became this mail. */
  noteStored(id: string, messageId: string, size: number): void;
  /** Ends an open session once, with its last line; false when it was not open. */
  finish(id: string, state: SessionState, line: NewLine): boolean;
  /** Ends every open session (the server stops) and writes what is pending to disk. */
  close(reason: string): Promise<void>;
}

export { toSummary };

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

function newRecord(info: OpenSessionInfo): SessionRecord {
  return {
    ID: info.id,
    ClientAddress: info.clientAddress,
    ClientPort: info.clientPort,
    Listener: info.listener,
    Helo: null,
    Tls: null,
    User: null,
    Inbox: SHARED_INBOX,
    InboxRule: 'shared',
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
}

export async function createSessionStore(options: SessionStoreOptions): Promise<SessionStore> {
  const store = createOrderedStore<SessionRecord>();
  const intern = createInterner();
  const warn = options.warn ?? (() => undefined);
  // Open sessions stay reachable for the SMTP layer even if the cap evicted them from the list.
  const openSessions = new Map<string, SessionRecord>();
  // Estimated line bytes of each kept record, and their sum.
  const costs = new Map<string, number>();
  let totalBytes = 0;
  let sessionsDropped = 0;
  let linesDropped = 0;
  const events = createListeners<SessionStoreEvent>();
  const disk: SessionDisk | undefined = options.dataDir ? await openSessionDisk(options.dataDir, warn) : undefined;
  const perSession = { maxLines: options.maxLinesPerSession, maxBytes: options.maxSessionBytes };
  // Trimmed in steps of a quarter, so a chatty session does not splice on every line.
  const trimTarget = { maxLines: perSession.maxLines, maxBytes: Math.floor(perSession.maxBytes * 0.75) };

  const charge = (id: string, delta: number) => {
    costs.set(id, (costs.get(id) ?? 0) + delta);
    totalBytes += delta;
  };

  function forget(record: SessionRecord): void {
    totalBytes -= costs.get(record.ID) ?? 0;
    costs.delete(record.ID);
  }

  function dropOldestSession(): boolean {
    const oldest = store.shift();
    if (!oldest) return false;
    if (!openSessions.has(oldest.ID)) forget(oldest);
    return true;
  }

  /** The total budget: oldest closed sessions first; then open ones are cut down to a floor. */
  function enforceTotal(): void {
    if (totalBytes <= options.maxTranscriptBytes) return;
    let excess = totalBytes - options.maxTranscriptBytes;
    const victims: SessionRecord[] = [];
    for (const record of store.valuesOldestFirst()) {
      if (excess <= 0) break;
      if (record.State === 'open') continue;
      victims.push(record);
      excess -= costs.get(record.ID) ?? 0;
    }
    for (const record of victims) {
      store.delete(record.ID);
      forget(record);
      sessionsDropped++;
    }
    // Open sessions share what is left evenly, each keeping at least its last few lines.
    const share = Math.floor((options.maxTranscriptBytes / Math.max(1, openSessions.size)) * 0.75);
    const floor = { maxLines: perSession.maxLines, maxBytes: Math.max(4 * 1024, Math.min(64 * 1024, share, trimTarget.maxBytes)) };
    for (const record of openSessions.values()) {
      if (totalBytes <= options.maxTranscriptBytes) return;
      const before = record.DroppedLines;
      charge(record.ID, -dropOldestLines(record, costs.get(record.ID) ?? 0, floor));
      linesDropped += record.DroppedLines - before;
    }
  }

  if (disk) {
    for (const record of await disk.load()) {
      if (record.State === 'open') {
        // The server stopped without closing it (a crash): it cannot continue.
        record.State = 'aborted';
        record.Ended ??= record.Started;
      }
      if (store.has(record.ID)) continue;
      // Written before inboxes: the shared inbox's.
      record.Inbox ??= SHARED_INBOX;
      record.InboxRule ??= 'shared';
      store.add(record.ID, record);
      charge(record.ID, recordCost(record));
    }
    while (store.size > options.maxSessions) dropOldestSession();
    enforceTotal();
    await disk.compact(store.valuesOldestFirst());
  }

  const emitChanged = (record: SessionRecord) => events.emit({ kind: 'changed', session: record });
  const openRecord = (id: string) => openSessions.get(id);

  /** Runs `change` on an open session and tells listeners; a closed or unknown id is ignored. */
  function update(id: string, change: (record: SessionRecord) => void): void {
    const record = openRecord(id);
    if (!record) return;
    change(record);
    emitChanged(record);
  }

  function appendLine(record: SessionRecord, newLine: NewLine): DialogueLine {
    // Object.assign, not a spread: V8 gives spread copies a slow, oversized layout (measured
    // 350 bytes a line against 125), and a session store holds hundreds of thousands of lines.
    const line: DialogueLine = Object.assign({ Seq: record.LineCount, At: newLine.At ?? Date.now() }, newLine);
    line.Text = intern(line.Text);
    if (line.Command !== undefined) line.Command = intern(line.Command);
    if (line.Enhanced !== undefined) line.Enhanced = intern(line.Enhanced);
    record.Lines.push(line);
    record.LineCount++;
    charge(record.ID, lineCost(line));
    const cost = costs.get(record.ID) ?? 0;
    if (record.Lines.length > perSession.maxLines + Math.ceil(perSession.maxLines / 4) || cost > perSession.maxBytes) {
      const before = record.DroppedLines;
      charge(record.ID, -dropOldestLines(record, cost, trimTarget));
      linesDropped += record.DroppedLines - before;
    }
    if (line.Fault) record.FaultCount = (record.FaultCount ?? 0) + 1;
    if (line.Dir === 'S' && line.Code !== undefined && line.Code >= 400) {
      record.ErrorCount++;
      events.emit({ kind: 'reply-error', session: record, line });
    }
    return line;
  }

  function persist(record: SessionRecord): void {
    if (!disk || !store.has(record.ID)) return;
    disk.append(record).catch((err: unknown) => warn(`could not write session ${record.ID} to disk: ${(err as Error).message}`));
  }

  function finish(id: string, state: SessionState, line: NewLine): boolean {
    const record = openRecord(id);
    if (!record) return false;
    appendLine(record, line);
    record.State = state;
    record.Ended = new Date().toISOString();
    openSessions.delete(id);
    if (!store.has(id)) forget(record);
    enforceTotal();
    emitChanged(record);
    persist(record);
    return true;
  }

  return {
    open(info) {
      if (openSessions.has(info.id) || store.has(info.id)) return;
      const record = newRecord(info);
      store.add(record.ID, record);
      openSessions.set(record.ID, record);
      costs.set(record.ID, 0);
      while (store.size > options.maxSessions) {
        dropOldestSession();
        sessionsDropped++;
      }
      emitChanged(record);
    },
    isOpen: (id) => openSessions.has(id),
    append(id, newLine) {
      const record = openRecord(id);
      if (!record) return undefined;
      const line = appendLine(record, newLine);
      enforceTotal();
      emitChanged(record);
      return line;
    },
    noteHelo: (id, helo) => update(id, (r) => void (r.Helo = helo)),
    noteTls(id, tls) {
      const record = openRecord(id);
      if (!record || record.Tls) return false;
      record.Tls = tls;
      emitChanged(record);
      return true;
    },
    noteUser: (id, user) => update(id, (r) => void (r.User = user)),
    moveToInbox: (id, inbox, rule) =>
      update(id, (r) => {
        r.Inbox = inbox;
        r.InboxRule = rule;
      }),
    beginTransaction: (id, mailFrom) => update(id, (r) => void r.Transactions.push({ MailFrom: mailFrom, RcptTo: [] })),
    addRecipient(id, address) {
      // No event: the RCPT line itself is about to be appended and announces the change.
      openRecord(id)?.Transactions.at(-1)?.RcptTo.push(address);
    },
    noteStored(id, messageId, size) {
      update(id, (record) => {
        record.MessageIDs.push(messageId);
        record.MessageCount = record.MessageIDs.length;
        const transaction = record.Transactions.at(-1);
        if (transaction && transaction.MessageID === undefined) {
          transaction.MessageID = messageId;
          transaction.Size = size;
        }
      });
    },
    finish,
    get: (id) => store.get(id) ?? openSessions.get(id),
    list(filter = {}) {
      const start = Math.max(0, filter.start ?? 0);
      const limit = Math.max(0, filter.limit ?? 50);
      const client = filter.client?.toLowerCase();
      const sessions: SessionSummary[] = [];
      let total = 0;
      for (const record of store.values()) {
        if (filter.inbox !== undefined && record.Inbox !== filter.inbox) continue;
        if (filter.state && record.State !== filter.state) continue;
        if (client && !record.ClientAddress.toLowerCase().includes(client)) continue;
        if (filter.user !== undefined && record.User !== filter.user) continue;
        if (total >= start && sessions.length < limit) sessions.push(toSummary(record));
        total++;
      }
      return { total, start, count: sessions.length, sessions };
    },
    async clear(inbox) {
      if (inbox !== undefined) {
        const closed = [...store.values()].filter((r) => r.Inbox === inbox && !openSessions.has(r.ID));
        for (const record of closed) {
          store.delete(record.ID);
          forget(record);
        }
        await disk?.rewrite([...store.valuesOldestFirst()].filter((r) => r.State !== 'open'));
        events.emit({ kind: 'cleared', inbox });
        return;
      }
      // Open sessions go on; they stay reachable and are listed again when they change.
      for (const record of store.values()) if (!openSessions.has(record.ID)) forget(record);
      store.clear();
      for (const record of openSessions.values()) store.add(record.ID, record);
      await disk?.rewrite([]);
      events.emit({ kind: 'cleared' });
    },
    openCount: () => openSessions.size,
    transcriptStats: () => ({
      bytes: totalBytes,
      maxBytes: options.maxTranscriptBytes,
      maxSessionBytes: options.maxSessionBytes,
      sessionsDropped,
      linesDropped,
    }),
    onEvent: events.add,
    async close(reason) {
      for (const id of [...openSessions.keys()]) finish(id, 'closed', { Dir: 'E', Event: 'closed', Text: reason });
      await disk?.close();
    },
  };
}
