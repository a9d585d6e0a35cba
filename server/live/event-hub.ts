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
import type { Scope } from '../inboxes/request-scope.js';
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
  /** Which inboxes an upgrade may follow (server/inboxes/request-scope.ts). */
  scopeOf(req: IncomingMessage): Scope;
}

/**
 * Who may receive a feature's frame: the subscribers that see one inbox (a student's data goes
 * to the student and to whoever sees every inbox), everyone, or only those who see every inbox.
 */
export type Audience = { inbox: string } | 'everyone' | 'overseers';

/** The audience of a lab account's data: its inbox (the account's address); no owner, the overseers. */
export function ownerAudience(owner: string | null | undefined): Audience {
  return owner ? { inbox: owner } : 'overseers';
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
  /** Sends a feature's event to its audience, in order with the engine's own frames. */
  publish(frame: FeatureFrame, audience: Audience): void;
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
  // Whose counts changed since the last stats frame: inbox ids, OVERSEERS for the whole mailbox.
  const OVERSEERS = '\0overseers';
  let statsDirty = new Set<string>([OVERSEERS]);
  let allStatsDirty = true;
  const markStats = (inbox: string | undefined) => {
    if (inbox === undefined || inbox === '*') allStatsDirty = true;
    else statsDirty.add(inbox);
    statsDirty.add(OVERSEERS);
  };

  /**
   * What is to go out with the next delivery, in order. A `mail` entry is Mailpit's `new` frame,
   * preceded at delivery by its session's frame when that session has lines not yet sent.
   */
  // `inbox`: only subscribers who see that inbox get it; `null`: only those who see every inbox.
  type Outgoing =
    /** `exact`: for that inbox's own subscribers only, not the overseers (its counts). */
    | { to: 'all'; inbox?: string | null; exact?: boolean; frame: Buffer }
    | { to: 'mail'; inbox: string; sessionId: string; frame: Buffer }
    | { to: 'session'; inbox: string; id: string; full?: Buffer; summaryOnly?: Buffer }
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
      if (subscriber.inbox !== undefined && entry.to !== 'one' && entry.inbox !== undefined && entry.inbox !== subscriber.inbox) continue;
      if (subscriber.inbox === undefined && entry.to === 'all' && entry.exact) continue;
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

  /** `inbox`: that inbox's subscribers (and the overseers); `null`: the overseers; absent: everyone. */
  function broadcastMailpit(event: EngineEvent, inbox?: string | null): void {
    if (subscribers.size === 0) return;
    enqueue({ to: 'all', ...(inbox !== undefined ? { inbox } : {}), frame: encode(event) });
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
      inbox: record.Inbox,
      id: record.ID,
      ...(wantsLines ? { full: encode({ Type: 'session', Data: { Summary: summary, Lines: record.Lines.slice(firstIndex) } }) } : {}),
      ...(wantsSummary ? { summaryOnly: encode({ Type: 'session', Data: { Summary: summary, Lines: [] } }) } : {}),
    };
  }

  /** Each subscriber gets the counts of what it sees: the whole mailbox, or its inbox. */
  function flushStats(): void {
    if (statsDirty.size === 0 || subscribers.size === 0) return;
    const dirty = statsDirty;
    const all = allStatsDirty;
    statsDirty = new Set();
    allStatsDirty = false;
    const inboxes = new Set<string | undefined>();
    for (const subscriber of subscribers) inboxes.add(subscriber.inbox);
    for (const inbox of inboxes) {
      if (inbox === undefined ? !dirty.has(OVERSEERS) : !all && !dirty.has(inbox)) continue;
      const stats = inbox === undefined ? mailbox.stats() : mailbox.forInbox(inbox).stats();
      const frame = encode({ Type: 'stats', Data: { Total: stats.total, Unread: stats.unread, Version: options.version } });
      // The whole mailbox's counts to those who see every inbox; an inbox's to its own subscribers only.
      enqueue(inbox === undefined ? { to: 'all', inbox: null, frame } : { to: 'all', inbox, exact: true, frame });
    }
  }

  const unsubscribeMailbox = mailbox.onEvent((event, inbox) => {
    markStats(inbox);
    if (subscribers.size === 0) return;
    if (event.Type === 'new') enqueue({ to: 'mail', inbox, sessionId: event.Data.SessionID, frame: encode(event) });
    else enqueue({ to: 'all', ...(inbox === '*' ? {} : { inbox }), frame: encode(event) });
  });
  // The inbox each open session was last sent to: a session that moves is sent whole to its new inbox.
  const inboxOfSession = new Map<string, string>();
  const unsubscribeSessions = sessions.onEvent((event) => {
    switch (event.kind) {
      case 'changed': {
        const record = event.session;
        dirty.set(record.ID, record);
        const before = inboxOfSession.get(record.ID);
        if (record.State !== 'open') inboxOfSession.delete(record.ID);
        else if (before !== record.Inbox) inboxOfSession.set(record.ID, record.Inbox);
        if (before !== undefined && before !== record.Inbox) {
          for (const subscriber of subscribers) {
            if (subscriber.inbox === record.Inbox && subscriber.detail !== 'none') enqueue({ to: 'one', subscriber, frame: catchUpFrame(record) });
          }
        }
        break;
      }
      case 'reply-error':
        broadcastMailpit(
          {
            Type: 'error',
            Data: {
              Level: event.line.Code !== undefined && event.line.Code < 500 ? 'warning' : 'error',
              Type: 'smtpd',
              IP: event.session.ClientAddress,
              Message: event.line.Text,
            },
          },
          event.session.Inbox,
        );
        break;
      case 'cleared':
        if (event.inbox === undefined) dirty.clear();
        broadcastMailpit({ Type: 'sessions-cleared', Data: null }, event.inbox);
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
      if (record && (subscriber.inbox === undefined || record.Inbox === subscriber.inbox)) enqueue({ to: 'one', subscriber, frame: catchUpFrame(record) });
    }
    subscriber.follows = wanted;
  }

  function accept(ws: WebSocket, socket: Duplex, req: IncomingMessage, inbox: string | undefined): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requested = url.searchParams.get('sessions');
    const detail: SessionDetail = requested === 'summary' || requested === 'none' ? requested : 'lines';
    const subscriber: Subscriber = { ws, socket, detail, inbox, follows: new Set(), alive: true };
    subscribers.add(subscriber);
    markStats(inbox);
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
    publish(frame, audience) {
      if (subscribers.size === 0) return;
      const inbox = audience === 'everyone' ? undefined : audience === 'overseers' ? null : audience.inbox;
      enqueue({ to: 'all', ...(inbox !== undefined ? { inbox } : {}), frame: Buffer.from(JSON.stringify(frame), 'utf8') });
    },
    handleUpgrade(req, socket, head) {
      const scope = options.scopeOf(req);
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/api/events') return false;
      if (!options.policy.hostAllowed(req) || !options.policy.originAllowed(req)) {
        // DNS rebinding and cross-site WebSocket hijacking: a page elsewhere must not read this stream.
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nHost or Origin not allowed\n');
        return true;
      }
      if (scope.kind === 'none') {
        // Not a stranger's to read: a class's students sign in, a test's inbox needs its token.
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nSign in, or give the inbox token\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, socket, req, scope.kind === 'inbox' ? scope.inbox : undefined));
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
