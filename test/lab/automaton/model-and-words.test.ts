// The kettle model's parameters and commands, parameters inferred without a model, and
// conditions, events and transitions in words.
import { describe, expect, test } from 'vitest';
import type { Condition, Parameter } from '../../../lab/automaton/automaton-types.js';
import { compareValues, evaluateCondition, toComparable } from '../../../lab/automaton/condition-eval.js';
import { describeCondition, describeEvent, describeTransition } from '../../../lab/automaton/describe.js';
import { automatonParameters, inferParameters } from '../../../lab/automaton/infer-parameters.js';
import { formatValue, unitText } from '../../../lab/automaton/units.js';
import { loadAutomaton, loadKettle } from './automaton-helpers.js';

describe('importModel on kettle.model.json', () => {
  test('the parameters: argument nodes with source "state", wherever they are', () => {
    const model = loadKettle();
    expect(model).toMatchObject({ id: '61c5796938944e0010fc7d3e', name: 'Kettle model', base: 'mqtt', description: 'Model for all my kettles' });
    expect(model.parameters.map((p) => [p.id, p.name, p.dataType, p.unit, p.unitText, p.topic])).toEqual([
      ['temperature', 'Temperature', 'number', 'temperature-fahrenheit', '°F', 'kettle/temperature'],
      ['temperatureC', 'Temperature', 'number', 'temperature-celsius', '°C', null],
      ['topic', 'Topic', 'string', null, null, 'topic'],
      ['payload', 'Payload', 'string', null, null, 'payload'],
    ]);
  });

  test('levels, with -Infinity for the lowest band', () => {
    const celsius = loadKettle().parameters.find((p) => p.id === 'temperatureC')!;
    expect(celsius.levels).toEqual([
      { id: 'temperature-19e3h.levels.0', name: '-Infinity', value: -Infinity, color: '#f16059' },
      { id: 'temperature-19e3h.levels.1', name: 'Min', value: 10, color: '#a2ce4b' },
      { id: 'temperature-19e3h.levels.2', name: 'Mid', value: 30, color: '#ffae62' },
      { id: 'temperature-19e3h.levels.3', name: 'Max', value: 50, color: '#f16059' },
    ]);
  });

  test('the commands: a ric-gate publish carries its topic and payload', () => {
    expect(loadKettle().commands).toEqual([
      { id: 'kettle_on', name: 'Turn-on kettle', service: 'ric-gate', command: 'publish', publish: { topic: 'kettle/actions', payload: '{"on":true}' } },
      { id: 'kettle_off', name: 'Turn-off kettle', service: 'ric-gate', command: 'publish', publish: { topic: 'kettle/actions', payload: '{"on":false}' } },
      { id: 'kettle_on_check', name: 'Turn-on - check', service: 'ric-logic', command: 'publish', publish: null },
    ]);
  });

  test.each([
    ['temperature-celsius', '°C'],
    ['temperature-fahrenheit', '°F'],
    ['percent', '%'],
    ['lux', 'lx'],
    ['furlongs-per-fortnight', 'furlongs-per-fortnight'],
    [null, null],
    ['', null],
  ])('unit %s is shown as %s', (unit, text) => {
    expect(unitText(unit)).toBe(text);
  });

  test('a value with its unit', () => {
    expect(formatValue(101, 'temperature-celsius')).toBe('101 °C');
    expect(formatValue('on', null)).toBe('on');
    expect(formatValue(true, 'percent')).toBe('true');
  });
});

describe('parameters without a model', () => {
  test('temperature-control: the condition’s parameter and the change-value target', () => {
    expect(inferParameters(loadAutomaton('temperature-control.automaton.json').automaton).map((p) => [p.id, p.dataType, p.origin])).toEqual([
      ['temperatureC', 'number', 'inferred'],
      ['status', 'string', 'inferred'],
    ]);
  });

  test.each([
    ['smart-home.automaton.json', [['temperature', 'number']]],
    ['jamming-control.automaton.json', [['data9', 'boolean']]],
    ['light-timer.automaton.json', [['lum', 'number']]],
  ] as const)('%s', (name, expected) => {
    expect(inferParameters(loadAutomaton(name).automaton).map((p) => [p.id, p.dataType])).toEqual(expected);
  });

  test('with a model: the model’s parameters first, then what only the automaton uses', () => {
    const all = automatonParameters(loadAutomaton('temperature-control.automaton.json').automaton, loadKettle());
    expect(all.map((p) => [p.id, p.origin])).toEqual([
      ['temperature', 'model'],
      ['temperatureC', 'model'],
      ['topic', 'model'],
      ['payload', 'model'],
      ['status', 'inferred'],
    ]);
  });
});

const p = (id: string) => ({ kind: 'parameter', id }) as const;
const v = (value: string) => ({ kind: 'value', value }) as const;
const cmp = (op: Extract<Condition, { kind: 'compare' }>['op'], id: string, value: string): Condition => ({
  kind: 'compare',
  op,
  left: p(id),
  right: v(value),
});

