// One WebSocket subscriber of /api/events: what it asked for, and how frames reach it. Frames
// are handed over in batches, one corked write per batch (one system call instead of one per
// frame, which under load was the hub's largest cost), and a subscriber that lets its buffer
// grow past a limit is cut off rather than buffered for without bound.
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CLOSE_SLOW_CONSUMER, type SessionDetail } from '../wire/live-events.js';

export interface Subscriber {
  ws: WebSocket;
  /** The connection under the WebSocket, corked around a batch. */
  socket: Duplex;
  detail: SessionDetail;
  /** Every inbox (the instructor, a lab of one), or one: the hub sends nothing of the others. */
  inbox: string | undefined;
  follows: Set<string>;
  alive: boolean;
}

/** Whether the subscriber is still served; false once it has been cut off. */
export function deliver(subscriber: Subscriber, frames: readonly Buffer[], maxBufferedBytes: number): boolean {
  const { ws, socket } = subscriber;
  if (frames.length === 0 || ws.readyState !== ws.OPEN) return true;
  if (ws.bufferedAmount > maxBufferedBytes) {
    cutOff(subscriber);
    return false;
  }
  socket.cork();
  try {
    // Buffers encoded once for every subscriber; `binary: false` keeps them text frames.
    for (const frame of frames) ws.send(frame, { binary: false });
  } finally {
    socket.uncork();
  }
  return true;
}

export function cutOff(subscriber: Subscriber): void {
  subscriber.ws.close(CLOSE_SLOW_CONSUMER, 'too slow: fetch the state again and reconnect');
  // A consumer that does not read will not read the close frame either.
  setTimeout(() => subscriber.ws.terminate(), 2000).unref();
}
