// A WebSocket subscriber to /api/events that records every frame and waits for the ones a test
// expects.
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import type { LiveEvent } from '../../server/index.js';

export interface EventSubscriber {
  events: LiveEvent[];
  waitFor<T extends LiveEvent>(predicate: (event: LiveEvent) => event is T, timeoutMs?: number): Promise<T>;
  waitFor(predicate: (event: LiveEvent) => boolean, timeoutMs?: number): Promise<LiveEvent>;
  send(data: unknown): void;
  close(): void;
  socket: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
}

export async function subscribe(baseUrl: string, query = '', headers: Record<string, string> = {}): Promise<EventSubscriber> {
  const url = baseUrl.replace(/^http/, 'ws') + '/api/events' + (query ? `?${query}` : '');
  const socket = new WebSocket(url, { headers });
  const events: LiveEvent[] = [];
  const waiters = new Set<{ predicate: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }>();
  socket.on('message', (data: Buffer) => {
    const event = JSON.parse(data.toString('utf8')) as LiveEvent;
    events.push(event);
    for (const waiter of waiters) {
      if (waiter.predicate(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  onTestFinished(() => socket.terminate());
  return {
    events,
    socket,
    closed,
    waitFor(predicate: (event: LiveEvent) => boolean, timeoutMs = 5000) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<LiveEvent>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (e: LiveEvent) => {
            clearTimeout(timer);
            resolve(e);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.Type).join(', ')}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    send(data) {
      socket.send(JSON.stringify(data));
    },
    close() {
      socket.close();
    },
  } as EventSubscriber;
}
