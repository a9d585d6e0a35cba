// Part 1 of the class bench: a whole class at once on one lab. Every student signs in, opens the
// page's live stream, sets up the practical work (student.ts), and then all of them at the same
// moment send a test e-mail over SMTPS and publish an overheat from their device; the instructor's
// page (a stream that sees every inbox) times each student's frames, and each student's page
// counts any frame that names another student. Method: bench/README.md, "Class mode".
import { readFile } from 'node:fs/promises';
import type { AlertRecord } from '../../lab/objects/alert-log.js';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findPackageInfo } from '../../server/common/package-info.js';
import { note } from '../progress.js';
import { mb, percentile } from '../stats.js';
import { connectClassSubscriber, type ClassSubscriber } from './class-subscriber.js';
import type { ClassBenchConfig } from './class-config.js';
import { cpuMs, cpuShare, startClassLab } from './class-lab-process.js';
import type { ClassServerStats } from './class-protocol.js';
import { otherStudentsIn, pairLatency, type LatencyFigures } from './class-stats.js';
import { createLabClient, type LabClient } from './lab-client.js';
import { writeProfileSummary } from './class-profile.js';
import { importWithAlert, MQTT_STEP, setUpStudent, signInStudent, type ClassLab, type Student, type StudentAct } from './student.js';

const PASSWORD = 'class bench password';
/** How long every student's frames may take to arrive after the last of them acted. */
const SETTLE_TIMEOUT_MS = 90_000;
/** An instructor's page re-reading once a second: the reads cost the server, so no more often than a person would. */
const PROBE_INTERVAL_MS = 1_000;

export interface Durations {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export type InstructorRead = Durations & { path: string; failed: number };

export interface ClassScaleResult {
  students: number;
  wave: number;
  /** Creating the accounts in the child before the run (the roster's work, not timed below). */
  accountsMs: number;
  signIn: Durations & { wallMs: number; perSecond: number };
  /** Per student, after signing in: page, app password, integration, automaton, scenario, object, device. */
  setup: Durations & { wallMs: number };
  act: {
    /** From the first student acting to the last test mail's 250. */
    wallMs: number;
    /** Test mails' SMTP sessions (TLS, AUTH, one mail) per second over that time. */
    testSessionsPerSecond: number;
    /** From the first student acting until the instructor had every frame timed below. */
    settledMs: number;
    /** SMTP sessions the server recorded meanwhile (the test mails and the alerts it sent itself). */
    serverSessions: number;
    serverSessionsPerSecond: number;
    serverCpuMs: number;
    /** The server's CPU over that time, in cores (1 = one core busy throughout). */
    serverCpuCores: number;
    loopDelay: ClassServerStats['loopDelay'];
  };
  /** To the instructor's stream (every inbox). */
  instructor: {
    testMail250ToNew: LatencyFigures;
    testMailSendToNew: LatencyFigures;
    overheatToAlertFrame: LatencyFigures;
    overheatToAlertMailNew: LatencyFigures;
    overheatToScenarioStep: LatencyFigures;
    frames: number;
  };
  /** To each student's own stream. */
  ownPage: {
    testMail250ToNew: LatencyFigures;
    overheatToAlertFrame: LatencyFigures;
    overheatToAlertMailNew: LatencyFigures;
    overheatToScenarioStep: LatencyFigures;
    frames: number;
  };
  /** The instructor's page's reads while the class acts, each on its own: the newest mails, sessions, the class overview. */
  instructorReads: InstructorRead[];
  isolation: {
    /** Frames a student's stream got that name another student: must be 0. */
    leakedFrames: number;
    examples: string[];
    /** Students whose stream missed their own test mail, alert mail, alert or scenario step. */
    studentsMissingOwnFrames: number;
    /** What one signed-in student reads of the others on the lab's GET routes (distinct students named). */
    routeReads: { route: string; otherStudentsNamed: number }[];
  };
  /** The alerts' outcomes; a failed one's message as the student reads it (English), with how many. */
  alerts: { sent: number; failed: number; failures: { message: string; students: number }[] };
  /**
   * What the lab's caps let the class do: students who run their own import of the automaton (the
   * others the instructor's), who could start the scenario, and what was refused to how many.
   */
  limits: { ownAutomatons: number; scenariosStarted: number; refusals: { what: string; students: number }[] };
  memory: { rssAfterStartMb: number; rssAfterSetupMb: number; rssAfterActMb: number; heapAfterActMb: number; rssAfterGcMb: number; heapAfterGcMb: number };
  problems: string[];
}

function durations(values: readonly number[]): Durations {
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    count: values.length,
    p50Ms: round(percentile(values, 50)),
    p95Ms: round(percentile(values, 95)),
    maxMs: round(values.length > 0 ? Math.max(...values) : Number.NaN),
  };
}

