// Time from the 250 reply to the `new` event: a probe client sends one mail at a time over a raw
// socket and notes when each 250 arrives; the live subscriber notes when each `new` frame
// arrives; both clocks are this process's performance.now(). Measured on an idle lab and again
// while smtp-source keeps 10 connections busy, when the hub's coalesced session frames for those
// connections share the subscriber's socket with the `new` frames.
import type { BenchConfig } from './bench-config.js';
import { connectSubscriber, type BenchSubscriber } from './event-subscriber.js';
import { note } from './progress.js';
import { startServerProcess } from './server-process.js';
import { openProbe, probeMessage, type ProbeSent, type SmtpProbe } from './smtp-probe.js';
import { runSmtpSource } from './smtp-source.js';
import { summarizeLatency, type LatencySummary } from './stats.js';

const HOST = '127.0.0.1';
/** How long after the last 250 the last `new` event may still arrive. */
const SETTLE_MS = 10_000;

export interface LatencyResult {
  greetingDelayMs: number;
  quiet: LatencySummary;
  underLoad: LatencySummary & { loadMails: number; loadSessions: number };
  problems: string[];
}

async function settle(subscriber: BenchSubscriber, sent: readonly ProbeSent[]): Promise<LatencySummary> {
  const deadline = Date.now() + SETTLE_MS;
  while (sent.some((s) => !subscriber.arrivals.has(s.id)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const samples: number[] = [];
  const fromDataEnd: number[] = [];
  let missing = 0;
  for (const s of sent) {
    const arrived = subscriber.arrivals.get(s.id);
    if (arrived === undefined) {
      missing++;
      continue;
    }
    samples.push(arrived - s.repliedAt);
    fromDataEnd.push(arrived - s.dataEndAt);
  }
  return summarizeLatency(samples, fromDataEnd, missing);
}

async function sendMany(probe: SmtpProbe, count: number, mailBytes: number, keepGoing: () => boolean): Promise<ProbeSent[]> {
  const sent: ProbeSent[] = [];
  for (let i = 0; i < count && keepGoing(); i++) sent.push(await probe.send(probeMessage(i, mailBytes)));
  return sent;
}

export async function measureLatency(config: BenchConfig): Promise<LatencyResult> {
  note(`latency: starting the lab (default settings) with one subscriber and a probe client`);
  const server = await startServerProcess({ kind: 'lab' });
  const subscriber = await connectSubscriber(server.url as string);
  subscriber.timeArrivals = true;
  const probe = await openProbe(HOST, server.smtpPort);
  try {
    // Warm-up, not counted: the first mails pay for JIT compilation on both sides.
    await sendMany(probe, 100, config.mailBytes, () => true);

    note(`latency: ${config.latency.quietMails} probe mails on an idle lab`);
    const quietSent = await sendMany(probe, config.latency.quietMails, config.mailBytes, () => true);
    const quiet = await settle(subscriber, quietSent);
    note(
      `latency (idle): 250 → new p50 ${quiet.p50Ms} ms, p99 ${quiet.p99Ms} ms; end of data → new p99 ${quiet.fromDataEnd.p99Ms} ms; ${quiet.missing} missing`,
    );

    const load = config.latency.load;
    note(`latency: probe mails while smtp-source sends ${load.mails} mails over ${load.sessions} reused connections`);
    let loadRunning = true;
    const background = runSmtpSource(
      { sessions: load.sessions, mails: load.mails, length: config.mailBytes, reuse: load.reuse },
      HOST,
      server.smtpPort,
    ).finally(() => {
      loadRunning = false;
    });
    const loadedSent = await sendMany(probe, config.latency.maxLoadedProbes, config.mailBytes, () => loadRunning);
    await background;
    const underLoad = await settle(subscriber, loadedSent);
    note(
      `latency (under load): ${underLoad.samples} samples, 250 → new p50 ${underLoad.p50Ms} ms, p99 ${underLoad.p99Ms} ms; end of data → new p99 ${underLoad.fromDataEnd.p99Ms} ms; ${underLoad.missing} missing`,
    );
    const problems: string[] = [];
    const closed = subscriber.closedWith();
    if (closed) problems.push(`the hub closed the subscriber (${closed.code} ${closed.reason}); ${underLoad.missing} probe mails got no new event`);
    for (const problem of problems) note(`latency: ${problem}`);
    return { greetingDelayMs: server.greetingDelayMs, quiet, underLoad: { ...underLoad, loadMails: load.mails, loadSessions: load.sessions }, problems };
  } finally {
    await probe.close();
    await subscriber.close();
    await server.close();
  }
}
