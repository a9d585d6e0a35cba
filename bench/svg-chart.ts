// The picture of a bench run (bench/results/latest.svg), drawn by hand: throughput as a share of
// the same round's bare server (median bar, min–max whisker, the 50 % target), the 250 → `new`
// latency histogram idle and under load (the 100 ms target), and resident memory (300 MB).
import type { BenchResults } from './results.js';
import { LAB_VARIANTS } from './results.js';
import type { LatencyBin } from './stats.js';

const WIDTH = 960;
const FONT = 'system-ui, sans-serif';
const COLORS = { bare: '#8a8f98', 'lab-100ms': '#2f6fb2', 'lab-default': '#58a55c', idle: '#2f6fb2', load: '#d9822b', target: '#c0392b' };

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Attrs = Record<string, string | number>;

function attributes(attrs: Attrs): string {
  return Object.entries(attrs)
    .map(([name, value]) => `${name}="${esc(String(value))}"`)
    .join(' ');
}

function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  const all = { x: x.toFixed(1), y: y.toFixed(1), 'font-family': FONT, 'font-size': 12, ...attrs };
  return `<text ${attributes(all)}>${esc(content)}</text>`;
}

function rect(x: number, y: number, w: number, h: number, fill: string): string {
  return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, w).toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" fill="${fill}"/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra: Attrs = {}): string {
  return `<line ${attributes({ x1: x1.toFixed(1), y1: y1.toFixed(1), x2: x2.toFixed(1), y2: y2.toFixed(1), stroke, ...extra })}/>`;
}

const ms = (v: number) => `${Number.isFinite(v) ? v.toFixed(2) : '–'} ms`;
const finite = (v: number, fallback = 0) => (Number.isFinite(v) ? v : fallback);

function throughputPanel(results: BenchResults, top: number): string[] {
  const out: string[] = [
    text(20, top + 16, 'Throughput as a share of the bare smtp-server in the same round (median, whisker = min–max over rounds)', {
      'font-weight': 'bold',
      'font-size': 14,
    }),
  ];
  const plotTop = top + 40;
  const plotHeight = 200;
  const left = 70;
  const lab = results.throughput;
  const highest = Math.max(...[lab.reused, lab.perConnection].flatMap((p) => LAB_VARIANTS.map((v) => finite(p.ratioToBare[v].max))));
  // Room above the tallest bar or whisker for its label.
  const maxShare = Math.max(1.2, Math.ceil(highest * 4 + 0.5) / 4);
  const y = (share: number) => plotTop + plotHeight * (1 - Math.min(share, maxShare) / maxShare);
  for (let share = 0; share <= maxShare - 0.2; share += maxShare > 2 ? 0.5 : 0.25) {
    out.push(line(left, y(share), WIDTH - 20, y(share), '#e3e3e3'));
    out.push(text(left - 8, y(share) + 4, `${share * 100} %`, { 'text-anchor': 'end', fill: '#555' }));
  }
  out.push(line(left, y(0.5), WIDTH - 20, y(0.5), COLORS.target, { 'stroke-dasharray': '6 4', 'stroke-width': 1.5 }));
  out.push(text(WIDTH - 22, y(0.5) - 5, 'target ≥ 50 %', { 'text-anchor': 'end', fill: COLORS.target }));

  const groups = [
    { key: 'reused' as const, label: `10 reused connections, ${results.throughput.reused.mails} mails` },
    {
      key: 'perConnection' as const,
      label: `new connection per mail (${results.throughput.perConnection.sessions} parallel), ${results.throughput.perConnection.mails} mails`,
    },
  ];
  const groupWidth = (WIDTH - left - 130) / groups.length;
  const barWidth = 70;
  const gap = 32;
  groups.forEach((group, g) => {
    const pattern = results.throughput[group.key];
    const x0 = left + 20 + g * groupWidth;
    const bars = [
      { variant: 'bare' as const, share: 1, range: [1, 1] as const, name: 'bare', detail: 'smtp-server' },
      ...LAB_VARIANTS.map((variant) => {
        const ratio = pattern.ratioToBare[variant];
        return {
          variant,
          share: finite(ratio.median),
          range: [finite(ratio.min), finite(ratio.max)] as const,
          name: 'lab',
          detail: variant === 'lab-100ms' ? '100 ms greeting' : 'default greeting',
        };
      }),
    ];
    bars.forEach((bar, i) => {
      const x = x0 + i * (barWidth + gap);
      const cx = x + barWidth / 2;
      out.push(rect(x, y(bar.share), barWidth, y(0) - y(bar.share), COLORS[bar.variant]));
      if (bar.range[0] !== bar.range[1]) {
        out.push(line(cx, y(bar.range[0]), cx, y(bar.range[1]), '#222', { 'stroke-width': 1.5 }));
        out.push(line(cx - 8, y(bar.range[0]), cx + 8, y(bar.range[0]), '#222'));
        out.push(line(cx - 8, y(bar.range[1]), cx + 8, y(bar.range[1]), '#222'));
      }
      const mps = finite(pattern.mailsPerSecond[bar.variant].median);
      const labelY = Math.min(y(bar.share), y(bar.range[1])) - 6;
      out.push(
        text(bar.variant === 'bare' ? cx : cx + 14, labelY, `${Math.round(bar.share * 100)} %`, {
          'text-anchor': bar.variant === 'bare' ? 'middle' : 'start',
          'font-weight': 'bold',
        }),
      );
      out.push(text(cx, y(0) + 15, bar.name, { 'text-anchor': 'middle', 'font-weight': 'bold', 'font-size': 11 }));
      out.push(text(cx, y(0) + 28, bar.detail, { 'text-anchor': 'middle', 'font-size': 11 }));
      out.push(text(cx, y(0) + 41, `${Math.round(mps)} mails/s`, { 'text-anchor': 'middle', 'font-size': 11, fill: '#555' }));
    });
    out.push(text(x0, y(0) + 62, group.label, { fill: '#333' }));
  });
  return out;
}

