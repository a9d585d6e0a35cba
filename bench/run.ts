// `npm run bench`: the lab's capture path against a bare smtp-server, measured in the same run
// and reported as ratios (the machine is shared, so absolute figures drift from run to run).
// Writes bench/results/latest.json and latest.svg; progress goes to stderr, the summary to stdout.
// Method and figures: bench/README.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { findPackageInfo } from '../server/common/package-info.js';
import { BenchUsageError, parseBenchArgs, type BenchConfig, type LoadShape } from './bench-config.js';
import { measureLatency } from './latency.js';
import { measureMemory } from './memory.js';
import { formatProfile, summarizeProfile } from './profile-summary.js';
import { note } from './progress.js';
import { checkTargets, describeMachine, describeSource, summarizePattern, type BenchResults, type LabVariant } from './results.js';
import { checkSmtpSource } from './smtp-source.js';
import { renderChart } from './svg-chart.js';
import { measureThroughput, VARIANTS, type ThroughputRun, type Variant } from './throughput.js';

/**
 * Each round measures all three servers back to back and rotates their order, so that a burst
 * of other work on the machine hits a different server each round instead of always the same.
 */
function orderOf(round: number): Variant[] {
  const shift = (round - 1) % VARIANTS.length;
  return [...VARIANTS.slice(shift), ...VARIANTS.slice(0, shift)];
}

async function throughputRounds(config: BenchConfig, shape: LoadShape): Promise<ThroughputRun[]> {
  const runs: ThroughputRun[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    for (const variant of orderOf(round)) runs.push(await measureThroughput(variant, shape, config.mailBytes, round));
  }
  return runs;
}

/**
 * Profiles the lab and, for comparison, the bare server under the same loads. The profiles cover
 * each child's whole life (start-up and warm-up included); compare the shares, not the totals.
 */
async function profileServers(config: BenchConfig, outDir: string): Promise<void> {
  const dir = join(outDir, 'profiles');
  mkdirSync(dir, { recursive: true });
  for (const [name, shape] of [
    ['reused', config.reused],
    ['per-connection', config.perConnection],
  ] as const) {
    for (const variant of ['bare', 'lab-default'] as const) {
      const file = `${variant}-${name}.cpuprofile`;
      const run = await measureThroughput(variant, shape, config.mailBytes, 1, { cpuProfile: { dir, name: file } });
      const text = `${run.serverCpuMsPerThousand} ms server CPU per 1,000 mails (timed load, profiler on)\n${formatProfile(summarizeProfile(join(dir, file)))}`;
      writeFileSync(join(dir, `${variant}-${name}.txt`), `${text}\n`);
      process.stdout.write(`\n${text}\n`);
    }
  }
  note(`profiles and their summaries are in ${dir} (open a .cpuprofile in Chrome DevTools → Performance)`);
}

function printSummary(results: BenchResults): void {
  const lines = [
    `smtp-lab bench: ${results.machine.nproc} × ${results.machine.cpuModel}, Node ${results.machine.node}`,
    ...results.targets.map((t) => `  ${t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${t.measured} (target ${t.target})`),
  ];
  for (const [key, pattern] of Object.entries(results.throughput)) {
    const cost = pattern.cpuCostToBare;
    const range = (v: LabVariant) => `×${cost[v].median}${cost[v].values.length > 1 ? ` (rounds ×${cost[v].min}–×${cost[v].max})` : ''}`;
    lines.push(`  server CPU per mail vs bare, ${key}: lab-100ms ${range('lab-100ms')}, lab-default ${range('lab-default')}`);
  }
  if (results.problems.length > 0) lines.push('  problems:', ...results.problems.map((p) => `    ${p}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const config = parseBenchArgs(process.argv.slice(2));
  if (config.render) {
    const results = JSON.parse(readFileSync(config.render, 'utf8')) as BenchResults;
    const svg = join(dirname(resolve(config.render)), 'latest.svg');
    writeFileSync(svg, renderChart(results));
    note(`wrote ${svg}`);
    return;
  }
  checkSmtpSource();
  const root = findPackageInfo().root;
  const outDir = resolve(config.outDir ?? join(root, 'bench', 'results'));
  mkdirSync(outDir, { recursive: true });
  if (config.profile) {
    await profileServers(config, outDir);
    return;
  }

  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const source = describeSource(root);
  note(`${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`);
  const reusedRuns = await throughputRounds(config, config.reused);
  const perConnectionRuns = await throughputRounds(config, config.perConnection);
  const latency = await measureLatency(config);
  const memory = [await measureMemory(config, true), await measureMemory(config, false)];
  const throughput = {
    reused: summarizePattern(config.reused, reusedRuns),
    perConnection: summarizePattern(config.perConnection, perConnectionRuns),
  };
  const problems = [
    ...reusedRuns.flatMap((r) => r.problems.map((p) => `reused ${r.variant} round ${r.round}: ${p}`)),
    ...perConnectionRuns.flatMap((r) => r.problems.map((p) => `per-connection ${r.variant} round ${r.round}: ${p}`)),
    ...latency.problems.map((p) => `latency: ${p}`),
    ...memory.flatMap((m) => m.problems.map((p) => `memory: ${p}`)),
  ];
  const results: BenchResults = {
    schema: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100) },
    source,
    config,
    throughput,
    latency,
    memory,
    targets: checkTargets({ throughput, latency, memory }),
    problems,
  };
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.svg'), renderChart(results));
  note(`wrote ${join(outDir, 'latest.json')} and ${join(outDir, 'latest.svg')}`);
  printSummary(results);
}

main().catch((err: unknown) => {
  const detail = err instanceof BenchUsageError ? err.message : ((err as Error).stack ?? String(err));
  process.stderr.write(`bench failed: ${detail}\n`);
  process.exit(1);
});
