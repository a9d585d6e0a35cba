// What one `npm run bench` measures, and the command-line switches that change it.
// `npm run bench -- --quick` is a smoke run (small counts, one round); `--profile` profiles the
// lab instead of comparing it (see bench/README.md).

export interface LoadShape {
  sessions: number;
  mails: number;
  warmupMails: number;
  reuse: boolean;
}

export interface BenchConfig {
  rounds: number;
  /** smtp-source payload per mail (-l), without its headers. */
  mailBytes: number;
  reused: LoadShape;
  perConnection: LoadShape;
  latency: {
    /** Probe mails sent on an otherwise idle lab. */
    quietMails: number;
    /** Background load while the probe runs (10 reused connections). */
    load: LoadShape;
    /** At most this many probe mails during the load. */
    maxLoadedProbes: number;
  };
  memory: LoadShape;
  profile: boolean;
  /** Where latest.json and latest.svg go; bench/results by default. */
  outDir?: string;
  /** Redraw the chart from this results file instead of measuring. */
  render?: string;
}

const FULL: BenchConfig = {
  rounds: 3,
  mailBytes: 4096,
  reused: { sessions: 10, mails: 20_000, warmupMails: 1_000, reuse: true },
  perConnection: { sessions: 100, mails: 5_000, warmupMails: 500, reuse: false },
  latency: {
    quietMails: 1_000,
    load: { sessions: 10, mails: 20_000, warmupMails: 0, reuse: true },
    maxLoadedProbes: 5_000,
  },
  memory: { sessions: 100, mails: 20_000, warmupMails: 0, reuse: false },
  profile: false,
};

const QUICK: BenchConfig = {
  ...FULL,
  rounds: 1,
  reused: { ...FULL.reused, mails: 2_000, warmupMails: 200 },
  perConnection: { ...FULL.perConnection, mails: 500, warmupMails: 100 },
  latency: { quietMails: 100, load: { ...FULL.latency.load, mails: 2_000 }, maxLoadedProbes: 500 },
  memory: { ...FULL.memory, mails: 2_000 },
};

/** A bad command line: run.ts prints the message (with the usage) and no stack. */
export class BenchUsageError extends Error {}

export const USAGE = `usage: node dist/bench/run.js [--quick] [--rounds N] [--profile] [--out DIR] [--render FILE]
  --quick        small counts, one round (a smoke run; its figures mean little)
  --rounds N     rounds of the throughput comparison (default 3)
  --profile      profile the lab and the bare server (--cpu-prof) under the throughput loads; list the hot spots
  --out DIR      write latest.json and latest.svg there instead of bench/results
  --render FILE  redraw the chart (latest.svg next to FILE) from a results file; measures nothing`;

export function parseBenchArgs(argv: readonly string[]): BenchConfig {
  let config: BenchConfig = { ...FULL };
  const rest = [...argv];
  const overrides: Partial<BenchConfig> = {};
  while (rest.length > 0) {
    const arg = rest.shift() as string;
    switch (arg) {
      case '--quick':
        config = { ...QUICK };
        break;
      case '--rounds': {
        const rounds = Number(rest.shift());
        if (!Number.isInteger(rounds) || rounds < 1) throw new BenchUsageError(`--rounds needs a whole number ≥ 1\n${USAGE}`);
        overrides.rounds = rounds;
        break;
      }
      case '--profile':
        overrides.profile = true;
        break;
      case '--out': {
        const dir = rest.shift();
        if (!dir) throw new BenchUsageError(`--out needs a directory\n${USAGE}`);
        overrides.outDir = dir;
        break;
      }
      case '--render': {
        const file = rest.shift();
        if (!file) throw new BenchUsageError(`--render needs a results file\n${USAGE}`);
        overrides.render = file;
        break;
      }
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new BenchUsageError(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  return { ...config, ...overrides };
}
