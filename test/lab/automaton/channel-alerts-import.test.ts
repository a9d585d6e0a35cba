// The lab's own channel commands send-sms, send-telegram, send-discord as the file holds them:
// read and checked at import (a wrong phone number, chat id or markup said with its place in the
// file), authored with the runner's rules, and written back so that import(export(x)) gives the
// same actions — and removing what was added gives the original file byte for byte.
import { describe, expect, test } from 'vitest';
import type { Action } from '../../../lab/automaton/automaton-types.js';
import { CHAT_EXPECTED, CHAT_SAYS, checkChatId, checkPhone, escapeMarkdownV2, PHONE_EXPECTED, PHONE_SAYS } from '../../../lab/automaton/channel-alerts.js';
import {
  addChannelAlert,
  channelActions,
  removeChannelAlert,
  updateChannelAlert,
  validateChannelFields,
  type ChannelEditResult,
} from '../../../lab/automaton/channel-authoring.js';
import { exportAutomaton } from '../../../lab/automaton/export-automaton.js';
import { AutomatonImportError } from '../../../lab/automaton/import-error.js';
import { importAutomaton, type AutomatonDocument } from '../../../lab/automaton/import-automaton.js';
import { latinProse } from '../../helpers/latin-prose.js';
import { fixtureText } from './automaton-helpers.js';

// Test data is edited freely; its shape is the fixture's.
type Json = any;
const TC = 'temperature-control.automaton.json';
const OFF = 'kx359z61';
const ON = 'first';

/** temperature-control with one action put on entering OFF, as a file's text. */
function withAction(action: Json): string {
  const file = JSON.parse(fixtureText(TC));
  const logic = JSON.parse(file.data.data);
  logic.states[OFF].data.onenter.push(action);
  file.data.data = JSON.stringify(logic);
  return JSON.stringify(file, null, 2);
}
const arg = (id: string, value: unknown) => ({ id, dataType: 'text', value });
const action = (id: string, args: Record<string, unknown>) => ({
  id,
  name: id,
  args: Object.fromEntries(Object.entries(args).map(([k, v]) => [k, arg(k, v)])),
});
const lastOnEnter = (doc: AutomatonDocument): Action => doc.automaton.states.find((s) => s.id === OFF)!.onenter.at(-1)!;
const ok = (result: ChannelEditResult): AutomatonDocument => {
  if (!result.ok) throw new Error(`${result.field}: ${result.error.en}`);
  return result.document;
};

