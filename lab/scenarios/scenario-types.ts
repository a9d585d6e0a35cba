// A lab scenario as its file says it (scenarios/*.yaml, read by scenario-file.ts), and the
// progress of one student through it as the routes, the CLI and the browser's panel carry it.
// Checks are data: each kind names what the server must have recorded (check-*.ts evaluate
// them); nothing here is a student's own claim. Types only: the browser imports this file too.
import type { Bilingual } from '../../server/wire/bilingual.js';

/** A reply code, or its class: 503, '5xx', '4xx'. */
export type CodeOrClass = number | '2xx' | '3xx' | '4xx' | '5xx';

/**
 * What a check looks for. Every field given must hold. Records count only when they began after
 * the student started the scenario, and are the student's (server/wire/faults.ts explains the
 * same attribution: AUTH'd as the student, sent by the lab for the student, or, without AUTH,
 * made while the student is the one working).
 */
export type Check =
  /** A session: its listener, the commands it sent (and did not), the replies it got, TLS, AUTH, a stored mail, typed by hand. */
  | {
      kind: 'session';
      listener?: string;
      commands?: string[];
      without?: string[];
      /** A command answered with a code or class: `{ command: 'DATA', code: 503 }`. */
      replies?: { command: string; code: CodeOrClass }[];
      tls?: boolean;
      auth?: boolean;
      mail?: boolean;
      /** The given commands came at a person's pace (each at least 300 ms after the reply before it). */
      typedByHand?: string[];
    }
  /** The student's lab account, with at least this many app passwords. */
  | { kind: 'account'; appPasswords?: number }
  /** The student's saved integration. */
  | { kind: 'integration'; security?: 'ssl' | 'starttls' | 'none'; preset?: string }
  /** A test e-mail (the Lab tab's, or send-test): its outcome, a reply code among its attempts, how many attempts. */
  | {
      kind: 'test-email';
      outcome: 'sent' | 'failed' | 'partial';
      code?: CodeOrClass;
      minAttempts?: number;
      maxAttempts?: number;
      /** A reply among its attempts was injected by a fault rule. */
      injected?: boolean;
      /** Only after a passed check of this step (the error gallery: fix, then succeed). */
      after?: string;
    }
  /** An automaton of the student's with «Отправить e-mail» (in the state of that name, if given). */
  | { kind: 'automaton-email'; state?: string }
  /** An alert of the student's objects: sent, its subject matching, from an object fed this way. */
  | {
      kind: 'alert';
      /** The channel it went by: e-mail unless named (the lab's send-sms, send-telegram, send-discord). */
      channel?: 'email' | 'sms' | 'telegram' | 'discord';
      status?: 'sent' | 'failed';
      subject?: string;
      source?: 'mqtt' | 'simulator' | 'playback' | 'manual';
      minAlerts?: number;
      withinSeconds?: number;
    }
  /** Alert storm, the cure: an object whose telemetry crossed `threshold` at least `crossings` times with at most `maxAlerts` alerts. */
  | { kind: 'calm-alerts'; parameter: string; threshold: number; crossings: number; maxAlerts: number };

export type CheckKind = Check['kind'];

export interface ScenarioStep {
  id: string;
  title: Bilingual;
  instructions: Bilingual;
  check: Check;
  /** What to try next, from gentle to explicit: one more is shown each time the step fails, and every 3 minutes stuck. */
  hints: Bilingual[];
}

export interface ScenarioSetup {
  /** The TLS listeners' profile the scenario is written for; the panel says how to start the lab with it. */
  profile?: string;
  /** Fault rules switched on for the student while the scenario runs (presets, or the one-line form of lab/FAULTS.md). */
  faults?: string[];
  /** An automaton export (and model) of lab/automaton/examples/ put in the student's library at start. */
  automaton?: string;
  model?: string;
  /** The scenario needs a signed-in lab account (the CLI: --student). */
  account?: boolean;
}

export interface Scenario {
  id: string;
  /** Its place in the catalogue. */
  order: number;
  title: Bilingual;
  goal: Bilingual;
  /** The section of the practical work (../shared/seed/practical-work-12.ru.md) it follows. */
  handout: Bilingual;
  setup: ScenarioSetup;
  steps: ScenarioStep[];
}

export type StepState = 'pending' | 'passed' | 'failed';

export interface StepProgress {
  id: string;
  state: StepState;
  /** When it passed (ISO); it stays passed. */
  passedAt: string | null;
  /** Attempts that counted for this step (records that failed it, then the one that passed). */
  attempts: number;
  /** What went wrong with the last failed attempt, in words. */
  reason: Bilingual | null;
  /** The hints shown so far (escalating), the current one last. */
  hints: Bilingual[];
  /** The record that passed it (a session id, a mail id, an alert id, …). */
  evidence: string | null;
}

export interface ScenarioProgress {
  scenarioId: string;
  student: string;
  startedAt: string;
  /** When every step had passed. */
  completedAt: string | null;
  steps: StepProgress[];
}

/** GET /api/lab/scenarios: the catalogue and the student's progress in each. */
export interface ScenarioCatalogue {
  student: string;
  scenarios: { scenario: Scenario; progress: ScenarioProgress | null }[];
}

/** GET /api/lab/scenarios/report: everything a report page prints. */
export interface ScenarioReport {
  student: string;
  generatedAt: string;
  scenarios: { id: string; title: Bilingual; progress: ScenarioProgress | null; steps: { id: string; title: Bilingual }[] }[];
}
