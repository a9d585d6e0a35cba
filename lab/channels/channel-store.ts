// Everything the channel simulators accepted — the messages, as the service would show them, and
// the exchanges that carried them — kept like mail: the newest `maxMessages` messages and
// `maxExchanges` exchanges, in channels.json (mode 0600) with --data-dir, in memory without. The
// simulators record through the intent methods; readers list, get, wait for and delete.
import { join } from 'node:path';
import { readTextIfExists, writePrivateFile } from '../../server/common/private-file.js';
import { createIdSource } from '../../server/common/ids.js';
import type {
  ChannelContent,
  ChannelExchange,
  ChannelExchangesList,
  ChannelId,
  ChannelMessage,
  ChannelMessagesList,
  ChannelService,
  ExchangeSummary,
  SmsStatus,
} from './channel-wire.js';

export interface MessageFilter {
  channel?: ChannelId;
  /** A chat id, a webhook id or a phone number (compared as text). */
  to?: string;
  /** Text the message holds (case-insensitive). */
  text?: string;
  owner?: string;
  /** Only messages newer than this one (for a test that waits for the next). */
  after?: string;
  start?: number;
  limit?: number;
}

export interface NewExchange extends Omit<ChannelExchange, 'ID' | 'MessageIDs'> {
  MessageIDs?: string[];
}

export type ChannelStoreEvent =
  | { kind: 'message'; message: ChannelMessage }
  | { kind: 'message-updated'; message: ChannelMessage }
  | { kind: 'exchange'; exchange: ExchangeSummary }
  | { kind: 'deleted'; channel: ChannelId | null; ids: string[] | null };

export interface ChannelStore {
  /** A simulator accepted a message: it is kept (the oldest go past the cap) and announced. */
  addMessage(input: { channel: ChannelId; service: ChannelService; exchangeId: string; owner: string; content: ChannelContent }): ChannelMessage;
  /** An SMS's delivery receipt changed its status. */
  setSmsStatus(id: string, status: SmsStatus): ChannelMessage | undefined;
  /** A finished exchange (or an SMPP session as far as it went: call again with the same id to update it). */
  recordExchange(exchange: NewExchange, id?: string): ChannelExchange;
  /** A new exchange's id, for a simulator that records its messages before the reply. */
  newExchangeId(): string;
  get(id: string): ChannelMessage | undefined;
  /** The message a service knows by its own id (Telegram chat+message_id, Discord's snowflake, the SMS id). */
  findByServiceId(channel: ChannelId, serviceId: string): ChannelMessage | undefined;
  list(filter?: MessageFilter): ChannelMessagesList;
  exchange(id: string): ChannelExchange | undefined;
  exchanges(filter?: { channel?: ChannelId; owner?: string; start?: number; limit?: number }): ChannelExchangesList;
  /** The first message (already there or arriving) that matches; rejects after `timeoutMs`. */
  waitFor(filter: MessageFilter, timeoutMs: number, signal?: AbortSignal): Promise<ChannelMessage>;
  /** Deletes these messages (and exchanges, by id), or every one of a channel, or all. */
  /** `owner`: only that owner's (the others' are left, whatever ids were given). */
  delete(ids: string[] | null, channel?: ChannelId, owner?: string): number;
  onEvent(listener: (event: ChannelStoreEvent) => void): () => void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ChannelStoreOptions {
  dataDir?: string;
  maxMessages?: number;
  maxExchanges?: number;
  warn?: (message: string) => void;
}

interface ChannelsFile {
  version: 1;
  messages: ChannelMessage[];
  exchanges: ChannelExchange[];
}

export class ChannelWaitTimeout extends Error {}

export function serviceIdOf(content: ChannelContent): string {
  switch (content.kind) {
    case 'telegram':
      return `${content.chatId}:${content.messageId}`;
    case 'discord':
      return content.messageId;
    case 'sms':
      return content.smsId;
  }
}

function matches(message: ChannelMessage, filter: MessageFilter): boolean {
  if (filter.channel && message.Channel !== filter.channel) return false;
  if (filter.owner !== undefined && message.Owner !== filter.owner) return false;
  const c = message.Content;
  if (filter.to !== undefined) {
    const to = c.kind === 'telegram' ? String(c.chatId) : c.kind === 'discord' ? c.webhookId : c.to;
    if (to !== filter.to.replace(/^\+/, '')) return false;
  }
  if (filter.text !== undefined) {
    const text = c.kind === 'discord' ? [c.content, ...c.embeds.flatMap((e) => [e.title ?? '', e.description ?? ''])].join('\n') : c.text;
    if (!text.toLowerCase().includes(filter.text.toLowerCase())) return false;
  }
  return true;
}

const summaryOf = ({ Lines, ...rest }: ChannelExchange): ExchangeSummary => ({ ...rest, LineCount: Lines.length });

async function load(path: string): Promise<ChannelsFile | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  try {
    const file = JSON.parse(text) as Partial<ChannelsFile>;
    if (file.version !== 1 || !Array.isArray(file.messages) || !Array.isArray(file.exchanges)) throw new Error('not version 1');
    return file as ChannelsFile;
  } catch (err) {
    throw new Error(`${path} is damaged (${(err as Error).message}): restore it from a backup, or move it away (the captured channel messages are then lost).`);
  }
}

