// The picture of a class bench run (bench/results/class-latest.svg): the latency of each
// student's frames to the instructor's stream and to their own (p50 bar, p95 and p99 ticks), and
// part 2's same-run ratios per round against the ×1.05 target.
import type { ClassBenchResults } from './class-results.js';
import type { LatencyFigures } from './class-stats.js';
import { FILTER_TARGET } from './filter-cost.js';

const WIDTH = 960;
const FONT = 'system-ui, sans-serif';
const BLUE = '#2f6fb2';
const ORANGE = '#d9822b';
const RED = '#c0392b';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Number.isFinite(v) ? v : 0).toFixed(1);

/** `extra`: attributes as `name="value"` pairs; a font-size there replaces the default. */
function text(x: number, y: number, content: string, extra = ''): string {
  const size = /font-size=/.test(extra) ? '' : ' font-size="12"';
  return `<text x="${n(x)}" y="${n(y)}" font-family="${FONT}"${size} ${extra}>${esc(content)}</text>`;
}
const rect = (x: number, y: number, w: number, h: number, fill: string) =>
  `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, w))}" height="${n(h)}" fill="${fill}"/>`;
const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, extra = '') =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" ${extra}/>`;

function latencyPanel(results: ClassBenchResults, top: number): { svg: string[]; height: number } {
  const s = results.scale;
  if (!s) return { svg: [], height: 0 };
  const rows: { label: string; l: LatencyFigures; color: string }[] = [
    { label: "test mail 250 → new, instructor's stream", l: s.instructor.testMail250ToNew, color: BLUE },
    { label: 'test mail 250 → new, own stream', l: s.ownPage.testMail250ToNew, color: ORANGE },
    { label: "overheat → alert frame, instructor's", l: s.instructor.overheatToAlertFrame, color: BLUE },
    { label: "overheat → alert mail new, instructor's", l: s.instructor.overheatToAlertMailNew, color: BLUE },
    { label: 'overheat → alert mail new, own stream', l: s.ownPage.overheatToAlertMailNew, color: ORANGE },
    { label: "overheat → scenario step, instructor's", l: s.instructor.overheatToScenarioStep, color: BLUE },
    { label: 'overheat → scenario step, own stream', l: s.ownPage.overheatToScenarioStep, color: ORANGE },
  ];
  const left = 300;
  const plotRight = WIDTH - 300;
  // Logarithmic from 1 ms: the frames of a mail take milliseconds, the alerts seconds. A negative
  // 250 → new (the frame before the reply) sits at the axis.
  const decades = Math.max(3, Math.ceil(Math.log10(Math.max(...rows.map((r) => (Number.isFinite(r.l.p99Ms) ? r.l.p99Ms : 1)), 1))));
  const x = (ms: number) => left + ((plotRight - left) * Math.log10(Math.max(1, Number.isFinite(ms) ? ms : 1))) / decades;
  const out = [
    text(20, top + 16, `${s.students} students at once: each student's frames (bar p50, ticks p95 and p99; ms)`, 'font-weight="bold" font-size="14"'),
  ];
  rows.forEach((row, i) => {
    const y = top + 34 + i * 26;
    out.push(text(left - 8, y + 13, row.label, 'text-anchor="end"'));
    out.push(rect(left, y, x(row.l.p50Ms) - left, 18, row.color));
    for (const tick of [row.l.p95Ms, row.l.p99Ms]) out.push(line(x(tick), y - 2, x(tick), y + 20, '#222', 'stroke-width="2"'));
    out.push(
      text(plotRight + 10, y + 13, `p50 ${row.l.p50Ms} · p95 ${row.l.p95Ms} · p99 ${row.l.p99Ms} ms${row.l.missing ? ` (${row.l.missing} missing)` : ''}`),
    );
  });
  const bottom = top + 34 + rows.length * 26;
  // The grid goes under the bars: right after the title.
  for (let d = 0; d <= decades; d++) {
    out.splice(1, 0, line(x(10 ** d), top + 30, x(10 ** d), bottom, '#e3e3e3'));
    out.push(text(x(10 ** d), bottom + 12, d < 3 ? `${10 ** d} ms` : `${10 ** (d - 3)} s`, 'text-anchor="middle" fill="#555" font-size="11"'));
  }
  out.push(line(x(100), top + 26, x(100), bottom, RED, 'stroke-dasharray="6 4" stroke-width="1.5"'));
  out.push(text(x(100) + 4, top + 26, '100 ms', `fill="${RED}"`));
  out.push(
    text(
      20,
      bottom + 32,
      `leaked frames ${s.isolation.leakedFrames}; sign-ins ${s.signIn.perSecond}/s; test-mail sessions ${s.act.testSessionsPerSecond}/s; server RSS ${s.memory.rssAfterActMb} MB`,
      'fill="#555"',
    ),
  );
  return { svg: out, height: bottom + 44 - top };
}

