// The Automaton page's forms outside the browser: «Отправить e-mail» checked with the server's
// own rules and messages, the server's messages per field placed at the form's fields, the
// placeholders offered; a typed-in value read like a device's payload; the simulator's knobs
// as text and back; the mosquitto_pub command a student copies; which route a dropped file goes to.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateEmailFields } from '../../lab/automaton/authoring.js';
import { importAutomaton } from '../../lab/automaton/import-automaton.js';
import { importModel } from '../../lab/automaton/import-model.js';
import { DEFAULT_KNOBS } from '../../lab/automaton/telemetry-simulator.js';
import { checkEmailDraft, emptyEmailDraft, insertAt, placeholderChoices, placeServerErrors } from '../../client/src/automaton/email-draft.js';
import { exportKind } from '../../client/src/automaton/library-store.js';
import {
  changedKnobs,
  defaultKnobs,
  knobsFromTexts,
  knobTexts,
  mosquittoCommand,
  playbackFormat,
  shellWord,
  typedValue,
} from '../../client/src/automaton/object-draft.js';
import { errorPlace, errorText } from '../../client/src/automaton/automaton-errors.js';
import { apiErrorOf } from '../../client/src/api/api-error.js';

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, '..', '..', 'lab', 'automaton', 'examples');
const automatonText = readFileSync(join(examples, 'temperature-control.automaton.json'), 'utf8');
const modelText = readFileSync(join(examples, 'kettle.model.json'), 'utf8');
const { automaton } = importAutomaton(automatonText);
const kettle = importModel(modelText);

describe('the «Отправить e-mail» form', () => {
  it('starts on an ordinary state, on entering, HTML as Text', () => {
    const draft = emptyEmailDraft(automaton);
    expect(automaton.states.find((s) => s.id === draft.stateId)?.type).toBe('state');
    expect([draft.list, draft.encoding, draft.recipients]).toEqual(['onenter', 'Text', '']);
    expect(emptyEmailDraft(automaton, 'kx359z61').stateId).toBe('kx359z61');
    expect(emptyEmailDraft(undefined).stateId).toBe('');
  });

  it("checks with the server's own messages, at the field they concern", () => {
    const base = { ...emptyEmailDraft(automaton, 'kx359z61'), subject: 'Перегрев: {{temperatureC}}' };
    const cases = [
      { ...base, recipients: '' },
      { ...base, recipients: 'ops@lab.local,' },
      { ...base, recipients: 'not an address' },
      { ...base, recipients: 'ops@lab.local', sender: 'nobody' },
      { ...base, recipients: 'ops@lab.local', subject: 'two\nlines' },
      { ...base, recipients: 'ops@lab.local', html: 'zz', encoding: 'HEX' as const },
    ];
    for (const draft of cases) {
      const mine = checkEmailDraft(draft);
      const server = validateEmailFields(draft);
      expect(mine.ok).toBe(false);
      expect(server.ok).toBe(false);
      if (mine.ok || server.ok) continue;
      expect(mine.errors).toEqual({ [server.field]: server.error });
    }
    const good = checkEmailDraft({ ...base, recipients: ' ops@lab.local ,  chief@lab.local ' });
    expect(good).toEqual({
      ok: true,
      fields: { sender: '', recipients: 'ops@lab.local, chief@lab.local', subject: 'Перегрев: {{temperatureC}}', text: '', html: '', encoding: 'Text' },
    });
    expect(checkEmailDraft({ ...base, stateId: '' })).toMatchObject({ ok: false, errors: { stateId: { ru: expect.stringMatching(/состояния/) } } });
  });

  it("puts the server's messages per field at the fields, whatever the server calls them", () => {
    const t = (s: string) => ({ ru: s, en: s });
    expect(placeServerErrors({ state: t('a'), 'fields.subject': t('b'), html: t('c'), other: t('d') })).toEqual({
      errors: { stateId: t('a'), subject: t('b'), html: t('c') },
      rest: [t('d')],
    });
  });

  it("offers {{param}} for the model's and the automaton's parameters, then the lab's {{object}}, {{state}}, {{time}}", () => {
    const tokens = placeholderChoices(automaton, kettle).map((c) => c.token);
    expect(tokens).toEqual(expect.arrayContaining(['{{temperatureC}}', '{{temperature}}', '{{status}}']));
    expect(tokens.slice(-3)).toEqual(['{{object}}', '{{state}}', '{{time}}']);
    const temperatureC = placeholderChoices(automaton, kettle).find((c) => c.token === '{{temperatureC}}')!;
    expect(temperatureC.label.ru).toBe('параметр «Temperature, temperatureC» (°C)');
    // Without a model: the parameters the automaton compares and writes.
    expect(placeholderChoices(automaton, null).map((c) => c.token)).toEqual(['{{temperatureC}}', '{{status}}', '{{object}}', '{{state}}', '{{time}}']);
  });

  it('inserts a placeholder at the caret, over a selection', () => {
    expect(insertAt('Перегрев: ', 10, 10, '{{temperatureC}}')).toEqual({ value: 'Перегрев: {{temperatureC}}', caret: 26 });
    expect(insertAt('a XX b', 2, 4, '{{object}}')).toEqual({ value: 'a {{object}} b', caret: 12 });
    expect(insertAt('abc', null, null, '{{time}}')).toEqual({ value: 'abc{{time}}', caret: 11 });
  });
});

