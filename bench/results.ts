// The results of one bench run: the machine, every measurement, the same-run ratios, and each
// target with whether it was met. Written as bench/results/latest.json.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { BenchConfig } from './bench-config.js';
import type { LatencyResult } from './latency.js';
import type { MemoryResult } from './memory.js';
import { spread, type Spread } from './stats.js';
import { VARIANTS, type ThroughputRun, type Variant } from './throughput.js';

export interface Machine {
  nproc: number;
  cpuModel: string;
  node: string;
  kernel: string;
  totalMemoryMb: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

/** Which code was measured: the commit, and the server files that differed from it. */
export interface SourceState {
  commit: string | null;
  uncommittedServerFiles: string[];
}

export type LabVariant = Exclude<Variant, 'bare'>;

export interface PatternResult {
  sessions: number;
  mails: number;
  reuse: boolean;
  runs: ThroughputRun[];
  mailsPerSecond: Record<Variant, Spread>;
  /** Lab mails/s ÷ bare mails/s of the same round, over the rounds. */
  ratioToBare: Record<LabVariant, Spread>;
  serverCpuMsPerThousand: Record<Variant, Spread>;
  /** Lab CPU per mail ÷ bare CPU per mail of the same round. */
  cpuCostToBare: Record<LabVariant, Spread>;
}

export interface TargetCheck {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResults {
  schema: 1;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  source: SourceState;
  config: BenchConfig;
  throughput: { reused: PatternResult; perConnection: PatternResult };
  latency: LatencyResult;
  /** With the live subscriber (the target's figure), then with none. */
  memory: MemoryResult[];
  targets: TargetCheck[];
  problems: string[];
}

export const LAB_VARIANTS: LabVariant[] = ['lab-100ms', 'lab-default'];

export function describeMachine(): Machine {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux: os.cpus() has it
  }
  return {
    nproc: cpus().length,
    cpuModel,
    node: process.version,
    kernel: release(),
    totalMemoryMb: Math.round(totalmem() / (1024 * 1024)),
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

export function describeSource(root: string): SourceState {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    // Porcelain lines are "XY path": two status columns, a space, the path.
    const status = git('status', '--porcelain', '--', 'server')
      .split('\n')
      .filter((l) => l.length > 3);
    return { commit: git('rev-parse', 'HEAD').trim(), uncommittedServerFiles: status.map((l) => l.slice(3)) };
  } catch {
    // Not a git checkout (an installed package): nothing to record.
    return { commit: null, uncommittedServerFiles: [] };
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;

function rounded(s: Spread): Spread {
  return { median: round2(s.median), min: round2(s.min), max: round2(s.max), values: s.values.map(round2) };
}

export function summarizePattern(shape: { sessions: number; mails: number; reuse: boolean }, runs: ThroughputRun[]): PatternResult {
  const rounds = [...new Set(runs.map((r) => r.round))];
  const runOf = (variant: Variant, round: number) => runs.find((r) => r.variant === variant && r.round === round);
  const per = (pick: (r: ThroughputRun) => number) =>
    Object.fromEntries(VARIANTS.map((v) => [v, spread(runs.filter((r) => r.variant === v).map(pick))])) as Record<Variant, Spread>;
  const ratio = (pick: (r: ThroughputRun) => number) =>
    Object.fromEntries(
      LAB_VARIANTS.map((v) => [
        v,
        rounded(
          spread(
            rounds.map((round) => {
              const lab = runOf(v, round);
              const bare = runOf('bare', round);
              return lab && bare ? pick(lab) / pick(bare) : Number.NaN;
            }),
          ),
        ),
      ]),
    ) as Record<LabVariant, Spread>;
  return {
    ...shape,
    runs,
    mailsPerSecond: per((r) => r.mailsPerSecond),
    ratioToBare: ratio((r) => r.mailsPerSecond),
    serverCpuMsPerThousand: per((r) => r.serverCpuMsPerThousand),
    cpuCostToBare: ratio((r) => r.serverCpuMsPerThousand),
  };
}

const percent = (v: number) => `${Math.round(v * 100)} %`;
const spreadText = (s: Spread, format: (v: number) => string) =>
  s.values.length > 1 ? `${format(s.median)} (rounds ${format(s.min)}–${format(s.max)})` : format(s.median);

export function checkTargets(results: Pick<BenchResults, 'throughput' | 'latency' | 'memory'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const [pattern, label] of [
    ['reused', '10 reused connections'],
    ['perConnection', 'a new connection per mail'],
  ] as const) {
    for (const variant of LAB_VARIANTS) {
      const ratio = results.throughput[pattern].ratioToBare[variant];
      checks.push({
        name: `throughput, ${label}, ${variant} vs bare`,
        target: '≥ 50 % of the bare server',
        measured: spreadText(ratio, percent),
        met: ratio.median >= 0.5,
      });
    }
  }
  for (const [key, label] of [
    ['quiet', 'idle'],
    ['underLoad', 'under load'],
  ] as const) {
    const latency = results.latency[key];
    checks.push({
      name: `250 → new event p99, ${label}`,
      target: '< 100 ms',
      measured: `p99 ${latency.p99Ms} ms, p50 ${latency.p50Ms} ms (end of data → new: p99 ${latency.fromDataEnd.p99Ms} ms), ${latency.samples} samples, ${latency.missing} missing`,
      met: latency.p99Ms < 100 && latency.missing === 0,
    });
  }
  for (const memory of results.memory) {
    checks.push({
      name: `resident memory after ${memory.mails} mails, ${memory.subscriber ? 'one live subscriber' : 'no subscriber'}`,
      target: '< 300 MB',
      measured: `${memory.loaded.rssMb} MB (after a forced GC ${memory.loadedAfterGc.rssMb} MB; heap used ${memory.loadedAfterGc.heapUsedMb} MB, mail bytes ${memory.loadedAfterGc.arrayBuffersMb} MB)`,
      met: memory.loaded.rssMb < 300,
    });
  }
  return checks;
}
