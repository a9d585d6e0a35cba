// The live stream on /api/events. Mailpit's frames go out as they happen; session frames are
// coalesced (one per session per flush interval, carrying every line since the previous one) so
// that a burst of thousands of sessions cannot flood a browser. Frames queue up and go out once
// per turn of the event loop, each subscriber's in one write. A subscriber whose socket buffers
// more than a limit is cut off (close code 4008) instead of making the server buffer without
// bound; it fetches state again and reconnects.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RequestPolicy } from '../http/request-policy.js';
import type { Mailbox } from '../mailbox/mailbox.js';
import { toSummary, type SessionsView } from '../sessions/session-store.js';
import type { SessionRecord } from '../wire/sessions.js';
import { CLOSE_SERVER_SHUTDOWN, type EngineEvent, type SessionDetail, type SubscriberCommand } from '../wire/live-events.js';
import { deliver, type Subscriber } from './subscriber.js';

export interface EventHubOptions {
  mailbox: Mailbox;
  sessions: SessionsView;
  version: string;
  flushIntervalMs: number;
  /** Under load, frames go out at most this often (each subscriber's in one write). */
  coalesceMs: number;
  statsIntervalMs: number;
  maxBufferedBytes: number;
  /** Which Host names and Origins may open the stream (DNS rebinding, cross-site hijacking). */
  policy: RequestPolicy;
}

/**
 * A live event of a feature (the lab's automaton, channels, scenarios): a frame like the engine's
 * own, `{ Type, Data }`, typed by the feature in the union the browser imports.
 */
export interface FeatureFrame {
  Type: string;
  Data: unknown;
}

export interface EventHub {
  /** Sends a feature's event to every subscriber, in order with the engine's own frames. */
  publish(frame: FeatureFrame): void;
  /** Handles an HTTP upgrade for /api/events; false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  subscriberCount(): number;
  close(): Promise<void>;
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

  /**
   * What is to go out with the next delivery, in order. A `mail` entry is Mailpit's `new` frame,
   * preceded at delivery by its session's frame when that session has lines not yet sent.
   */
  type Outgoing =
    | { to: 'all'; frame: Buffer }
    | { to: 'mail'; sessionId: string; frame: Buffer }
    | { to: 'session'; id: string; full?: Buffer; summaryOnly?: Buffer }
    | { to: 'one'; subscriber: Subscriber; frame: Buffer };
  let outgoing: Outgoing[] = [];
  let deliveryScheduled = false;
  let lastDelivery = 0;

  function encode(event: EngineEvent): Buffer {
    return Buffer.from(JSON.stringify(event), 'utf8');
  }

  function enqueue(entry: Outgoing): void {
    outgoing.push(entry);
    if (deliveryScheduled) return;
    deliveryScheduled = true;
    // When quiet, right after the I/O of this turn; under load at most every coalesceMs, so
    // that a busy session's lines go out once for several of its mails, in one write.
    const wait = lastDelivery + options.coalesceMs - performance.now();
    if (wait <= 0) setImmediate(deliverAll);
    else setTimeout(deliverAll, wait);
  }

  function framesFor(subscriber: Subscriber, batch: readonly Outgoing[]): Buffer[] {
    const frames: Buffer[] = [];
    for (const entry of batch) {
      switch (entry.to) {
        case 'all':
        case 'mail':
          frames.push(entry.frame);
          break;
        case 'one':
          if (entry.subscriber === subscriber) frames.push(entry.frame);
          break;
        case 'session': {
          if (subscriber.detail === 'none') break;
          const wantsLines = subscriber.detail === 'lines' || subscriber.follows.has(entry.id);
          const frame = wantsLines ? entry.full : entry.summaryOnly;
          if (frame) frames.push(frame);
          break;
        }
      }
    }
    return frames;
  }

  function deliverAll(): void {
    deliveryScheduled = false;
    lastDelivery = performance.now();
    const batch: Outgoing[] = [];
    for (const entry of outgoing) {
      if (entry.to === 'mail') {
        // The dialogue that produced a mail goes before the mail itself.
        const record = dirty.get(entry.sessionId);
        if (record) {
          dirty.delete(record.ID);
          const frame = sessionEntry(record);
          if (frame) batch.push(frame);
        }
      }
      batch.push(entry);
    }
    outgoing = [];
    for (const subscriber of subscribers) {
      if (!deliver(subscriber, framesFor(subscriber, batch), options.maxBufferedBytes)) subscribers.delete(subscriber);
    }
  }

  function broadcastMailpit(event: EngineEvent): void {
    if (subscribers.size === 0) return;
    enqueue({ to: 'all', frame: encode(event) });
  }

