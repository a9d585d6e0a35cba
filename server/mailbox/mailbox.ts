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
import { SHARED_INBOX } from '../wire/inboxes.js';
import type { Envelope, Message, MessageSummary, MessagesList } from '../wire/mailbox.js';

export type MailboxEvent = Extract<EngineEvent, { Type: 'new' | 'update' | 'delete' | 'truncate' }>;

export interface StoredMail {
  summary: MessageSummary;
  raw: Buffer;
  envelope: Envelope;
  /** The inbox it belongs to (server/inboxes/inbox-routing.ts). */
  inbox: string;
  parsed?: Promise<ParsedMessage>;
}

export interface IncomingMail {
  raw: Buffer;
  envelope: Envelope;
  sessionId: string;
  username: string;
  inbox: string;
}

/** Which inbox an event is about; `*` for a clear of every inbox. */
export type MailboxEventListener = (event: MailboxEvent, inbox: string) => void;

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
  onEvent(listener: MailboxEventListener): () => void;
  /** The same reads and changes, limited to one inbox's mail ('latest' is its newest). */
  forInbox(inbox: string): MailboxView;
  /** The inbox of a mail kept now. */
  inboxOf(id: string): string | undefined;
  close(): Promise<void>;
}

/** What readers (the API, features, test authors) may do: everything but adding mail. */
export type MailboxView = Omit<Mailbox, 'add' | 'noteRejected'>;

