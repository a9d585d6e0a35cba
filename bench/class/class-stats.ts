// The class bench's own arithmetic, kept pure so that test/bench/class-stats.test.ts can check it:
// which students a frame names, latency percentiles of matched pairs, the load generator's lanes,
// and the same-run ratio against its target.
import { percentile, spread, type Spread } from '../stats.js';
import { studentName } from './class-protocol.js';

const STUDENT_NAME = /stu\d{4}/g;

/** The students other than `own` a frame's text names (`stu0042`), each once. */
export function otherStudentsIn(text: string, own: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(STUDENT_NAME)) if (match[0] !== own) found.add(match[0]);
  return [...found];
}

export interface LatencyFigures {
  samples: number;
  /** Expected pairs whose second event never arrived. */
  missing: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const round1 = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : Number.NaN);

/**
 * From each start to its arrival, matched by key: `starts` are what the bench did (a 250 reply,
 * an MQTT publish), `arrivals` when the frame came. A start without an arrival is missing.
 */
export function pairLatency(starts: ReadonlyMap<string, number>, arrivals: ReadonlyMap<string, number>): LatencyFigures {
  const samples: number[] = [];
  let missing = 0;
  for (const [key, start] of starts) {
    const at = arrivals.get(key);
    if (at === undefined) missing++;
    else samples.push(at - start);
  }
  return {
    samples: samples.length,
    missing,
    p50Ms: round1(percentile(samples, 50)),
    p95Ms: round1(percentile(samples, 95)),
    p99Ms: round1(percentile(samples, 99)),
    maxMs: round1(samples.length > 0 ? Math.max(...samples) : Number.NaN),
  };
}

/** One smtp-source run of the capture load: `mails` plus-addressed to one student. */
export interface LaneRun {
  student: number;
  mails: number;
}

/**
 * The capture load spread over the students: `lanes` smtp-source processes at a time (one
 * connection each, like `-s lanes`), each lane running its students one after the other, so that
 * every student gets a share of the `mails` and the lanes never wait for one another. Lane l
 * takes students l, l + lanes, l + 2·lanes, …; the remainder of mails ÷ students goes to the first.
 */
export function planLanes(students: number, lanes: number, mails: number): LaneRun[][] {
  const perStudent = Math.floor(mails / students);
  const extra = mails % students;
  const plan: LaneRun[][] = Array.from({ length: Math.min(lanes, students) }, () => []);
  for (let student = 0; student < students; student++) {
    const count = perStudent + (student < extra ? 1 : 0);
    if (count > 0) plan[student % plan.length]!.push({ student, mails: count });
  }
  return plan.filter((lane) => lane.length > 0);
}

/** The plus-addressed recipient that routes a mail to a student's inbox: `x+stu0042@lab.local`. */
export function plusAddress(student: number): string {
  return `x+${studentName(student)}@lab.local`;
}

export interface RatioCheck {
  /** scoped ÷ baseline per round. */
  ratio: Spread;
  target: number;
  met: boolean;
}

/**
 * The same-run ratio of a cost (CPU per mail: higher is worse) or of a rate inverted (baseline
 * mails/s ÷ scoped mails/s), per round; met when the median is at most `target`.
 */
export function ratioCheck(pairs: readonly { scoped: number; baseline: number }[], target: number): RatioCheck {
  const ratio = spread(pairs.map((p) => (p.baseline > 0 ? p.scoped / p.baseline : Number.NaN)));
  const rounded = { ...ratio, median: round3(ratio.median), min: round3(ratio.min), max: round3(ratio.max), values: ratio.values.map(round3) };
  // Judged on the figure as printed, so that a ×1.05 shown is never reported as over ×1.05.
  return { ratio: rounded, target, met: Number.isFinite(rounded.median) && rounded.median <= target };
}

const round3 = (v: number) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : Number.NaN);
