// Writing automatons back: byte for byte without edits, every uninterpreted field kept with
// edits, and the send-email authoring with its checks.
import { describe, expect, test } from 'vitest';
import { addSendEmail, removeSendEmail, sendEmailActions, updateSendEmail, validateEmailFields, type EditResult } from '../../../lab/automaton/authoring.js';
import { exportAutomaton } from '../../../lab/automaton/export-automaton.js';
import { importAutomaton, type AutomatonDocument } from '../../../lab/automaton/import-automaton.js';
import { AUTOMATON_FIXTURES, fixtureText, loadAutomaton } from './automaton-helpers.js';

type Json = any;
const TC = 'temperature-control.automaton.json' as const;
const ok = (result: EditResult): AutomatonDocument => {
  if (!result.ok) throw new Error(`${result.field}: ${result.error.en}`);
  return result.document;
};
const logicOf = (text: string) => JSON.parse(JSON.parse(text).data.data);

describe('round trips', () => {
  test.each(AUTOMATON_FIXTURES)('%s: unedited, byte for byte', (name) => {
    const text = fixtureText(name);
    expect(exportAutomaton(importAutomaton(text))).toBe(text);
  });

  test.each(AUTOMATON_FIXTURES)('%s: from the parsed object, in the platform’s format', (name) => {
    expect(exportAutomaton(importAutomaton(JSON.parse(fixtureText(name))))).toBe(fixtureText(name));
  });

  test.each([
    ['CRLF line ends, a final newline and a BOM', (t: string) => `\uFEFF${t.replace(/\n/g, '\r\n')}\r\n`],
    ['four-space indentation', (t: string) => JSON.stringify(JSON.parse(t), null, 4)],
    ['tabs and a final newline', (t: string) => `${JSON.stringify(JSON.parse(t), null, '\t')}\n`],
    ['one line', (t: string) => JSON.stringify(JSON.parse(t))],
  ])('an editor’s %s come back as they were', (_, rewrite) => {
    for (const name of AUTOMATON_FIXTURES) {
      const text = rewrite(fixtureText(name));
      expect(exportAutomaton(importAutomaton(text))).toBe(text);
    }
  });

  test('add then remove gives the original file back, byte for byte', () => {
    const text = fixtureText(TC);
    const added = ok(addSendEmail(importAutomaton(text), { stateId: 'kx359z61', list: 'onenter' }, { recipients: 'a@lab.local' }));
    expect(exportAutomaton(added)).not.toBe(text);
    const removed = ok(removeSendEmail(added, { stateId: 'kx359z61', list: 'onenter', index: 2 }));
    expect(exportAutomaton(removed)).toBe(text);
  });
});

