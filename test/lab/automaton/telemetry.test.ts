// Telemetry as data: playback files (JSON, CSV), the seeded simulator, and the player that
// feeds either into a runner on a clock.
import { describe, expect, test } from 'vitest';
import { createManualClock } from '../../../lab/automaton/clock.js';
import { parsePlaybackFile } from '../../../lab/automaton/playback-file.js';
import { mulberry32 } from '../../../server/common/prng.js';
import { createTelemetryPlayer, type PlayerProgress } from '../../../lab/automaton/telemetry-player.js';
import { createTelemetrySimulator, DEFAULT_KNOBS } from '../../../lab/automaton/telemetry-simulator.js';
import { createPlaybackSource, type TelemetrySample } from '../../../lab/automaton/telemetry-source.js';
import { loadAutomaton, loadKettle, startRun, T0 } from './automaton-helpers.js';

describe('playback files', () => {
  test('JSON: values carry forward; null keeps the previous one', () => {
    expect(
      parsePlaybackFile(
        '[{"t": 0, "temperature": 21.5, "door": false}, {"t": 5, "temperature": 22}, {"t": 5, "door": true, "temperature": null}, {"t": 12.5, "status": "on"}]',
      ),
    ).toEqual([
      { t: 0, values: { temperature: 21.5, door: false } },
      { t: 5, values: { temperature: 22, door: false } },
      { t: 5, values: { temperature: 22, door: true } },
      { t: 12.5, values: { temperature: 22, door: true, status: 'on' } },
    ]);
  });

  test('CSV: empty cells keep the previous value; numbers, booleans and text typed by their look', () => {
    const csv = [
      't,temperature,door,status',
      '0,21.5,false,idle',
      '5,,TRUE,',
      '10,23,,"42"',
      '',
      '15,-1e1,false,"say ""hi"", then go"',
      '20, 7 ,,heating',
    ].join('\n');
    expect(parsePlaybackFile(csv)).toEqual([
      { t: 0, values: { temperature: 21.5, door: false, status: 'idle' } },
      { t: 5, values: { temperature: 21.5, door: true, status: 'idle' } },
      { t: 10, values: { temperature: 23, door: true, status: '42' } },
      { t: 15, values: { temperature: -10, door: false, status: 'say "hi", then go' } },
      { t: 20, values: { temperature: 7, door: false, status: 'heating' } },
    ]);
  });

  test('CSV as a Russian-locale spreadsheet saves it: semicolons, decimal commas, CRLF, a BOM', () => {
    expect(parsePlaybackFile('\uFEFFt;temperatureC;note\r\n0;85,5;ok\r\n30;99,9;"a;b"\r\n60;101;\r\n')).toEqual([
      { t: 0, values: { temperatureC: 85.5, note: 'ok' } },
      { t: 30, values: { temperatureC: 99.9, note: 'a;b' } },
      { t: 60, values: { temperatureC: 101, note: 'a;b' } },
    ]);
  });

  test('tab-separated, a short row, and a quoted cell over two lines', () => {
    expect(parsePlaybackFile('t\tlum\tlabel\n0\t100\t"line one\nline two"\n5\t300\n')).toEqual([
      { t: 0, values: { lum: 100, label: 'line one\nline two' } },
      { t: 5, values: { lum: 300, label: 'line one\nline two' } },
    ]);
  });

  test('the format can be named', () => {
    expect(parsePlaybackFile('t,x\n0,1', { format: 'csv' })).toEqual([{ t: 0, values: { x: 1 } }]);
    expect(() => parsePlaybackFile('t,x\n0,1', { format: 'json' })).toThrow(/telemetry file, line 1, column 1/);
  });
});