/** Runs `task` for every item, `size` at a time, with a progress line every couple of seconds. */
async function inWaves<T, R>(label: string, items: readonly T[], size: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let done = 0;
  const started = performance.now();
  const timer = setInterval(() => note(`  ${label}: ${done} / ${items.length} (${((performance.now() - started) / 1000).toFixed(0)} s)`), 2_000);
  try {
    for (let next = 0; next < items.length; next += size) {
      const wave = items.slice(next, next + size);
      results.push(
        ...(await Promise.all(
          wave.map(async (item) => {
            const result = await task(item);
            done++;
            return result;
          }),
        )),
      );
    }
  } finally {
    clearInterval(timer);
  }
  return results;
}

/** The instructor's page reading the newest mails and sessions (and the class overview, where the lab has it), as on a refresh. */
function probeInstructorReads(client: LabClient, paths: readonly string[]): { stop(): Promise<InstructorRead[]> } {
  const samples = new Map<string, number[]>(paths.map((p) => [p, []]));
  const failed = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const path of paths) {
        const started = performance.now();
        try {
          await client.request('GET', path);
          samples.get(path)!.push(performance.now() - started);
        } catch {
          failed.set(path, (failed.get(path) ?? 0) + 1);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return paths.map((path) => ({ path, ...durations(samples.get(path)!), failed: failed.get(path) ?? 0 }));
    },
  };
}

/** The instructor's page's reads that this lab answers (the class overview is newer than the rest). */
async function instructorPaths(client: LabClient): Promise<string[]> {
  const paths = ['/api/v1/messages?limit=50', '/api/lab/sessions?limit=50'];
  try {
    await client.request('GET', '/api/lab/class');
    paths.push('/api/lab/class');
  } catch {
    // not in this lab yet
  }
  return paths;
}

const ALERT_OBJECT = / на (\S+)$/;