describe('adding «Отправить e-mail»', () => {
  const fields = { recipients: 'operator@lab.local,  shift@lab.local', subject: 'Перегрев {{temperatureC}}', text: 'Температура {{temperatureC}}' };

  test.each(AUTOMATON_FIXTURES)('%s: only the one action list changes; everything else is kept', (name) => {
    const original = loadAutomaton(name);
    const state = original.automaton.states.find((s) => s.type === 'state')!;
    const edited = ok(addSendEmail(original, { stateId: state.id, list: 'onexit' }, fields));
    const text = exportAutomaton(edited);
    const before: Json = JSON.parse(fixtureText(name));
    const after: Json = JSON.parse(text);
    // The outer file: identical but for the string data.data.
    expect({ ...after, data: { ...after.data, data: null } }).toEqual({ ...before, data: { ...before.data, data: null } });
    const logicBefore = logicOf(fixtureText(name));
    const logicAfter = logicOf(text);
    const added = logicAfter.states[state.id].data.onexit.pop();
    expect(logicAfter).toEqual(logicBefore);
    // Conditions, positions, points, blocks, userCode: the same text, byte for byte.
    expect(JSON.stringify(logicAfter)).toBe(JSON.stringify(logicBefore));
    expect(added).toEqual({
      id: 'send-email',
      name: 'Отправить e-mail',
      args: {
        sender: { id: 'sender', dataType: 'text', value: '' },
        recipients: { id: 'recipients', dataType: 'text', value: 'operator@lab.local, shift@lab.local' },
        subject: { id: 'subject', dataType: 'text', value: 'Перегрев {{temperatureC}}' },
        text: { id: 'text', dataType: 'text', value: 'Температура {{temperatureC}}' },
        html: { id: 'html', dataType: 'text', value: '' },
        encoding: { id: 'encoding', dataType: 'type:option, options:[JSON,HEX,Base64,Text]', value: 'Text' },
      },
    });
    // And the exported file reads back with the action in place.
    const reread = importAutomaton(text);
    expect(sendEmailActions(reread.automaton)).toMatchObject([
      { stateId: state.id, list: 'onexit', index: state.onexit.length, action: { kind: 'send-email' } },
    ]);
  });

  test('an edit returns a new document and leaves the old one as it was', () => {
    const original = loadAutomaton(TC);
    const snapshot = JSON.stringify(original);
    const edited = ok(addSendEmail(original, { stateId: 'kx359z61', list: 'onenter', index: 0 }, fields));
    expect(JSON.stringify(original)).toBe(snapshot);
    expect(edited.automaton.states.find((s) => s.id === 'kx359z61')!.onenter.map((a) => a.id)).toEqual(['send-email', 'kettle_off', 'change-value']);
    expect(exportAutomaton(original)).toBe(fixtureText(TC));
  });

  test('editing keeps the action’s other fields and arguments', () => {
    const file: Json = JSON.parse(fixtureText(TC));
    const logic = JSON.parse(file.data.data);
    logic.states.kx359z61.data.onexit.push({
      id: 'send-email',
      name: 'Отправить e-mail',
      note: 'kept',
      args: { recipients: { id: 'recipients', dataType: 'type:emails', value: 'a@lab.local' }, priority: { id: 'priority', value: 'high' } },
    });
    file.data.data = JSON.stringify(logic);
    const doc = importAutomaton(file);
    const location = sendEmailActions(doc.automaton)[0]!;
    const updated = ok(updateSendEmail(doc, location, { subject: 'Новая тема', recipients: 'b@lab.local' }));
    const action = logicOf(exportAutomaton(updated)).states.kx359z61.data.onexit[0];
    expect(action.note).toBe('kept');
    expect(action.args.priority).toEqual({ id: 'priority', value: 'high' });
    expect(action.args.recipients).toEqual({ id: 'recipients', dataType: 'type:emails', value: 'b@lab.local' });
    expect(action.args.subject).toEqual({ id: 'subject', dataType: 'text', value: 'Новая тема' });
    expect(sendEmailActions(updated.automaton)[0]!.action.email).toMatchObject({ subject: 'Новая тема', recipients: 'b@lab.local' });
  });

  test.each([
    [{ recipients: '' }, 'recipients', /Enter a recipient/],
    [{ recipients: 'operator@lab.local shift@lab.local' }, 'recipients', /with a comma, not a space/],
    [{ recipients: 'operator@lab.local,,shift@lab.local' }, 'recipients', /stray comma: address no\. 2/],
    [{ recipients: 'operator@lab.local,' }, 'recipients', /stray comma/],
    [{ recipients: 'operator' }, 'recipients', /"operator" is not an e-mail address/],
    [{ recipients: 'a@lab.local', sender: 'alerts' }, 'sender', /not a sender address/],
    [{ recipients: 'a@lab.local', subject: 'one\ntwo' }, 'subject', /one line/],
    [{ recipients: 'a@lab.local', html: 'not base64!', encoding: 'Base64' }, 'html', /Base64/],
    [{ recipients: 'a@lab.local', html: '{"a":1}', encoding: 'JSON' }, 'html', /JSON string/],
    [{ recipients: 'a@lab.local', encoding: 'UTF-7' }, 'encoding', /JSON, HEX, Base64 or Text/],
    [{ recipients: 42 }, 'recipients', /Text expected/],
  ] as [Json, string, RegExp][])('%j is refused on %s', (fields, field, en) => {
    const check = validateEmailFields(fields);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.field).toBe(field);
    expect(check.error.en).toMatch(en);
    expect(check.error.ru.length).toBeGreaterThan(5);
    const result = addSendEmail(loadAutomaton(TC), { stateId: 'first', list: 'onenter' }, fields);
    expect(result).toEqual({ ok: false, field, error: check.error });
  });

  test('a sender of its own, and the encodings by any case', () => {
    const check = validateEmailFields({ recipients: ' a@lab.local ', sender: 'alerts@plant.example', encoding: 'base64' as Json, html: 'PGI+aGk8L2I+' });
    expect(check).toEqual({
      ok: true,
      value: { sender: 'alerts@plant.example', recipients: 'a@lab.local', subject: '', text: '', html: 'PGI+aGk8L2I+', encoding: 'Base64' },
    });
  });

  test('places that are not there', () => {
    const doc = loadAutomaton(TC);
    expect(addSendEmail(doc, { stateId: 'nope', list: 'onenter' }, fields)).toMatchObject({
      ok: false,
      field: 'state',
      error: { en: 'There is no state "nope"' },
    });
    expect(addSendEmail(doc, { stateId: 'initial', list: 'onenter' }, fields)).toMatchObject({ ok: false, field: 'state' });
    expect(addSendEmail(doc, { stateId: 'constructor', list: 'onenter' }, fields)).toMatchObject({ ok: false, field: 'state' });
    expect(removeSendEmail(doc, { stateId: 'first', list: 'onenter', index: 0 })).toMatchObject({ ok: false, field: 'action' });
    expect(updateSendEmail(doc, { stateId: 'first', list: 'onenter', index: 5 }, {})).toMatchObject({ ok: false, field: 'action' });
  });
});