describe('the simulator', () => {
  const take = (sim: { next(): TelemetrySample | null }, n: number) => Array.from({ length: n }, () => sim.next()!);

  test('mulberry32 is the published generator (bryc’s reference code, verbatim)', () => {
    function reference(a: number) {
      return function () {
        let t = (a += 0x6d2b79f5);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    for (const seed of [0, 1, 42, 0xdeadbeef]) {
      const ours = mulberry32(seed);
      const theirs = reference(seed);
      for (let i = 0; i < 1000; i++) expect(ours()).toBe(theirs());
    }
  });

  test('the same seed gives the same sequence exactly; another seed another one', () => {
    const a = take(createTelemetrySimulator({ seed: 42 }), 500);
    const b = take(createTelemetrySimulator({ seed: 42 }), 500);
    const c = take(createTelemetrySimulator({ seed: 43 }), 500);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  test('temperature: base and noise, an overheat ramp, plateau at the peak, back down', () => {
    const sim = createTelemetrySimulator({
      seed: 7,
      base: 85,
      noise: 1,
      overheatAt: 100,
      overheatFor: 100,
      overheatPeak: 105,
      intervalSeconds: 5,
      doorParam: null,
    });
    const samples = take(sim, 60);
    const at = (t: number) => samples.find((s) => s.t === t)!.values.temperature as number;
    for (const s of samples) expect(Object.keys(s.values)).toEqual(['temperature']);
    for (const t of [0, 50, 95, 200, 295]) expect(Math.abs(at(t) - 85)).toBeLessThanOrEqual(1);
    for (const t of [120, 150, 180]) expect(Math.abs(at(t) - 105)).toBeLessThanOrEqual(1);
    expect(at(110)).toBeGreaterThan(90);
    expect(at(110)).toBeLessThan(100);
    for (const s of samples) expect(Math.round((s.values.temperature as number) * 10)).toBeCloseTo((s.values.temperature as number) * 10, 9);
  });

  test('drift moves the trend by the hour', () => {
    const sim = createTelemetrySimulator({ seed: 1, base: 20, driftPerHour: 2, noise: 0, overheatAt: null, intervalSeconds: 1800, doorParam: null });
    expect(take(sim, 4).map((s) => s.values.temperature)).toEqual([20, 21, 22, 23]);
  });

  test('the door opens now and then and closes after a while', () => {
    const samples = take(createTelemetrySimulator({ seed: 3, doorOpenChance: 0.2, doorOpenFor: 20, intervalSeconds: 5 }), 400);
    const door = samples.map((s) => s.values.door);
    expect(door).toContain(true);
    expect(door).toContain(false);
    // Each opening lasts doorOpenFor: 20 s at 5 s a sample is 4 samples open, then closed.
    const runs: number[] = [];
    let length = 0;
    for (const open of door) {
      if (open) length++;
      else if (length > 0) (runs.push(length), (length = 0));
    }
    expect(new Set(runs)).toEqual(new Set([4]));
  });

  test('knobs change while it runs, from the next sample on; wrong knobs change nothing', () => {
    const sim = createTelemetrySimulator({ seed: 9, noise: 0, overheatAt: null, doorParam: null, base: 20 });
    expect(sim.next()).toEqual({ t: 0, values: { temperature: 20 } });
    expect(sim.set({ base: 30, intervalSeconds: 10, temperatureParam: 'temperatureC' })).toEqual({ ok: true });
    expect(sim.next()).toEqual({ t: 5, values: { temperatureC: 30 } });
    expect(sim.next()).toEqual({ t: 15, values: { temperatureC: 30 } });
    const refused = sim.set({ intervalSeconds: 0, noise: -1, base: 99 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(Object.keys(refused.errors).sort()).toEqual(['intervalSeconds', 'noise']);
    expect(sim.knobs()).toMatchObject({ base: 30, intervalSeconds: 10 });
    expect(() => createTelemetrySimulator({ seed: 1, decimals: 1.5 })).toThrow(RangeError);
    expect(sim.duration).toBeNull();
  });

  test('knob changes at the same samples repeat exactly too', () => {
    const runOnce = () => {
      const sim = createTelemetrySimulator({ seed: 5 });
      const out: TelemetrySample[] = [];
      for (let i = 0; i < 100; i++) {
        if (i === 30) sim.set({ noise: 3, doorOpenChance: 0.5 });
        out.push(sim.next()!);
      }
      return JSON.stringify(out);
    };
    expect(runOnce()).toBe(runOnce());
    expect(DEFAULT_KNOBS.temperatureParam).toBe('temperature');
  });
});

describe('the player', () => {
  const samples: TelemetrySample[] = [
    { t: 0, values: { temperatureC: 85 } },
    { t: 30, values: { temperatureC: 101 } },
    { t: 90, values: { temperatureC: 70 } },
    { t: 120, values: { temperatureC: 75 } },
  ];

  test('plays each sample at its time, with its progress, and ends', () => {
    const clock = createManualClock({ start: T0 });
    const seen: [number, number][] = [];
    const progress: PlayerProgress[] = [];
    let ended = 0;
    const player = createTelemetryPlayer({
      source: createPlaybackSource(samples),
      clock,
      onSample: (values) => seen.push([(clock.now() - T0) / 1000, values.temperatureC as number]),
      onProgress: (p) => progress.push(p),
      onEnd: () => ended++,
    });
    expect(player.state()).toBe('idle');
    player.play();
    clock.advance(0);
    expect(seen).toEqual([[0, 85]]);
    clock.advance(60_000);
    expect(player.progress()).toBe(0.5);
    clock.advance(60_000);
    expect(seen).toEqual([
      [0, 85],
      [30, 101],
      [90, 70],
      [120, 75],
    ]);
    expect(progress.map((p) => p.fraction)).toEqual([0, 0.25, 0.75, 1, 1]);
    expect(player.state()).toBe('ended');
    expect(ended).toBe(1);
  });

  test('pause holds the timeline; play goes on where it was', () => {
    const clock = createManualClock({ start: T0 });
    const seen: number[] = [];
    const player = createTelemetryPlayer({ source: createPlaybackSource(samples), clock, onSample: () => seen.push((clock.now() - T0) / 1000) });
    player.play();
    clock.advance(40_000);
    player.pause();
    expect(player.state()).toBe('paused');
    expect(player.position()).toBe(40);
    clock.advance(1_000_000);
    expect(seen).toEqual([0, 30]);
    player.play();
    clock.advance(50_000);
    expect(seen).toEqual([0, 30, 1_090]);
    player.close();
    clock.advance(1_000_000);
    expect(seen).toHaveLength(3);
    expect(player.state()).toBe('closed');
  });

  test('a CSV playback drives temperature-control through OFF and back to ON', () => {
    const run = startRun(loadAutomaton('temperature-control.automaton.json'), { model: loadKettle() });
    const player = createTelemetryPlayer({
      source: createPlaybackSource(parsePlaybackFile('t,temperatureC\n0,85\n30,101\n60,\n90,70')),
      clock: run.clock,
      onSample: (values) => run.runner.telemetry(values),
    });
    player.play();
    run.clock.advance(100_000);
    expect(run.states()).toEqual(['initial', 'ON', 'OFF', 'ON']);
    expect(run.of('transition').map((t) => (t.time - T0) / 1000)).toEqual([0, 30, 90]);
  });

  test('the simulator, played at its own pace, overheats the kettle once', () => {
    const run = startRun(loadAutomaton('temperature-control.automaton.json'), { model: loadKettle() });
    const sim = createTelemetrySimulator({
      seed: 11,
      temperatureParam: 'temperatureC',
      base: 75,
      noise: 2,
      overheatAt: 300,
      overheatFor: 120,
      overheatPeak: 104,
      doorParam: null,
    });
    const progress: (number | null)[] = [];
    const player = createTelemetryPlayer({
      source: sim,
      clock: run.clock,
      onSample: (v) => run.runner.telemetry(v),
      onProgress: (p) => progress.push(p.fraction),
    });
    player.play();
    run.clock.advance(900_000);
    expect(run.states()).toEqual(['initial', 'ON', 'OFF', 'ON']);
    expect(progress.every((f) => f === null)).toBe(true);
    expect(player.position()).toBe(900);
    player.close();
  });

  test('a throwing onSample is reported and the playback goes on', () => {
    const clock = createManualClock();
    const errors: unknown[] = [];
    let calls = 0;
    const player = createTelemetryPlayer({
      source: createPlaybackSource(samples),
      clock,
      onSample: () => {
        calls++;
        throw new Error('boom');
      },
      onError: (e) => errors.push(e),
    });
    player.play();
    clock.advance(200_000);
    expect(calls).toBe(4);
    expect(errors).toHaveLength(4);
    expect(player.state()).toBe('ended');
  });
});
