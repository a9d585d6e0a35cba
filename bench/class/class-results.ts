// The results of one class bench run (bench/results/class-latest.json): the machine, both parts,
// each target with whether it was met, and the summary printed on stdout.
import type { Machine, SourceState, TargetCheck } from '../results.js';
import type { ClassBenchConfig } from './class-config.js';
import type { ClassScaleResult } from './class-scale.js';
import type { LatencyFigures } from './class-stats.js';
import { FILTER_TARGET, type FilterCostResult } from './filter-cost.js';

export interface ClassBenchResults {
  schema: 1;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  source: SourceState;
  config: ClassBenchConfig;
  scale?: ClassScaleResult;
  filter?: FilterCostResult;
  targets: TargetCheck[];
  problems: string[];
}

/** The capture bench's target for 250 → `new` (bench/README.md), held to for the instructor's page. */
export const LATENCY_TARGET_MS = 100;

const latencyText = (l: LatencyFigures) =>
  `p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms, p99 ${l.p99Ms} ms, max ${l.maxMs} ms (${l.samples} samples, ${l.missing} missing)`;
const ratioText = (r: FilterCostResult['cpuRatio']) => `×${r.ratio.median}${r.ratio.values.length > 1 ? ` (rounds ×${r.ratio.min}–×${r.ratio.max})` : ''}`;

export function checkClassTargets(results: Pick<ClassBenchResults, 'scale' | 'filter'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { scale, filter } = results;
  if (scale) {
    checks.push({
      name: `${scale.students} students' streams: frames naming another student`,
      target: '0',
      measured: String(scale.isolation.leakedFrames),
      met: scale.isolation.leakedFrames === 0,
    });
    checks.push({
      name: `${scale.students} students' streams: each got its own test mail, alert, alert mail and scenario step`,
      target: 'every student',
      measured: `${scale.students - scale.isolation.studentsMissingOwnFrames} of ${scale.students}`,
      met: scale.isolation.studentsMissingOwnFrames === 0,
    });
    checks.push({
      name: `${scale.students} students each import the automaton and start the automaton-alert scenario`,
      target: 'every student',
      measured: `${scale.limits.ownAutomatons} own imports, ${scale.limits.scenariosStarted} scenarios started${scale.limits.refusals.map((r) => `; ${r.what} refused to ${r.students}`).join('')}`,
      met: scale.limits.ownAutomatons === scale.students && scale.limits.scenariosStarted === scale.students,
    });
    const l = scale.instructor.testMail250ToNew;
    checks.push({
      name: `instructor's stream, a student's test mail 250 → new, all ${scale.students} at once`,
      target: `p99 < ${LATENCY_TARGET_MS} ms, none missing`,
      measured: latencyText(l),
      met: l.p99Ms < LATENCY_TARGET_MS && l.missing === 0,
    });
  }
  if (filter) {
    checks.push({
      name: `capture path: server CPU per mail, ${filter.students} scoped streams + instructor ÷ one unscoped stream`,
      target: `≤ ×${FILTER_TARGET}`,
      measured: ratioText(filter.cpuRatio),
      met: filter.cpuRatio.met,
    });
    checks.push({
      name: `capture path: mails a second, one unscoped stream ÷ ${filter.students} scoped streams + instructor`,
      target: `≤ ×${FILTER_TARGET}`,
      measured: ratioText(filter.slowdown),
      met: filter.slowdown.met,
    });
    const leaked = filter.runs.reduce((sum, r) => sum + r.leakedFrames, 0);
    checks.push({ name: 'capture load: frames naming another student', target: '0', measured: String(leaked), met: leaked === 0 });
  }
  return checks;
}

