// What the Scenarios panel, tab and report read out of the server's shapes, as pure functions
// (tested without a browser): an instruction's text cut into prose and `code`, which step is the
// student's current one, how far a scenario is, which of two progress records is the newer, and
// whether the lab runs with the profile a scenario is written for.
import type { Scenario, ScenarioCatalogue, ScenarioProgress, ScenarioStep, StepProgress } from '../../../lab/scenarios/scenario-types.js';
import type { Bilingual } from '../../../server/wire/bilingual.js';
import type { ListenerInfo } from '../../../server/wire/sessions.js';

export type ScenarioEntry = ScenarioCatalogue['scenarios'][number];

export interface Segment {
  kind: 'text' | 'code';
  text: string;
}

/** One line of an instruction: prose, and what is `backticked` as code (a lone backtick stays prose). */
export function segments(line: string): Segment[] {
  const out: Segment[] = [];
  const push = (kind: Segment['kind'], text: string) => {
    if (text === '') return;
    const last = out.at(-1);
    if (last && last.kind === 'text' && kind === 'text') last.text += text;
    else out.push({ kind, text });
  };
  let rest = line;
  for (;;) {
    const open = rest.indexOf('`');
    const close = open < 0 ? -1 : rest.indexOf('`', open + 1);
    if (close < 0) {
      push('text', rest);
      return out;
    }
    push('text', rest.slice(0, open));
    push('code', rest.slice(open + 1, close));
    rest = rest.slice(close + 1);
  }
}

/** An instruction's text as its lines (the YAML's line breaks are the author's), each cut into segments. */
export function instructionLines(text: string): Segment[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(segments);
}

export type EntryStatus = 'not-started' | 'running' | 'completed';

export function entryStatus(entry: ScenarioEntry): EntryStatus {
  if (!entry.progress) return 'not-started';
  return entry.progress.completedAt ? 'completed' : 'running';
}

/** A step's progress, by its id (the server sends them in the scenario's order; the id is what ties them). */
export function stepProgress(progress: ScenarioProgress | null, stepId: string): StepProgress | undefined {
  return progress?.steps.find((s) => s.id === stepId);
}

/** The index of the first step not passed yet; -1 before the start and once every step passed. */
export function currentStepIndex(entry: ScenarioEntry): number {
  if (!entry.progress) return -1;
  return entry.scenario.steps.findIndex((step) => stepProgress(entry.progress, step.id)?.state !== 'passed');
}

export function passedCount(entry: ScenarioEntry): number {
  return entry.scenario.steps.filter((step) => stepProgress(entry.progress, step.id)?.state === 'passed').length;
}

export type StepMark = 'passed' | 'failed' | 'pending' | 'not-started';

export function stepMark(progress: ScenarioProgress | null, stepId: string): StepMark {
  return progress ? (stepProgress(progress, stepId)?.state ?? 'pending') : 'not-started';
}

export const MARK_SIGN: Record<StepMark, string> = { passed: '✓', failed: '✗', pending: '·', 'not-started': '·' };

export interface HintShown {
  text: Bilingual;
  /** 1-based: the latest hint is the n-th of the step's `of`. */
  n: number;
  of: number;
}

/** The latest hint shown for a step (hints escalate on the server: one more per failure and while stuck). */
export function latestHint(step: ScenarioStep, progress: StepProgress | undefined): HintShown | undefined {
  const hints = progress?.hints ?? [];
  const text = hints.at(-1);
  return text ? { text, n: hints.length, of: Math.max(step.hints.length, hints.length) } : undefined;
}

/**
 * The scenario the side panel shows: the student's choice, else the one running that was started
 * last, else the one started last (completed: the panel says so and offers the next), else the
 * first (where a newcomer begins).
 */
