// What the Instructor page makes of GET /api/lab/class, outside the browser: one row per
// student (where they are, their checks, which of their last sessions went wrong), the order of
// the rows, the search, the class's summary line, the live frames that change the class, and the
// first passwords of a roster import as CSV. No DOM: the unit tests run it under Node.
import type { ClassOverview, ClassStudent, StudentScenario } from '../../../lab/class/class-wire.js';
import type { Bilingual } from '../../../server/wire/bilingual.js';
import type { FaultRule } from '../../../server/wire/faults.js';
import type { SessionSummary } from '../../../server/wire/sessions.js';

export type SortKey = 'name' | 'activity' | 'progress' | 'attention';

export const SORT_KEYS: readonly SortKey[] = ['name', 'activity', 'progress', 'attention'];

export interface Checks {
  passed: number;
  pending: number;
  failed: number;
}

export interface ClassRow {
  student: ClassStudent;
  /** The name to show: the roster's, else the address's local part. */
  label: string;
  /** The scenario the student touched last, with its title, or null. */
  current: { scenario: StudentScenario; title: Bilingual; stepNumber: number } | null;
  /** The current scenario's checks (nothing when none is current). */
  checks: Checks;
  scenariosDone: number;
  scenariosTotal: number;
  /** Needs the instructor: a failed check on the current step, or a session with errors. */
  attention: boolean;
  greylisting: FaultRule | undefined;
}

export interface ClassSummary {
  students: number;
  /** A scenario in progress. */
  working: number;
  /** Every scenario of the catalogue done. */
  done: number;
  attention: number;
}

/** A session the row marks: error replies, or a connection that did not end well. */
export function sessionHighlighted(session: Pick<SessionSummary, 'ErrorCount' | 'State'>): boolean {
  return session.ErrorCount > 0 || session.State === 'aborted' || session.State === 'timed-out';
}

export function studentLabel(student: Pick<ClassStudent, 'name' | 'address'>): string {
  const name = student.name?.trim();
  if (name) return name;
  const at = student.address.indexOf('@');
  return at > 0 ? student.address.slice(0, at) : student.address;
}

/** The student's rule made from a preset (the newest when there are several), if any. */
export function presetRule(faults: readonly FaultRule[], preset: string): FaultRule | undefined {
  let found: FaultRule | undefined;
  for (const rule of faults) if (rule.preset === preset && (!found || rule.created > found.created)) found = rule;
  return found;
}

export function classRow(student: ClassStudent, overview: Pick<ClassOverview, 'scenarios'>): ClassRow {
  const scenario = student.currentScenario ? student.scenarios.find((s) => s.scenarioId === student.currentScenario) : undefined;
  const title = scenario
    ? (overview.scenarios.find((s) => s.id === scenario.scenarioId)?.title ?? { ru: scenario.scenarioId, en: scenario.scenarioId })
    : undefined;
  const current =
    scenario && title
      ? { scenario, title, stepNumber: scenario.status === 'done' ? scenario.stepsTotal : Math.min(scenario.stepsPassed + 1, scenario.stepsTotal) }
      : null;
  const checks: Checks = scenario
    ? { passed: scenario.passedChecks, pending: scenario.pendingChecks, failed: scenario.failedChecks }
    : { passed: 0, pending: 0, failed: 0 };
  const stuck = scenario?.status === 'in-progress' && (scenario.failedChecks > 0 || scenario.currentStep?.state === 'failed');
  return {
    student,
    label: studentLabel(student),
    current,
    checks,
    scenariosDone: student.scenarios.filter((s) => s.status === 'done').length,
    scenariosTotal: overview.scenarios.length,
    attention: Boolean(stuck) || student.lastSessions.some(sessionHighlighted),
    greylisting: presetRule(student.faults, 'greylisting'),
  };
}

const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0);
const passedSteps = (row: ClassRow) => row.student.scenarios.reduce((sum, s) => sum + s.stepsPassed, 0);
const byLabel = (a: ClassRow, b: ClassRow) => a.label.localeCompare(b.label, 'ru') || a.student.address.localeCompare(b.student.address);

const COMPARE: Record<SortKey, (a: ClassRow, b: ClassRow) => number> = {
  name: byLabel,
  // Newest first; nothing done yet goes last.
  activity: (a, b) => time(b.student.lastActivityAt) - time(a.student.lastActivityAt) || byLabel(a, b),
  progress: (a, b) => b.scenariosDone - a.scenariosDone || passedSteps(b) - passedSteps(a) || byLabel(a, b),
  attention: (a, b) =>
    Number(b.attention) - Number(a.attention) ||
    b.checks.failed - a.checks.failed ||
    b.student.sessionsWithErrors - a.student.sessionsWithErrors ||
    b.student.alertsFailed - a.student.alertsFailed ||
    byLabel(a, b),
};

/** The rows in the chosen order (stable: equal rows by name, then address). */
export function sortRows(rows: readonly ClassRow[], key: SortKey): ClassRow[] {
  return [...rows].sort(COMPARE[key]);
}

/** Rows whose name or address contains every word of the query (case-insensitive). */
export function filterRows(rows: readonly ClassRow[], query: string): ClassRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const text = `${row.label} ${row.student.name ?? ''} ${row.student.address}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export function classRows(overview: ClassOverview, key: SortKey, query = ''): ClassRow[] {
  return sortRows(
    filterRows(
      overview.students.map((s) => classRow(s, overview)),
      query,
    ),
    key,
  );
}

export function classSummary(overview: ClassOverview): ClassSummary {
  const rows = overview.students.map((s) => classRow(s, overview));
  const total = overview.scenarios.length;
  return {
    students: rows.length,
    working: rows.filter((r) => r.student.scenarios.some((s) => s.status === 'in-progress')).length,
    done: total === 0 ? 0 : rows.filter((r) => r.scenariosDone >= total).length,
    attention: rows.filter((r) => r.attention).length,
  };
}

/** The frames after which the class looks different (the page fetches it again, throttled). */
const RELEVANT = new Set([
  'scenario-progress',
  'scenario-reset',
  'session',
  'sessions-cleared',
  'new',
  'delete',
  'truncate',
  'alert',
  'fault',
  'faults-changed',
  'class-changed',
]);

export function changesClass(type: string): boolean {
  return RELEVANT.has(type);
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The created accounts as the CSV an instructor hands on (name,address,password), one line each. */
export function passwordsCsv(created: ReadonlyArray<{ name: string; address: string; password: string }>): string {
  return ['name,address,password', ...created.map((c) => [c.name, c.address, c.password].map(csvField).join(','))].join('\n') + '\n';
}

/** The presets offered in a row's select: every preset but greylisting (it has its own switch) and those already on. */
export function otherPresets<P extends { id: string }>(presets: readonly P[], faults: readonly FaultRule[]): P[] {
  return presets.filter((p) => p.id !== 'greylisting' && !faults.some((r) => r.preset === p.id));
}
