// Broken files: each gives one AutomatonImportError that says where (a path through the nested
// JSON documents, or a line and column) and what was expected, in both languages — never
// another exception, never a half-read automaton.
import { describe, expect, test } from 'vitest';
import { AutomatonImportError } from '../../../lab/automaton/import-error.js';
import { importAutomaton } from '../../../lab/automaton/import-automaton.js';
import { importModel } from '../../../lab/automaton/import-model.js';
import { parsePlaybackFile } from '../../../lab/automaton/playback-file.js';
import { mulberry32 } from '../../../server/common/prng.js';
import { AUTOMATON_FIXTURES, fixtureText, type AutomatonFixture } from './automaton-helpers.js';

// Test data is edited freely; its shape is the fixture’s.
type Json = any;

/** A fixture's text with its outer file changed. */
const withFile = (name: string, change: (file: Json) => void): string => {
  const file = JSON.parse(fixtureText(name));
  change(file);
  return JSON.stringify(file, null, 2);
};
/** A fixture's text with the logic inside data.data changed. */
const withLogic = (name: AutomatonFixture, change: (logic: Json) => void): string =>
  withFile(name, (file) => {
    const logic = JSON.parse(file.data.data);
    change(logic);
    file.data.data = JSON.stringify(logic);
  });
const TC = 'temperature-control.automaton.json' as const;
const JAM = 'jamming-control.automaton.json' as const;
const cond = (logic: Json, id: string, change: (c: Json) => void) => {
  const c = JSON.parse(logic.transitions[id].data.condition);
  change(c);
  logic.transitions[id].data.condition = JSON.stringify(c);
};
const ONENTER = (JSON.parse(fixtureText(TC)).data.data as string).indexOf('"onenter"');
const nest = (depth: number): Json => {
  let value: Json = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const cyclic: Json = { store: 'automatons' };
cyclic.self = cyclic;

function caught(run: () => unknown): AutomatonImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof AutomatonImportError) return e;
    throw new Error(`expected an AutomatonImportError, got ${String(e)}`);
  }
  throw new Error('expected an AutomatonImportError, nothing was thrown');
}

interface Case {
  title: string;
  input: unknown;
  where: string;
  /** A line and column for syntax errors. */
  at?: { line: number; column: number };
  en: RegExp;
}

