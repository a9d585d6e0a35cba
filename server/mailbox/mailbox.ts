// The mailbox: every accepted mail as received (raw bytes) with its envelope and session, its
// summary ready at once, the full parse made when first needed and then kept. A cap drops the
// oldest mails (counted). With a data directory every change is written before it is reported.
import { createListeners } from '../common/listeners.js';
import { createOrderedStore } from '../common/ordered-store.js';
import { createIdSource } from '../common/ids.js';
import type { EngineEvent } from '../wire/live-events.js';
import { openMailboxDisk, type MailboxDisk } from './mailbox-disk.js';
import { parseMessage, type ParsedMessage } from './message-parse.js';
import { createSummarizer, searchableBody } from './message-summary.js';
import { outlineMime } from './mime-outline.js';
import { compileSearch, parseSearchQuery, type SearchPredicate } from './search-query.js';
import type { Envelope, Message, MessageSummary, MessagesList } from '../wire/mailbox.js';

export type MailboxEvent = Extract<EngineEvent, { Type: 'new' | 'update' | 'delete' | 'truncate' }>;

export interface StoredMail {
  summary: MessageSummary;
  raw: Buffer;
  envelope: Envelope;
  parsed?: Promise<ParsedMessage>;
}

export interface IncomingMail {
  raw: Buffer;
  envelope: Envelope;
  sessionId: string;
  username: string;
}

export interface MailboxStats {
  total: number;
  /** Raw bytes of the mails kept. */
  bytes: number;
  unread: number;
  /** Mails dropped because the cap was reached, since start. */
  dropped: number;
  /** Mails accepted since start. */
  accepted: number;
  acceptedBytes: number;
  deleted: number;
  /** Bodies refused at the end of DATA (over the size limit, or not storable). */
  rejected: number;
}

export interface MailboxOptions {
  maxMessages: number;
  /** Raw bytes kept in all; the oldest mails are dropped (and counted) beyond it. */
  maxBytes: number;
  dataDir?: string;
  /** Where warnings about damaged files on disk go. */
  warn?: (message: string) => void;
}

export interface WaitForOptions {
  timeout?: number;
}

export type MailQuery = string | ((summary: MessageSummary) => boolean);

export interface PageOptions {
  start?: number;
  limit?: number;
}

export interface Mailbox {
  add(mail: IncomingMail): Promise<MessageSummary>;
  /** `latest` is the newest mail. */
  get(id: string): StoredMail | undefined;
  list(page?: PageOptions): MessagesList;
  /** Throws SearchQueryError for a query it cannot read. */
  search(query: string, page?: PageOptions & { tz?: string }): MessagesList;
  /** Summaries matching a query, newest first, without paging. */
  matching(query: string, tz?: string): MessageSummary[];
  /** The full message; marks it read unless told not to. */
  message(id: string, options?: { markRead?: boolean }): Promise<Message | undefined>;
  parsed(id: string): Promise<ParsedMessage | undefined>;
  setRead(ids: string[] | 'all', read: boolean): Promise<void>;
  delete(ids: string[]): Promise<void>;
  deleteAll(): Promise<void>;
  stats(): MailboxStats;
  noteRejected(): void;
  /** Resolves with the first mail (already here or arriving) that matches. */
  waitFor(query: MailQuery, options?: WaitForOptions): Promise<Message>;
  onEvent(listener: (event: MailboxEvent) => void): () => void;
  close(): Promise<void>;
}

/** What readers (the API, features, test authors) may do: everything but adding mail. */
export type MailboxView = Omit<Mailbox, 'add' | 'noteRejected'>;

