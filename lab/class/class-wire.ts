// Class mode over HTTP (/api/lab/class/…, a signed-in instructor or the CLI's admin token): the
// class at a glance, the roster import, the class report, faults for one student or the class.
// What the server answers and the Instructor page and the CLI read. Types only.
import type { FaultRule } from '../../server/wire/faults.js';
import type { SessionSummary } from '../../server/wire/sessions.js';
import type { StepState } from '../scenarios/scenario-types.js';

/** One student's place in one scenario. */
export interface StudentScenario {
  scenarioId: string;
  /** not-started: never opened; done: every step passed. */
  status: 'not-started' | 'in-progress' | 'done';
  stepsPassed: number;
  stepsTotal: number;
  /** The first step not passed (its id and title), null when done or not started. */
  currentStep: { id: string; title: { ru: string; en: string }; state: StepState } | null;
  failedChecks: number;
  pendingChecks: number;
  passedChecks: number;
  startedAt: string | null;
  completedAt: string | null;
}

/** One row of the Instructor page. */
export interface ClassStudent {
  address: string;
  name: string | null;
  /** The scenario the student touched last, or null. */
  currentScenario: string | null;
  scenarios: StudentScenario[];
  /** The student's newest sessions (at most 5), errors counted in each. */
  lastSessions: SessionSummary[];
  sessionCount: number;
  sessionsWithErrors: number;
  messages: number;
  /** Alerts the student's automatons sent (e-mail and the other channels), and how many failed. */
  alertsSent: number;
  alertsFailed: number;
  /** Fault rules scoped to this student. */
  faults: FaultRule[];
  /** The newest thing the student did (a session, an alert, a step), ISO time, or null. */
  lastActivityAt: string | null;
}

/** GET /api/lab/class */
export interface ClassOverview {
  classMode: boolean;
  scenarios: Array<{ id: string; title: { ru: string; en: string }; steps: number }>;
  students: ClassStudent[];
  /** Fault rules for the whole class (scope lab). */
  classFaults: FaultRule[];
}

/** One line of a roster (CSV: name,address). */
export interface RosterEntry {
  name: string;
  address: string;
}

/** A roster line that cannot be imported: nothing is imported then (all or nothing). */
export interface RosterProblem {
  /** 1-based line of the file. */
  line: number;
  text: { ru: string; en: string };
}

/** POST /api/lab/class/roster → 201; the first passwords are in this answer only. */
export interface RosterImportResult {
  created: Array<{ address: string; name: string; password: string }>;
  /** Already an account: left as it is (its password unchanged). */
  existing: string[];
  /** Accounts that could not be created though the roster was valid (the disk refused, …); rare. */
  notCreated?: Array<{ address: string; text: { ru: string; en: string } }>;
  /** Whether the lab is a class now: without it (no --class, no instructor) students see each other's mail. */
  classMode: boolean;
}

/** 400 roster_invalid carries the problems beside its `error` (and nothing was imported); each is also in error.fields as "line N". */
export interface RosterInvalid {
  problems: RosterProblem[];
}

/** GET /api/lab/class/report(.json) */
export interface ClassReport {
  generatedAt: string;
  scenarios: Array<{ id: string; title: { ru: string; en: string }; steps: number }>;
  students: Array<{ address: string; name: string | null; scenarios: StudentScenario[] }>;
}

/** POST /api/lab/class/faults: a preset (or rule) for one student, or (no student) the class. */
export interface ClassFaultRequest {
  student?: string;
  preset?: string;
  rule?: unknown;
}

/** DELETE /api/lab/class/faults/:id → 204; POST /api/lab/class/faults → 201 with the FaultRule. */
export type ClassFaultResponse = FaultRule;

/** The live hint of the Instructor page (audience: overseers): refetch GET /api/lab/class. */
export interface ClassChanged {
  reason: 'roster';
}
