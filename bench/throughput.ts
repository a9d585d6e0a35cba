// One throughput measurement: a fresh server child (bare, or the lab with one live subscriber),
// a warm-up load so the JIT has settled, then the timed smtp-source load. Besides mails per
// second it records the server's own CPU time per mail (less sensitive to other work on a shared
// machine than wall time) and how long the subscriber took to receive the last `new` event after
// the load ended.
import { performance } from 'node:perf_hooks';
import type { LoadShape } from './bench-config.js';
import { connectSubscriber, type BenchSubscriber } from './event-subscriber.js';
import { note, watchProgress } from './progress.js';
import type { ServerSpec, ServerStats } from './server-protocol.js';
import { mb } from './stats.js';
import { startServerProcess, type StartOptions } from './server-process.js';
import { runSmtpSource } from './smtp-source.js';

export const VARIANTS = ['bare', 'lab-100ms', 'lab-default'] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_LABELS: Record<Variant, string> = {
  bare: 'bare smtp-server (body discarded, 100 ms greeting delay)',
  'lab-100ms': 'lab, greeting delay 100 ms (as the bare server)',
  'lab-default': 'lab, default greeting delay',
};

const HOST = '127.0.0.1';
/** How long the subscriber may take to receive the last `new` after the load ended. */
const DRAIN_TIMEOUT_MS = 60_000;

export interface SubscriberOutcome {
  newEvents: number;
  frames: number;
  bytes: number;
  /** From the end of the load to the last `new` event arriving; null if it never did. */
  drainMs: number | null;
  closed?: { code: number; reason: string };
}

export interface ThroughputRun {
  variant: Variant;
  round: number;
  greetingDelayMs: number;
  mails: number;
  elapsedMs: number;
  mailsPerSecond: number;
  /** Server process CPU (user + system) per 1,000 mails of the timed load. */
  serverCpuMsPerThousand: number;
  /** Mails the server counted during the timed load (must equal `mails`). */
  accepted: number;
  subscriber?: SubscriberOutcome;
  rssMbAtEnd: number;
  command: string;
  problems: string[];
}

export function specOf(variant: Variant): ServerSpec {
  switch (variant) {
    case 'bare':
      return { kind: 'bare' };
    case 'lab-100ms':
      return { kind: 'lab', greetingDelayMs: 100 };
    case 'lab-default':
      return { kind: 'lab' };
  }
}

const cpuMs = (stats: ServerStats) => (stats.cpuUserMicros + stats.cpuSystemMicros) / 1000;

export async function measureThroughput(
  variant: Variant,
  shape: LoadShape,
  mailBytes: number,
  round: number,
  start: StartOptions = {},
): Promise<ThroughputRun> {
  const label = `${shape.reuse ? 'reused' : 'per-connection'} ${variant} round ${round}`;
  note(`${label}: starting (${shape.mails} mails, ${shape.sessions} sessions, warm-up ${shape.warmupMails})`);
  const server = await startServerProcess(specOf(variant), start);
  let subscriber: BenchSubscriber | undefined;
  const problems: string[] = [];
  try {
    if (server.url) subscriber = await connectSubscriber(server.url);
    const load = { sessions: shape.sessions, length: mailBytes, reuse: shape.reuse };
    if (shape.warmupMails > 0) {
      await runSmtpSource({ ...load, mails: shape.warmupMails }, HOST, server.smtpPort);
      await subscriber?.waitForNewEvents(shape.warmupMails, DRAIN_TIMEOUT_MS);
    }
    const before = await server.stats();
    const subscriberBefore = subscriber?.totals();
    const stop = watchProgress(label, server, before.accepted, shape.mails);
    const run = await runSmtpSource({ ...load, mails: shape.mails }, HOST, server.smtpPort).finally(stop);
    const loadEnded = performance.now();
    const after = await server.stats();

    let outcome: SubscriberOutcome | undefined;
    if (subscriber && subscriberBefore) {
      let drainMs: number | null = null;
      try {
        await subscriber.waitForNewEvents(shape.warmupMails + shape.mails, DRAIN_TIMEOUT_MS);
        drainMs = Math.round(performance.now() - loadEnded);
      } catch (err) {
        problems.push((err as Error).message);
      }
      const totals = subscriber.totals();
      const closed = subscriber.closedWith();
      outcome = {
        newEvents: totals.newEvents - subscriberBefore.newEvents,
        frames: totals.frames - subscriberBefore.frames,
        bytes: totals.bytes - subscriberBefore.bytes,
        drainMs,
        ...(closed ? { closed } : {}),
      };
      if (closed) problems.push(`the hub closed the subscriber: ${closed.code} ${closed.reason}`);
    }
    const accepted = after.accepted - before.accepted;
    if (accepted !== shape.mails) problems.push(`server counted ${accepted} mails, smtp-source sent ${shape.mails}`);
    const result: ThroughputRun = {
      variant,
      round,
      greetingDelayMs: server.greetingDelayMs,
      mails: shape.mails,
      elapsedMs: Math.round(run.elapsedMs),
      mailsPerSecond: Math.round((shape.mails / run.elapsedMs) * 1000),
      serverCpuMsPerThousand: Math.round(((cpuMs(after) - cpuMs(before)) / shape.mails) * 1000),
      accepted,
      ...(outcome ? { subscriber: outcome } : {}),
      rssMbAtEnd: mb(after.rssBytes),
      command: run.command,
      problems,
    };
    note(
      `${label}: ${result.mailsPerSecond} mails/s, ${result.serverCpuMsPerThousand} ms CPU per 1,000 mails${problems.length ? `; PROBLEMS: ${problems.join('; ')}` : ''}`,
    );
    return result;
  } finally {
    await subscriber?.close();
    await server.close();
  }
}
