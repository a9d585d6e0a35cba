// One page's live stream in the class bench: a WebSocket on /api/events?sessions=summary, as the
// browser opens it, signed in with a student's or the instructor's cookie. It notes when the
// frames the bench times arrive (a mail's `new` by mail id, an object's first `alert`, a
// student's scenario step passing) and, for a student, every frame that names another student:
// the server filters per inbox, so there must be none.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { otherStudentsIn } from './class-stats.js';

export interface ClassSubscriber {
  /** performance.now() when the `new` frame of each mail id arrived (with `timing`). */
  newAt: Map<string, number>;
  /** The `new` frames' subjects by mail id (with `timing`). */
  subjects: Map<string, string>;
  /** performance.now() of the first `alert` frame of each object id (with `timing`). */
  alertAt: Map<string, number>;
  /** performance.now() when each student's scenario step `stepId` first showed passed (with `timing`). */
  stepPassedAt: Map<string, number>;
  totals(): { frames: number; bytes: number; newEvents: number };
  /** Frames naming a student other than `own`, and a few of them for the report. */
  leaks(): { count: number; examples: string[] };
  closedWith(): { code: number; reason: string } | undefined;
  /** Resolves when `count` `new` frames have arrived in all; false after `timeoutMs`. */
  waitForNewEvents(count: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface SubscriberOptions {
  cookie?: string;
  /** The student whose page this is (`stu0042`): frames naming anyone else are leaks. */
  own?: string;
  /** Parse the frames and time them; off under the capture load, where only counting matters. */
  timing: boolean;
  /** The scenario step whose passing is timed (`over-mqtt`). */
  stepId?: string;
}

const NEW_PREFIX = '{"Type":"new"';

interface Frame {
  Type: string;
  Data: {
    ID?: string;
    Subject?: string;
    objectId?: string;
    student?: string;
    steps?: { id: string; state: string }[];
  };
}

export async function connectClassSubscriber(baseUrl: string, options: SubscriberOptions): Promise<ClassSubscriber> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/events?sessions=summary`, {
    perMessageDeflate: false,
    headers: { origin: baseUrl, ...(options.cookie ? { cookie: options.cookie } : {}) },
  });
  const totals = { frames: 0, bytes: 0, newEvents: 0 };
  const leaked = { count: 0, examples: [] as string[] };
  const newAt = new Map<string, number>();
  const subjects = new Map<string, string>();
  const alertAt = new Map<string, number>();
  const stepPassedAt = new Map<string, number>();
  const waiters = new Set<{ count: number; resolve: (ok: boolean) => void }>();
  let closed: { code: number; reason: string } | undefined;

  socket.on('message', (data: Buffer) => {
    const at = performance.now();
    totals.frames++;
    totals.bytes += data.length;
    const text = data.toString('utf8');
    if (options.own !== undefined) {
      const others = otherStudentsIn(text, options.own);
      if (others.length > 0) {
        leaked.count++;
        if (leaked.examples.length < 5) leaked.examples.push(`${options.own} got ${text.slice(0, 30)}… naming ${others.join(', ')}`);
      }
    }
    const isNew = text.startsWith(NEW_PREFIX);
    if (isNew) totals.newEvents++;
    if (options.timing) {
      const frame = JSON.parse(text) as Frame;
      if (isNew && frame.Data.ID) {
        newAt.set(frame.Data.ID, at);
        subjects.set(frame.Data.ID, frame.Data.Subject ?? '');
      } else if (frame.Type === 'alert' && frame.Data.objectId && !alertAt.has(frame.Data.objectId)) {
        alertAt.set(frame.Data.objectId, at);
      } else if (frame.Type === 'scenario-progress' && frame.Data.student && !stepPassedAt.has(frame.Data.student)) {
        if (frame.Data.steps?.some((s) => s.id === options.stepId && s.state === 'passed')) stepPassedAt.set(frame.Data.student, at);
      }
    }
    if (isNew) {
      for (const waiter of waiters) {
        if (totals.newEvents >= waiter.count) {
          waiters.delete(waiter);
          waiter.resolve(true);
        }
      }
    }
  });
  socket.on('close', (code, reason) => {
    closed = { code, reason: reason.toString() };
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`/api/events refused: ${res.statusCode}`)));
  });

  return {
    newAt,
    subjects,
    alertAt,
    stepPassedAt,
    totals: () => ({ ...totals }),
    leaks: () => ({ count: leaked.count, examples: [...leaked.examples] }),
    closedWith: () => closed,
    waitForNewEvents(count, timeoutMs) {
      if (totals.newEvents >= count) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const waiter = {
          count,
          resolve: (ok: boolean) => {
            clearTimeout(timer);
            resolve(ok);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          resolve(false);
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
}
