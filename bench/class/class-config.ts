// What one `npm run bench:class` measures, and the command-line switches that change it.
// `--quick` is a smoke run (30 students, small loads, one round): it checks the bench works; its
// figures mean little.

export interface ClassBenchConfig {
  /** Students in the class (accounts, pages, objects). */
  students: number;
  /** Part 1: how many students act at once (sign in, set up, send and publish); all by default. */
  wave: number;
  /** Part 2: mails of each timed capture load, and of its warm-up. */
  mails: number;
  warmupMails: number;
  /** Part 2: smtp-source processes running at once (one connection each). */
  lanes: number;
  /** smtp-source payload per mail (-l), without its headers. */
  mailBytes: number;
  /** Part 2: rounds of the scoped-against-baseline comparison, each on fresh servers. */
  rounds: number;
  /** Which parts to run. */
  parts: { scale: boolean; filter: boolean };
  /** Profile the lab of part 1 (and of the first scoped load of part 2) into this folder. */
  profile: string | null;
  out: string;
}

const FULL: ClassBenchConfig = {
  students: 300,
  wave: 300,
  mails: 20_000,
  warmupMails: 1_000,
  lanes: 10,
  mailBytes: 4096,
  rounds: 3,
  parts: { scale: true, filter: true },
  profile: null,
  out: 'bench/results',
};

const QUICK: Partial<ClassBenchConfig> = { students: 30, wave: 30, mails: 2_000, warmupMails: 200, rounds: 1 };

export class ClassUsageError extends Error {}

export const USAGE = `usage: node dist/bench/class/run-class.js [--quick] [--students N] [--wave N] [--mails N] [--lanes N] [--rounds N] [--only scale|filter] [--profile DIR] [--out DIR]
  --quick        30 students, 2,000 mails, one round: checks the bench works (its figures mean little)
  --students N   the class (default 300)
  --wave N       part 1: students acting at once (default: all of them)
  --mails N      part 2: mails of each timed capture load (default 20,000)
  --lanes N      part 2: smtp-source processes at once, one connection each (default 10)
  --rounds N     part 2: rounds of scoped against baseline (default 3)
  --only PART    scale (part 1: the class at once) or filter (part 2: the capture path's cost)
  --profile DIR  CPU profiles of the lab (part 1, and the first scoped load of part 2), hot spots listed
  --out DIR      where class-latest.json and class-latest.svg go (default bench/results)`;

function whole(value: string | undefined, flag: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ClassUsageError(`${flag} needs a whole number ≥ ${min}\n${USAGE}`);
  return n;
}

export function parseClassArgs(argv: readonly string[]): ClassBenchConfig {
  const rest = [...argv];
  // --quick sets the base; the other switches override it whatever their order.
  const config: ClassBenchConfig = { ...FULL, ...(rest.includes('--quick') ? QUICK : {}) };
  let waveGiven = false;
  while (rest.length > 0) {
    const arg = rest.shift() as string;
    switch (arg) {
      case '--quick':
        break;
      case '--students':
        config.students = whole(rest.shift(), arg);
        break;
      case '--wave':
        config.wave = whole(rest.shift(), arg);
        waveGiven = true;
        break;
      case '--mails':
        config.mails = whole(rest.shift(), arg);
        break;
      case '--lanes':
        config.lanes = whole(rest.shift(), arg);
        break;
      case '--rounds':
        config.rounds = whole(rest.shift(), arg);
        break;
      case '--only': {
        const part = rest.shift();
        if (part !== 'scale' && part !== 'filter') throw new ClassUsageError(`--only needs scale or filter\n${USAGE}`);
        config.parts = { scale: part === 'scale', filter: part === 'filter' };
        break;
      }
      case '--profile':
      case '--out': {
        const dir = rest.shift();
        if (!dir) throw new ClassUsageError(`${arg} needs a directory\n${USAGE}`);
        if (arg === '--profile') config.profile = dir;
        else config.out = dir;
        break;
      }
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new ClassUsageError(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (!waveGiven || config.wave > config.students) config.wave = config.students;
  config.warmupMails = Math.min(config.warmupMails, config.mails);
  return config;
}