describe('the object forms', () => {
  it("reads a typed value as the parameter's type says, else by its look", () => {
    expect(typedValue('101', 'number')).toBe(101);
    expect(typedValue(' -4.5 ', 'number')).toBe(-4.5);
    expect(typedValue('1e3', undefined)).toBe(1000);
    expect(typedValue('true', 'boolean')).toBe(true);
    expect(typedValue('false', 'unknown')).toBe(false);
    expect(typedValue('42', 'string')).toBe('42');
    expect(typedValue('on', 'string')).toBe('on');
    // A decimal comma goes as text: the server says why it refuses it.
    expect(typedValue('99,5', 'number')).toBe('99,5');
  });

  it("sends the simulator's temperature to the parameter the automaton compares (temperatureC, not the model's °F one)", () => {
    const knobs = defaultKnobs(automaton, kettle);
    expect(knobs.temperatureParam).toBe('temperatureC');
    expect(knobs.doorParam).toBeNull();
    expect(defaultKnobs(undefined, null).temperatureParam).toBe(DEFAULT_KNOBS.temperatureParam);
  });

  it('turns the knobs into text and back, empty meaning none where none is allowed', () => {
    const knobs = defaultKnobs(automaton, kettle);
    const texts = knobTexts(knobs);
    expect(texts.doorParam).toBe('');
    expect(knobsFromTexts(texts)).toEqual(knobs);
    const changed = knobsFromTexts({ ...texts, overheatAt: '', overheatPeak: '110,5', base: 'warm' });
    expect(changedKnobs(knobs, changed)).toEqual({ overheatAt: null, overheatPeak: 110.5, base: 'warm' });
  });

  it("writes the mosquitto_pub command to copy, with the broker's host and port and the object's id as client id", () => {
    const info = { enabled: true, host: '127.0.0.1', port: 1883, clients: [] };
    expect(mosquittoCommand(info, 'localhost', 'cold-room-1', 'temperatureC', '101')).toBe(
      'mosquitto_pub -h 127.0.0.1 -p 1883 -i cold-room-1 -t base/state/temperatureC -m 101',
    );
    expect(mosquittoCommand({ ...info, host: '0.0.0.0' }, 'lab.example', 'k', 't', '')).toBe('mosquitto_pub -h lab.example -p 1883 -i k -t base/state/t -m 0');
    expect(mosquittoCommand(info, 'x', 'k', 'status', 'on and off')).toBe("mosquitto_pub -h 127.0.0.1 -p 1883 -i k -t base/state/status -m 'on and off'");
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('$(rm -rf /)')).toBe(`'$(rm -rf /)'`);
  });

  it("tells a playback file's format by its name", () => {
    expect([playbackFormat('run.CSV'), playbackFormat('run.json'), playbackFormat('run.txt')]).toEqual(['csv', 'json', undefined]);
  });
});

describe('importing', () => {
  it('sends a dropped model export to the models, anything else to the automatons (whose error says where the syntax breaks)', () => {
    expect(exportKind(modelText)).toBe('model');
    expect(exportKind(automatonText)).toBe('automaton');
    expect(exportKind('{ not json')).toBe('automaton');
  });

  it("shows the server's import error in both languages, and where in the file when it says so apart", async () => {
    const body = {
      error: {
        code: 'invalid_file',
        message: 'In the automaton file, at data.data: expected …',
        text: { ru: 'В файле автомата, в data.data: ожидалось …', en: 'In the automaton file, at data.data: expected …' },
        where: 'data.data',
        location: { line: 3, column: 7 },
      },
    };
    const err = await apiErrorOf(new Response(JSON.stringify(body), { status: 400, headers: { 'Content-Type': 'application/json' } }));
    expect(errorText(err)).toEqual(body.error.text);
    expect(errorPlace(err)).toBe('data.data · 3:7');
    expect(errorPlace(new Error('x'))).toBeUndefined();
  });
});
