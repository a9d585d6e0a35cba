// Playback and simulator objects in simulated time: a 10-minute file with a 300-second timer in
// a few real seconds, pause freezing timers and samples together, speed changes, and a seeded
// simulator that repeats exactly.
import { afterEach, describe, expect, test } from 'vitest';
import { parsePlaybackFile } from '../../../lab/automaton/playback-file.js';
import type { ObjectLogEntry } from '../../../lab/objects/object-log.js';
import { loadAutomaton, loadKettle, startLab, waitFor, type Lab } from './objects-helpers.js';

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

/** data9 every 30 s for 10 minutes: false, then true from 60 s, false again from 540 s. */
const jammingCsv = ['t,data9', ...Array.from({ length: 21 }, (_, i) => `${i * 30},${i * 30 >= 60 && i * 30 < 540}`)].join('\n');
const statesIn = (entries: ObjectLogEntry[]) => entries.filter((e) => e.kind === 'state').map((e) => e.text.en.slice(7, -1));

describe('a playback object', () => {
  test('jamming-control at speed 100: 10 minutes with a 300 s timer in a few seconds, a critical message lights the indicator', async () => {
    lab = await startLab({ mqtt: false });
    lab.registry.create({ id: 'tracker-7', automaton: loadAutomaton('jamming-control.automaton.json'), owner: 'student@lab.local', source: 'playback' });
    const started = Date.now();
    const snapshot = lab.registry.playback('tracker-7', parsePlaybackFile(jammingCsv), { speed: 100 });
    expect(snapshot).toMatchObject({ speed: 100, realTime: false, feed: { kind: 'playback', state: 'playing', duration: 600, samples: 0 } });

    await waitFor(() => lab!.registry.get('tracker-7').feed?.state === 'ended', 'the playback to end', 15_000);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(12_000);
    expect(elapsed).toBeGreaterThan(5000);

    const entries = lab.registry.log('tracker-7').entries;
    expect(statesIn(entries)).toEqual(['initial', 'All right', 'Jamming', 'Prolonged jamming', 'All right']);
    const at = (text: string) => entries.find((e) => e.kind === 'state' && e.text.en === `State "${text}"`)!.objectTime;
    // 300 s of the object's time; a log line may read the clock a hair after the timer's due time.
    expect(at('Prolonged jamming') - at('Jamming')).toBeGreaterThanOrEqual(300_000);
    expect(at('Prolonged jamming') - at('Jamming')).toBeLessThan(310_000);
    expect(entries.some((e) => e.kind === 'timer' && e.text.en === 'Timer #1 ran out → es-control-timer#1-done')).toBe(true);
    const telemetry = entries.filter((e) => e.kind === 'telemetry');
    expect(telemetry).toHaveLength(21);
    expect(telemetry[2]!.data).toMatchObject({ values: { data9: true }, origin: 'playback', t: 60 });

    const final = lab.registry.get('tracker-7');
    expect(final.feed).toMatchObject({ state: 'ended', progress: 1, position: 600, samples: 21 });
    expect(final.state?.name).toBe('All right');

    const [message] = lab.registry.messages.list({ owner: 'student@lab.local' });
    expect(message).toMatchObject({
      objectId: 'tracker-7',
      importance: 'critical',
      text: 'ATTENTION\nProlonged jamming',
      stateName: 'Prolonged jamming',
      acknowledged: false,
    });
    expect(message!.objectTime).toBe(at('Prolonged jamming'));
    expect(lab.registry.messages.indicator('student@lab.local')).toMatchObject({ unacknowledgedCritical: 1, unacknowledged: 1, total: 1 });
    const pushed = lab.events.find((e) => e.Type === 'operator-message');
    expect(pushed?.Type === 'operator-message' && pushed.Data.indicator.unacknowledgedCritical).toBe(1);

    expect(lab.registry.messages.acknowledge('all', 'someone-else@lab.local')).toEqual([]);
    expect(lab.registry.messages.acknowledge('all', 'student@lab.local')).toEqual([message!.id]);
    expect(lab.registry.messages.indicator('student@lab.local').unacknowledgedCritical).toBe(0);
    expect(lab.events.at(-1)).toEqual({
      Type: 'operator-acknowledged',
      Data: { owner: 'student@lab.local', ids: [message!.id], indicator: { unacknowledgedCritical: 0, unacknowledged: 0, total: 1, dropped: 0 } },
    });
  });

  test('pause freezes the timer and the samples together; resume and a new speed go on from there', async () => {
    lab = await startLab({ mqtt: false });
    lab.registry.create({ id: 'tracker-1', automaton: loadAutomaton('jamming-control.automaton.json'), owner: 'cli', source: 'playback', speed: 50 });
    lab.registry.playback('tracker-1', parsePlaybackFile('t,data9\n0,true\n400,true'));
    await waitFor(() => lab!.registry.get('tracker-1').state?.name === 'Jamming', 'Jamming');
    const paused = lab.registry.pause('tracker-1');
    expect(paused).toMatchObject({ paused: true, feed: { state: 'paused' } });
    const [timer] = paused.timers;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const still = lab.registry.get('tracker-1');
    expect(still.objectTime).toBe(paused.objectTime);
    expect(still.timers[0]?.remainingMs).toBe(timer!.remainingMs);
    expect(still.feed?.position).toBe(paused.feed?.position);

    lab.registry.resume('tracker-1');
    lab.registry.setSpeed('tracker-1', 1000);
    await waitFor(() => lab!.registry.get('tracker-1').state?.name === 'Prolonged jamming', 'Prolonged jamming', 5000);
    await waitFor(() => lab!.registry.get('tracker-1').feed?.state === 'ended', 'the end', 5000);
    const clockLines = lab.registry
      .log('tracker-1')
      .entries.filter((e) => e.kind === 'clock')
      .map((e) => e.text.en);
    expect(clockLines).toEqual(["Paused: the object's time stands still", 'Resumed', 'Speed 1000×']);
  });

  test('a manual object runs its timers in simulated time too; telemetry() and fire() from a person', async () => {
    lab = await startLab({ mqtt: false });
    lab.registry.create({ id: 'lamp', automaton: loadAutomaton('light-timer.automaton.json'), owner: 'cli', source: 'manual', speed: 1000 });
    expect(lab.registry.telemetry('lamp', { lum: '150', note: { not: 'a value' } })).toMatchObject({ values: { lum: 150 }, refused: [{ parameter: 'note' }] });
    expect(lab.registry.get('lamp').state?.name).toBe('Too dark');
    lab.registry.fire('lamp', 'geofence-enter');
    await waitFor(() => lab!.registry.get('lamp').state?.name === 'Start', 'the timer to bring it back');
    const lines = lab.registry.log('lamp').entries.map((e) => `${e.kind}: ${e.text.en}`);
    expect(lines).toContain('event: Event geofence-enter (entered the geofence): no transition leaves the current state on it');
    expect(lines).toContain('telemetry-refused: The value of note is not a number, a string or true/false: {"not":"a value"}');
  });
});

