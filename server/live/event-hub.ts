// The live stream on /api/events. Mailpit's frames go out as they happen; session frames are
// coalesced (one per session per flush interval, carrying every line since the previous one) so
// that a burst of thousands of sessions cannot flood a browser. A subscriber whose socket
// buffers more than a limit is cut off (close code 4008) instead of making the server buffer
// without bound; it fetches state again and reconnects.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Mailbox } from '../mailbox/mailbox.js';
import { toSummary, type SessionStore } from '../sessions/session-store.js';
import type { SessionRecord } from '../sessions/wire-types.js';
import { CLOSE_SERVER_SHUTDOWN, CLOSE_SLOW_CONSUMER, type LiveEvent, type SessionDetail, type SubscriberCommand } from './events.js';
import { isOriginAllowed } from './origin-check.js';

export interface EventHubOptions {
  mailbox: Mailbox;
  sessions: SessionStore;
  version: string;
  flushIntervalMs: number;
  statsIntervalMs: number;
  maxBufferedBytes: number;
  /** Origins allowed besides the server's own (e.g. a Vite dev server). */
  allowedOrigins: string[];
}

export interface EventHub {
  /** Handles an HTTP upgrade for /api/events; false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  subscriberCount(): number;
  close(): Promise<void>;
}

interface Subscriber {
  ws: WebSocket;
  detail: SessionDetail;
  follows: Set<string>;
  alive: boolean;
}

const PING_INTERVAL_MS = 30_000;

export function createEventHub(options: EventHubOptions): EventHub {
  const { mailbox, sessions } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const subscribers = new Set<Subscriber>();
  // Sessions that changed since the last flush, and the next line each subscriber-wide frame starts at.
  const dirty = new Map<string, SessionRecord>();
  const sentUpTo = new Map<string, number>();
  let statsDirty = true;

  function send(subscriber: Subscriber, frame: string): void {
    const { ws } = subscriber;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > options.maxBufferedBytes) {
      cutOff(subscriber);
      return;
    }
    ws.send(frame);
  }

  function cutOff(subscriber: Subscriber): void {
    subscribers.delete(subscriber);
    subscriber.ws.close(CLOSE_SLOW_CONSUMER, 'too slow: fetch the state again and reconnect');
    // A consumer that does not read will not read the close frame either.
    setTimeout(() => subscriber.ws.terminate(), 2000).unref();
  }

  function frameOf(event: LiveEvent): string {
    return JSON.stringify(event);
  }

  function broadcastMailpit(event: LiveEvent): void {
    if (subscribers.size === 0) return;
    const frame = frameOf(event);
    for (const subscriber of subscribers) send(subscriber, frame);
  }

  function catchUpFrame(record: SessionRecord): string {
    return frameOf({ Type: 'session', Data: { Summary: toSummary(record), Lines: record.Lines } });
  }

  function flushSessions(): void {
    if (dirty.size === 0) return;
    const batch = [...dirty.values()];
    dirty.clear();
    for (const record of batch) flushSession(record);
  }

  function flushSession(record: SessionRecord): void {
    const from = sentUpTo.get(record.ID) ?? record.DroppedLines;
    const firstIndex = Math.max(0, from - record.DroppedLines);
    const lines = record.Lines.slice(firstIndex);
    if (record.State === 'open') sentUpTo.set(record.ID, record.LineCount);
    else sentUpTo.delete(record.ID);
    if (subscribers.size === 0) return;
    const summary = toSummary(record);
    let full: string | undefined;
    let summaryOnly: string | undefined;
    for (const subscriber of subscribers) {
      if (subscriber.detail === 'none') continue;
      if (subscriber.detail === 'lines' || subscriber.follows.has(record.ID)) {
        full ??= frameOf({ Type: 'session', Data: { Summary: summary, Lines: lines } });
        send(subscriber, full);
      } else {
        summaryOnly ??= frameOf({ Type: 'session', Data: { Summary: summary, Lines: [] } });
        send(subscriber, summaryOnly);
      }
    }
  }

  function flushStats(): void {
    if (!statsDirty || subscribers.size === 0) return;
    statsDirty = false;
    const stats = mailbox.stats();
    broadcastMailpit({ Type: 'stats', Data: { Total: stats.total, Unread: stats.unread, Version: options.version } });
  }

  const unsubscribeMailbox = mailbox.onEvent((event) => {
    statsDirty = true;
    if (event.Type === 'new') {
      // The session's lines so far go first, so that a subscriber sees the dialogue that
      // produced a mail before the mail itself.
      const record = dirty.get(event.Data.SessionID);
      if (record) {
        dirty.delete(record.ID);
        flushSession(record);
      }
    }
    broadcastMailpit(event);
  });
  const unsubscribeSessions = sessions.onEvent((event) => {
    switch (event.kind) {
      case 'changed':
        dirty.set(event.session.ID, event.session);
        break;
      case 'reply-error':
        broadcastMailpit({
          Type: 'error',
          Data: {
            Level: event.line.Code !== undefined && event.line.Code < 500 ? 'warning' : 'error',
            Type: 'smtpd',
            IP: event.session.ClientAddress,
            Message: event.line.Text,
          },
        });
        break;
      case 'cleared':
        dirty.clear();
        broadcastMailpit({ Type: 'sessions-cleared', Data: null });
        break;
    }
  });

  const flushTimer = setInterval(flushSessions, options.flushIntervalMs);
  const statsTimer = setInterval(flushStats, options.statsIntervalMs);
  const pingTimer = setInterval(() => {
    for (const subscriber of subscribers) {
      if (!subscriber.alive) {
        subscribers.delete(subscriber);
        subscriber.ws.terminate();
        continue;
      }
      subscriber.alive = false;
      subscriber.ws.ping();
    }
  }, PING_INTERVAL_MS);
  flushTimer.unref();
  statsTimer.unref();
  pingTimer.unref();

  function onCommand(subscriber: Subscriber, data: Buffer): void {
    let command: SubscriberCommand;
    try {
      command = JSON.parse(data.toString('utf8')) as SubscriberCommand;
    } catch {
      return;
    }
    if (!Array.isArray(command.Follow)) return;
    const wanted = new Set(command.Follow.filter((id): id is string => typeof id === 'string').slice(0, 100));
    for (const id of wanted) {
      if (subscriber.follows.has(id)) continue;
      // Everything so far, once; the client merges by Seq and drops what it already has.
      const record = sessions.get(id);
      if (record) send(subscriber, catchUpFrame(record));
    }
    subscriber.follows = wanted;
  }

  function accept(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requested = url.searchParams.get('sessions');
    const detail: SessionDetail = requested === 'summary' || requested === 'none' ? requested : 'lines';
    const subscriber: Subscriber = { ws, detail, follows: new Set(), alive: true };
    subscribers.add(subscriber);
    statsDirty = true;
    ws.on('pong', () => {
      subscriber.alive = true;
    });
    ws.on('message', (data: Buffer) => onCommand(subscriber, data));
    ws.on('close', () => subscribers.delete(subscriber));
    ws.on('error', () => subscribers.delete(subscriber));
  }

  return {
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/api/events') return false;
      if (!isOriginAllowed(req, options.allowedOrigins)) {
        // Cross-site WebSocket hijacking: a page elsewhere must not read this stream.
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nOrigin not allowed\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req));
      return true;
    },
    subscriberCount() {
      return subscribers.size;
    },
    async close() {
      clearInterval(flushTimer);
      clearInterval(statsTimer);
      clearInterval(pingTimer);
      flushSessions();
      unsubscribeMailbox();
      unsubscribeSessions();
      for (const subscriber of subscribers) subscriber.ws.close(CLOSE_SERVER_SHUTDOWN, 'server shutting down');
      subscribers.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
