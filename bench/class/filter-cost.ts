// Part 2 of the class bench: what per-inbox filtering costs the capture path, as a same-run ratio.
// The same lab (class mode, the same accounts) takes the same smtp-source load — plus-addressed
// mail spread over every student's inbox — twice per round, each time on a fresh child: *scoped*,
// with every student's page and the instructor's subscribed; *baseline*, with only the
// instructor's (one stream that sees every inbox). The rounds alternate which goes first.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { note } from '../progress.js';
import { SMTP_SOURCE, sourceArgs } from '../smtp-source.js';
import { mb, spread, type Spread } from '../stats.js';
import type { ClassBenchConfig } from './class-config.js';
import { connectClassSubscriber, type ClassSubscriber } from './class-subscriber.js';
import { cpuMs, startClassLab } from './class-lab-process.js';
import { studentName, type ClassServerStats } from './class-protocol.js';
import { writeProfileSummary } from './class-profile.js';
import { planLanes, plusAddress, ratioCheck, type LaneRun, type RatioCheck } from './class-stats.js';
import { createLabClient } from './lab-client.js';

const HOST = '127.0.0.1';
const PASSWORD = 'class bench password';
const DRAIN_TIMEOUT_MS = 60_000;
export const FILTER_TARGET = 1.05;

export type FilterVariant = 'scoped' | 'baseline';

export interface FilterRun {
  variant: FilterVariant;
  round: number;
  subscribers: number;
  mails: number;
  elapsedMs: number;
  mailsPerSecond: number;
  /** The server's CPU (user + system) per 1,000 mails of the timed load. */
  serverCpuMsPerThousand: number;
  /** From the end of the load until the instructor's stream had every `new`; null if it never did. */
  drainMs: number | null;
  instructorFrames: number;
  /** Frames all students' streams got in all (0 for the baseline). */
  studentFrames: number;
  /** `new` frames all students' streams got: each mail once, to its student. */
  studentNewEvents: number;
  leakedFrames: number;
  rssMbAtEnd: number;
  loopDelay: ClassServerStats['loopDelay'];
  problems: string[];
}

export interface FilterCostResult {
  students: number;
  lanes: number;
  mails: number;
  mailBytes: number;
  runs: FilterRun[];
  /** scoped ÷ baseline CPU per mail, per round. */
  cpuRatio: RatioCheck;
  /** baseline ÷ scoped mails a second, per round: how much slower the scoped lab took the load. */
  slowdown: RatioCheck;
  /** scoped − baseline CPU per 1,000 mails, per round: the filtering's cost in absolute terms. */
  extraCpuMsPerThousand: Spread;
}

function runSource(run: LaneRun, mailBytes: number, port: number): Promise<void> {
  const args = sourceArgs({ sessions: 1, mails: run.mails, length: mailBytes, reuse: true }, HOST, port);
  // The recipient decides the inbox: x+stu0042@lab.local is stu0042's (the lab's plus-addressing rule).
  args[args.indexOf('-t') + 1] = plusAddress(run.student);
  return new Promise((resolve, reject) => {
    const child = spawn(SMTP_SOURCE, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`smtp-source ${args.join(' ')} failed (code ${code}, signal ${signal}): ${stderr.trim()}`)),
    );
  });
}

/** Every lane's smtp-source runs one after the other, the lanes side by side; resolves with the time taken. */
async function runLanes(students: number, config: ClassBenchConfig, mails: number, port: number): Promise<number> {
  const lanes = planLanes(students, config.lanes, mails);
  const started = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const run of lane) await runSource(run, config.mailBytes, port);
    }),
  );
  return performance.now() - started;
}

