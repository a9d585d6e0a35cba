// The registry's contract apart from MQTT: specs checked with one bilingual ObjectError, the
// source and clock rules, the snapshot events (at most one per burst of runner events), remove,
// close, and the object clock's pause underneath.
import { afterEach, describe, expect, test } from 'vitest';
import { parsePlaybackFile } from '../../../lab/automaton/playback-file.js';
import type { ClockHost } from '../../../lab/automaton/clock.js';
import { createObjectClock } from '../../../lab/objects/object-clock.js';
import { ObjectError } from '../../../lab/objects/object-error.js';
import { createObjectRegistry } from '../../../lab/objects/object-registry.js';
import type { ObjectSpec } from '../../../lab/objects/object-spec.js';
import { loadAutomaton, loadKettle, startLab, waitFor, type Lab } from './objects-helpers.js';

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

const tc = () => loadAutomaton('temperature-control.automaton.json');
const spec = (over: Partial<ObjectSpec> = {}): ObjectSpec => ({
  id: 'kettle-1',
  automaton: tc(),
  model: loadKettle(),
  owner: 'cli',
  source: 'manual',
  ...over,
});

function thrown(call: () => unknown): ObjectError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ObjectError);
    const e = error as ObjectError;
    expect(e.text.ru).not.toBe('');
    expect(e.text.en).toBe(e.message);
    return e;
  }
  throw new Error('expected an ObjectError');
}

describe('create', () => {
  test.each([
    ['an empty id', { id: '' }, 'invalid-id', 'id'],
    ['a 65-character id', { id: 'k'.repeat(65) }, 'invalid-id', 'id'],
    ['a space in the id', { id: 'kettle 1' }, 'invalid-id', 'id'],
    ['a slash in the id', { id: 'kettle/1' }, 'invalid-id', 'id'],
    ['Cyrillic in the id', { id: 'чайник' }, 'invalid-id', 'id'],
    ['an id that is a number', { id: 7 as unknown as string }, 'invalid-id', 'id'],
    ['no automaton', { automaton: {} as never }, 'invalid-spec', 'automaton'],
    ['a model that is not one', { model: { name: 'x' } as never }, 'invalid-spec', 'model'],
    ['no owner', { owner: '  ' }, 'invalid-spec', 'owner'],
    ['an unknown source', { source: 'serial' as never }, 'invalid-spec', 'source'],
    ['a speed of zero', { speed: 0 }, 'invalid-speed', 'speed'],
    ['a speed of "fast"', { speed: 'fast' as never }, 'invalid-speed', 'speed'],
    ['a speed past the limit', { speed: 5000 }, 'invalid-speed', 'speed'],
    ['a speed for an MQTT object', { source: 'mqtt' as const, speed: 10 }, 'real-time', 'speed'],
  ])('%s: ObjectError %s', async (_name, over, code, field) => {
    lab = await startLab({ mqtt: false });
    const error = thrown(() => lab!.registry.create(spec(over)));
    expect([error.code, error.field]).toEqual([code, field]);
    expect(lab.registry.list()).toEqual([]);
  });

  test('not a spec at all, and the id rule spelled out', async () => {
    lab = await startLab({ mqtt: false });
    expect(thrown(() => lab!.registry.create(null as never)).code).toBe('invalid-spec');
    expect(thrown(() => lab!.registry.create(spec({ id: 'kettle 1' }))).text).toEqual({
      ru: 'В id объекта пробел — допустимы латинские буквы, цифры, точка, _ и - (id — это MQTT client id устройства)',
      en: "The object's id holds a space: use Latin letters, digits, dot, _ and - (the id is the device's MQTT client id)",
    });
  });

  test('ids are unique; the number of objects is bounded; an automaton may be given as the document or the Automaton', async () => {
    lab = await startLab({ mqtt: false, maxObjects: 2 });
    lab.registry.create(spec());
    expect(thrown(() => lab!.registry.create(spec())).code).toBe('duplicate-id');
    lab.registry.create(spec({ id: 'kettle-2', automaton: tc().automaton }));
    expect(thrown(() => lab!.registry.create(spec({ id: 'kettle-3' }))).code).toBe('too-many-objects');
    expect(lab.registry.list().map((o) => [o.id, o.state?.name, o.automaton.name])).toEqual([
      ['kettle-1', 'ON', 'Temperature control'],
      ['kettle-2', 'ON', 'Temperature control'],
    ]);
  });

  test('a model made for another automaton is a warning in the log, not an error', async () => {
    lab = await startLab({ mqtt: false });
    const kettle = { ...loadKettle(), id: 'other-model' };
    lab.registry.create(spec({ model: kettle }));
    expect(lab.registry.log('kettle-1').entries.find((e) => e.kind === 'warning')?.text.en).toMatch(
      /^The automaton was made for model 61c5796938944e0010fc7d3e, but model other-model/,
    );
  });
});