export async function createChannelStore(options: ChannelStoreOptions = {}): Promise<ChannelStore> {
  const maxMessages = options.maxMessages ?? 1000;
  const maxExchanges = options.maxExchanges ?? 2000;
  const path = options.dataDir ? join(options.dataDir, 'channels.json') : undefined;
  const newId = createIdSource();
  // Insertion order is arrival order: the first key is the oldest.
  const messages = new Map<string, ChannelMessage>();
  const exchanges = new Map<string, ChannelExchange>();
  const byServiceId = new Map<string, string>();
  const listeners = new Set<(event: ChannelStoreEvent) => void>();
  const waiters = new Set<{ filter: MessageFilter; resolve: (m: ChannelMessage) => void }>();

  if (path) {
    const file = await load(path);
    for (const m of file?.messages ?? []) {
      messages.set(m.ID, m);
      byServiceId.set(`${m.Channel}:${serviceIdOf(m.Content)}`, m.ID);
    }
    for (const e of file?.exchanges ?? []) exchanges.set(e.ID, e);
  }

  let writes: Promise<void> = Promise.resolve();
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  const writeNow = (): Promise<void> => {
    if (!path || !dirty) return writes;
    dirty = false;
    const file: ChannelsFile = { version: 1, messages: [...messages.values()], exchanges: [...exchanges.values()] };
    const next = writes.then(() => writePrivateFile(path, JSON.stringify(file)));
    writes = next.catch((err: Error) => options.warn?.(`${path}: not saved (${err.message})`));
    return writes;
  };
  // Bursts of messages are written together, a moment later; flush() and close() write at once.
  const persist = () => {
    if (!path) return;
    dirty = true;
    timer ??= setTimeout(() => {
      timer = undefined;
      void writeNow();
    }, 50);
  };

  const emit = (event: ChannelStoreEvent) => {
    for (const listener of listeners) listener(event);
  };

  const forget = (id: string) => {
    const m = messages.get(id);
    if (!m) return false;
    messages.delete(id);
    byServiceId.delete(`${m.Channel}:${serviceIdOf(m.Content)}`);
    return true;
  };

  const newestFirst = <T>(map: Map<string, T>) => [...map.values()].reverse();

  const list = (filter: MessageFilter = {}): ChannelMessagesList => {
    let all = newestFirst(messages).filter((m) => matches(m, filter));
    if (filter.after) {
      const at = all.findIndex((m) => m.ID === filter.after);
      if (at >= 0) all = all.slice(0, at);
    }
    const start = filter.start ?? 0;
    return { total: all.length, messages: all.slice(start, start + (filter.limit ?? 50)) };
  };

  return {
    addMessage({ channel, service, exchangeId, owner, content }) {
      const message: ChannelMessage = {
        ID: newId(),
        Channel: channel,
        Service: service,
        Created: new Date().toISOString(),
        ExchangeID: exchangeId,
        Owner: owner,
        Content: content,
      };
      messages.set(message.ID, message);
      byServiceId.set(`${channel}:${serviceIdOf(content)}`, message.ID);
      while (messages.size > maxMessages) forget(messages.keys().next().value as string);
      persist();
      emit({ kind: 'message', message });
      for (const waiter of [...waiters]) if (matches(message, waiter.filter)) waiter.resolve(message);
      return message;
    },
    setSmsStatus(id, status) {
      const message = messages.get(id);
      if (!message || message.Content.kind !== 'sms') return undefined;
      message.Content = { ...message.Content, status };
      persist();
      emit({ kind: 'message-updated', message });
      return message;
    },
    newExchangeId: newId,
    recordExchange(input, id) {
      const exchange: ChannelExchange = { ...input, ID: id ?? newId(), MessageIDs: input.MessageIDs ?? [] };
      exchanges.delete(exchange.ID);
      exchanges.set(exchange.ID, exchange);
      while (exchanges.size > maxExchanges) exchanges.delete(exchanges.keys().next().value as string);
      persist();
      emit({ kind: 'exchange', exchange: summaryOf(exchange) });
      return exchange;
    },
    get: (id) => messages.get(id),
    findByServiceId(channel, serviceId) {
      const id = byServiceId.get(`${channel}:${serviceId}`);
      return id ? messages.get(id) : undefined;
    },
    list,
    exchange: (id) => exchanges.get(id),
    exchanges(filter = {}) {
      const all = newestFirst(exchanges).filter(
        (e) => (!filter.channel || e.Channel === filter.channel) && (filter.owner === undefined || e.Owner === filter.owner),
      );
      const start = filter.start ?? 0;
      return { total: all.length, exchanges: all.slice(start, start + (filter.limit ?? 50)).map(summaryOf) };
    },
    waitFor(filter, timeoutMs, signal) {
      const { after: _after, start: _start, limit: _limit, ...match } = filter;
      // Of the messages there already: after `after`, the oldest that matches; without it, the newest.
      const existing = filter.after ? list({ ...filter, limit: maxMessages }).messages.at(-1) : list({ ...filter, limit: 1 }).messages[0];
      if (existing) return Promise.resolve(existing);
      return new Promise<ChannelMessage>((resolve, reject) => {
        const waiter = {
          filter: match,
          resolve: (m: ChannelMessage) => {
            done();
            resolve(m);
          },
        };
        const timeout = setTimeout(() => {
          done();
          reject(new ChannelWaitTimeout(`no matching message within ${timeoutMs} ms`));
        }, timeoutMs);
        const abort = () => {
          done();
          reject(new ChannelWaitTimeout('the wait was cancelled'));
        };
        const done = () => {
          clearTimeout(timeout);
          waiters.delete(waiter);
          signal?.removeEventListener('abort', abort);
        };
        signal?.addEventListener('abort', abort, { once: true });
        waiters.add(waiter);
      });
    },
    delete(ids, channel, owner) {
      let count = 0;
      const ownedBy = (item: { Owner: string } | undefined) => owner === undefined || item?.Owner === owner;
      if (ids) {
        for (const id of ids) {
          if (ownedBy(messages.get(id)) && forget(id)) count++;
          else if (ownedBy(exchanges.get(id)) && exchanges.delete(id)) count++;
        }
      } else {
        for (const m of [...messages.values()]) if ((!channel || m.Channel === channel) && ownedBy(m)) count += forget(m.ID) ? 1 : 0;
        for (const e of [...exchanges.values()]) if ((!channel || e.Channel === channel) && ownedBy(e)) exchanges.delete(e.ID);
      }
      if (count > 0 || !ids) {
        persist();
        emit({ kind: 'deleted', channel: channel ?? null, ids });
      }
      return count;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      return writeNow();
    },
    async close() {
      clearTimeout(timer);
      timer = undefined;
      for (const waiter of [...waiters]) waiters.delete(waiter);
      await writeNow();
      listeners.clear();
    },
  };
}
