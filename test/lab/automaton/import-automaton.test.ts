// Reading the platform's automaton exports: the four real files as typed automatons.
import { describe, expect, test } from 'vitest';
import { importAutomaton } from '../../../lab/automaton/import-automaton.js';
import { parseEvent, eventName } from '../../../lab/automaton/events.js';
import { AUTOMATON_FIXTURES, fixtureText, loadAutomaton } from './automaton-helpers.js';

describe('importAutomaton on the real exports', () => {
  test.each(AUTOMATON_FIXTURES)('%s: every state and transition, with its event and condition', (name) => {
    const { automaton, format } = loadAutomaton(name);
    const raw = JSON.parse(JSON.parse(fixtureText(name)).data.data);
    expect(automaton.states.map((s) => s.id)).toEqual(Object.keys(raw.states));
    expect(automaton.transitions.map((t) => t.id)).toEqual(Object.keys(raw.transitions));
    expect(automaton.states.filter((s) => s.type === 'init')).toHaveLength(1);
    expect(format).toEqual({ indent: '  ', eol: '\n', finalNewline: false, bom: false });
    for (const t of automaton.transitions) {
      expect(automaton.states.some((s) => s.id === t.from)).toBe(true);
      expect(automaton.states.some((s) => s.id === t.to)).toBe(true);
      expect(t.condition === null).toBe(raw.transitions[t.id].data.condition === undefined);
    }
  });

  test('temperature-control: names, model, actions and conditions', () => {
    const { automaton } = loadAutomaton('temperature-control.automaton.json');
    expect(automaton).toMatchObject({
      id: '61b5d79000aa230010de8c7d',
      name: 'Temperature control',
      description: 'Temperature (80..99)',
      modelId: '61c5796938944e0010fc7d3e',
      initStateId: 'initial',
    });
    const on = automaton.states.find((s) => s.id === 'first')!;
    expect(on).toMatchObject({ type: 'state', name: 'ON', onexit: [] });
    expect(on.onenter).toEqual([
      { id: 'kettle_on', name: 'Turn-on kettle', args: {}, kind: 'device-command' },
      {
        id: 'change-value',
        name: 'Change the value',
        args: { expr: { id: 'expr', value: '"on"' }, write: { id: 'write', value: { source: 'status' } } },
        kind: 'change-value',
        target: 'status',
        value: 'on',
        expr: '"on"',
      },
    ]);
    const off = automaton.transitions.find((t) => t.id === 'kx36jsqk')!;
    expect(off).toEqual({
      id: 'kx36jsqk',
      name: 'Data received',
      event: 'es-recive-device-data',
      eventKind: { kind: 'device-data' },
      from: 'first',
      to: 'kx359z61',
      condition: { kind: 'compare', op: 'more', left: { kind: 'parameter', id: 'temperatureC' }, right: { kind: 'value', value: '99' } },
    });
  });

  test('smart-home: the nested and-condition and the immediate transition', () => {
    const { automaton } = loadAutomaton('smart-home.automaton.json');
    const fine = automaton.transitions.find((t) => t.id === 'jxvloxs2')!;
    expect(fine.condition).toEqual({
      kind: 'logic',
      op: 'and',
      left: { kind: 'compare', op: 'more-equal', left: { kind: 'parameter', id: 'temperature' }, right: { kind: 'value', value: '20' } },
      right: { kind: 'compare', op: 'less-equal', left: { kind: 'parameter', id: 'temperature' }, right: { kind: 'value', value: '30' } },
    });
    expect(automaton.transitions.find((t) => t.id === 'jxvll0o6')).toMatchObject({
      event: 'immediate-transition',
      eventKind: { kind: 'immediate' },
      condition: null,
    });
  });

  test('jamming-control and light-timer: timers, push messages and booleans', () => {
    const jamming = loadAutomaton('jamming-control.automaton.json').automaton;
    expect(jamming.states.find((s) => s.id === 'kx6c701t')!.onenter[0]).toMatchObject({ kind: 'timer-start', timer: 1, intervalSeconds: 300 });
    expect(jamming.states.find((s) => s.id === 'kx6c70mh')!.onenter[0]).toMatchObject({
      kind: 'push-message',
      importance: 'critical',
      body: 'ATTENTION\nProlonged jamming',
      name: 'Show Message',
    });
    expect(jamming.transitions.find((t) => t.id === 'kx7chhwp')!.eventKind).toEqual({ kind: 'timer-done', timer: 1 });
    const light = loadAutomaton('light-timer.automaton.json').automaton;
    expect(light.name).toBe('Аutomaton 02');
    expect(light.states.find((s) => s.id === 'jypw8d1x')!.onenter.map((a) => a.kind)).toEqual(['device-command', 'push-message', 'timer-start']);
  });

  test('an already parsed file reads the same, and the caller’s object is not kept', () => {
    const parsed = JSON.parse(fixtureText('light-timer.automaton.json'));
    const document = importAutomaton(parsed);
    expect(document.automaton).toEqual(loadAutomaton('light-timer.automaton.json').automaton);
    parsed.data.name = 'changed';
    expect(document.file).not.toBe(parsed);
    expect((document.file.data as { name: string }).name).toBe('Аutomaton 02');
  });

  test('a state id such as "constructor" is only a name', () => {
    const file = JSON.parse(fixtureText('light-timer.automaton.json'));
    const logic = JSON.parse(file.data.data);
    logic.transitions.jypw9zkk.data.target.id = 'constructor';
    file.data.data = JSON.stringify(logic);
    expect(() => importAutomaton(file)).toThrow(/transitions\.jypw9zkk\.data\.target\.id/);
  });
});

describe('event names', () => {
  test.each([
    ['init', { kind: 'init' }],
    ['immediate-transition', { kind: 'immediate' }],
    ['es-recive-device-data', { kind: 'device-data' }],
    ['es-control-timer#3-done', { kind: 'timer-done', timer: 3 }],
    ['schedule-timer#12-done', { kind: 'schedule-done', timer: 12 }],
    ['geofence-enter', { kind: 'geofence-enter' }],
    ['geofence-leave', { kind: 'geofence-leave' }],
    ['door-opened', { kind: 'custom', name: 'door-opened' }],
    ['es-control-timer#x-done', { kind: 'custom', name: 'es-control-timer#x-done' }],
  ] as const)('%s', (name, kind) => {
    expect(parseEvent(name)).toEqual(kind);
    expect(eventName(parseEvent(name))).toBe(name);
  });
});