async function measure(variant: FilterVariant, round: number, config: ClassBenchConfig, profile: boolean): Promise<FilterRun> {
  const label = `filter ${variant} round ${round}`;
  const count = config.students;
  const profileSpec = profile && config.profile ? { dir: config.profile, name: `class-filter-${variant}.cpuprofile` } : undefined;
  note(`${label}: starting a class lab with ${count} students`);
  const child = await startClassLab({ students: count, password: PASSWORD }, profileSpec ? { cpuProfile: profileSpec } : {});
  const pages: ClassSubscriber[] = [];
  const problems: string[] = [];
  try {
    const { ready } = child;
    const instructor = createLabClient(ready.url);
    await instructor.signIn(ready.instructor, PASSWORD);
    const instructorPage = await connectClassSubscriber(ready.url, { cookie: instructor.cookie() as string, timing: false });
    if (variant === 'scoped') {
      note(`${label}: ${count} students sign in and open their pages`);
      const signedIn = await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const client = createLabClient(ready.url);
          await client.signIn(`${studentName(i)}@lab.local`, PASSWORD);
          return { client, name: studentName(i) };
        }),
      );
      for (const { client, name } of signedIn)
        pages.push(await connectClassSubscriber(ready.url, { cookie: client.cookie() as string, own: name, timing: false }));
    }
    await runLanes(count, config, config.warmupMails, ready.smtpPort);
    if (!(await instructorPage.waitForNewEvents(config.warmupMails, DRAIN_TIMEOUT_MS))) problems.push('the warm-up mails did not all reach the instructor');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await child.stats();
    note(`${label}: ${config.mails} mails over ${Math.min(config.lanes, count)} lanes of smtp-source, spread over ${count} inboxes`);
    const elapsedMs = await runLanes(count, config, config.mails, ready.smtpPort);
    const loadEnded = performance.now();
    const after = await child.stats();
    let drainMs: number | null = null;
    if (await instructorPage.waitForNewEvents(config.warmupMails + config.mails, DRAIN_TIMEOUT_MS)) drainMs = Math.round(performance.now() - loadEnded);
    else problems.push(`the instructor got ${instructorPage.totals().newEvents} of ${config.warmupMails + config.mails} new events`);
    // The students' streams: give their last frames a moment.
    const studentNew = () => pages.reduce((sum, p) => sum + p.totals().newEvents, 0);
    for (
      const deadline = performance.now() + 5_000;
      variant === 'scoped' && studentNew() < config.warmupMails + config.mails && performance.now() < deadline;
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const accepted = after.accepted - before.accepted;
    if (accepted !== config.mails) problems.push(`the server counted ${accepted} mails, smtp-source sent ${config.mails}`);
    const leakedFrames = pages.reduce((sum, p) => sum + p.leaks().count, 0);
    if (leakedFrames > 0) problems.push(`${leakedFrames} frames named another student`);
    if (variant === 'scoped' && studentNew() !== config.warmupMails + config.mails) {
      problems.push(`the students' streams got ${studentNew()} new events for ${config.warmupMails + config.mails} mails`);
    }
    const cut = [instructorPage, ...pages].filter((p) => p.closedWith()).length;
    if (cut > 0) problems.push(`${cut} streams were closed by the server`);
    const run: FilterRun = {
      variant,
      round,
      subscribers: 1 + pages.length,
      mails: config.mails,
      elapsedMs: Math.round(elapsedMs),
      mailsPerSecond: Math.round((config.mails / elapsedMs) * 1000),
      serverCpuMsPerThousand: Math.round(((cpuMs(after) - cpuMs(before)) / config.mails) * 1000),
      drainMs,
      instructorFrames: instructorPage.totals().frames,
      studentFrames: pages.reduce((sum, p) => sum + p.totals().frames, 0),
      studentNewEvents: studentNew(),
      leakedFrames,
      rssMbAtEnd: mb(after.rssBytes),
      loopDelay: after.loopDelay,
      problems,
    };
    note(
      `${label}: ${run.mailsPerSecond} mails/s, ${run.serverCpuMsPerThousand} ms CPU per 1,000 mails, drain ${drainMs ?? '—'} ms${problems.length ? `; PROBLEMS: ${problems.join('; ')}` : ''}`,
    );
    await instructorPage.close();
    return run;
  } finally {
    await Promise.all(pages.map((p) => p.close()));
    await child.close();
    if (profileSpec) writeProfileSummary(profileSpec);
  }
}

export async function measureFilterCost(config: ClassBenchConfig): Promise<FilterCostResult> {
  const runs: FilterRun[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    const order: FilterVariant[] = round % 2 === 1 ? ['scoped', 'baseline'] : ['baseline', 'scoped'];
    for (const variant of order) runs.push(await measure(variant, round, config, round === 1));
  }
  const pairs = (pick: (r: FilterRun) => number, invert: boolean) =>
    Array.from({ length: config.rounds }, (_, i) => {
      const scoped = runs.find((r) => r.round === i + 1 && r.variant === 'scoped');
      const baseline = runs.find((r) => r.round === i + 1 && r.variant === 'baseline');
      const [s, b] = [scoped ? pick(scoped) : Number.NaN, baseline ? pick(baseline) : Number.NaN];
      return invert ? { scoped: b, baseline: s } : { scoped: s, baseline: b };
    });
  return {
    students: config.students,
    lanes: config.lanes,
    mails: config.mails,
    mailBytes: config.mailBytes,
    runs,
    cpuRatio: ratioCheck(
      pairs((r) => r.serverCpuMsPerThousand, false),
      FILTER_TARGET,
    ),
    slowdown: ratioCheck(
      pairs((r) => r.mailsPerSecond, true),
      FILTER_TARGET,
    ),
    extraCpuMsPerThousand: spread(pairs((r) => r.serverCpuMsPerThousand, false).map((p) => p.scoped - p.baseline)),
  };
}