const AUTOMATON_CASES: Case[] = [
  { title: 'null', input: null, where: '', en: /expected a platform export.*found null/ },
  { title: 'an array', input: [], where: '', en: /found an array/ },
  { title: 'a number', input: 42, where: '', en: /found the number 42/ },
  { title: 'the text "x"', input: 'x', where: '', at: { line: 1, column: 1 }, en: /a JSON value/ },
  { title: 'an empty text', input: '', where: '', at: { line: 1, column: 1 }, en: /cut short/ },
  { title: 'a JSON string', input: '"automaton"', where: '', en: /found the string "automaton"/ },
  // Cut inside the string data.data: the place is where that string opens.
  { title: 'the file cut in half', input: fixtureText(TC).slice(0, 2000), where: '', at: { line: 16, column: 13 }, en: /closing quote/ },
  {
    title: 'the file cut after "data":',
    input: '{\n  "version": 1,\n  "store": "automatons",\n  "data":',
    where: '',
    at: { line: 4, column: 10 },
    en: /a JSON value.*cut short/,
  },
  { title: 'a trailing comma', input: '{"store": "automatons",}', where: '', at: { line: 1, column: 24 }, en: /property name in double quotes/ },
  { title: 'a cyclic object', input: cyclic, where: '', en: /JSON data/ },
  { title: 'a BigInt inside', input: { store: 'automatons', n: 1n }, where: '', en: /JSON data/ },
  // Too deep to write back (JSON.stringify would overflow the stack), though JSON.parse takes it.
  {
    title: 'a field of the file nested 150 deep',
    input: withFile(TC, (f) => (f.data.extra = nest(150))),
    where: `data.extra${'[0]'.repeat(99)}`,
    en: /nesting at most 100 levels deep/,
  },
  {
    title: 'a field of the logic nested 150 deep',
    input: withLogic(TC, (l) => (l.states.first.position = nest(150))),
    where: `data.data → states.first.position${'[0]'.repeat(98)}`,
    en: /nesting at most 100/,
  },
  { title: 'deep and broken text', input: '['.repeat(5_000), where: '', at: { line: 1, column: 1_002 }, en: /nesting at most 1000 deep/ },
  { title: 'the wrong store (a model)', input: fixtureText('kettle.model.json'), where: 'store', en: /"automatons".*model export.*found the string "models"/ },
  { title: 'no store', input: withFile(TC, (f) => delete f.store), where: 'store', en: /"automatons".*field is missing/ },
  { title: 'version 2', input: withFile(TC, (f) => (f.version = 2)), where: 'version', en: /version 1/ },
  { title: 'no data', input: withFile(TC, (f) => delete f.data), where: 'data', en: /the automaton/ },
  {
    title: 'data.data an object, not a string',
    input: withFile(TC, (f) => (f.data.data = JSON.parse(f.data.data))),
    where: 'data.data',
    en: /JSON document in a string.*found an object/,
  },
  {
    title: 'bad JSON in data.data',
    input: withFile(TC, (f) => (f.data.data = '{"states":')),
    where: 'data.data',
    at: { line: 1, column: 11 },
    en: /a JSON value/,
  },
  // Cut inside "onenter": the string that opens at character 296 never closes.
  {
    title: 'data.data truncated',
    input: withFile(TC, (f) => (f.data.data = f.data.data.slice(0, 300))),
    where: 'data.data',
    at: { line: 1, column: 296 },
    en: /closing quote.*cut short/,
  },
  {
    title: 'data.data cut after a key',
    input: withFile(TC, (f) => (f.data.data = f.data.data.slice(0, ONENTER + 9))),
    where: 'data.data',
    at: { line: 1, column: ONENTER + 10 },
    en: /a colon : after the property name.*cut short/,
  },
  { title: 'data.data an array', input: withFile(TC, (f) => (f.data.data = '[]')), where: 'data.data', en: /states.*transitions.*found an array/ },
  { title: 'no states', input: withLogic(TC, (l) => delete l.states), where: 'data.data → states', en: /the states/ },
  { title: 'states as an array', input: withLogic(TC, (l) => (l.states = [])), where: 'data.data → states', en: /found an array/ },
  { title: 'no transitions', input: withLogic(TC, (l) => delete l.transitions), where: 'data.data → transitions', en: /the transitions/ },
  {
    title: 'a state of unknown type',
    input: withLogic(TC, (l) => (l.states.first.data.type = 'superstate')),
    where: 'data.data → states.first.data.type',
    en: /init, final, state.*"superstate"/,
  },
  {
    title: 'a state whose id is not its key',
    input: withLogic(TC, (l) => (l.states.first.data.id = 'second')),
    where: 'data.data → states.first.data.id',
    en: /equal to its key "first"/,
  },
  {
    title: 'two init states',
    input: withLogic(TC, (l) => (l.states.first.data.type = 'init')),
    where: 'data.data → states.first.data.type',
    en: /one initial state; the first is "initial"/,
  },
  { title: 'no init state', input: withLogic(TC, (l) => (l.states.initial.data.type = 'state')), where: 'data.data → states', en: /one initial state/ },
  {
    title: 'a dangling transition target',
    input: withLogic(TC, (l) => (l.transitions.kx36jsqk.data.target.id = 'gone')),
    where: 'data.data → transitions.kx36jsqk.data.target.id',
    en: /state in states.*"gone"/,
  },
  {
    title: 'a dangling transition owner',
    input: withLogic(TC, (l) => (l.transitions['0'].data.owner.id = 'nowhere')),
    where: 'data.data → transitions.0.data.owner.id',
    en: /starts.*"nowhere"/,
  },
  {
    title: 'a transition without an event',
    input: withLogic(TC, (l) => delete l.transitions.kx36jsqk.data.event),
    where: 'data.data → transitions.kx36jsqk.data.event',
    en: /event/,
  },
  {
    title: 'an unknown condition op',
    input: withLogic(TC, (l) => cond(l, 'kx36jd5u', (c) => (c['0'].data.type = 'lesser'))),
    where: 'data.data → transitions.kx36jd5u.data.condition → 0.data.type',
    en: /one of the operations less.*"lesser"/,
  },
  {
    title: 'a condition that is not a string',
    input: withLogic(TC, (l) => (l.transitions.kx36jd5u.data.condition = JSON.parse(l.transitions.kx36jd5u.data.condition))),
    where: 'data.data → transitions.kx36jd5u.data.condition',
    en: /JSON document in a string.*found an object/,
  },
  {
    title: 'a condition that is a number',
    input: withLogic(TC, (l) => (l.transitions.kx36jd5u.data.condition = 80)),
    where: 'data.data → transitions.kx36jd5u.data.condition',
    en: /found the number 80/,
  },
  {
    title: 'bad JSON in a condition',
    input: withLogic(TC, (l) => (l.transitions.kx36jd5u.data.condition = '{"0":{"0":')),
    where: 'data.data → transitions.kx36jd5u.data.condition',
    at: { line: 1, column: 11 },
    en: /a JSON value/,
  },
  {
    title: 'a condition root other than {"0": …}',
    input: withLogic(TC, (l) => cond(l, 'kx36jd5u', (c) => ((c['1'] = c['0']), delete c['0']))),
    where: 'data.data → transitions.kx36jd5u.data.condition',
    en: /condition root/,
  },
  {
    title: 'a comparison with a missing operand',
    input: withLogic(TC, (l) => cond(l, 'kx36jd5u', (c) => delete c['0']['1'])),
    where: 'data.data → transitions.kx36jd5u.data.condition → 0.1',
    en: /an operand.*field is missing/,
  },
  {
    title: 'an operand of an unknown kind',
    input: withLogic(TC, (l) => cond(l, 'kx36jd5u', (c) => (c['0']['1'].data.type = 'formula'))),
    where: 'data.data → transitions.kx36jd5u.data.condition → 0.1.data.type',
    en: /"parametr".*"value"/,
  },
  {
    title: 'an operand from another source',
    input: withLogic(TC, (l) => cond(l, 'kx36jd5u', (c) => (c['0']['0'].data.source = 'config'))),
    where: 'data.data → transitions.kx36jd5u.data.condition → 0.0.data.source',
    en: /"state"/,
  },
  {
    title: 'an operand of a comparison that is a condition',
    input: withLogic(TC, (l) => cond(l, 'kx36jd5u', (c) => (c['0']['0'].type = 'condition'))),
    where: 'data.data → transitions.kx36jd5u.data.condition → 0.0.type',
    en: /"parametr"/,
  },
  {
    title: 'a condition nested 70 deep',
    input: withLogic(TC, (l) =>
      cond(l, 'kx36jd5u', (c) => {
        const leaf = c['0'];
        let node = leaf;
        for (let i = 0; i < 70; i++) node = { 0: node, 1: leaf, data: { type: 'and' }, type: 'condition' };
        c['0'] = node;
      }),
    ),
    // The root's node and 65 nested under it: the 65th is one too deep.
    where: `data.data → transitions.kx36jd5u.data.condition → ${Array(66).fill('0').join('.')}`,
    en: /at most 64 levels deep/,
  },
  {
    title: 'a timer interval that is text',
    input: withLogic(JAM, (l) => (l.states.kx6c701t.data.onenter[0].args.interval.value = 'five')),
    where: 'data.data → states.kx6c701t.data.onenter[0].args.interval.value',
    en: /seconds, a number greater than 0/,
  },
  {
    title: 'a timer interval of 0',
    input: withLogic(JAM, (l) => (l.states.kx6c701t.data.onenter[0].args.interval.value = 0)),
    where: 'data.data → states.kx6c701t.data.onenter[0].args.interval.value',
    en: /greater than 0/,
  },
  {
    title: 'a change-value expression',
    input: withLogic(TC, (l) => (l.states.first.data.onenter[1].args.expr.value = 'object.state.x + 1')),
    where: 'data.data → states.first.data.onenter[1].args.expr.value',
    en: /does not evaluate expressions/,
  },
  {
    title: 'a change-value with no target',
    input: withLogic(TC, (l) => delete l.states.first.data.onenter[1].args.write.value.source),
    where: 'data.data → states.first.data.onenter[1].args.write.value.source',
    en: /parameter name/,
  },
  {
    title: 'an unknown push importance',
    input: withLogic(JAM, (l) => (l.states.kx6c70mh.data.onenter[0].args.importance.value = 'urgent')),
    where: 'data.data → states.kx6c70mh.data.onenter[0].args.importance.value',
    en: /information, important, critical/,
  },
  {
    title: 'an action without an id',
    input: withLogic(TC, (l) => delete l.states.first.data.onenter[0].id),
    where: 'data.data → states.first.data.onenter[0].id',
    en: /action's id/,
  },
  {
    title: 'onenter that is not a list',
    input: withLogic(TC, (l) => (l.states.first.data.onenter = {})),
    where: 'data.data → states.first.data.onenter',
    en: /a list of actions/,
  },
  {
    title: 'a send-email with an unknown encoding',
    input: withLogic(TC, (l) =>
      l.states.first.data.onexit.push({
        id: 'send-email',
        name: 'Отправить e-mail',
        args: { recipients: { id: 'recipients', value: 'a@b.c' }, encoding: { id: 'encoding', value: 'UTF-7' } },
      }),
    ),
    where: 'data.data → states.first.data.onexit[0].args.encoding.value',
    en: /JSON, HEX, Base64 or Text/,
  },
  {
    title: 'a schedule in an unknown time zone',
    input: withLogic(TC, (l) =>
      l.states.first.data.onexit.push({
        id: 'schedule-timer#1-start',
        name: 's',
        args: { period: { id: 'period', value: { hour: [8], minute: [0], tz: 'Mars/Olympus' } } },
      }),
    ),
    where: 'data.data → states.first.data.onexit[0].args.period.value.tz',
    en: /IANA time zone.*"Mars\/Olympus"/,
  },
  {
    title: 'a schedule at hour 25',
    input: withLogic(TC, (l) =>
      l.states.first.data.onexit.push({ id: 'schedule-timer#1-start', name: 's', args: { period: { id: 'period', value: { hour: [8, 25], minute: [0] } } } }),
    ),
    where: 'data.data → states.first.data.onexit[0].args.period.value.hour[1]',
    en: /0 to 23.*25/,
  },
];