  function catchUpFrame(record: SessionRecord): Buffer {
    return encode({ Type: 'session', Data: { Summary: toSummary(record), Lines: record.Lines } });
  }

  function flushSessions(): void {
    if (dirty.size === 0) return;
    const batch = [...dirty.values()];
    dirty.clear();
    for (const record of batch) {
      const entry = sessionEntry(record);
      if (entry) enqueue(entry);
    }
  }

  /** The frame of what changed in a session since its last one; undefined when nobody wants it. */
  function sessionEntry(record: SessionRecord): Outgoing | undefined {
    const from = sentUpTo.get(record.ID) ?? record.DroppedLines;
    const firstIndex = Math.max(0, from - record.DroppedLines);
    if (record.State === 'open') sentUpTo.set(record.ID, record.LineCount);
    else sentUpTo.delete(record.ID);
    if (subscribers.size === 0) return undefined;
    let wantsLines = false;
    let wantsSummary = false;
    for (const subscriber of subscribers) {
      if (subscriber.detail === 'lines' || subscriber.follows.has(record.ID)) wantsLines = true;
      else if (subscriber.detail === 'summary') wantsSummary = true;
    }
    if (!wantsLines && !wantsSummary) return undefined;
    const summary = toSummary(record);
    return {
      to: 'session',
      id: record.ID,
      ...(wantsLines ? { full: encode({ Type: 'session', Data: { Summary: summary, Lines: record.Lines.slice(firstIndex) } }) } : {}),
      ...(wantsSummary ? { summaryOnly: encode({ Type: 'session', Data: { Summary: summary, Lines: [] } }) } : {}),
    };
  }

  function flushStats(): void {
    if (!statsDirty || subscribers.size === 0) return;
    statsDirty = false;
    const stats = mailbox.stats();
    broadcastMailpit({ Type: 'stats', Data: { Total: stats.total, Unread: stats.unread, Version: options.version } });
  }

  const unsubscribeMailbox = mailbox.onEvent((event) => {
    statsDirty = true;
    if (subscribers.size === 0) return;
    if (event.Type === 'new') enqueue({ to: 'mail', sessionId: event.Data.SessionID, frame: encode(event) });
    else enqueue({ to: 'all', frame: encode(event) });
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

  /** What a subscriber sent, if it is a command; any other JSON value (null, 1, []) is ignored. */
  function readCommand(data: Buffer): SubscriberCommand | undefined {
    let value: unknown;
    try {
      value = JSON.parse(data.toString('utf8'));
    } catch {
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const follow = (value as { Follow?: unknown }).Follow;
    if (!Array.isArray(follow)) return undefined;
    return { Follow: follow.filter((id): id is string => typeof id === 'string') };
  }

  function onCommand(subscriber: Subscriber, data: Buffer): void {
    const command = readCommand(data);
    if (!command?.Follow) return;
    const wanted = new Set(command.Follow.slice(0, 100));
    for (const id of wanted) {
      if (subscriber.follows.has(id)) continue;
      // Everything so far, once; the client merges by Seq and drops what it already has.
      const record = sessions.get(id);
      if (record) enqueue({ to: 'one', subscriber, frame: catchUpFrame(record) });
    }
    subscriber.follows = wanted;
  }

  function accept(ws: WebSocket, socket: Duplex, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requested = url.searchParams.get('sessions');
    const detail: SessionDetail = requested === 'summary' || requested === 'none' ? requested : 'lines';
    const subscriber: Subscriber = { ws, socket, detail, follows: new Set(), alive: true };
    subscribers.add(subscriber);
    statsDirty = true;
    ws.on('pong', () => {
      subscriber.alive = true;
    });
    ws.on('message', (data: Buffer) => {
      // Client input never throws past this boundary: a bad frame costs the sender, not the server.
      try {
        onCommand(subscriber, data);
      } catch {
        subscribers.delete(subscriber);
        ws.terminate();
      }
    });
    ws.on('close', () => subscribers.delete(subscriber));
    ws.on('error', () => subscribers.delete(subscriber));
  }

  return {
    publish(frame) {
      if (subscribers.size === 0) return;
      enqueue({ to: 'all', frame: Buffer.from(JSON.stringify(frame), 'utf8') });
    },
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/api/events') return false;
      if (!options.policy.hostAllowed(req) || !options.policy.originAllowed(req)) {
        // DNS rebinding and cross-site WebSocket hijacking: a page elsewhere must not read this stream.
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nHost or Origin not allowed\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, socket, req));
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
      deliverAll();
      unsubscribeMailbox();
      unsubscribeSessions();
      for (const subscriber of subscribers) subscriber.ws.close(CLOSE_SERVER_SHUTDOWN, 'server shutting down');
      subscribers.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