/** A stream's alert mails' `new` arrivals by object id (the alert's subject names the object). */
function alertMailArrivals(page: ClassSubscriber): Map<string, number> {
  const arrivals = new Map<string, number>();
  for (const [id, subject] of page.subjects) {
    const objectId = ALERT_OBJECT.exec(subject)?.[1];
    const at = page.newAt.get(id);
    if (objectId && at !== undefined) arrivals.set(objectId, at);
  }
  return arrivals;
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

const ROUTES_READ = [
  '/api/v1/messages?limit=1000',
  '/api/lab/sessions?limit=1000',
  '/api/lab/alerts?limit=1000',
  '/api/lab/objects',
  '/api/lab/automatons',
  '/api/lab/operator-messages',
];

export async function measureClassScale(config: ClassBenchConfig): Promise<ClassScaleResult> {
  const { students: count, wave } = config;
  const root = findPackageInfo().root;
  const automatonFile = await readFile(join(root, 'lab', 'automaton', 'examples', 'temperature-control.automaton.json'), 'utf8');
  note(`class: starting a lab in class mode and creating ${count} student accounts`);
  const profile = config.profile ? { dir: config.profile, name: 'class-scale.cpuprofile' } : undefined;
  const child = await startClassLab({ students: count, password: PASSWORD }, profile ? { cpuProfile: profile } : {});
  const { ready } = child;
  const base: Omit<ClassLab, 'sharedAutomatonId'> = {
    url: ready.url,
    smtpsPort: ready.smtpsPort,
    mqttPort: ready.mqttPort,
    certificate: ready.certificate,
    password: PASSWORD,
    automatonFile,
  };
  const problems: string[] = [];
  const students: Student[] = [];
  let instructorPage: ClassSubscriber | undefined;
  try {
    const afterStart = await child.statsAfterGc();
    note(`class: ${count} accounts in ${(ready.accountsMs / 1000).toFixed(1)} s; the instructor signs in and opens the page`);
    const instructor = createLabClient(ready.url);
    await instructor.signIn(ready.instructor, PASSWORD);
    const page = await connectClassSubscriber(ready.url, { cookie: instructor.cookie() as string, timing: true, stepId: MQTT_STEP });
    instructorPage = page;
    const lab: ClassLab = { ...base, sharedAutomatonId: (await importWithAlert(instructor, automatonFile)).id };

    const indices = Array.from({ length: count }, (_, i) => i);
    note(`class: ${count} students sign in, ${wave} at a time`);
    const signInStarted = performance.now();
    const signedIn = await inWaves('signed in', indices, wave, (i) => signInStudent(lab, i));
    const signInWallMs = performance.now() - signInStarted;
    note(
      `class: signed in in ${(signInWallMs / 1000).toFixed(1)} s; each sets up the practical work (page, app password, integration, automaton, scenario, object, device)`,
    );
    const setupStarted = performance.now();
    students.push(...(await inWaves('set up', indices, wave, (i) => setUpStudent(lab, i, signedIn[i]!.client, signedIn[i]!.signInMs))));
    const setupWallMs = performance.now() - setupStarted;
    // Let the setup's own frames and scenario checks settle before the measured moment.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const afterSetup = await child.stats();

    note(`class: all ${count} students at once (${wave} at a time): a test e-mail over SMTPS and an overheat over MQTT`);
    const reads = probeInstructorReads(instructor, await instructorPaths(instructor));
    const actStarted = performance.now();
    const acts: StudentAct[] = await inWaves('acted', students, wave, (s) => s.act());
    const lastReply = Math.max(...acts.map((a) => a.repliedAt));
    const testMailIds = new Set(acts.map((a) => a.mailId));
    const objectIds = students.map((s) => s.objectId);
    const addresses = students.filter((s) => s.scenarioStarted).map((s) => s.address);
    // Settled when the instructor has every frame, or when every alert has ended (a failed one
    // sends no mail and passes no step) and a moment more has gone by.
    let alertsEnded = false;
    const watchAlerts = setInterval(() => {
      child.stats().then(
        (st) => void (alertsEnded = st.alertsSending === 0 && st.alertsSent + st.alertsFailed >= count),
        () => undefined,
      );
    }, 1_000);
    let endedSince: number | undefined;
    const settled = await until(() => {
      const alertMails = alertMailArrivals(page);
      const complete =
        [...testMailIds].every((id) => page.newAt.has(id)) &&
        objectIds.every((id) => page.alertAt.has(id) && alertMails.has(id)) &&
        addresses.every((a) => page.stepPassedAt.has(a));
      if (alertsEnded) endedSince ??= performance.now();
      return complete || (endedSince !== undefined && performance.now() - endedSince > 3_000);
    }, SETTLE_TIMEOUT_MS).finally(() => clearInterval(watchAlerts));
    const settledMs = performance.now() - actStarted;
    const readSamples = await reads.stop();
    if (!settled) problems.push(`the alerts had not all ended ${SETTLE_TIMEOUT_MS / 1000} s after the class acted`);
    const afterAct = await child.stats();
    // The students' own streams get the same frames, at most a moment later.
    await until(
      () =>
        students.every(
          (s, i) => s.page.newAt.has(acts[i]!.mailId) && s.page.alertAt.has(s.objectId) && (!s.scenarioStarted || s.page.stepPassedAt.has(s.address)),
        ),
      10_000,
    );
    let finalStats = await child.stats();
    for (const deadline = performance.now() + 30_000; finalStats.alertsSending > 0 && performance.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      finalStats = await child.stats();
    }

    // Matched pairs: what each student did, and when the frame came.
    const by = <K>(key: (s: Student, a: StudentAct) => K, value: (s: Student, a: StudentAct) => number) =>
      new Map(students.map((s, i) => [key(s, acts[i]!), value(s, acts[i]!)]));
    const reply = by(
      (_s, a) => a.mailId,
      (_s, a) => a.repliedAt,
    );
    const sendStart = by(
      (_s, a) => a.mailId,
      (_s, a) => a.sendStartedAt,
    );
    const overheatByObject = by(
      (s) => s.objectId,
      (_s, a) => a.publishedAt,
    );
    const started = students.filter((s) => s.scenarioStarted);
    const overheatByAddress = new Map(started.map((s) => [s.address, acts[s.index]!.publishedAt]));

    const own = {
      testMail: new Map<string, number>(),
      alertFrame: new Map<string, number>(),
      alertMail: new Map<string, number>(),
      step: new Map<string, number>(),
    };
    let missingOwn = 0;
    let leakedFrames = 0;
    const examples: string[] = [];
    let ownFrames = 0;
    students.forEach((s, i) => {
      const act = acts[i]!;
      const mail = s.page.newAt.get(act.mailId);
      const alertFrame = s.page.alertAt.get(s.objectId);
      const alertMail = alertMailArrivals(s.page).get(s.objectId);
      const step = s.page.stepPassedAt.get(s.address);
      if (mail !== undefined) own.testMail.set(s.name, mail);
      if (alertFrame !== undefined) own.alertFrame.set(s.name, alertFrame);
      if (alertMail !== undefined) own.alertMail.set(s.name, alertMail);
      if (step !== undefined) own.step.set(s.name, step);
      if ([mail, alertFrame, alertMail].some((v) => v === undefined) || (s.scenarioStarted && step === undefined)) missingOwn++;
      const leaks = s.page.leaks();
      leakedFrames += leaks.count;
      examples.push(...leaks.examples.slice(0, Math.max(0, 5 - examples.length)));
      ownFrames += s.page.totals().frames;
    });
    const byName = (value: (s: Student, a: StudentAct) => number) => by((s) => s.name, value);

    // What one student reads of the others on the GET routes (the live stream is counted above).
    const first = students[0]!;
    const routeReads = [];
    for (const route of ROUTES_READ) {
      const body = await first.client.request('GET', route);
      routeReads.push({ route, otherStudentsNamed: otherStudentsIn(JSON.stringify(body), first.name).length });
    }
    const { alerts: alertRecords } = await instructor.request<{ alerts: AlertRecord[] }>('GET', '/api/lab/alerts?limit=1000');
    const failures = new Map<string, number>();
    for (const a of alertRecords)
      if (a.status === 'failed') failures.set(a.outcome?.message.en ?? 'no outcome', (failures.get(a.outcome?.message.en ?? 'no outcome') ?? 0) + 1);
    const afterGc = await child.statsAfterGc();

    const serverSessions = afterAct.sessions - afterSetup.sessions;
    const result: ClassScaleResult = {
      students: count,
      wave,
      accountsMs: ready.accountsMs,
      signIn: {
        ...durations(signedIn.map((s) => s.signInMs)),
        wallMs: Math.round(signInWallMs),
        perSecond: Math.round((count / signInWallMs) * 1000 * 10) / 10,
      },
      setup: { ...durations(students.map((s) => s.setupMs)), wallMs: Math.round(setupWallMs) },
      act: {
        wallMs: Math.round(lastReply - actStarted),
        testSessionsPerSecond: Math.round((count / (lastReply - actStarted)) * 1000),
        settledMs: Math.round(settledMs),
        serverSessions,
        serverSessionsPerSecond: Math.round((serverSessions / settledMs) * 1000),
        serverCpuMs: Math.round(cpuMs(afterAct) - cpuMs(afterSetup)),
        serverCpuCores: cpuShare(afterSetup, afterAct, settledMs),
        loopDelay: afterAct.loopDelay,
      },
      instructor: {
        testMail250ToNew: pairLatency(reply, page.newAt),
        testMailSendToNew: pairLatency(sendStart, page.newAt),
        overheatToAlertFrame: pairLatency(overheatByObject, page.alertAt),
        overheatToAlertMailNew: pairLatency(overheatByObject, alertMailArrivals(page)),
        overheatToScenarioStep: pairLatency(overheatByAddress, page.stepPassedAt),
        frames: page.totals().frames,
      },
      ownPage: {
        testMail250ToNew: pairLatency(
          byName((_s, a) => a.repliedAt),
          own.testMail,
        ),
        overheatToAlertFrame: pairLatency(
          byName((_s, a) => a.publishedAt),
          own.alertFrame,
        ),
        overheatToAlertMailNew: pairLatency(
          byName((_s, a) => a.publishedAt),
          own.alertMail,
        ),
        overheatToScenarioStep: pairLatency(new Map(started.map((s) => [s.name, acts[s.index]!.publishedAt])), own.step),
        frames: ownFrames,
      },
      instructorReads: readSamples,
      isolation: { leakedFrames, examples, studentsMissingOwnFrames: missingOwn, routeReads },
      alerts: {
        sent: finalStats.alertsSent,
        failed: finalStats.alertsFailed,
        failures: [...failures].map(([message, students]) => ({ message, students })),
      },
      limits: {
        ownAutomatons: students.filter((s) => s.ownAutomaton).length,
        scenariosStarted: started.length,
        refusals: [...new Set(students.flatMap((s) => s.refusals))].map((what) => ({
          what,
          students: students.filter((s) => s.refusals.includes(what)).length,
        })),
      },
      memory: {
        rssAfterStartMb: mb(afterStart.rssBytes),
        rssAfterSetupMb: mb(afterSetup.rssBytes),
        rssAfterActMb: mb(afterAct.rssBytes),
        heapAfterActMb: mb(afterAct.heapUsedBytes),
        rssAfterGcMb: mb(afterGc.rssBytes),
        heapAfterGcMb: mb(afterGc.heapUsedBytes),
      },
      problems,
    };
    if (leakedFrames > 0) problems.push(`${leakedFrames} frames reached a student that named another student`);
    if (missingOwn > 0) problems.push(`${missingOwn} students' streams missed one of their own frames`);
    for (const refusal of result.limits.refusals) problems.push(`the lab refused ${refusal.students} students' setup step: ${refusal.what}`);
    if (finalStats.alertsFailed > 0) problems.push(`${finalStats.alertsFailed} alerts failed`);
    const closed = page.closedWith();
    if (closed) problems.push(`the hub closed the instructor's stream: ${closed.code} ${closed.reason}`);
    note(
      `class: ${count} test mails in ${result.act.wallMs} ms (${result.act.testSessionsPerSecond} sessions/s); instructor 250 → new p95 ${result.instructor.testMail250ToNew.p95Ms} ms, overheat → alert mail p95 ${result.instructor.overheatToAlertMailNew.p95Ms} ms; ${leakedFrames} leaked frames`,
    );
    return result;
  } finally {
    await Promise.all(students.map((s) => s.close().catch(() => undefined)));
    await instructorPage?.close();
    await child.close();
    if (profile) writeProfileSummary(profile);
  }
}