const MODEL_CASES: Case[] = [
  { title: 'null', input: null, where: '', en: /In the model file.*platform export/ },
  { title: 'an automaton instead', input: fixtureText(TC), where: 'store', en: /"models".*automaton export/ },
  { title: 'truncated', input: fixtureText('kettle.model.json').slice(0, 500), where: '', at: { line: 20, column: 17 }, en: /closing quote/ },
  { title: 'no tree', input: withFile('kettle.model.json', (f) => delete f.data.data), where: 'data.data', en: /a model node/ },
  {
    title: 'children that are not a list',
    input: withFile('kettle.model.json', (f) => (f.data.data.children = 'none')),
    where: 'data.data.children',
    en: /list of child nodes/,
  },
  {
    title: 'a node without an id',
    input: withFile('kettle.model.json', (f) => delete f.data.data.children[1].children[1].id),
    where: 'data.data.children[1].children[1].id',
    en: /node's id/,
  },
  {
    title: 'a level that is not a number',
    input: withFile('kettle.model.json', (f) => (f.data.data.children[1].children[1].children[1].value = 'high')),
    where: 'data.data.children[1].children[1].children[1].value',
    en: /threshold.*"high"/,
  },
  {
    title: 'a unit that is a number',
    input: withFile('kettle.model.json', (f) => (f.data.data.children[1].children[2].unit = 7)),
    where: 'data.data.children[1].children[2].unit',
    en: /a string.*7/,
  },
];