export async function createMailbox(options: MailboxOptions): Promise<Mailbox> {
  const store = createOrderedStore<StoredMail>();
  const newId = createIdSource();
  const summarizeMessage = createSummarizer();
  const events = createListeners<{ event: MailboxEvent; inbox: string }>();
  const emit = (event: MailboxEvent, inbox: string) => events.emit({ event, inbox });
  const counters = { dropped: 0, accepted: 0, acceptedBytes: 0, deleted: 0, rejected: 0 };
  let unread = 0;
  let keptBytes = 0;
  // Per inbox, kept as mail comes and goes: an inbox's counts are asked for on every live tick.
  const perInbox = new Map<string, { total: number; unread: number; bytes: number }>();
  const tally = (mail: StoredMail, sign: 1 | -1) => {
    let counts = perInbox.get(mail.inbox);
    if (!counts) perInbox.set(mail.inbox, (counts = { total: 0, unread: 0, bytes: 0 }));
    counts.total += sign;
    counts.bytes += sign * mail.raw.length;
    if (!mail.summary.Read) counts.unread += sign;
    if (counts.total === 0) perInbox.delete(mail.inbox);
  };
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
      const mail: StoredMail = { summary, raw: restored.raw, envelope: restored.envelope, inbox: restored.inbox ?? SHARED_INBOX };
      store.add(summary.ID, mail);
      tally(mail, 1);
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
    tally(oldest, -1);
    disk?.remove([oldest.summary.ID]).catch((err: unknown) => warn(`could not remove mail ${oldest.summary.ID} from disk: ${(err as Error).message}`));
    emit({ Type: 'delete', Data: { ID: oldest.summary.ID } }, oldest.inbox);
  }

  /** The newest mail is always kept, even alone over the byte cap (it was answered 250). */
  function enforceCaps(): void {
    while (store.size > options.maxMessages || (keptBytes > options.maxBytes && store.size > 1)) dropOldest();
  }

  /** The mails one inbox sees (every mail for the whole mailbox), newest first. */
  function* mails(inbox: string | undefined): Generator<StoredMail> {
    for (const mail of store.values()) if (inbox === undefined || mail.inbox === inbox) yield mail;
  }

  function get(id: string, inbox?: string): StoredMail | undefined {
    if (id === 'latest') return mails(inbox).next().value;
    const mail = store.get(id);
    return mail && (inbox === undefined || mail.inbox === inbox) ? mail : undefined;
  }

  function countsOf(inbox: string | undefined): { total: number; unread: number; bytes: number } {
    if (inbox === undefined) return { total: store.size, unread, bytes: keptBytes };
    return perInbox.get(inbox) ?? { total: 0, unread: 0, bytes: 0 };
  }

  function page(summaries: Iterable<MessageSummary>, inbox: string | undefined, pageOptions: PageOptions = {}): MessagesList {
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
    const counts = countsOf(inbox);
    return {
      total: counts.total,
      unread: counts.unread,
      count: messages.length,
      messages_count: matched,
      messages_unread: matchedUnread,
      start,
      tags: [],
      messages,
    };
  }

  function* summariesOf(inbox: string | undefined): Generator<MessageSummary> {
    for (const mail of mails(inbox)) yield mail.summary;
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

  function* matchingSummaries(inbox: string | undefined, query: string, tz?: string): Generator<MessageSummary> {
    const matches = predicateFor(query, tz);
    for (const mail of mails(inbox)) if (matches(mail)) yield mail.summary;
  }

  async function parsed(id: string, inbox?: string): Promise<ParsedMessage | undefined> {
    const mail = get(id, inbox);
    if (!mail) return undefined;
    mail.parsed ??= parseMessage(mail.raw, mail.summary, mail.envelope).then((result) => {
      // The full parse is authoritative for the attachment count of the summary.
      mail.summary.Attachments = result.message.Attachments.length;
      return result;
    });
    return mail.parsed;
  }

  async function setRead(ids: string[] | 'all', read: boolean, inbox?: string): Promise<void> {
    // A Set: an id given twice (or `latest` beside its own id) must change the unread count once.
    const targets = new Set(ids === 'all' ? mails(inbox) : ids.map((id) => get(id, inbox)).filter((m): m is StoredMail => !!m));
    const changed = [...targets].filter((mail) => mail.summary.Read !== read);
    for (const mail of changed) {
      tally(mail, -1);
      mail.summary.Read = read;
      tally(mail, 1);
      unread += read ? -1 : 1;
    }
    if (changed.length === 0) return;
    await disk?.setRead(
      changed.map((m) => m.summary.ID),
      read,
    );
    for (const mail of changed) emit({ Type: 'update', Data: { ID: mail.summary.ID, Read: read } }, mail.inbox);
  }

  async function message(id: string, opts: { markRead?: boolean } = {}, inbox?: string): Promise<Message | undefined> {
    const result = await parsed(id, inbox);
    const mail = get(id, inbox);
    if (!result || !mail) return undefined;
    if (opts.markRead !== false && !mail.summary.Read) await setRead([mail.summary.ID], true);
    return { ...result.message, Read: mail.summary.Read };
  }

  async function deleteMails(ids: string[], inbox?: string): Promise<void> {
    // Each id once: a repeated id would count (and announce) its deletion twice.
    const present = [...new Set(ids)].map((id) => get(id, inbox)).filter((m): m is StoredMail => m !== undefined && store.has(m.summary.ID));
    if (present.length === 0) return;
    for (const mail of present) {
      if (!mail.summary.Read) unread--;
      keptBytes -= mail.raw.length;
      tally(mail, -1);
      store.delete(mail.summary.ID);
      counters.deleted++;
    }
    await disk?.remove(present.map((m) => m.summary.ID));
    for (const mail of present) emit({ Type: 'delete', Data: { ID: mail.summary.ID } }, mail.inbox);
  }

  async function deleteAll(): Promise<void> {
    // The clear is journaled behind any mail still being written, and clears what the store
    // holds once those are in: memory and journal agree on what is gone.
    await disk?.markCleared();
    const cleared = [...store.values()].map((mail) => mail.summary.ID);
    counters.deleted += cleared.length;
    store.clear();
    perInbox.clear();
    unread = 0;
    keptBytes = 0;
    emit({ Type: 'truncate', Data: null }, '*');
    await disk?.removeFiles(cleared);
  }

  function waitFor(query: MailQuery, waitOptions: WaitForOptions = {}, inbox?: string): Promise<Message> {
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
      const unsubscribe = events.add(({ event }) => {
        if (event.Type !== 'new') return;
        const mail = get(event.Data.ID, inbox);
        if (mail && matches(mail)) settle(event.Data.ID);
      });
      const timer = setTimeout(() => {
        cleanup();
        const described = typeof query === 'string' ? `"${query}"` : 'the predicate';
        const where = inbox === undefined ? 'the mailbox' : `inbox ${inbox}`;
        reject(new Error(`smtp-lab: no mail matching ${described} arrived within ${timeout} ms (${countsOf(inbox).total} mails in ${where})`));
      }, timeout);
      const cleanup = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      for (const mail of mails(inbox)) {
        if (matches(mail)) return settle(mail.summary.ID);
      }
    });
  }

  function onEvent(listener: MailboxEventListener, inbox?: string): () => void {
    return events.add(({ event, inbox: of }) => {
      if (inbox === undefined || of === inbox || of === '*') listener(event, of);
    });
  }

  /** Every read and change of the mailbox, for one inbox or (undefined) for all. */
  function viewOf(inbox: string | undefined): MailboxView {
    return {
      get: (id) => get(id, inbox),
      list: (pageOptions) => page(summariesOf(inbox), inbox, pageOptions),
      search: (query, pageOptions = {}) => page(matchingSummaries(inbox, query, pageOptions.tz), inbox, pageOptions),
      matching: (query, tz) => [...matchingSummaries(inbox, query, tz)],
      message: (id, opts) => message(id, opts, inbox),
      parsed: (id) => parsed(id, inbox),
      setRead: (ids, read) => setRead(ids, read, inbox),
      delete: (ids) => deleteMails(ids, inbox),
      deleteAll: () =>
        inbox === undefined
          ? deleteAll()
          : deleteMails(
              [...mails(inbox)].map((m) => m.summary.ID),
              inbox,
            ),
      stats: () =>
        inbox === undefined
          ? { ...countsOf(undefined), ...counters }
          : { ...countsOf(inbox), dropped: 0, accepted: 0, acceptedBytes: 0, deleted: 0, rejected: 0 },
      waitFor: (query, waitOptions) => waitFor(query, waitOptions, inbox),
      onEvent: (listener) => onEvent(listener, inbox),
      forInbox: (other) => viewOf(other),
      inboxOf: (id) => get(id, inbox)?.inbox,
      close: async () => undefined,
    };
  }

  return {
    ...viewOf(undefined),
    async add(incoming) {
      const id = newId();
      const { summary } = summarizeMessage({ id, created: new Date(), ...incoming });
      if (disk) await disk.add(summary, incoming);
      const mail: StoredMail = { summary, raw: incoming.raw, envelope: incoming.envelope, inbox: incoming.inbox };
      store.add(id, mail);
      tally(mail, 1);
      keptBytes += incoming.raw.length;
      unread++;
      counters.accepted++;
      counters.acceptedBytes += incoming.raw.length;
      enforceCaps();
      emit({ Type: 'new', Data: summary }, mail.inbox);
      return summary;
    },
    noteRejected() {
      counters.rejected++;
    },
    async close() {
      await disk?.close();
    },
  };
}
