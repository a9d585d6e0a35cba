// `npm run bench:class`: one lab server for a whole class (issue 14). Part 1: 300 students sign
// in, open their pages, set up the practical work and then all at once send a test e-mail and
// trip their automaton over MQTT, while the instructor's page times every student's frames and
// each student's page counts frames about anyone else (there must be none). Part 2: what the
// per-inbox filtering costs the capture path, as a same-run ratio against one unscoped stream.
// Writes bench/results/class-latest.json and class-latest.svg; progress on stderr, the summary on
// stdout. A report, not a test: it exits 0 whether or not the targets are met. Method: bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { findPackageInfo } from '../../server/common/package-info.js';
import { note } from '../progress.js';
import { describeMachine, describeSource } from '../results.js';
import { checkSmtpSource } from '../smtp-source.js';
import { renderClassChart } from './class-chart.js';
import { ClassUsageError, parseClassArgs } from './class-config.js';
import { checkClassTargets, formatSummary, type ClassBenchResults } from './class-results.js';
import { measureClassScale } from './class-scale.js';
import { measureFilterCost } from './filter-cost.js';

async function main(): Promise<void> {
  const config = parseClassArgs(process.argv.slice(2));
  if (config.parts.filter) checkSmtpSource();
  const root = findPackageInfo().root;
  const outDir = resolve(root, config.out);
  mkdirSync(outDir, { recursive: true });
  if (config.profile) {
    config.profile = resolve(config.profile);
    mkdirSync(config.profile, { recursive: true });
  }
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  note(`${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`);
  const scale = config.parts.scale ? await measureClassScale(config) : undefined;
  const filter = config.parts.filter ? await measureFilterCost(config) : undefined;
  const problems = [
    ...(scale?.problems.map((p) => `class: ${p}`) ?? []),
    ...(filter?.runs.flatMap((r) => r.problems.map((p) => `filter ${r.variant} round ${r.round}: ${p}`)) ?? []),
  ];
  const results: ClassBenchResults = {
    schema: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100) },
    source: describeSource(root),
    config,
    ...(scale ? { scale } : {}),
    ...(filter ? { filter } : {}),
    targets: checkClassTargets({ ...(scale ? { scale } : {}), ...(filter ? { filter } : {}) }),
    problems,
  };
  const json = join(outDir, 'class-latest.json');
  const svg = join(outDir, 'class-latest.svg');
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(svg, renderClassChart(results));
  note(`wrote ${json} and ${svg}`);
  process.stdout.write(`${formatSummary(results)}\n`);
}

main().catch((err: unknown) => {
  const detail = err instanceof ClassUsageError ? err.message : ((err as Error).stack ?? String(err));
  process.stderr.write(`bench:class failed: ${detail}\n`);
  process.exit(1);
});