describe('the rules of sources and clocks', () => {
  test('speed and pause are for simulated objects; playback and simulator for their own sources', async () => {
    lab = await startLab();
    lab.registry.create(spec({ id: 'device', source: 'mqtt' }));
    lab.registry.create(spec({ id: 'file', source: 'playback' }));
    lab.registry.create(spec({ id: 'sim', source: 'simulator' }));
    expect(thrown(() => lab!.registry.setSpeed('device', 10)).code).toBe('real-time');
    expect(thrown(() => lab!.registry.pause('device')).code).toBe('real-time');
    expect(thrown(() => lab!.registry.playback('sim', parsePlaybackFile('t,temperatureC\n0,1'))).code).toBe('wrong-source');
    expect(thrown(() => lab!.registry.simulate('file', { seed: 1 })).code).toBe('wrong-source');
    expect(thrown(() => lab!.registry.setKnobs('sim', { base: 1 })).code).toBe('wrong-source');
    expect(thrown(() => lab!.registry.playback('file', [])).code).toBe('invalid-samples');
    expect(
      thrown(() =>
        lab!.registry.playback('file', [
          { t: 5, values: {} },
          { t: 1, values: {} },
        ]),
      ).code,
    ).toBe('invalid-samples');
    expect(thrown(() => lab!.registry.simulate('sim', { seed: 1.5 })).code).toBe('invalid-knobs');
    expect(thrown(() => lab!.registry.setSpeed('file', -1)).code).toBe('invalid-speed');
    expect(lab.registry.setSpeed('file', 20)).toMatchObject({ speed: 20, realTime: false });
  });

  test('unknown ids, bad events and bad telemetry are ObjectErrors', async () => {
    lab = await startLab({ mqtt: false });
    lab.registry.create(spec());
    expect(thrown(() => lab!.registry.get('nope')).code).toBe('not-found');
    expect(thrown(() => lab!.registry.fire('kettle-1', '  ')).code).toBe('invalid-event');
    expect(thrown(() => lab!.registry.telemetry('kettle-1', [1] as never)).code).toBe('invalid-telemetry');
    expect(thrown(() => lab!.registry.remove('nope')).code).toBe('not-found');
  });
});