export function focusedEntry(entries: readonly ScenarioEntry[], focus: string | undefined): ScenarioEntry | undefined {
  const chosen = focus === undefined ? undefined : entries.find((e) => e.scenario.id === focus);
  if (chosen) return chosen;
  const latest = (list: ScenarioEntry[]) =>
    list.reduce<ScenarioEntry | undefined>((best, e) => (!best || (e.progress?.startedAt ?? '') > (best.progress?.startedAt ?? '') ? e : best), undefined);
  return latest(entries.filter((e) => entryStatus(e) === 'running')) ?? latest(entries.filter((e) => e.progress !== null)) ?? entries[0];
}

/** The catalogue in its order (the server sends it so; `order` is what the files say). */
export function inOrder(entries: readonly ScenarioEntry[]): ScenarioEntry[] {
  return [...entries].sort((a, b) => a.scenario.order - b.scenario.order || a.scenario.id.localeCompare(b.scenario.id));
}

/** How far a record has got: passed steps stay passed, attempts and hints only grow. */
function advance(progress: ScenarioProgress): number {
  return progress.steps.reduce((sum, s) => sum + (s.state === 'passed' ? 1_000_000 : 0) + s.attempts * 1000 + s.hints.length, 0);
}

/**
 * Of two records of the same scenario (a live frame, a start's answer, a fetch), the one to keep:
 * a later start wins; of the same start, the one further along, the incoming one when equal (its
 * words may be newer). The stream and the HTTP answers may arrive in either order.
 */
export function newerProgress(kept: ScenarioProgress | null, incoming: ScenarioProgress): ScenarioProgress {
  if (!kept || kept.startedAt !== incoming.startedAt) return !kept || incoming.startedAt > kept.startedAt ? incoming : kept;
  return advance(incoming) >= advance(kept) ? incoming : kept;
}

/** The entries with this progress in its scenario (the same array when it changes nothing). */
export function withProgress(entries: readonly ScenarioEntry[], progress: ScenarioProgress): readonly ScenarioEntry[] {
  let changed = false;
  const next = entries.map((entry) => {
    if (entry.scenario.id !== progress.scenarioId) return entry;
    const kept = newerProgress(entry.progress, progress);
    if (kept === entry.progress) return entry;
    changed = true;
    return { ...entry, progress: kept };
  });
  return changed ? next : entries;
}

/**
 * A fetched catalogue, keeping what the stream brought while it was on its way (a record of the
 * same start further along). A scenario the fetch says is not started is not started: a reset
 * sends no frame.
 */
export function mergeCatalogue(fetched: readonly ScenarioEntry[], kept: readonly ScenarioEntry[]): ScenarioEntry[] {
  const before = new Map(kept.map((e) => [e.scenario.id, e.progress]));
  return inOrder(
    fetched.map((entry) => {
      const old = before.get(entry.scenario.id);
      if (!entry.progress || !old) return entry;
      const progress = newerProgress(entry.progress, old);
      return progress === entry.progress ? entry : { ...entry, progress };
    }),
  );
}

/** Addresses are compared without case, as the server does. */
export const sameStudent = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

export interface ProfileAdvice {
  /** The profile the scenario is written for. */
  wanted: string;
  /** What the TLS listeners run now; undefined when none runs. */
  running: string | undefined;
}

/**
 * Whether the lab must be started again for this scenario: its setup names a profile of the TLS
 * listeners (smtps, submission; the plain port is always `open`) that none of them runs. Undefined
 * when the scenario names none, or when what runs is not known yet.
 */
export function profileAdvice(scenario: Scenario, listeners: readonly ListenerInfo[] | undefined): ProfileAdvice | undefined {
  const wanted = scenario.setup.profile;
  if (!wanted || !listeners) return undefined;
  const tls = listeners.filter((l) => l.Security !== 'none');
  if (tls.some((l) => l.Profile === wanted)) return undefined;
  return { wanted, running: tls[0]?.Profile };
}

/** The report's file name: the student and the day, nothing a file system minds. */
export function reportFileName(student: string, generatedAt: string): string {
  const day = generatedAt.slice(0, 10).replace(/[^0-9-]/g, '') || 'report';
  const who = student.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|[._]+$/g, '') || 'student';
  return `scenario-report-${who}-${day}.json`;
}
