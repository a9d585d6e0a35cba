// The bench's own arithmetic: the figures in bench/README.md are only as good as these.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../bench/results.js';
import { latencyHistogram, percentile, spread } from '../../bench/stats.js';
import { renderChart } from '../../bench/svg-chart.js';

describe('percentile (nearest rank)', () => {
  const samples = [9, 1, 5, 3, 7, 2, 8, 4, 10, 6];
  it.each([
    { p: 50, expected: 5 },
    { p: 90, expected: 9 },
    { p: 99, expected: 10 },
    { p: 100, expected: 10 },
    { p: 0, expected: 1 },
  ])('p$p of 1..10 is $expected', ({ p, expected }) => {
    expect(percentile(samples, p)).toBe(expected);
  });
  it('is NaN without samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('spread', () => {
  it.each([
    { values: [3, 1, 2], median: 2, min: 1, max: 3 },
    { values: [4, 1, 3, 2], median: 2.5, min: 1, max: 4 },
    { values: [5, Number.NaN, 1], median: 3, min: 1, max: 5 },
  ])('$values → median $median, $min–$max', ({ values, median, min, max }) => {
    expect(spread(values)).toMatchObject({ median, min, max });
  });
});

describe('latency histogram', () => {
  it('puts every sample in exactly one bin, the early ones in "≤ 0" and the tail in the last', () => {
    const samples = [-0.5, 0, 0.4, 1, 1.5, 4.9, 99, 100, 150, 5000];
    const bins = latencyHistogram(samples);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(samples.length);
    expect(bins.find((b) => b.label === '≤ 0')?.count).toBe(2);
    expect(bins.find((b) => b.label === '0–1')?.count).toBe(2);
    expect(bins.find((b) => b.label === '50–100')?.count).toBe(2);
    expect(bins.at(-1)).toMatchObject({ upToMs: null, count: 1 });
  });
});

describe('chart', () => {
  it('renders the committed results as one well-formed SVG document', () => {
    const results = JSON.parse(readFileSync(join(import.meta.dirname, '../../bench/results/latest.json'), 'utf8')) as BenchResults;
    const svg = renderChart(results);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // Every element that opens is closed, in order (a stack check over the tags).
    const stack: string[] = [];
    for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name as string);
    }
    expect(stack).toEqual([]);
    // Text from the results (machine names, labels) is escaped.
    expect(svg).not.toMatch(/<text[^>]*>[^<]*&(?!amp;|lt;|gt;|quot;|#)/);
  });
});