describe('events, remove and close', () => {
  test('one snapshot per burst: a value that takes a transition with two actions is one object event', async () => {
    lab = await startLab({ mqtt: false });
    lab.registry.create(spec());
    await Promise.resolve();
    lab.events.length = 0;
    lab.registry.telemetry('kettle-1', { temperatureC: 120 });
    await Promise.resolve();
    const objects = lab.events.filter((e) => e.Type === 'object');
    expect(objects).toHaveLength(1);
    expect(objects[0]?.Type === 'object' && objects[0].Data.state?.name).toBe('OFF');
    expect(lab.events.filter((e) => e.Type === 'object-log').length).toBeGreaterThan(3);
  });

  test('remove stops the object and says so; a consumer that throws breaks nothing', async () => {
    const seen: string[] = [];
    const registry = createObjectRegistry({
      actions: { sendEmail: async () => ({ ok: true, message: { ru: 'да', en: 'yes' }, reply: null, explanation: null }) },
      onEvent: (event) => {
        seen.push(event.Type);
        throw new Error('a closed WebSocket');
      },
    });
    registry.create(spec({ source: 'playback', speed: 1000 }));
    registry.playback('kettle-1', parsePlaybackFile('t,temperatureC\n0,20\n60,120\n3600,20'));
    await waitFor(() => registry.get('kettle-1').state?.name === 'OFF', 'OFF');
    registry.remove('kettle-1');
    expect(seen.at(-1)).toBe('object-removed');
    expect(registry.has('kettle-1')).toBe(false);
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.length).toBe(count);
    registry.close();
  });

  test('close stops every runner, feed and subscription; later calls are refused', async () => {
    lab = await startLab();
    lab.registry.create(spec({ id: 'sim', source: 'simulator' }));
    lab.registry.simulate('sim', { seed: 3, speed: 1000, knobs: { temperatureParam: 'temperatureC' } });
    lab.registry.create(spec({ id: 'device', source: 'mqtt' }));
    await waitFor(() => (lab!.registry.get('sim').feed?.samples ?? 0) > 5, 'samples');
    lab.registry.close();
    const count = lab.events.length;
    const device = await lab.client('device');
    await device.publishAsync('base/state/temperatureC', '120', { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lab.events.length).toBe(count);
    expect(thrown(() => lab!.registry.list()).code).toBe('closed');
    expect(thrown(() => lab!.registry.create(spec({ id: 'late' }))).code).toBe('closed');
  });

  test('an MQTT object created while its device is connected shows it connected', async () => {
    lab = await startLab();
    await lab.client('early');
    const created = lab.registry.create(spec({ id: 'early', source: 'mqtt' }));
    expect(created.mqtt?.connected).toBe(true);
    expect(lab.registry.log('early').entries.map((e) => e.kind)).toContain('mqtt-connect');
  });

  test('without a broker, an MQTT object warns and device commands say MQTT is off', async () => {
    lab = await startLab({ mqtt: false });
    lab.registry.create(spec({ source: 'mqtt' }));
    await lab.registry.idle();
    const lines = lab.registry.log('kettle-1').entries.map((e) => e.text.en);
    expect(lines).toContain("The MQTT broker is off: the device's data cannot arrive");
    expect(lines).toContain(
      `Command "kettle_on" not published: there is no MQTT broker here — the lab's is off (--mqtt-port off), or this is smtp-lab automaton run without --mqtt (kettle/actions: {"on":true})`,
    );
  });
});

describe('the object clock', () => {
  function fakeHost() {
    let now = 0;
    const timers = new Map<number, { at: number; cb: () => void }>();
    let next = 1;
    const host: ClockHost & { advance(ms: number): void } = {
      now: () => now,
      setTimeout: (cb, ms) => {
        timers.set(next, { at: now + ms, cb });
        return next++;
      },
      clearTimeout: (id) => void timers.delete(id as number),
      advance(ms) {
        const target = now + ms;
        for (;;) {
          const due = [...timers].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
          if (!due) break;
          timers.delete(due[0]);
          now = Math.max(now, due[1].at);
          due[1].cb();
        }
        now = target;
      },
    };
    return host;
  }

  test('a paused clock stands still and holds its timers; resumed, the rest of the wait follows', () => {
    const host = fakeHost();
    const clock = createObjectClock({ realTime: false, speed: 10, start: 1_000_000, host });
    const fired: number[] = [];
    clock.setTimer(300_000, () => fired.push(clock.now()));
    host.advance(10_000);
    expect(clock.now()).toBe(1_100_000);
    clock.pause();
    host.advance(60_000);
    expect(clock.now()).toBe(1_100_000);
    expect(fired).toEqual([]);
    clock.resume();
    clock.setSpeed(100);
    host.advance(1_999);
    expect(fired).toEqual([]);
    host.advance(1);
    expect(fired).toEqual([1_300_000]);
    expect(clock.paused).toBe(false);
  });

  test('a real-time clock follows the wall clock', () => {
    const clock = createObjectClock({ realTime: true });
    expect(clock.realTime).toBe(true);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
    clock.close();
  });
});
