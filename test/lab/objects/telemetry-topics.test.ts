// The rules that turn a device's PUBLISH into parameter values, one row per case: the topic, the
// payload, and what the object gets (or why it gets nothing).
import { describe, expect, test } from 'vitest';
import { automatonParameters } from '../../../lab/automaton/infer-parameters.js';
import { coerceValue, readPublish, type NoValueReason, type TopicRule } from '../../../lab/objects/telemetry-topics.js';
import { loadAutomaton, loadKettle } from './objects-helpers.js';

// Kettle model (temperature °F on kettle/temperature, temperatureC, mqtt-last topic/payload) + status, inferred.
const kettle = automatonParameters(loadAutomaton('temperature-control.automaton.json').automaton, loadKettle());
// No model: data9 inferred as a boolean from `data9 = true`.
const jamming = automatonParameters(loadAutomaton('jamming-control.automaton.json').automaton, null);

interface Row {
  name: string;
  topic: string;
  payload: string | Buffer;
  params?: typeof kettle;
  rule: TopicRule | null;
  values?: Record<string, unknown>;
  unknown?: string[];
  refused?: string[];
  reason?: NoValueReason;
}

const rows: Row[] = [
  { name: 'base/state/<param>, a number', topic: 'base/state/temperatureC', payload: '23', rule: 'state-topic', values: { temperatureC: 23 } },
  { name: 'a number with spaces and a sign', topic: 'base/state/temperatureC', payload: ' -4.5\n', rule: 'state-topic', values: { temperatureC: -4.5 } },
  { name: 'an exponent', topic: 'base/state/temperatureC', payload: '1e2', rule: 'state-topic', values: { temperatureC: 100 } },
  {
    name: 'text for a model number is refused',
    topic: 'base/state/temperatureC',
    payload: 'hot',
    rule: 'state-topic',
    refused: ['temperatureC'],
    reason: 'all-refused',
  },
  {
    name: 'a decimal comma is refused',
    topic: 'base/state/temperatureC',
    payload: '23,5',
    rule: 'state-topic',
    refused: ['temperatureC'],
    reason: 'all-refused',
  },
  { name: 'an inferred string parameter takes text', topic: 'base/state/status', payload: 'on', rule: 'state-topic', values: { status: 'on' } },
  {
    name: 'an unknown parameter is kept, typed by look',
    topic: 'base/state/humidity',
    payload: '40',
    rule: 'state-topic',
    values: { humidity: 40 },
    unknown: ['humidity'],
  },
  { name: 'an unknown boolean', topic: 'base/state/door', payload: 'true', rule: 'state-topic', values: { door: true }, unknown: ['door'] },
  { name: 'an inferred boolean (no model)', topic: 'base/state/data9', payload: 'false', params: jamming, rule: 'state-topic', values: { data9: false } },
  {
    name: 'an inferred boolean takes other text by look',
    topic: 'base/state/data9',
    payload: 'maybe',
    params: jamming,
    rule: 'state-topic',
    values: { data9: 'maybe' },
  },
  { name: 'an empty payload', topic: 'base/state/temperatureC', payload: '', rule: 'state-topic', reason: 'empty' },
  { name: 'a payload that is not UTF-8', topic: 'base/state/temperatureC', payload: Buffer.from([0xc3, 0x28]), rule: null, reason: 'not-text' },
  { name: 'a reference topic', topic: 'kettle/temperature', payload: '212', rule: 'reference', values: { temperature: 212 } },
  { name: 'a reference topic with text', topic: 'kettle/temperature', payload: 'boiling', rule: 'reference', refused: ['temperature'], reason: 'all-refused' },
  {
    name: 'a JSON object on base/state',
    topic: 'base/state',
    payload: '{"temperatureC": 23, "door": true}',
    rule: 'json',
    values: { temperatureC: 23, door: true },
    unknown: ['door'],
  },
  { name: 'a JSON object on any topic', topic: 'esp32/out', payload: '{"temperatureC": "99.5"}', rule: 'json', values: { temperatureC: 99.5 } },
  {
    name: 'JSON: null keeps the previous value',
    topic: 'base/state',
    payload: '{"temperatureC": null, "status": "off"}',
    rule: 'json',
    values: { status: 'off' },
  },
  {
    name: 'JSON: a nested value is refused, the rest kept',
    topic: 'base/state',
    payload: '{"temperatureC": {"v": 1}, "temperature": 50}',
    rule: 'json',
    values: { temperature: 50 },
    refused: ['temperatureC'],
  },
  {
    name: 'JSON: a boolean for a model number is refused',
    topic: 'base/state',
    payload: '{"temperatureC": true}',
    rule: 'json',
    refused: ['temperatureC'],
    reason: 'all-refused',
  },
  { name: 'JSON: a number for a model string becomes text', topic: 'base/state', payload: '{"payload": 5}', rule: 'json', values: { payload: '5' } },
  { name: 'JSON: an empty object', topic: 'base/state', payload: '{}', rule: 'json', reason: 'empty' },
  {
    name: 'JSON: a parameter called __proto__',
    topic: 'base/state',
    payload: '{"__proto__": 1}',
    rule: 'json',
    values: JSON.parse('{"__proto__": 1}') as Record<string, unknown>,
    unknown: ['__proto__'],
  },
  { name: 'a plain value on base/state', topic: 'base/state', payload: '23', rule: null, reason: 'state-not-object' },
  { name: 'broken JSON on base/state', topic: 'base/state', payload: '{"temperatureC": ', rule: null, reason: 'state-not-object' },
  { name: 'a JSON array is no object', topic: 'base/state', payload: '[1, 2]', rule: null, reason: 'state-not-object' },
  { name: 'a plain value on an unknown topic', topic: 'kettle/actions', payload: '{"on"', rule: null, reason: 'unknown-topic' },
  { name: 'more levels after base/state/ are no parameter', topic: 'base/state/a/b', payload: '1', rule: null, reason: 'unknown-topic' },
  { name: 'mqtt-last references are not topics', topic: 'topic', payload: '1', rule: null, reason: 'unknown-topic' },
];