const TELEMETRY_CASES: Case[] = [
  { title: 'a JSON object, not a list', input: '{"t": 0}', where: '', en: /In the telemetry file.*list of samples/ },
  { title: 'an empty list', input: '[]', where: '', en: /at least one sample/ },
  { title: 'a negative t', input: '[{"t": -1, "temperature": 20}]', where: '[0].t', en: /at least 0/ },
  { title: 'a t that goes back', input: '[{"t": 0}, {"t": 5}, {"t": 3}]', where: '[2].t', en: /not less than the previous one \(5\)/ },
  { title: 'no t', input: '[{"temperature": 20}]', where: '[0].t', en: /field is missing/ },
  { title: 'a value that is an object', input: '[{"t": 0, "temperature": {"v": 1}}]', where: '[0].temperature', en: /a number, a string/ },
  { title: 'truncated JSON', input: '[{"t": 0,\n  "temperature": 2', where: '', at: { line: 2, column: 19 }, en: /comma , or a closing brace/ },
  { title: 'a CSV without t', input: 'time,temperature\n0,20', where: '', at: { line: 1, column: 1 }, en: /column t/ },
  { title: 'a CSV t that is text', input: 't,temperature\n0,20\nsoon,21', where: '', at: { line: 3, column: 1 }, en: /t, the seconds.*"soon"/ },
  { title: 'a CSV row with an extra cell', input: 't,temperature\n0,20\n5,21,22', where: '', at: { line: 3, column: 6 }, en: /no more cells/ },
  { title: 'a CSV quote never closed', input: 't,status\n0,ok\n5,"broken', where: '', at: { line: 3, column: 3 }, en: /closing quote/ },
  { title: 'text after a closing quote', input: 't,status\n0,"ok"x', where: '', at: { line: 2, column: 7 }, en: /delimiter or the end of the line/ },
  { title: 'an empty CSV', input: '', where: '', at: { line: 1, column: 1 }, en: /header line/ },
  { title: 'a CSV header only', input: 't,temperature\n', where: '', at: { line: 2, column: 1 }, en: /at least one sample/ },
  { title: 'a repeated column', input: 't,temp,temp\n0,1,2', where: '', at: { line: 1, column: 8 }, en: /other than the repeated "temp"/ },
  { title: 'an empty column name', input: 't,,door\n0,1,true', where: '', at: { line: 1, column: 3 }, en: /column name/ },
  { title: 'a CSV t that goes back', input: 't;temperature\n0;20\n10;21\n9,5;22', where: '', at: { line: 4, column: 1 }, en: /previous one \(10\)/ },
];