describe('a simulator object', () => {
  const knobs = { temperatureParam: 'temperatureC', overheatAt: 60, overheatFor: 60, overheatPeak: 105, doorParam: null, intervalSeconds: 5 };
  const run = async (l: Lab, id: string, seed: number, samples = 60) => {
    l.registry.create({ id, automaton: loadAutomaton('temperature-control.automaton.json'), model: loadKettle(), owner: 'cli', source: 'simulator' });
    l.registry.simulate(id, { seed, knobs, speed: 1000 });
    await waitFor(() => (l.registry.get(id).feed?.samples ?? 0) >= samples, `${samples} samples of ${id}`);
    l.registry.pause(id);
    const entries = l.registry.log(id).entries;
    return {
      values: entries
        .filter((e) => e.kind === 'telemetry')
        .slice(0, samples)
        .map((e) => e.data),
      states: statesIn(entries),
    };
  };

  test('the same seed repeats exactly; another seed does not', async () => {
    lab = await startLab({ mqtt: false });
    const a = await run(lab, 'sim-a', 7);
    const b = await run(lab, 'sim-b', 7);
    const c = await run(lab, 'sim-c', 8);
    expect(b).toEqual(a);
    expect(c.values).not.toEqual(a.values);
    // The overheat episode (60–120 s, peak 105) takes the kettle OFF and back ON.
    expect(a.states).toEqual(['initial', 'ON', 'OFF', 'ON']);
    expect(lab.registry.get('sim-a').feed).toMatchObject({ kind: 'simulator', seed: 7, duration: null, progress: null, knobs: { overheatPeak: 105 } });
  });

  test('knobs change while it runs; wrong knobs are refused field by field', async () => {
    lab = await startLab({ mqtt: false });
    lab.registry.create({ id: 'sim', automaton: loadAutomaton('temperature-control.automaton.json'), model: loadKettle(), owner: 'cli', source: 'simulator' });
    expect(() => lab!.registry.simulate('sim', { seed: 1, knobs: { noise: -1 } })).toThrow(
      expect.objectContaining({ code: 'invalid-knobs', field: 'knobs.noise' }),
    );
    lab.registry.simulate('sim', { seed: 1, knobs: { ...knobs, overheatAt: null, noise: 0, base: 20 }, speed: 1000 });
    await waitFor(() => (lab!.registry.get('sim').feed?.samples ?? 0) >= 3, 'three samples');
    expect(lab.registry.setKnobs('sim', { base: 120 }).feed?.knobs?.base).toBe(120);
    await waitFor(() => lab!.registry.get('sim').state?.name === 'OFF', 'the hotter base to switch it OFF');
    let error: unknown;
    try {
      lab.registry.setKnobs('sim', { intervalSeconds: 0, decimals: 9 });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'invalid-knobs',
      fields: { 'knobs.intervalSeconds': { en: expect.any(String) }, 'knobs.decimals': { ru: expect.any(String) } },
    });
  });
});