describe('readPublish', () => {
  test.each(rows)('$name', (row) => {
    const reading = readPublish(row.topic, row.payload, row.params ?? kettle);
    expect(reading.rule).toBe(row.rule);
    expect(reading.values).toEqual(row.values ?? {});
    expect(reading.unknown).toEqual(row.unknown ?? []);
    expect(reading.refused.map((r) => r.parameter)).toEqual(row.refused ?? []);
    expect(reading.reason).toBe(row.reason ?? null);
    if (row.reason) expect(reading.reasonText).toEqual({ ru: expect.any(String), en: expect.any(String) });
    for (const r of reading.refused) expect(r.text.ru).not.toBe(r.text.en);
  });

  test("the kettle model's mqtt-last parameters get the topic and the payload of every publish", () => {
    expect(readPublish('base/state/temperatureC', '23', kettle).last).toEqual({ topic: 'base/state/temperatureC', payload: '23' });
    expect(readPublish('x', Buffer.from([0xff]), kettle).last).toEqual({ topic: 'x', payload: 'base64:/w==' });
    expect(readPublish('base/state/data9', 'true', jamming).last).toEqual({});
  });

  test('the texts say what to do', () => {
    expect(readPublish('base/state/temperatureC', '23,5', kettle).refused[0]?.text).toEqual({
      ru: 'Параметр temperatureC — число по модели, а пришло «23,5» (дробная часть — через точку: 23.5)',
      en: 'Parameter temperatureC is a number in the model, but "23,5" arrived (write the decimal point as a dot: 23.5)',
    });
    expect(readPublish('esp/x', '5', kettle).reasonText?.en).toBe(
      'Topic "esp/x" carries no parameters: values arrive on base/state/<parameter>, kettle/temperature or as a JSON object',
    );
  });
});

describe('coerceValue', () => {
  const [temperatureC] = kettle.filter((p) => p.id === 'temperatureC');
  test.each([
    [23, { ok: true, value: 23 }],
    ['23', { ok: true, value: 23 }],
    [Number.NaN, { ok: false }],
    [Number.POSITIVE_INFINITY, { ok: false }],
    ['x'.repeat(5000), { ok: false }],
    [null, { ok: false }],
  ])('%j for a model number', (value, expected) => {
    expect(coerceValue('temperatureC', value, temperatureC)).toMatchObject(expected);
  });
});
