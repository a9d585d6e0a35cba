// The live chart of each parameter of the selected object (uPlot): its values over the object's
// clock, the model's levels (Min, Mid, Max, …) drawn as dashed horizontal lines in their colours.
// The points come from the objects store (live snapshots and the object's log), at most 600 per
// parameter. uPlot draws on a canvas; the page says what it shows in words beside it.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Level, Parameter } from '../../../lab/automaton/automaton-types.js';
import { formatValue } from '../../../lab/automaton/units.js';
import type { ObjectSnapshot, ObjectValue } from '../../../lab/objects/object-events.js';
import { useI18n } from '../i18n/use-i18n.js';
import { zm } from './automaton-messages.js';
import type { ObjectTrack } from './objects-store.js';
import type { Series } from './series.js';

const HEIGHT = 170;

/** The levels worth a line: a finite threshold (the platform's lowest band starts at -Infinity). */
export function drawnLevels(parameter: Parameter | undefined): Level[] {
  return (parameter?.levels ?? []).filter((l) => typeof l.value === 'number' && Number.isFinite(l.value));
}

/** The y range: the data and the levels, with a little room. */
export function yRange(values: readonly number[], levels: readonly Level[]): [number, number] {
  const all = [...values, ...levels.map((l) => l.value)];
  if (all.length === 0) return [0, 1];
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const pad = (max - min) * 0.08;
  return [min - pad, max + pad];
}

function ParameterChart({ value, series, parameter }: { value: ObjectValue; series: Series; parameter: Parameter | undefined }) {
  const { tr, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const levels = useMemo(() => drawnLevels(parameter), [parameter]);
  const data = useMemo<uPlot.AlignedData>(() => [series.t.map((t) => t / 1000), series.v.slice()], [series]);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const numberFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: {
          range: (u) =>
            yRange(
              ((u.data[1] ?? []) as (number | null)[]).filter((v): v is number => v !== null),
              levels,
            ),
        },
      },
      axes: [
        { values: (_u, splits) => splits.map((s) => clock.format(s * 1000)), size: 30, font: '11px system-ui, sans-serif' },
        { values: (_u, splits) => splits.map((s) => numberFormat.format(s)), size: 48, font: '11px system-ui, sans-serif' },
      ],
      series: [
        {},
        {
          label: value.name || value.parameter,
          stroke: '#1f5fbf',
          width: 2,
          points: { show: series.t.length < 60, size: 4 },
          ...(series.boolean ? { paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
        },
      ],
      hooks: {
        draw: [
          (u) => {
            const { ctx, bbox } = u;
            const ratio = window.devicePixelRatio || 1;
            for (const level of levels) {
              const y = Math.round(u.valToPos(level.value, 'y', true));
              if (y < bbox.top || y > bbox.top + bbox.height) continue;
              ctx.save();
              ctx.strokeStyle = level.color ?? '#8a94a3';
              ctx.lineWidth = ratio;
              ctx.setLineDash([6 * ratio, 4 * ratio]);
              ctx.beginPath();
              ctx.moveTo(bbox.left, y);
              ctx.lineTo(bbox.left + bbox.width, y);
              ctx.stroke();
              ctx.setLineDash([]);
              ctx.fillStyle = level.color ?? '#5b6576';
              ctx.font = `${11 * ratio}px system-ui, sans-serif`;
              ctx.textAlign = 'right';
              ctx.fillText(`${level.name} ${numberFormat.format(level.value)}`, bbox.left + bbox.width - 4 * ratio, y - 3 * ratio);
              ctx.restore();
            }
          },
        ],
      },
    };
    const chart = new uPlot(opts, latest.current, el);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [levels, lang, series.boolean, value.parameter]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  const name = value.name && value.name !== value.parameter ? `${value.name} (${value.parameter})` : value.parameter;
  const now = value.value !== null ? formatValue(value.value, parameter?.unit ?? value.unit) : undefined;
  return (
    <figure class="z-chart" data-testid="chart" data-parameter={value.parameter} data-points={series.t.length}>
      <figcaption class="z-chart-cap small">
        <strong translate={false}>{name}</strong>
        {now !== undefined ? <span data-testid="chart-latest"> · {tr(zm.chart.latest)(now)}</span> : null}
        <span class="muted"> · {tr(zm.chart.points)(series.t.length)}</span>
      </figcaption>
      <div class="z-chart-box" ref={box} role="img" aria-label={`${tr(zm.chart.label)(name)}${now !== undefined ? `: ${tr(zm.chart.latest)(now)}` : ''}`} />
      {levels.length > 0 ? (
        <ul class="z-levels small" aria-label={tr(zm.chart.levels)} data-testid="chart-levels">
          {levels.map((l) => (
            <li key={l.id} translate={false}>
              <span class="z-swatch" style={{ borderColor: l.color ?? '#8a94a3' }} aria-hidden="true" />
              {l.name} {formatValue(l.value, parameter?.unit ?? value.unit)}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}

export function ObjectCharts({ object, track, parameters }: { object: ObjectSnapshot; track: ObjectTrack | undefined; parameters: readonly Parameter[] }) {
  const { tr } = useI18n();
  const charted = object.values.filter((v) => track?.series[v.parameter]);
  return (
    <div class="z-charts" data-testid="charts">
      {charted.length === 0 ? <p class="muted small">{tr(zm.chart.none)}</p> : null}
      {charted.map((v) => (
        <ParameterChart value={v} series={track!.series[v.parameter]!} parameter={parameters.find((p) => p.id === v.parameter)} key={v.parameter} />
      ))}
    </div>
  );
}