describe('reading the channel commands', () => {
  test.each([
    [
      'an SMS with a spaced +7 number',
      action('send-sms', { to: '+7 (925) 507-06-02', text: 'Перегрев {{temperatureC}}' }),
      { kind: 'send-sms', channel: 'sms', template: { to: '+7 (925) 507-06-02', text: 'Перегрев {{temperatureC}}' } },
    ],
    ['an SMS whose number is a placeholder', action('send-sms', { to: '{{phone}}', text: 'x' }), { kind: 'send-sms', template: { to: '{{phone}}' } }],
    [
      'a Telegram alert to the integration’s chat, no markup',
      action('send-telegram', { text: 'Перегрев' }),
      { kind: 'send-telegram', channel: 'telegram', template: { text: 'Перегрев', to: '', parseMode: 'none' } },
    ],
    [
      'a Telegram alert to a supergroup, markup in lower case',
      action('send-telegram', { text: '<b>hot</b>', to: '-1001234567890', 'parse-mode': 'html' }),
      { kind: 'send-telegram', template: { to: '-1001234567890', parseMode: 'HTML' } },
    ],
    [
      'a Telegram alert to a channel by name',
      action('send-telegram', { text: '*hot*', to: '@kettle_alerts', 'parse-mode': 'MarkdownV2' }),
      { template: { to: '@kettle_alerts', parseMode: 'MarkdownV2' } },
    ],
    [
      'a Discord alert with a title',
      action('send-discord', { text: '{{temperatureC}}', title: 'Перегрев {{object}}' }),
      { kind: 'send-discord', channel: 'discord', template: { text: '{{temperatureC}}', title: 'Перегрев {{object}}' } },
    ],
    ['a Discord alert without a title', action('send-discord', { text: 'hot' }), { template: { text: 'hot', title: '' } }],
  ])('%s', (_, raw, expected) => {
    expect(lastOnEnter(importAutomaton(withAction(raw)))).toMatchObject(expected);
  });

  const where = (key: string) => `data.data → states.${OFF}.data.onenter[2].args.${key}.value`;
  test.each([
    [
      'an SMS without a number',
      action('send-sms', { text: 'x' }),
      where('to'),
      /phone number with its country code.*field is missing/,
      /номер телефона с кодом страны/,
    ],
    ['an SMS to letters', action('send-sms', { to: 'ops', text: 'x' }), where('to'), /a phone number: digits.*found the string "ops"/, /цифры с кодом страны/],
    ['an SMS to 8 925…', action('send-sms', { to: '8 925 507-06-02', text: 'x' }), where('to'), /\+7…, not 8…/, /\+7…, а не 8…/],
    ['an SMS to a short number', action('send-sms', { to: '0602', text: 'x' }), where('to'), /10 to 15 digits/, /из 10–15 цифр/],
    ['an SMS to +7 with a digit missing', action('send-sms', { to: '+7 925 507 06 0', text: 'x' }), where('to'), /code \+7, 11 digits/, /кодом \+7 из 11 цифр/],
    [
      'an SMS to a number as a JSON number',
      action('send-sms', { to: 79255070602, text: 'x' }),
      where('to'),
      /phone number.*found the number 79255070602/,
      /номер телефона/,
    ],
    ['an SMS without text', action('send-sms', { to: '+79255070602' }), where('text'), /the alert's text.*field is missing/, /текст оповещения/],
    ['a blank Telegram text', action('send-telegram', { text: '   ' }), where('text'), /the alert's text.*found the string "   "/, /текст оповещения/],
    [
      'a Telegram chat that is a name',
      action('send-telegram', { text: 'x', to: 'kettle' }),
      where('to'),
      /a Telegram chat id.*found the string "kettle"/,
      /ID чата Telegram/,
    ],
    ['a Telegram chat that is a number with a space', action('send-telegram', { text: 'x', to: '-100 123' }), where('to'), /Telegram chat id/, /ID чата/],
    [
      'legacy Markdown',
      action('send-telegram', { text: 'x', 'parse-mode': 'Markdown' }),
      where('parse-mode'),
      /none, HTML or MarkdownV2.*"Markdown"/,
      /none, HTML или MarkdownV2/,
    ],
    ['a Discord title that is a number', action('send-discord', { text: 'x', title: 5 }), where('title'), /a string.*found the number 5/, /строка/],
    [
      'a Discord alert with its text in an object',
      action('send-discord', { text: { ru: 'x' } }),
      where('text'),
      /the alert's text.*found an object/,
      /текст оповещения/,
    ],
  ])('%s is refused, said where', (_, raw, at, en, ru) => {
    let error: unknown;
    try {
      importAutomaton(withAction(raw));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AutomatonImportError);
    const e = error as AutomatonImportError;
    expect(e.where).toBe(at);
    expect(e.text.en).toMatch(en);
    expect(e.text.ru).toMatch(ru);
  });
});

describe('the rules for numbers and chats', () => {
  test.each([
    ['+7 925 507-06-02', { ok: true, phone: '79255070602' }],
    ['7 (925) 507.06.02', { ok: true, phone: '79255070602' }],
    ['+84 912 345 678', { ok: true, phone: '84912345678' }],
    ['+8 925 507 06 02', { ok: false, problem: 'trunk-8' }],
    ['89255070602', { ok: false, problem: 'trunk-8' }],
    ['+7 925 507 06 0', { ok: false, problem: 'length-7' }],
    ['+7 925 507 06 021', { ok: false, problem: 'length-7' }],
    ['', { ok: false, problem: 'empty' }],
    ['+7 925 ops', { ok: false, problem: 'not-digits' }],
    ['1234567890123456', { ok: false, problem: 'length' }],
  ])('phone %j', (typed, expected) => {
    expect(checkPhone(typed)).toEqual(expected);
  });

  test.each([
    ['', { ok: true, chat: null }],
    ['  123456789 ', { ok: true, chat: '123456789' }],
    ['-1001234567890', { ok: true, chat: '-1001234567890' }],
    ['@alerts_bot', { ok: true, chat: '@alerts_bot' }],
    ['@abc', { ok: false, problem: 'not-chat' }],
    ['0', { ok: false, problem: 'not-chat' }],
    ['https://t.me/alerts', { ok: false, problem: 'not-chat' }],
  ])('chat %j', (typed, expected) => {
    expect(checkChatId(typed)).toEqual(expected);
  });

  test('every message about them is said in both languages, the Russian one without English prose', () => {
    const said = [
      ...Object.values(PHONE_SAYS).map((say) => say('8 925 507')),
      ...Object.values(CHAT_SAYS).map((say) => say('duty')),
      ...Object.values(PHONE_EXPECTED),
      ...Object.values(CHAT_EXPECTED),
    ];
    for (const text of said) expect(text.ru).not.toBe(text.en);
    expect(said.flatMap((text) => latinProse(text.ru).map((f) => `${f.word}  ←  ${f.context}`))).toEqual([]);
  });

  test('MarkdownV2 escapes every character Telegram reserves, and the backslash', () => {
    expect(escapeMarkdownV2('-5.5 °C (max 99!) _a_ *b* [c] ~d~ `e` >f #g +h =i |j {k} \\')).toBe(
      '\\-5\\.5 °C \\(max 99\\!\\) \\_a\\_ \\*b\\* \\[c\\] \\~d\\~ \\`e\\` \\>f \\#g \\+h \\=i \\|j \\{k\\} \\\\',
    );
  });
});

describe('authoring the channel commands', () => {
  test.each([
    ['sms', { to: '+7 925 507-06-02', text: 'hot' }, true, null],
    ['sms', { to: '{{phone}}', text: 'hot' }, true, null],
    ['sms', { to: '', text: 'hot' }, false, ['to', /Enter a phone number/]],
    ['sms', { to: '89255070602', text: 'hot' }, false, ['to', /\+7 instead of 8/]],
    ['sms', { to: '+79255070602', text: '' }, false, ['text', /Enter the alert's text/]],
    ['telegram', { text: 'hot', to: '@x' }, false, ['to', /is not a Telegram chat id/]],
    ['telegram', { text: 'hot', parseMode: 'markdown' }, false, ['parseMode', /none, HTML or MarkdownV2/]],
    ['telegram', { text: 'hot', parseMode: 'markdownv2' }, true, null],
    ['discord', { text: 'hot', title: 'one\ntwo' }, false, ['title', /one line/]],
    ['discord', { text: 'hot', title: 5 as unknown as string }, false, ['title', /Text expected/]],
  ] as const)('%s %j', (channel, fields, passes, failure) => {
    const checked = validateChannelFields(channel, fields);
    expect(checked.ok).toBe(passes);
    if (!checked.ok && failure) {
      expect(checked.field).toBe(failure[0]);
      expect(checked.error.en).toMatch(failure[1]);
      expect(checked.error.ru).not.toBe(checked.error.en);
    }
  });

  test('what is added is written as the platform writes its own actions, and reads back the same', () => {
    let doc = importAutomaton(fixtureText(TC));
    doc = ok(addChannelAlert(doc, { stateId: OFF, list: 'onenter' }, 'sms', { to: '+7 925 507-06-02', text: 'Перегрев {{temperatureC}}' }));
    doc = ok(addChannelAlert(doc, { stateId: OFF, list: 'onenter', index: 0 }, 'telegram', { text: '<b>{{object}}</b>', parseMode: 'HTML' }));
    doc = ok(addChannelAlert(doc, { stateId: ON, list: 'onexit' }, 'discord', { text: 'back to normal', title: '{{object}}' }));
    const text = exportAutomaton(doc);
    const logic: Json = JSON.parse(JSON.parse(text).data.data);
    expect(logic.states[OFF].data.onenter[0]).toEqual({
      id: 'send-telegram',
      name: 'Отправить в Telegram',
      args: {
        text: { id: 'text', dataType: 'text', value: '<b>{{object}}</b>' },
        to: { id: 'to', dataType: 'text', value: '' },
        'parse-mode': { id: 'parse-mode', dataType: 'type:option, options:[none,HTML,MarkdownV2]', value: 'HTML' },
      },
    });
    expect(logic.states[OFF].data.onenter.at(-1)).toEqual({
      id: 'send-sms',
      name: 'Отправить SMS',
      args: { to: { id: 'to', dataType: 'text', value: '+7 925 507-06-02' }, text: { id: 'text', dataType: 'text', value: 'Перегрев {{temperatureC}}' } },
    });
    const reread = importAutomaton(text);
    expect(channelActions(reread.automaton)).toEqual(channelActions(doc.automaton));
    expect(channelActions(reread.automaton).map((x) => [x.stateId, x.list, x.index, x.action.id])).toEqual([
      [ON, 'onexit', 0, 'send-discord'],
      [OFF, 'onenter', 0, 'send-telegram'],
      [OFF, 'onenter', 3, 'send-sms'],
    ]);
    // And once more: export(import(export(x))) is export(x).
    expect(exportAutomaton(reread)).toBe(text);
  });

  test('add, edit, then remove gives the original file back, byte for byte; the other actions stay', () => {
    const original = fixtureText(TC);
    const added = ok(addChannelAlert(importAutomaton(original), { stateId: OFF, list: 'onenter', index: 1 }, 'telegram', { text: 'hot', to: '123456789' }));
    const place = channelActions(added.automaton)[0]!;
    expect(place).toMatchObject({ stateId: OFF, list: 'onenter', index: 1 });
    const edited = ok(updateChannelAlert(added, place, { parseMode: 'MarkdownV2', text: '*hot*' }));
    expect(channelActions(edited.automaton)[0]!.action).toMatchObject({
      channel: 'telegram',
      template: { text: '*hot*', to: '123456789', parseMode: 'MarkdownV2' },
    });
    expect(edited.automaton.states.find((s) => s.id === OFF)!.onenter.map((a) => a.id)).toEqual(['kettle_off', 'send-telegram', 'change-value']);
    expect(exportAutomaton(ok(removeChannelAlert(edited, place)))).toBe(original);
  });

  test('edits refused where there is no channel action, or with a wrong field; nothing changes', () => {
    const doc = ok(addChannelAlert(importAutomaton(fixtureText(TC)), { stateId: OFF, list: 'onenter' }, 'sms', { to: '+79255070602', text: 'hot' }));
    const before = exportAutomaton(doc);
    const kettleOff = { stateId: OFF, list: 'onenter' as const, index: 0 };
    expect(updateChannelAlert(doc, kettleOff, { text: 'x' })).toMatchObject({
      ok: false,
      field: 'action',
      error: { en: /no "Send SMS, to Telegram or to Discord" action/ },
    });
    expect(removeChannelAlert(doc, { ...kettleOff, stateId: 'nowhere' })).toMatchObject({ ok: false, field: 'state' });
    const sms = channelActions(doc.automaton)[0]!;
    expect(updateChannelAlert(doc, sms, { to: 'ops@lab.local' })).toMatchObject({
      ok: false,
      field: 'to',
      error: { en: /"ops@lab.local" is not a phone number/ },
    });
    expect(addChannelAlert(doc, { stateId: 'initial', list: 'onenter' }, 'sms', { to: '+79255070602', text: 'x' })).toMatchObject({
      ok: false,
      field: 'state',
    });
    expect(exportAutomaton(doc)).toBe(before);
  });
});
