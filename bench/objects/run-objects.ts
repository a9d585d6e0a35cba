// `npm run bench:objects`: how many objects and telemetry messages a second one lab holds while
// every alert still arrives (issue 10). For each number of objects, the same devices publish at
// rising rates to two servers, each alone in its process: bare aedes (the baseline: a broker that
// only takes the messages) and the lab, whose objects run temperature-control with «Отправить
// e-mail» on overheat and mail their alerts through the student's integration over implicit TLS
// to the lab's own SMTPS listener. A rate is held when, within a second of the last publish, the
// server has taken every message, and every alert owed has been captured (none failed). Figures
// are ratios to the baseline in the same run (CPU per 1,000 messages) and what was held; a report,
// not a test: it exits 0 either way.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchChild, type BenchChild } from '../child-process.js';
import { note } from '../progress.js';
import { formatProfile, summarizeProfile } from '../profile-summary.js';
import { mb, percentile } from '../stats.js';
import { alertKey, connectDevices } from './mqtt-devices.js';
import type { ObjectsServerReady, ObjectsServerSpec, ObjectsServerStats } from './objects-protocol.js';

const CHILD = fileURLToPath(new URL('./objects-child.js', import.meta.url));
/** Taken within this long after the last publish: the server kept up with the rate. */
const KEPT_UP_MS = 1_000;
const ALERTS_TIMEOUT_MS = 60_000;

interface Config {
  objects: number[];
  rates: number[];
  seconds: number;
  alertsPerSecond: number;
  out: string;
  /** Profile the lab (not the broker) into this folder and list its hot spots. */
  profile: string | null;
}

const USAGE = `usage: node dist/bench/objects/run-objects.js [--quick] [--objects 10,100,1000] [--rates 500,1000,…] [--seconds 5] [--alerts-per-second 10] [--out DIR] [--profile DIR]`;

function parseArgs(argv: readonly string[]): Config {
  const config: Config = {
    objects: [10, 100, 1000],
    rates: [500, 1000, 2000, 4000, 8000, 16000, 32000],
    seconds: 5,
    alertsPerSecond: 10,
    out: 'bench/results',
    profile: null,
  };
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--quick') Object.assign(config, { objects: [10], rates: [200, 400], seconds: 2 });
    else if (arg === '--objects' && list(value).length > 0) ((config.objects = list(value)), i++);
    else if (arg === '--rates' && list(value).length > 0) ((config.rates = list(value)), i++);
    else if (arg === '--seconds' && Number(value) > 0) ((config.seconds = Number(value)), i++);
    else if (arg === '--alerts-per-second' && Number(value) > 0) ((config.alertsPerSecond = Number(value)), i++);
    else if (arg === '--out' && value) ((config.out = value), i++);
    else if (arg === '--profile' && value) ((config.profile = value), i++);
    else throw new Error(`${USAGE}\n(cannot use ${arg ?? ''})`);
  }
  return config;
}

interface StepResult {
  rate: number;
  /** Messages a second the devices achieved (the generator's own limit shows here). */
  achieved: number;
  sent: number;
  taken: number;
  /** From the last publish until the server had taken every message; null: it had not within 10 s. */
  takenAfterMs: number | null;
  /** The server's CPU time from the first publish until every alert was answered, per 1,000 messages. */
  cpuPerThousandMs: number;
  alertsOwed: number;
  alertsArrived: number;
  alertsFailed: number;
  /** From the overheat's publish to the alert in the mailbox. */
  alertMs: { p50: number; p95: number; max: number } | null;
  held: boolean;
}

interface ServerRun {
  server: 'broker' | 'lab';
  objects: number;
  rssAfterStartMb: number;
  rssAfterRunMb: number;
  /** The JavaScript heap in use after the run and a full collection: what the lab still holds. */
  heapAfterRunMb: number;
  steps: StepResult[];
  maxHeldRate: number | null;
}

const cpuMs = (s: ObjectsServerStats) => (s.cpuUserMicros + s.cpuSystemMicros) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<{ value: T; ok: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return { value, ok: true };
    if (Date.now() > deadline) return { value, ok: false };
    await sleep(20);
  }
}

