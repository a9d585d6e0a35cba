// The page's one WebSocket to /api/events. Frames are parsed as they come but applied once per
// animation frame, as one batch, so a burst of thousands of events costs one render, not
// thousands. On (re)connect the page fetches the state the stream continues from; frames that
// arrive meanwhile wait and are applied after it (stores merge by id and Seq, so one already in
// the fetched state changes nothing). A deleting frame (truncate) that arrives during the fetch
// may or may not be in it, so the fetch is simply made again.
import type { LiveEvent } from '../../../lab/live-events.js';
import type { SubscriberCommand } from '../../../server/wire/live-events.js';

/** server/live/events.ts CLOSE_SLOW_CONSUMER: we fell behind; fetch again and reconnect now. */
const CLOSE_SLOW_CONSUMER = 4008;
/** Frames waiting in a hidden tab (no animation frames) are applied at once past this many. */
const MAX_QUEUED = 5000;
/** Frames held during a fetch; past this the fetch is made again instead of holding more. */
const MAX_HELD = 20000;
const FALLBACK_FLUSH_MS = 250;
const MAX_RETRY_MS = 5000;

export type LiveStatus = 'connecting' | 'syncing' | 'live' | 'offline';

export interface LiveConnectionOptions {
  url: string;
  /** Fetches the state the stream continues from. */
  resync(): Promise<void>;
  apply(events: LiveEvent[]): void;
  onStatus(status: LiveStatus): void;
}

export interface LiveConnection {
  /** Full dialogue lines for these sessions (the hub sends summaries only for the rest). */
  follow(ids: string[]): void;
  close(): void;
}

export function liveEventsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/events?sessions=summary`;
}

export function createLiveConnection(options: LiveConnectionOptions): LiveConnection {
  let socket: WebSocket | undefined;
  let followed: string[] = [];
  let queue: LiveEvent[] = [];
  let syncing = false;
  let syncAgain = false;
  let closed = false;
  let retryMs = 500;
  let frameRequest: number | undefined;
  let fallbackTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    if (frameRequest !== undefined) cancelAnimationFrame(frameRequest);
    if (fallbackTimer !== undefined) clearTimeout(fallbackTimer);
    frameRequest = undefined;
    fallbackTimer = undefined;
    if (syncing || queue.length === 0) return;
    const batch = queue;
    queue = [];
    options.apply(batch);
  }

  function scheduleFlush(): void {
    if (frameRequest === undefined) frameRequest = requestAnimationFrame(flush);
    // A hidden tab gets no animation frames; its timers still run (throttled).
    fallbackTimer ??= setTimeout(flush, FALLBACK_FLUSH_MS);
  }

  async function sync(ws: WebSocket): Promise<void> {
    syncing = true;
    options.onStatus('syncing');
    for (;;) {
      syncAgain = false;
      queue = [];
      try {
        await options.resync();
      } catch {
        if (socket !== ws) return;
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        if (socket !== ws) return;
        syncAgain = true;
      }
      if (socket !== ws) return;
      if (!syncAgain) break;
    }
    syncing = false;
    options.onStatus('live');
    flush();
  }

  function connect(): void {
    if (closed) return;
    options.onStatus(socket ? 'syncing' : 'connecting');
    const ws = new WebSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 500;
      if (followed.length > 0) ws.send(JSON.stringify({ Follow: followed } satisfies SubscriberCommand));
      void sync(ws);
    };
    ws.onmessage = (message: MessageEvent) => {
      if (socket !== ws || typeof message.data !== 'string') return;
      let event: LiveEvent;
      try {
        event = JSON.parse(message.data) as LiveEvent;
      } catch {
        return;
      }
      queue.push(event);
      if (syncing) {
        if (event.Type === 'truncate' || event.Type === 'sessions-cleared' || queue.length > MAX_HELD) {
          syncAgain = true;
          queue = [];
        }
        return;
      }
      if (queue.length >= MAX_QUEUED) flush();
      else scheduleFlush();
    };
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = undefined;
      syncing = false;
      if (closed) return;
      options.onStatus('offline');
      const delay = event.code === CLOSE_SLOW_CONSUMER ? 100 : retryMs;
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      retryTimer = setTimeout(connect, delay);
    };
  }

  connect();

  return {
    follow(ids) {
      followed = [...ids];
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ Follow: followed } satisfies SubscriberCommand));
    },
    close() {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      flush();
      socket?.close();
      socket = undefined;
    },
  };
}