function ratioPanel(results: ClassBenchResults, top: number): { svg: string[]; height: number } {
  const f = results.filter;
  if (!f) return { svg: [], height: 0 };
  const rounds = f.cpuRatio.ratio.values.map((cpu, i) => ({ cpu, slowdown: f.slowdown.ratio.values[i] ?? Number.NaN }));
  const left = 300;
  const highest = Math.max(FILTER_TARGET, ...rounds.flatMap((r) => [r.cpu, r.slowdown].filter(Number.isFinite)));
  const low = Math.min(0.9, ...rounds.flatMap((r) => [r.cpu, r.slowdown].filter(Number.isFinite)));
  const x = (v: number) => left + ((WIDTH - left - 190) * (v - low)) / (highest * 1.05 - low);
  const out = [
    text(20, top + 16, `Capture path: ${f.students} scoped streams + instructor against one unscoped stream, same round`, 'font-weight="bold" font-size="14"'),
  ];
  let y = top + 34;
  rounds.forEach((r, i) => {
    for (const [label, value, color] of [
      [`round ${i + 1}: CPU per mail, scoped ÷ baseline`, r.cpu, BLUE],
      [`round ${i + 1}: mails/s, baseline ÷ scoped`, r.slowdown, ORANGE],
    ] as const) {
      out.push(text(left - 8, y + 13, label, 'text-anchor="end"'));
      out.push(rect(x(low), y, x(value) - x(low), 18, color));
      out.push(text(x(value) + 6, y + 13, `×${value}`));
      y += 24;
    }
  });
  out.push(line(x(1), top + 26, x(1), y, '#999'));
  out.push(line(x(FILTER_TARGET), top + 26, x(FILTER_TARGET), y, RED, 'stroke-dasharray="6 4" stroke-width="1.5"'));
  out.push(text(x(FILTER_TARGET) + 4, top + 26, `target ×${FILTER_TARGET}`, `fill="${RED}"`));
  out.push(text(left - 8, y + 14, `axis from ×${low}`, 'text-anchor="end" fill="#555" font-size="11"'));
  return { svg: out, height: y + 26 - top };
}

export function renderClassChart(results: ClassBenchResults): string {
  const m = results.machine;
  const header = [
    text(20, 24, `smtp-lab class bench, ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC`, 'font-weight="bold" font-size="16"'),
    text(
      20,
      42,
      `${m.nproc} × ${m.cpuModel}, Node ${m.node}, load average ${m.loadAverageAtStart.join(' ')} at start; shared machine: compare ratios, not absolute figures`,
      'fill="#555"',
    ),
  ];
  const latency = latencyPanel(results, 56);
  const ratios = ratioPanel(results, 56 + latency.height + 10);
  const height = 56 + latency.height + 10 + ratios.height + 10;
  const body = [rect(0, 0, WIDTH, height, '#ffffff'), ...header, ...latency.svg, ...ratios.svg];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">\n${body.join('\n')}\n</svg>\n`;
}
