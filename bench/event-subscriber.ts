// The one live subscriber of the capture path: a WebSocket on /api/events with the default
// `sessions=lines`, as the browser's Sessions view opens it. It reads every frame (so the hub
// pays for a real consumer) but parses only the `new` frames, to time them and count them; a
// browser would parse the rest too, on its own core.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

export interface SubscriberTotals {
  frames: number;
  bytes: number;
  newEvents: number;
  sessionFrames: number;
}

export interface BenchSubscriber {
  totals(): SubscriberTotals;
  /** performance.now() when the `new` frame for a mail id arrived (kept while `timeArrivals`). */
  arrivals: Map<string, number>;
  timeArrivals: boolean;
  /** Set when the server closed the stream (e.g. 4008, too slow). */
  closedWith(): { code: number; reason: string } | undefined;
  /** Resolves when `count` `new` events have arrived in all; rejects after `timeoutMs`. */
  waitForNewEvents(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

const NEW_PREFIX = Buffer.from('{"Type":"new"');
const SESSION_PREFIX = Buffer.from('{"Type":"session"');

function startsWith(data: Buffer, prefix: Buffer): boolean {
  return data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

export async function connectSubscriber(baseUrl: string): Promise<BenchSubscriber> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/events`, { perMessageDeflate: false });
  const totals: SubscriberTotals = { frames: 0, bytes: 0, newEvents: 0, sessionFrames: 0 };
  const arrivals = new Map<string, number>();
  const waiters = new Set<{ count: number; resolve: () => void }>();
  let closed: { code: number; reason: string } | undefined;
  const subscriber: BenchSubscriber = {
    totals: () => ({ ...totals }),
    arrivals,
    timeArrivals: false,
    closedWith: () => closed,
    waitForNewEvents(count, timeoutMs) {
      if (totals.newEvents >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `subscriber: ${totals.newEvents} of ${count} new events after ${timeoutMs} ms${closed ? `; closed ${closed.code} ${closed.reason}` : ''}`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close() {
      if (socket.readyState === socket.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.terminate();
      });
    },
  };

  socket.on('message', (data: Buffer) => {
    const at = performance.now();
    totals.frames++;
    totals.bytes += data.length;
    if (startsWith(data, SESSION_PREFIX)) {
      totals.sessionFrames++;
      return;
    }
    if (!startsWith(data, NEW_PREFIX)) return;
    totals.newEvents++;
    if (subscriber.timeArrivals) {
      const event = JSON.parse(data.toString('utf8')) as { Data: { ID: string } };
      arrivals.set(event.Data.ID, at);
    }
    for (const waiter of waiters) {
      if (totals.newEvents >= waiter.count) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  });
  socket.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() };
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return subscriber;
}