describe.each([
  ['automaton', AUTOMATON_CASES, (input: unknown) => importAutomaton(input)],
  ['model', MODEL_CASES, (input: unknown) => importModel(input)],
  ['telemetry', TELEMETRY_CASES, (input: unknown) => parsePlaybackFile(input as string)],
] as const)('a broken %s file', (kind, cases, load) => {
  test.each(cases)('$title', ({ input, where, at, en }) => {
    const error = caught(() => load(input));
    expect(error.file).toBe(kind);
    expect(error.where).toBe(where);
    if (at) expect(error.location).toEqual(at);
    expect(error.message).toMatch(en);
    expect(error.text.en).toBe(error.message);
    expect(error.text.ru).toMatch(/^В файле (автомата|модели|телеметрии)/);
    expect(error.text.ru).toContain('ожидалось');
    if (where) {
      expect(error.text.en).toContain(`at ${where}`);
      expect(error.text.ru).toContain(`в ${where}`);
    }
    if (at) expect(error.text.en).toContain(`line ${at.line}, column ${at.column}`);
  });
});

test('there are at least 20 broken automaton inputs and 40 in all', () => {
  expect(AUTOMATON_CASES.length).toBeGreaterThanOrEqual(20);
  expect(AUTOMATON_CASES.length + MODEL_CASES.length + TELEMETRY_CASES.length).toBeGreaterThanOrEqual(40);
});

