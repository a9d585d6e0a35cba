// An object's parameters over time, for the live chart: one series per parameter, points in the
// object's clock (ms), sorted, at most `max` each (the oldest go first), so an object left
// running all day costs the same memory as one for a minute. Numbers are drawn as they are,
// booleans as 0 and 1; text is not charted.
//
// Two sources, one per parameter: the object's telemetry log entries (every sample, with the
// object's time; the history fetched and the live `object-log` frames) and its snapshots (at
// most one every 100 ms, so a fast simulator's samples would be lost between them). A parameter
// the telemetry reports is drawn from the log alone; one only snapshots show (a value an action
// wrote) from its snapshots. Mixing them would draw each sample twice, a millisecond apart.
import type { ParameterValue } from '../../../lab/automaton/automaton-types.js';

export interface Series {
  /** The object's clock, epoch ms, ascending. */
  t: readonly number[];
  v: readonly number[];
  /** The parameter is a boolean (drawn as a step of 0 and 1). */
  boolean: boolean;
  /** Where the points come from: the telemetry log, or snapshots until the log reports it. */
  source: PointSource;
}

export type PointSource = 'log' | 'snapshot';

export type SeriesMap = Readonly<Record<string, Series>>;

export const MAX_POINTS = 600;

/** A value as a point of the chart, or undefined when it is not charted (text, no value). */
export function chartValue(value: ParameterValue | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/**
 * The series with the point added: at its place by time; a point at a time already there
 * replaces it (a snapshot and a log line telling the same sample). The same series when
 * nothing changed.
 */
export function addPoint(series: Series | undefined, t: number, value: ParameterValue, max = MAX_POINTS, source: PointSource = 'log'): Series | undefined {
  const v = chartValue(value);
  if (v === undefined || !Number.isFinite(t)) return series;
  const boolean = typeof value === 'boolean';
  if (series && series.source !== source) {
    // The log wins: its first point replaces what snapshots drew; a snapshot adds nothing to it.
    if (source === 'snapshot') return series;
    series = undefined;
  }
  if (!series) return { t: [t], v: [v], boolean, source };
  const { t: ts, v: vs } = series;
  const last = ts.length - 1;
  // The common case: a newer point at the end.
  let at = ts.length;
  if (last >= 0 && t <= ts[last]!) {
    at = lowerBound(ts, t);
    if (ts[at] === t) {
      if (vs[at] === v) return series;
      const nv = vs.slice();
      nv[at] = v;
      return { ...series, v: nv, boolean: series.boolean || boolean };
    }
  }
  // Older than every point kept, with no room left: it would be dropped at once.
  if (at === 0 && ts.length >= max) return series;
  const nt = ts.slice();
  const nv = vs.slice();
  nt.splice(at, 0, t);
  nv.splice(at, 0, v);
  const excess = nt.length - max;
  if (excess > 0) {
    nt.splice(0, excess);
    nv.splice(0, excess);
  }
  return { ...series, t: nt, v: nv, boolean: series.boolean || boolean };
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every value of `values` added at time `t`; the same map when nothing changed. */
export function addValues(
  map: SeriesMap,
  t: number,
  values: Readonly<Record<string, ParameterValue | null>>,
  max = MAX_POINTS,
  source: PointSource = 'log',
): SeriesMap {
  let next: Record<string, Series> | undefined;
  for (const [parameter, value] of Object.entries(values)) {
    if (value === null) continue;
    const before = (next ?? map)[parameter];
    const after = addPoint(before, t, value, max, source);
    if (after !== before && after) {
      next ??= { ...map };
      next[parameter] = after;
    }
  }
  return next ?? map;
}