async function measure(spec: ObjectsServerSpec, config: Config): Promise<ServerRun> {
  const { objects } = spec;
  const profile = config.profile && spec.kind === 'lab' ? { dir: config.profile, name: `lab-${objects}.cpuprofile` } : null;
  const child: BenchChild<ObjectsServerReady, ObjectsServerStats> = await startBenchChild(CHILD, spec, profile ? { cpuProfile: profile } : {});
  const arrivals = new Map<string, number>();
  const stats = async () => {
    const s = await child.stats();
    for (const a of s.arrivals) {
      const m = /(\d+)\D*на (\S+)$/.exec(a.subject);
      if (m) arrivals.set(alertKey(Number(m[1]), m[2]!), a.at);
    }
    return s;
  };
  const run: ServerRun = {
    server: spec.kind,
    objects,
    rssAfterStartMb: mb((await child.statsAfterGc()).rssBytes),
    rssAfterRunMb: 0,
    heapAfterRunMb: 0,
    steps: [],
    maxHeldRate: null,
  };
  const devices = await connectDevices(child.ready.mqttPort, child.ready.objectIds);
  try {
    for (const rate of config.rates) {
      const before = await stats();
      // One overheat per object every objects ÷ alertsPerSecond seconds: alertsPerSecond alerts a second in all.
      const cycle = Math.max(4, Math.round(rate / config.alertsPerSecond));
      const published = await devices.publish({ rate, seconds: config.seconds, cycle });
      const publishedAt = Date.now();
      const taken = await until(stats, (s) => s.telemetry - before.telemetry >= published.sent, 10_000);
      const takenAfterMs = taken.ok ? Date.now() - publishedAt : null;
      const afterTaken = taken.value;
      let alertsArrived = 0;
      let alertsFailed = 0;
      const latencies: number[] = [];
      if (spec.kind === 'lab') {
        const owed = before.alertsSent + before.alertsFailed + published.overheats;
        const settled = await until(stats, (s) => s.alertsSent + s.alertsFailed >= owed && s.alertsSending === 0, ALERTS_TIMEOUT_MS);
        // The mails' arrivals can trail the alerts' SMTP answers by a moment.
        const mailsOwed = before.mails + published.overheats;
        await until(stats, (s) => s.mails >= mailsOwed, 2_000);
        alertsArrived = (await stats()).mails - before.mails;
        alertsFailed = settled.value.alertsFailed - before.alertsFailed;
        for (const [key, sentAt] of published.overheatTimes) {
          const at = arrivals.get(key);
          if (at !== undefined && at >= sentAt) latencies.push(at - sentAt);
        }
      }
      const after = await stats();
      const step: StepResult = {
        rate,
        achieved: Math.round(published.sent / published.elapsed),
        sent: published.sent,
        taken: afterTaken.telemetry - before.telemetry,
        takenAfterMs,
        cpuPerThousandMs: Math.round(((cpuMs(after) - cpuMs(before)) / published.sent) * 1000 * 10) / 10,
        alertsOwed: spec.kind === 'lab' ? published.overheats : 0,
        alertsArrived,
        alertsFailed,
        alertMs: latencies.length > 0 ? { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) } : null,
        held: false,
      };
      step.held = takenAfterMs !== null && takenAfterMs <= KEPT_UP_MS && step.alertsArrived === step.alertsOwed && step.alertsFailed === 0;
      run.steps.push(step);
      note(
        `  ${spec.kind} ×${objects}, ${rate}/s: achieved ${step.achieved}/s, taken ${step.taken}/${step.sent}` +
          ` ${takenAfterMs === null ? 'NOT within 10 s' : `${takenAfterMs} ms after`}, CPU ${step.cpuPerThousandMs} ms/1000` +
          (spec.kind === 'lab'
            ? `, alerts ${step.alertsArrived}/${step.alertsOwed} (failed ${step.alertsFailed})${step.alertMs ? `, p95 ${step.alertMs.p95} ms` : ''}`
            : '') +
          ` → ${step.held ? 'held' : 'NOT held'}`,
      );
      if (step.held) run.maxHeldRate = rate;
      else break;
    }
    const end = await child.statsAfterGc();
    run.rssAfterRunMb = mb(end.rssBytes);
    run.heapAfterRunMb = mb(end.heapUsedBytes);
  } finally {
    devices.close();
    await child.close();
  }
  if (profile) note(`profile of the lab with ${objects} objects:\n${formatProfile(summarizeProfile(join(profile.dir, profile.name)))}`);
  return run;
}

function summary(runs: ServerRun[]): string {
  const lines = ['objects  server  held up to   CPU ms/1000 msgs (lab ÷ broker at the same rate)   alert p95   RSS after start → after run'];
  for (const run of runs) {
    const baseline = runs.find((r) => r.server === 'broker' && r.objects === run.objects);
    const last = run.steps.filter((s) => s.held).at(-1);
    const ratio = (() => {
      if (run.server !== 'lab' || !baseline || !last) return '';
      const same = baseline.steps.find((s) => s.rate === last.rate);
      return same && same.cpuPerThousandMs > 0 ? ` (×${(last.cpuPerThousandMs / same.cpuPerThousandMs).toFixed(1)})` : '';
    })();
    lines.push(
      `${String(run.objects).padStart(7)}  ${run.server.padEnd(6)}  ${(run.maxHeldRate === null ? 'none' : `${run.maxHeldRate}/s`).padStart(10)}   ` +
        `${last ? `${last.cpuPerThousandMs}${ratio}` : '—'}`.padEnd(52) +
        `${last?.alertMs ? `${last.alertMs.p95} ms` : '—'}`.padStart(9) +
        `   ${run.rssAfterStartMb} MB → ${run.rssAfterRunMb} MB (heap ${run.heapAfterRunMb} MB)`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = parseArgs(process.argv.slice(2));
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  note(
    `objects bench: ${config.objects.join(', ')} objects; rates ${config.rates.join(', ')}/s for ${config.seconds} s each; ${config.alertsPerSecond} alerts/s`,
  );
  const runs: ServerRun[] = [];
  for (const objects of config.objects) {
    for (const spec of [
      { kind: 'broker', objects },
      { kind: 'lab', objects },
    ] as const) {
      note(`${spec.kind} with ${objects} devices`);
      runs.push(await measure(spec, config));
    }
  }
  const text = summary(runs);
  process.stdout.write(`${text}\n`);
  await mkdir(config.out, { recursive: true });
  await writeFile(join(config.out, 'objects.json'), JSON.stringify({ date: new Date().toISOString(), machine, config, runs }, null, 2) + '\n');
  note(`written ${join(config.out, 'objects.json')}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