function latencyPanel(results: BenchResults, top: number): string[] {
  const { quiet, underLoad } = results.latency;
  const out: string[] = [
    text(20, top + 16, 'Live event latency: client writes the end of data (".") → `new` event at the subscriber (share of samples per bin, ms)', {
      'font-weight': 'bold',
      'font-size': 14,
    }),
  ];
  const plotTop = top + 40;
  const plotHeight = 170;
  const left = 70;
  // End of data → `new` includes the 250 → `new` time, so it bounds it from above and, unlike
  // it, is never negative: the histogram of the target's metric would be one bar at "≤ 0".
  const bins = quiet.fromDataEnd.histogram;
  const loadedBins = underLoad.fromDataEnd.histogram;
  const share = (bin: LatencyBin, total: number) => (total > 0 ? bin.count / total : 0);
  const highest = Math.max(0.01, ...bins.map((b) => share(b, quiet.samples)), ...loadedBins.map((b) => share(b, underLoad.samples)));
  const maxShare = Math.ceil(highest * 10) / 10;
  const y = (s: number) => plotTop + plotHeight * (1 - s / maxShare);
  const slot = (WIDTH - left - 40) / bins.length;
  for (const tick of [0.25, 0.5, 0.75, 1].map((f) => f * maxShare)) {
    out.push(line(left, y(tick), WIDTH - 20, y(tick), '#eeeeee'));
    out.push(text(left - 8, y(tick) + 4, `${Math.round(tick * 100)} %`, { 'text-anchor': 'end', fill: '#555' }));
  }
  out.push(line(left, y(0), WIDTH - 20, y(0), '#999'));
  bins.forEach((bin, i) => {
    const x = left + i * slot;
    const loaded = loadedBins[i] as LatencyBin;
    const w = (slot - 16) / 2;
    out.push(rect(x + 4, y(share(bin, quiet.samples)), w, y(0) - y(share(bin, quiet.samples)), COLORS.idle));
    out.push(rect(x + 4 + w + 2, y(share(loaded, underLoad.samples)), w, y(0) - y(share(loaded, underLoad.samples)), COLORS.load));
    out.push(text(x + slot / 2 - 4, y(0) + 16, bin.label, { 'text-anchor': 'middle', 'font-size': 11 }));
  });
  // The 100 ms target falls on the edge between the "50–100" and "100–200" bins.
  const edge = bins.findIndex((b) => b.upToMs === 100);
  if (edge >= 0) {
    const x = left + (edge + 1) * slot - 4;
    out.push(line(x, plotTop - 6, x, y(0), COLORS.target, { 'stroke-dasharray': '6 4', 'stroke-width': 1.5 }));
    out.push(text(x + 4, plotTop + 4, 'target: p99 (250 → new) < 100 ms', { fill: COLORS.target }));
  }
  const legendY = y(0) + 40;
  out.push(rect(left, legendY - 10, 12, 12, COLORS.idle));
  out.push(
    text(
      left + 18,
      legendY,
      `idle: end of data → new p50 ${ms(quiet.fromDataEnd.p50Ms)}, p99 ${ms(quiet.fromDataEnd.p99Ms)}; 250 → new p50 ${ms(quiet.p50Ms)}, p99 ${ms(quiet.p99Ms)} (${quiet.samples} mails, ${quiet.missing} missing)`,
    ),
  );
  out.push(rect(left, legendY + 8, 12, 12, COLORS.load));
  out.push(
    text(
      left + 18,
      legendY + 18,
      `${underLoad.loadSessions} busy connections: end of data → new p50 ${ms(underLoad.fromDataEnd.p50Ms)}, p99 ${ms(underLoad.fromDataEnd.p99Ms)}; 250 → new p50 ${ms(underLoad.p50Ms)}, p99 ${ms(underLoad.p99Ms)} (${underLoad.samples} mails, ${underLoad.missing} missing)`,
    ),
  );
  out.push(
    text(
      left,
      legendY + 40,
      '250 → new below 0: the event reached the subscriber before the 250 reached the client (the hub sends `new` before the reply is written).',
      { fill: '#555', 'font-size': 11 },
    ),
  );
  return out;
}