describe('conditions', () => {
  test.each([
    // op, telemetry value, literal, holds
    ['less', 15, '20', true],
    ['less', 20, '20', false],
    ['less-equal', 20, '20', true],
    ['more', 99.5, '99', true],
    ['more', '100', '99', true],
    ['more', '9', '10', false],
    ['more-equal', 20, '20', true],
    ['equal', true, 'true', true],
    ['equal', 'true', 'true', true],
    ['equal', false, 'true', false],
    ['equal', 'on', 'on', true],
    ['equal', 'On', 'on', false],
    ['equal', ' 42 ', '42', true],
    ['not-equal', 'off', 'on', true],
    ['not-equal', 5, 'on', true],
    ['equal', 5, 'on', false],
    ['more', 'on', '5', false],
    ['less', true, 'false', false],
    ['less', 'apple', 'banana', true],
    ['more', -Infinity, '0', false],
  ] as const)('%s: %j vs %j → %s', (op, value, literal, holds) => {
    expect(compareValues(op, value, literal)).toBe(holds);
    expect(evaluateCondition(cmp(op, 'x', literal), new Map([['x', value]]))).toBe(holds);
  });

  test('a parameter with no value yet makes a comparison false, even not-equal', () => {
    for (const op of ['less', 'less-equal', 'more', 'more-equal', 'equal', 'not-equal'] as const) {
      expect(evaluateCondition(cmp(op, 'missing', '1'), new Map())).toBe(false);
    }
  });

  test('and, or, nested; no condition always holds', () => {
    const band: Condition = { kind: 'logic', op: 'and', left: cmp('more-equal', 't', '20'), right: cmp('less-equal', 't', '30') };
    const either: Condition = { kind: 'logic', op: 'or', left: band, right: cmp('equal', 'door', 'true') };
    expect(evaluateCondition(band, new Map([['t', 25]]))).toBe(true);
    expect(evaluateCondition(band, new Map([['t', 31]]))).toBe(false);
    expect(
      evaluateCondition(
        either,
        new Map<string, number | boolean>([
          ['t', 31],
          ['door', true],
        ]),
      ),
    ).toBe(true);
    expect(evaluateCondition(null, new Map())).toBe(true);
  });

  test('values are read as what they look like', () => {
    expect([toComparable('23'), toComparable('-1.5e2'), toComparable('true'), toComparable('on'), toComparable('')]).toEqual([23, -150, true, 'on', '']);
  });
});

describe('in words', () => {
  const celsius: Parameter = {
    id: 'temperatureC',
    name: 'Температура',
    dataType: 'number',
    unit: 'temperature-celsius',
    unitText: '°C',
    levels: [],
    topic: null,
    origin: 'model',
  };

  test.each([
    [cmp('more', 'temperatureC', '99'), undefined, 'temperatureC > 99', 'temperatureC > 99'],
    [cmp('more', 'temperatureC', '99'), [celsius], 'Температура > 99', 'Температура > 99'],
    [
      { kind: 'logic', op: 'and', left: cmp('more-equal', 'temperature', '20'), right: cmp('less-equal', 'temperature', '30') },
      undefined,
      'temperature ≥ 20 и temperature ≤ 30',
      'temperature ≥ 20 and temperature ≤ 30',
    ],
    [
      {
        kind: 'logic',
        op: 'or',
        left: { kind: 'logic', op: 'and', left: cmp('less', 'a', '1'), right: cmp('less', 'b', '2') },
        right: cmp('not-equal', 'status', 'on'),
      },
      undefined,
      '(a < 1 и b < 2) или status ≠ «on»',
      '(a < 1 and b < 2) or status ≠ "on"',
    ],
    [cmp('equal', 'data9', 'false'), undefined, 'data9 = false', 'data9 = false'],
    [null, undefined, 'всегда', 'always'],
  ] as [Condition | null, Parameter[] | undefined, string, string][])('%j', (condition, parameters, ru, en) => {
    expect(describeCondition(condition, parameters)).toEqual({ ru, en });
  });

  test.each([
    ['es-recive-device-data', 'данные получены', 'data received'],
    ['es-control-timer#1-done', 'таймер 1 истёк', 'timer 1 expired'],
    ['schedule-timer#2-done', 'сработало расписание 2', 'schedule 2 fired'],
    ['init', 'запуск логики', 'logic started'],
    ['immediate-transition', 'сразу после входа в состояние', 'right after entering the state'],
    ['geofence-enter', 'вход в геозону', 'entered the geofence'],
    ['geofence-leave', 'выход из геозоны', 'left the geofence'],
    ['door-opened', 'событие «door-opened»', 'event "door-opened"'],
  ])('event %s', (name, ru, en) => {
    expect(describeEvent(name)).toEqual({ ru, en });
  });

  test('a transition: its event and, if any, its condition', () => {
    const { automaton } = loadAutomaton('temperature-control.automaton.json');
    const off = automaton.transitions.find((t) => t.id === 'kx36jsqk')!;
    expect(describeTransition(off, loadKettle().parameters)).toEqual({
      ru: 'данные получены, если Temperature > 99',
      en: 'data received, if Temperature > 99',
    });
    expect(describeTransition(automaton.transitions[0]!)).toEqual({ ru: 'запуск логики', en: 'logic started' });
  });
});
