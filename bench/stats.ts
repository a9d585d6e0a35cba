// Small statistics for the bench: percentiles of latency samples, the spread of repeated runs,
// and the fixed latency bins the results and the chart share.

/** Bytes as MB (MiB), one decimal. */
export const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function spread(values: readonly number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, values: [...values] };
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, values: [...values] };
}

export interface LatencyBin {
  /** Upper edge in ms (inclusive); null for the last bin, which has none (JSON has no Infinity). */
  upToMs: number | null;
  label: string;
  count: number;
}

/**
 * Roughly logarithmic edges: most events arrive within a millisecond, and the interesting part
 * is the tail towards the 100 ms target. "≤ 0" holds events that reached the subscriber before
 * the 250 reply reached the client (the hub sends `new` before the reply is written).
 */
const BIN_EDGES_MS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500];

export function latencyHistogram(samples: readonly number[]): LatencyBin[] {
  const bins: LatencyBin[] = BIN_EDGES_MS.map((edge, i) => ({
    upToMs: edge,
    label: i === 0 ? '≤ 0' : `${BIN_EDGES_MS[i - 1]}–${edge}`,
    count: 0,
  }));
  const last: LatencyBin = { upToMs: null, label: `> ${BIN_EDGES_MS.at(-1)}`, count: 0 };
  bins.push(last);
  for (const sample of samples) {
    const bin = bins.find((b) => b.upToMs !== null && sample <= b.upToMs) ?? last;
    bin.count++;
  }
  return bins;
}

export interface LatencySummary {
  samples: number;
  /**
   * From the moment the client wrote the end of data (".") to the `new` event: the whole
   * ingest path (body hand-off, summary, store, hub), always positive; context for the
   * 250 → `new` figures, which may be negative.
   */
  fromDataEnd: { p50Ms: number; p99Ms: number; maxMs: number; histogram: LatencyBin[] };
  /** 250 replies whose `new` event never reached the subscriber. */
  missing: number;
  minMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  histogram: LatencyBin[];
}

export function summarizeLatency(samples: readonly number[], fromDataEnd: readonly number[], missing: number): LatencySummary {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const range = spread(samples);
  return {
    samples: samples.length,
    fromDataEnd: {
      p50Ms: round(percentile(fromDataEnd, 50)),
      p99Ms: round(percentile(fromDataEnd, 99)),
      maxMs: round(spread(fromDataEnd).max),
      histogram: latencyHistogram(fromDataEnd),
    },
    missing,
    minMs: round(range.min),
    p50Ms: round(percentile(samples, 50)),
    p90Ms: round(percentile(samples, 90)),
    p99Ms: round(percentile(samples, 99)),
    maxMs: round(range.max),
    histogram: latencyHistogram(samples),
  };
}
