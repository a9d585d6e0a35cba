// The class at a glance, built from what the engine and the features already keep: the student
// accounts, each one's progress as the scenario runner holds it (kept current by the runner
// itself, so nothing is re-checked here), their sessions, mail, alerts and fault rules. It is
// asked for again after every live frame the Instructor page sees, for a class of 300 and
// 10,000 sessions: every store is walked once per answer and grouped by student, never once
// per student.
import type { LabEngine } from '../../server/engine.js';
import type { FaultRule } from '../../server/wire/faults.js';
import type { SessionSummary } from '../../server/wire/sessions.js';
import type { AlertLog } from '../objects/alert-log.js';
import type { ScenarioRunner } from '../scenarios/scenario-runner.js';
import type { Scenario, ScenarioProgress } from '../scenarios/scenario-types.js';
import type { ClassOverview, ClassReport, ClassStudent, StudentScenario } from './class-wire.js';

const LAST_SESSIONS = 5;

export interface ClassSources {
  engine: Pick<LabEngine, 'accounts' | 'sessions' | 'faults' | 'inboxCounts' | 'classMode'>;
  runner: Pick<ScenarioRunner, 'scenarios' | 'progress'>;
  alerts: Pick<AlertLog, 'list'>;
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

/** The newest moment the student did something in the scenario: its start, a step passed, its end. */
function touchedAt(progress: ScenarioProgress): string {
  let at = progress.startedAt;
  for (const step of progress.steps) at = later(at, step.passedAt) as string;
  return later(at, progress.completedAt) as string;
}

export function studentScenario(scenario: Scenario, progress: ScenarioProgress | undefined): StudentScenario {
  if (!progress) {
    return {
      scenarioId: scenario.id,
      status: 'not-started',
      stepsPassed: 0,
      stepsTotal: scenario.steps.length,
      currentStep: null,
      failedChecks: 0,
      pendingChecks: 0,
      passedChecks: 0,
      startedAt: null,
      completedAt: null,
    };
  }
  const count = (state: string) => progress.steps.filter((s) => s.state === state).length;
  const open = progress.steps.findIndex((s) => s.state !== 'passed');
  const step = open >= 0 ? scenario.steps[open] : undefined;
  return {
    scenarioId: scenario.id,
    status: progress.completedAt !== null ? 'done' : 'in-progress',
    stepsPassed: count('passed'),
    stepsTotal: scenario.steps.length,
    currentStep: step && progress.completedAt === null ? { id: step.id, title: step.title, state: progress.steps[open]!.state } : null,
    failedChecks: count('failed'),
    pendingChecks: count('pending'),
    passedChecks: count('passed'),
    startedAt: progress.startedAt,
    completedAt: progress.completedAt,
  };
}

const scenarioHeads = (scenarios: readonly Scenario[]) => scenarios.map((s) => ({ id: s.id, title: s.title, steps: s.steps.length }));

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

/** Alphabetical, as a class register is: by name (the roster's), then address; the nameless by address. */
const students = (engine: ClassSources['engine']) =>
  engine.accounts
    .list()
    .filter((a) => a.role === 'student')
    .sort((a, b) => collator.compare(a.name ?? a.address, b.name ?? b.address) || collator.compare(a.address, b.address));

function progressOf(sources: ClassSources, address: string, scenarios: readonly Scenario[]) {
  const mine = new Map(sources.runner.progress(address).map((p) => [p.scenarioId, p]));
  return { mine, rows: scenarios.map((s) => studentScenario(s, mine.get(s.id))) };
}

interface Activity {
  last: SessionSummary[];
  count: number;
  withErrors: number;
  at: string | null;
}

export function buildOverview(sources: ClassSources): ClassOverview {
  const { engine } = sources;
  const scenarios = sources.runner.scenarios();
  const accounts = students(engine);
  const activity = new Map<string, Activity>(accounts.map((a) => [a.address, { last: [], count: 0, withErrors: 0, at: null }]));
  // One pass, newest first: an account's inbox id is its address.
  for (const session of engine.sessions.list({ limit: Number.MAX_SAFE_INTEGER }).sessions) {
    const mine = activity.get(session.Inbox);
    if (!mine) continue;
    mine.count++;
    if (session.ErrorCount > 0) mine.withErrors++;
    if (mine.last.length < LAST_SESSIONS) mine.last.push(session);
    mine.at = later(mine.at, session.Ended ?? session.Started);
  }
  const alerts = new Map<string, { sent: number; failed: number; at: string | null }>();
  for (const alert of sources.alerts.list()) {
    const owner = alert.owner.toLowerCase();
    const counts = alerts.get(owner) ?? { sent: 0, failed: 0, at: null };
    if (alert.status === 'sent') counts.sent++;
    if (alert.status === 'failed') counts.failed++;
    counts.at = later(counts.at, new Date(alert.finishedAt ?? alert.startedAt).toISOString());
    alerts.set(owner, counts);
  }
  const faults = new Map<string, FaultRule[]>();
  const classFaults: FaultRule[] = [];
  for (const rule of engine.faults.list()) {
    if (rule.scope.kind === 'lab') classFaults.push(rule);
    else if (rule.scope.kind === 'student') {
      const owner = rule.scope.address.toLowerCase();
      faults.set(owner, [...(faults.get(owner) ?? []), rule]);
    }
  }
  const rows: ClassStudent[] = accounts.map((account) => {
    const { mine, rows: progress } = progressOf(sources, account.address, scenarios);
    let current: { id: string; at: string } | null = null;
    for (const p of mine.values()) {
      const at = touchedAt(p);
      if (!current || at > current.at) current = { id: p.scenarioId, at };
    }
    const sessions = activity.get(account.address) as Activity;
    const sent = alerts.get(account.address);
    return {
      address: account.address,
      name: account.name ?? null,
      currentScenario: current?.id ?? null,
      scenarios: progress,
      lastSessions: sessions.last,
      sessionCount: sessions.count,
      sessionsWithErrors: sessions.withErrors,
      messages: engine.inboxCounts(account.address).messages,
      alertsSent: sent?.sent ?? 0,
      alertsFailed: sent?.failed ?? 0,
      faults: faults.get(account.address) ?? [],
      lastActivityAt: later(later(sessions.at, sent?.at ?? null), current?.at ?? null),
    };
  });
  return { classMode: engine.classMode(), scenarios: scenarioHeads(scenarios), students: rows, classFaults };
}

export function buildReport(sources: ClassSources): ClassReport {
  const scenarios = sources.runner.scenarios();
  return {
    generatedAt: new Date().toISOString(),
    scenarios: scenarioHeads(scenarios),
    students: students(sources.engine).map((account) => ({
      address: account.address,
      name: account.name ?? null,
      scenarios: progressOf(sources, account.address, scenarios).rows,
    })),
  };
}
