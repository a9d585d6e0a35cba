// Runs the scenarios of each student: start (the setup applied: fault rules in the student's
// scope, an automaton in their library), check against what the server recorded since, reset.
// It listens to the records (sessions, mails, test e-mails, alerts, objects) and re-checks the
// running scenarios a moment after each change, so that the browser's panel ticks live; hints
// escalate with every failed attempt and every 3 minutes a step stays stuck.
import type { Bilingual } from '../../server/wire/bilingual.js';
import type { FaultScope } from '../../server/wire/faults.js';
import { evaluateStep, type StudentRecords } from './evaluate-step.js';
import type { Scenario, ScenarioProgress, StepProgress } from './scenario-types.js';

/** The student of the CLI and of a browser that is not signed in: one person at this computer. */
export const LOCAL_STUDENT = 'local';

const STUCK_MS = 3 * 60_000;

export class ScenarioError extends Error {
  constructor(
    readonly code: 'unknown-scenario' | 'not-started' | 'needs-account' | 'setup-failed',
    readonly text: Bilingual,
  ) {
    super(text.en);
    this.name = 'ScenarioError';
  }
}

/** What the runner needs of the lab, gathered in the feature (scenarios-feature.ts). */
export interface ScenarioWorld {
  records(student: string, since: number): StudentRecords;
  hasAccount(student: string): boolean;
  /** Applies a scenario's setup for the student; returns what to undo at reset. */
  setUp(scenario: Scenario, student: string, scope: FaultScope): Promise<{ undo(): void }>;
}

export interface ScenarioRunner {
  scenarios(): readonly Scenario[];
  scenario(id: string): Scenario;
  start(student: string, id: string): Promise<ScenarioProgress>;
  /** Checks now; undefined when the student has not started it. */
  check(student: string, id: string): ScenarioProgress | undefined;
  progress(student: string): ScenarioProgress[];
  reset(student: string, id: string): boolean;
  /** The records changed: re-check the running scenarios soon (coalesced). */
  recordsChanged(): void;
  close(): void;
}

interface Running {
  progress: ScenarioProgress;
  undo: () => void;
  /** When each step began to be the first not passed (for stuck hints). */
  currentSince: Map<string, number>;
}

export function createScenarioRunner(options: {
  scenarios: readonly Scenario[];
  world: ScenarioWorld;
  onProgress?(progress: ScenarioProgress): void;
  onReset?(student: string, scenarioId: string): void;
  now?: () => number;
  settleMs?: number;
}): ScenarioRunner {
  const { scenarios, world } = options;
  const now = options.now ?? Date.now;
  const running = new Map<string, Running>();
  const key = (student: string, id: string) => `${student}\n${id}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Time-based hints move on even when nothing new is recorded.
  const ticker = setInterval(() => evaluateAll(), 30_000);
  ticker.unref();

  function scenarioOf(id: string): Scenario {
    const found = scenarios.find((s) => s.id === id);
    if (!found)
      throw new ScenarioError('unknown-scenario', {
        ru: `Сценария «${id}» нет (smtp-lab scenario list)`,
        en: `There is no scenario "${id}" (smtp-lab scenario list)`,
      });
    return found;
  }

  function evaluate(run: Running): boolean {
    const scenario = scenarioOf(run.progress.scenarioId);
    const started = Date.parse(run.progress.startedAt);
    const passedAt: Record<string, number> = {};
    for (const step of run.progress.steps) if (step.passedAt) passedAt[step.id] = Date.parse(step.passedAt);
    const records = { ...world.records(run.progress.student, started), passedAt };
    let changed = false;
    let firstOpen: string | null = null;
    const at = now();
    const steps: StepProgress[] = scenario.steps.map((step, i) => {
      const before = run.progress.steps[i] as StepProgress;
      if (before.state === 'passed') return before;
      const verdict = evaluateStep(step.check, records);
      if (verdict.state === 'passed') {
        passedAt[step.id] = at;
        Object.assign(records.passedAt, { [step.id]: at });
      }
      firstOpen ??= verdict.state === 'passed' ? null : step.id;
      if (firstOpen === step.id && !run.currentSince.has(step.id)) run.currentSince.set(step.id, at);
      const stuck = firstOpen === step.id ? Math.floor((at - (run.currentSince.get(step.id) ?? at)) / STUCK_MS) : 0;
      const failures = verdict.state === 'failed' ? verdict.attempts : 0;
      const shown = verdict.state === 'passed' ? before.hints.length : Math.min(step.hints.length, Math.max(before.hints.length, failures + stuck));
      const next: StepProgress = {
        id: step.id,
        state: verdict.state,
        passedAt: verdict.state === 'passed' ? new Date(at).toISOString() : null,
        attempts: Math.max(before.attempts, verdict.attempts),
        reason: verdict.reason,
        hints: step.hints.slice(0, shown),
        evidence: verdict.evidence,
      };
      if (JSON.stringify(next) !== JSON.stringify(before)) changed = true;
      return next;
    });
    if (changed) {
      const done = steps.every((s) => s.state === 'passed');
      run.progress = { ...run.progress, steps, completedAt: done ? (run.progress.completedAt ?? new Date(at).toISOString()) : null };
    }
    return changed;
  }

  function evaluateAll(): void {
    for (const run of running.values()) if (evaluate(run)) options.onProgress?.(run.progress);
  }

  return {
    scenarios: () => scenarios,
    scenario: scenarioOf,
    async start(student, id) {
      const scenario = scenarioOf(id);
      if (scenario.setup.account && student === LOCAL_STUDENT && !world.hasAccount(student)) {
        throw new ScenarioError('needs-account', {
          ru: 'Этому сценарию нужна учётная запись лаборатории: войдите на вкладке «Практикум» (в терминале — --student АДРЕС)',
          en: 'This scenario needs a lab account: sign in on the Lab tab (in the terminal: --student ADDRESS)',
        });
      }
      running.get(key(student, id))?.undo();
      const scope: FaultScope = student === LOCAL_STUDENT ? { kind: 'lab' } : { kind: 'student', address: student };
      const setup = await world.setUp(scenario, student, scope);
      const progress: ScenarioProgress = {
        scenarioId: id,
        student,
        startedAt: new Date(now()).toISOString(),
        completedAt: null,
        steps: scenario.steps.map((s) => ({ id: s.id, state: 'pending', passedAt: null, attempts: 0, reason: null, hints: [], evidence: null })),
      };
      const run: Running = { progress, undo: setup.undo, currentSince: new Map() };
      running.set(key(student, id), run);
      evaluate(run);
      options.onProgress?.(run.progress);
      return run.progress;
    },
    check(student, id) {
      scenarioOf(id);
      const run = running.get(key(student, id));
      if (!run) return undefined;
      if (evaluate(run)) options.onProgress?.(run.progress);
      return run.progress;
    },
    progress(student) {
      return [...running.values()].filter((r) => r.progress.student === student).map((r) => r.progress);
    },
    reset(student, id) {
      scenarioOf(id);
      const run = running.get(key(student, id));
      if (!run) return false;
      run.undo();
      running.delete(key(student, id));
      options.onReset?.(student, id);
      return true;
    },
    recordsChanged() {
      if (timer || running.size === 0) return;
      timer = setTimeout(() => {
        timer = undefined;
        evaluateAll();
      }, options.settleMs ?? 100);
      timer.unref();
    },
    close() {
      clearInterval(ticker);
      if (timer) clearTimeout(timer);
      for (const run of running.values()) run.undo();
      running.clear();
    },
  };
}