export function formatSummary(results: ClassBenchResults): string {
  const m = results.machine;
  const lines = [
    `smtp-lab class bench: ${m.nproc} × ${m.cpuModel}, Node ${m.node}, load average ${m.loadAverageAtStart.join(' ')} at start${m.loadAverageAtEnd ? `, ${m.loadAverageAtEnd.join(' ')} at end` : ''}`,
  ];
  const s = results.scale;
  if (s) {
    lines.push(
      `  part 1: ${s.students} students at once (${s.wave} at a time)`,
      `    sign-in: ${s.signIn.perSecond}/s (${s.students} in ${s.signIn.wallMs} ms; each p50 ${s.signIn.p50Ms} ms, max ${s.signIn.maxMs} ms)`,
      `    setup after sign-in (page, app password, integration, automaton, scenario, object, device): ${s.setup.wallMs} ms for all; each p50 ${s.setup.p50Ms} ms, p95 ${s.setup.p95Ms} ms`,
      `    test mails over SMTPS: ${s.act.testSessionsPerSecond} sessions/s (${s.students} in ${s.act.wallMs} ms); server sessions incl. alerts: ${s.act.serverSessions} in ${s.act.settledMs} ms = ${s.act.serverSessionsPerSecond}/s`,
      `    server CPU while the class acted: ${s.act.serverCpuMs} ms = ${s.act.serverCpuCores} cores; event-loop delay p99 ${s.act.loopDelay.p99Ms} ms, max ${s.act.loopDelay.maxMs} ms`,
      `    instructor's stream: test mail 250 → new ${latencyText(s.instructor.testMail250ToNew)}`,
      `                         test mail send → new ${latencyText(s.instructor.testMailSendToNew)}`,
      `                         overheat → alert frame ${latencyText(s.instructor.overheatToAlertFrame)}`,
      `                         overheat → alert mail new ${latencyText(s.instructor.overheatToAlertMailNew)}`,
      `                         overheat → scenario step passed ${latencyText(s.instructor.overheatToScenarioStep)}`,
      `    own stream:          test mail 250 → new ${latencyText(s.ownPage.testMail250ToNew)}`,
      `                         overheat → alert mail new ${latencyText(s.ownPage.overheatToAlertMailNew)}`,
      `                         overheat → scenario step passed ${latencyText(s.ownPage.overheatToScenarioStep)}`,
      `    instructor's page reads meanwhile: ${s.instructorReads.map((r) => `${r.path} p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, max ${r.maxMs} ms (${r.count}${r.failed ? `, ${r.failed} failed` : ''})`).join('; ')}`,
      `    server memory: ${s.memory.rssAfterStartMb} MB after start → ${s.memory.rssAfterSetupMb} MB set up → ${s.memory.rssAfterActMb} MB after (heap ${s.memory.heapAfterActMb} MB; after GC ${s.memory.rssAfterGcMb} MB, heap ${s.memory.heapAfterGcMb} MB)`,
      `    isolation: ${s.isolation.leakedFrames} leaked frames; ${s.isolation.studentsMissingOwnFrames} students missing own frames; alerts sent ${s.alerts.sent}, failed ${s.alerts.failed}${s.alerts.failures.map((f) => ` (${f.students}: ${f.message})`).join('')}`,
      `    the lab's caps: ${s.limits.ownAutomatons} students run their own automaton import, ${s.limits.scenariosStarted} started the scenario${s.limits.refusals.map((r) => `; refused ${r.what} to ${r.students}`).join('')}`,
      `    GET routes as one student, other students named: ${s.isolation.routeReads.map((r) => `${r.route.split('?')[0]} ${r.otherStudentsNamed}`).join(', ')}`,
    );
  }
  const f = results.filter;
  if (f) {
    lines.push(
      `  part 2: capture path, ${f.mails} mails of ${f.mailBytes} B over ${Math.min(f.lanes, f.students)} lanes spread over ${f.students} inboxes, ${f.runs.length / 2} round(s)`,
    );
    for (const r of f.runs) {
      lines.push(
        `    round ${r.round} ${r.variant.padEnd(8)} ${String(r.subscribers).padStart(4)} streams: ${r.mailsPerSecond} mails/s, ${r.serverCpuMsPerThousand} ms CPU / 1,000 mails, drain ${r.drainMs ?? '—'} ms, loop delay p99 ${r.loopDelay.p99Ms} ms`,
      );
    }
    lines.push(
      `    CPU per mail scoped ÷ baseline ${ratioText(f.cpuRatio)}; mails/s baseline ÷ scoped ${ratioText(f.slowdown)} (target ≤ ×${FILTER_TARGET}); extra CPU ${f.extraCpuMsPerThousand.median} ms per 1,000 mails (rounds ${f.extraCpuMsPerThousand.min}–${f.extraCpuMsPerThousand.max})`,
    );
  }
  lines.push(...results.targets.map((t) => `  ${t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${t.measured} (target ${t.target})`));
  if (results.problems.length > 0) lines.push('  problems:', ...results.problems.map((p) => `    ${p}`));
  return lines.join('\n');
}