function memoryPanel(results: BenchResults, top: number): string[] {
  const first = results.memory[0];
  if (!first) return [];
  const out: string[] = [
    text(
      20,
      top + 16,
      `Resident memory of the lab process after ${first.mails} mails, ${first.reuse ? 'reused connections' : 'a connection per mail'} (tick: after a forced GC)`,
      {
        'font-weight': 'bold',
        'font-size': 14,
      },
    ),
  ];
  const left = 260;
  const scaleMax = Math.max(350, ...results.memory.map((m) => m.loaded.rssMb * 1.1));
  // Room on the right for the value and its after-GC figure.
  const x = (v: number) => left + ((WIDTH - left - 200) * v) / scaleMax;
  const rows = results.memory.flatMap((m) => {
    const who = m.subscriber ? 'one subscriber' : 'no subscriber';
    return [
      { label: `idle, after start (${who})`, value: m.idle.rssMb, afterGc: undefined },
      { label: `after ${m.mails} mails (${who})`, value: m.loaded.rssMb, afterGc: m.loadedAfterGc.rssMb },
    ];
  });
  rows.forEach((row, i) => {
    const rowY = top + 36 + i * 26;
    out.push(text(left - 8, rowY + 13, row.label, { 'text-anchor': 'end' }));
    out.push(rect(left, rowY, x(row.value) - left, 18, COLORS['lab-default']));
    if (row.afterGc !== undefined) out.push(line(x(row.afterGc), rowY - 2, x(row.afterGc), rowY + 20, '#222', { 'stroke-width': 2 }));
    const gcText = row.afterGc !== undefined ? ` (${row.afterGc} MB after GC)` : '';
    out.push(text(x(row.value) + 6, rowY + 13, `${row.value} MB${gcText}`));
  });
  const bottom = top + 36 + rows.length * 26;
  out.push(line(x(300), top + 28, x(300), bottom, COLORS.target, { 'stroke-dasharray': '6 4', 'stroke-width': 1.5 }));
  out.push(text(x(300) + 4, top + 28, '300 MB target', { fill: COLORS.target }));
  return out;
}

export function renderChart(results: BenchResults): string {
  const machine = results.machine;
  const height = 870;
  const body = [
    rect(0, 0, WIDTH, height, '#ffffff'),
    text(20, 24, `smtp-lab bench, ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC`, { 'font-weight': 'bold', 'font-size': 16 }),
    text(
      20,
      42,
      `${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}; ${results.config.mailBytes}-byte mails from smtp-source; shared machine, so the same-round ratios matter, not the mails/s`,
      { fill: '#555' },
    ),
    ...throughputPanel(results, 56),
    ...latencyPanel(results, 385),
    ...memoryPanel(results, 690),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">\n${body.join('\n')}\n</svg>\n`;
}