test('a message in both languages, whole', () => {
  const error = caught(() => importAutomaton(withLogic(TC, (l) => cond(l, 'kx36jd5u', (c) => (c['0'].data.type = 'lesser')))));
  expect(error.text).toEqual({
    ru: 'В файле автомата, в data.data → transitions.kx36jd5u.data.condition → 0.data.type: ожидалось одна из операций less, less-equal, more, more-equal, equal, not-equal, and, or; найдено строка "lesser"',
    en: 'In the automaton file, at data.data → transitions.kx36jd5u.data.condition → 0.data.type: expected one of the operations less, less-equal, more, more-equal, equal, not-equal, and, or; found the string "lesser"',
  });
  expect(error.path).toEqual([
    ['data', 'data'],
    ['transitions', 'kx36jd5u', 'data', 'condition'],
    ['0', 'data', 'type'],
  ]);
});

describe('no other exception, whatever the damage', () => {
  const only = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      if (!(e instanceof AutomatonImportError)) throw e;
    }
  };

  test.each([...AUTOMATON_FIXTURES, 'kettle.model.json'])('%s cut at every length', (name) => {
    const text = fixtureText(name);
    const load = name.endsWith('.model.json') ? importModel : importAutomaton;
    for (let n = 0; n < text.length; n += 13) expect(() => load(text.slice(0, n))).toThrow(AutomatonImportError);
  });

  test.each(AUTOMATON_FIXTURES)('%s with data.data cut at every length', (name) => {
    const file = JSON.parse(fixtureText(name));
    const logic: string = file.data.data;
    for (let n = 0; n < logic.length; n += 11) {
      const error = caught(() => importAutomaton({ ...file, data: { ...file.data, data: logic.slice(0, n) } }));
      expect(error.where).toBe('data.data');
    }
  });

  test.each(AUTOMATON_FIXTURES)('%s with 400 random values planted in its logic', (name) => {
    const random = mulberry32(name.length * 7919);
    const plants = [null, 0, -1, 'x', '', '{"0":{}}', [], {}, true, { data: {} }, [null], 1e400, 'constructor', '__proto__'];
    for (let round = 0; round < 400; round++) {
      const file = JSON.parse(fixtureText(name));
      const logic = JSON.parse(file.data.data);
      // Walk to a random node and replace one of its fields.
      let node: Json = logic;
      for (let depth = 0; depth < 8; depth++) {
        const keys = typeof node === 'object' && node !== null ? Object.keys(node) : [];
        if (keys.length === 0) break;
        const key = keys[Math.floor(random() * keys.length)]!;
        if (depth > 1 && random() < 0.3) {
          node[key] = plants[Math.floor(random() * plants.length)];
          break;
        }
        if (typeof node[key] === 'string' && node[key].startsWith('{')) {
          const inner = JSON.parse(node[key]);
          const keysInner = Object.keys(inner);
          if (keysInner.length > 0) inner[keysInner[0]!] = plants[Math.floor(random() * plants.length)];
          node[key] = JSON.stringify(inner);
          break;
        }
        node = node[key];
      }
      file.data.data = JSON.stringify(logic);
      only(() => importAutomaton(file));
    }
  });

  test('random bytes and random JSON never escape as another error', () => {
    const random = mulberry32(12345);
    const alphabet = '{}[]":,0123456789.-eE truefalsn\\u\n\t"states""data""transitions"';
    for (let round = 0; round < 500; round++) {
      let text = '';
      const length = Math.floor(random() * 60);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      only(() => importAutomaton(text));
      only(() => importModel(text));
      only(() => parsePlaybackFile(text));
    }
  });
});