export async function createMailbox(options: MailboxOptions): Promise<Mailbox> {
  const store = createOrderedStore<StoredMail>();
  const newId = createIdSource();
  const summarizeMessage = createSummarizer();
  const events = createListeners<MailboxEvent>();
  const counters = { dropped: 0, accepted: 0, acceptedBytes: 0, deleted: 0, rejected: 0 };
  let unread = 0;
  let keptBytes = 0;
  const warn = options.warn ?? (() => undefined);
  const disk: MailboxDisk | undefined = options.dataDir ? await openMailboxDisk(options.dataDir, warn) : undefined;

  if (disk) {
    for (const restored of await disk.load()) {
      const { summary } = summarizeMessage({
        id: restored.id,
        raw: restored.raw,
        envelope: restored.envelope,
        sessionId: restored.sessionId,
        username: restored.username,
        created: new Date(restored.created),
      });
      summary.Read = restored.read;
      if (!summary.Read) unread++;
      store.add(summary.ID, { summary, raw: restored.raw, envelope: restored.envelope });
      keptBytes += restored.raw.length;
    }
    enforceCaps();
    await disk.compact(store.valuesOldestFirst());
  }

  function dropOldest(): void {
    const oldest = store.shift();
    if (!oldest) return;
    counters.dropped++;
    keptBytes -= oldest.raw.length;
    if (!oldest.summary.Read) unread--;
    disk?.remove([oldest.summary.ID]).catch((err: unknown) => warn(`could not remove mail ${oldest.summary.ID} from disk: ${(err as Error).message}`));
    events.emit({ Type: 'delete', Data: { ID: oldest.summary.ID } });
  }

  /** The newest mail is always kept, even alone over the byte cap (it was answered 250). */
  function enforceCaps(): void {
    while (store.size > options.maxMessages || (keptBytes > options.maxBytes && store.size > 1)) dropOldest();
  }

  function resolveId(id: string): string | undefined {
    if (id === 'latest') return store.newest()?.summary.ID;
    return id;
  }

  function get(id: string): StoredMail | undefined {
    const resolved = resolveId(id);
    return resolved === undefined ? undefined : store.get(resolved);
  }

  function page(summaries: Iterable<MessageSummary>, total: number, pageOptions: PageOptions = {}): MessagesList {
    const start = Math.max(0, pageOptions.start ?? 0);
    const limit = Math.max(0, pageOptions.limit ?? 50);
    const messages: MessageSummary[] = [];
    let i = 0;
    let matchedUnread = 0;
    let matched = 0;
    for (const summary of summaries) {
      matched++;
      if (!summary.Read) matchedUnread++;
      if (i >= start && messages.length < limit) messages.push(summary);
      i++;
    }
    return {
      total,
      unread,
      count: messages.length,
      messages_count: matched,
      messages_unread: matchedUnread,
      start,
      tags: [],
      messages,
    };
  }

  function* allSummaries(): Generator<MessageSummary> {
    for (const mail of store.values()) yield mail.summary;
  }

  function predicateFor(query: MailQuery, tz?: string): (mail: StoredMail) => boolean {
    if (typeof query === 'function') return (mail) => query(mail.summary);
    const predicate: SearchPredicate = compileSearch(parseSearchQuery(query, tz));
    return (mail) =>
      predicate({
        summary: mail.summary,
        body: () => searchableBody(mail.raw, outlineMime(mail.raw)),
      });
  }

  function* matchingSummaries(query: string, tz?: string): Generator<MessageSummary> {
    const matches = predicateFor(query, tz);
    for (const mail of store.values()) if (matches(mail)) yield mail.summary;
  }

  async function parsed(id: string): Promise<ParsedMessage | undefined> {
    const mail = get(id);
    if (!mail) return undefined;
    mail.parsed ??= parseMessage(mail.raw, mail.summary, mail.envelope).then((result) => {
      // The full parse is authoritative for the attachment count of the summary.
      mail.summary.Attachments = result.message.Attachments.length;
      return result;
    });
    return mail.parsed;
  }

  async function setRead(ids: string[] | 'all', read: boolean): Promise<void> {
    // A Set: an id given twice (or `latest` beside its own id) must change the unread count once.
    const targets = new Set(ids === 'all' ? store.values() : ids.map(get).filter((m): m is StoredMail => !!m));
    const changed = [...targets].filter((mail) => mail.summary.Read !== read);
    for (const mail of changed) {
      mail.summary.Read = read;
      unread += read ? -1 : 1;
    }
    if (changed.length === 0) return;
    await disk?.setRead(
      changed.map((m) => m.summary.ID),
      read,
    );
    for (const mail of changed) events.emit({ Type: 'update', Data: { ID: mail.summary.ID, Read: read } });
  }

  async function message(id: string, opts: { markRead?: boolean } = {}): Promise<Message | undefined> {
    const result = await parsed(id);
    const mail = get(id);
    if (!result || !mail) return undefined;
    if (opts.markRead !== false && !mail.summary.Read) await setRead([mail.summary.ID], true);
    return { ...result.message, Read: mail.summary.Read };
  }

  return {
    async add(incoming) {
      const id = newId();
      const { summary } = summarizeMessage({ id, created: new Date(), ...incoming });
      if (disk) await disk.add(summary, incoming);
      store.add(id, { summary, raw: incoming.raw, envelope: incoming.envelope });
      keptBytes += incoming.raw.length;
      unread++;
      counters.accepted++;
      counters.acceptedBytes += incoming.raw.length;
      enforceCaps();
      events.emit({ Type: 'new', Data: summary });
      return summary;
    },
    get,
    list(pageOptions) {
      return page(allSummaries(), store.size, pageOptions);
    },
    search(query, pageOptions = {}) {
      return page(matchingSummaries(query, pageOptions.tz), store.size, pageOptions);
    },
    matching(query, tz) {
      return [...matchingSummaries(query, tz)];
    },
    message,
    parsed,
    setRead,
    async delete(ids) {
      // Each id once: a repeated id would count (and announce) its deletion twice.
      const present = [...new Set(ids)].filter((id) => store.has(id));
      if (present.length === 0) return;
      for (const id of present) {
        const mail = store.get(id);
        if (mail && !mail.summary.Read) unread--;
        if (mail) keptBytes -= mail.raw.length;
        store.delete(id);
        counters.deleted++;
      }
      await disk?.remove(present);
      for (const id of present) events.emit({ Type: 'delete', Data: { ID: id } });
    },
    async deleteAll() {
      // The clear is journaled behind any mail still being written, and clears what the store
      // holds once those are in: memory and journal agree on what is gone.
      await disk?.markCleared();
      const cleared = [...store.values()].map((mail) => mail.summary.ID);
      counters.deleted += cleared.length;
      store.clear();
      unread = 0;
      keptBytes = 0;
      events.emit({ Type: 'truncate', Data: null });
      await disk?.removeFiles(cleared);
    },
    stats() {
      return { total: store.size, bytes: keptBytes, unread, ...counters };
    },
    noteRejected() {
      counters.rejected++;
    },
    waitFor(query, waitOptions = {}) {
      const timeout = waitOptions.timeout ?? 5000;
      let matches: (mail: StoredMail) => boolean;
      try {
        matches = predicateFor(query);
      } catch (err) {
        return Promise.reject(err as Error);
      }
      return new Promise<Message>((resolve, reject) => {
        const settle = (id: string) => {
          cleanup();
          message(id, { markRead: false }).then((m) => (m ? resolve(m) : reject(new Error(`mail ${id} was deleted`))), reject);
        };
        const unsubscribe = events.add((event) => {
          if (event.Type !== 'new') return;
          const mail = store.get(event.Data.ID);
          if (mail && matches(mail)) settle(event.Data.ID);
        });
        const timer = setTimeout(() => {
          cleanup();
          const described = typeof query === 'string' ? `"${query}"` : 'the predicate';
          reject(new Error(`smtp-lab: no mail matching ${described} arrived within ${timeout} ms (${store.size} mails in the mailbox)`));
        }, timeout);
        const cleanup = () => {
          clearTimeout(timer);
          unsubscribe();
        };
        for (const mail of store.values()) {
          if (matches(mail)) return settle(mail.summary.ID);
        }
      });
    },
    onEvent: events.add,
    async close() {
      await disk?.close();
    },
  };
}
