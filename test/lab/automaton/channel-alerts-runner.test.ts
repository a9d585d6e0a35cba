// The lab's channel commands as the runner performs them: on entering (or leaving) the state,
// one channel alert per entry, its text, title and number filled in from the telemetry as for
// e-mail — the values escaped for Telegram's markup — and handed to the sendChannelAlert port;
// a number a placeholder fills in wrongly is said and nothing is sent; a failing port is reported.
import { describe, expect, test } from 'vitest';
import type { AlertChannel } from '../../../lab/automaton/automaton-types.js';
import { addChannelAlert, type ChannelFields } from '../../../lab/automaton/channel-authoring.js';
import type { AutomatonDocument } from '../../../lab/automaton/import-automaton.js';
import type { AutomatonChannelAlert, ChannelAlertOutcome } from '../../../lab/automaton/runner-events.js';
import { actionSummary, loadAutomaton, loadKettle, startRun, T0 } from './automaton-helpers.js';

const OFF = 'kx359z61';
type Added = { channel: AlertChannel; fields: ChannelFields; list?: 'onenter' | 'onexit' };

/** temperature-control with channel alerts on OFF (the overheat state), in the given order. */
function withAlerts(...alerts: Added[]): AutomatonDocument {
  let doc = loadAutomaton('temperature-control.automaton.json');
  for (const a of alerts) {
    const result = addChannelAlert(doc, { stateId: OFF, list: a.list ?? 'onenter' }, a.channel, a.fields);
    if (!result.ok) throw new Error(`${result.field}: ${result.error.en}`);
    doc = result.document;
  }
  return doc;
}

const SENT: ChannelAlertOutcome = { ok: true, message: { ru: 'Отправлено', en: 'Sent' }, reply: '{"ok":true}' };

function recording(answer: (alert: AutomatonChannelAlert) => Promise<ChannelAlertOutcome> | ChannelAlertOutcome = () => SENT) {
  const sent: AutomatonChannelAlert[] = [];
  return { sent, sendChannelAlert: (alert: AutomatonChannelAlert) => (sent.push(alert), answer(alert)) };
}

describe('channel alerts on entering the overheat state', () => {
  test('all three go out once per entry, in the list’s order, the values filled in with their units', async () => {
    const port = recording();
    const run = startRun(
      withAlerts(
        { channel: 'sms', fields: { to: '+7 925 507-06-02', text: 'Перегрев {{object}}: {{temperatureC}}' } },
        { channel: 'telegram', fields: { text: 'Состояние {{state}} в {{time}}, {{humidity}}' } },
        { channel: 'discord', fields: { title: 'Перегрев {{object}}, {{place}}', text: '{{temperatureC}}, статус {{status}}' } },
      ),
      { model: loadKettle(), actions: { sendChannelAlert: port.sendChannelAlert } },
    );
    run.takeActions();
    run.clock.advance(60_000);
    // A title is one line, whatever a value put into it holds.
    run.runner.telemetry({ place: 'цех 2\r\nлиния 3', temperatureC: 101 });
    run.runner.telemetry({ temperatureC: 103 });
    const entered = run.takeActions().map(actionSummary);
    run.runner.telemetry({ temperatureC: 60 });
    run.runner.telemetry({ temperatureC: 105.5 });
    await run.runner.idle();

    // The model's own actions come first in OFF's list; the alerts follow as they were added.
    expect(entered).toEqual([
      'command kettle_off → kettle/actions {"on":false}',
      'set status = "off"',
      'sms to 79255070602: Перегрев kettle-1: 101 °C',
      `telegram: Состояние OFF в ${new Date(T0 + 60_000).toISOString()}, {{humidity}}`,
      'discord: Перегрев kettle-1, цех 2 линия 3 — 101 °C, статус off',
    ]);
    expect(port.sent).toHaveLength(6);
    expect(port.sent[0]).toEqual({
      objectId: 'kettle-1',
      stateId: OFF,
      stateName: 'OFF',
      channel: 'sms',
      to: '79255070602',
      text: 'Перегрев kettle-1: 101 °C',
      title: null,
      parseMode: null,
    });
    expect(port.sent[1]).toMatchObject({ channel: 'telegram', to: null, parseMode: 'none', title: null });
    expect(port.sent[2]).toMatchObject({ channel: 'discord', to: null, title: 'Перегрев kettle-1, цех 2 линия 3', parseMode: null });
    expect(port.sent[3]!.text).toBe('Перегрев kettle-1: 105.5 °C');

    const results = run.of('action-result');
    expect(results.map((r) => [r.kind, r.ok])).toEqual(
      ['send-sms', 'send-telegram', 'send-discord', 'send-sms', 'send-telegram', 'send-discord'].map((k) => [k, true]),
    );
    expect(results[0]!.outcome).toMatchObject({ ok: true, reply: '{"ok":true}' });
    expect(run.of('error')).toEqual([]);
  });

  test.each([
    ['none', 'Сейчас {{temperatureC}}, метка {{label}}', 'Сейчас 101.5 °C, метка <b>-1</b> & "x"'],
    ['HTML', '<b>Перегрев</b> {{temperatureC}}, метка {{label}}', '<b>Перегрев</b> 101.5 °C, метка &lt;b&gt;-1&lt;/b&gt; &amp; &quot;x&quot;'],
    ['MarkdownV2', '*Перегрев* {{temperatureC}}, метка {{label}}', '*Перегрев* 101\\.5 °C, метка <b\\>\\-1</b\\> & "x"'],
  ] as const)('Telegram in %s: the values put in are escaped for the markup, the author’s markup is not', async (parseMode, text, expected) => {
    const port = recording();
    const run = startRun(withAlerts({ channel: 'telegram', fields: { text, parseMode, to: '-1001234567890' } }), {
      model: loadKettle(),
      actions: { sendChannelAlert: port.sendChannelAlert },
    });
    run.runner.telemetry({ label: '<b>-1</b> & "x"', temperatureC: 101.5 });
    await run.runner.idle();
    expect(port.sent).toEqual([expect.objectContaining({ channel: 'telegram', to: '-1001234567890', parseMode, text: expected })]);
  });

  test('a number a placeholder fills in is checked when the alert goes: wrong, it is said and nothing is sent', async () => {
    const port = recording();
    const run = startRun(
      withAlerts({ channel: 'sms', fields: { to: '{{phone}}', text: 'hot' } }, { channel: 'telegram', fields: { to: '{{chat}}', text: 'hot' } }),
      {
        actions: { sendChannelAlert: port.sendChannelAlert },
      },
    );
    run.runner.telemetry({ phone: '8 925 507-06-02', chat: 'duty', temperatureC: 120 });
    await run.runner.idle();
    expect(port.sent).toEqual([]);
    expect(run.of('error').map((e) => [e.code, e.actionId, e.text.en])).toEqual([
      ['invalid-recipients', 'send-sms', expect.stringMatching(/"8 925 507-06-02" starts with 8.*\+7 instead of 8/)],
      ['invalid-recipients', 'send-telegram', expect.stringMatching(/"duty" is not a Telegram chat id/)],
    ]);
    // A placeholder with no value stays as written, so the number is "{{phone}}": refused too.
    run.runner.telemetry({ temperatureC: 50 });
    run.runner.telemetry({ phone: '+7 925 507 06 02', chat: '@kettle_duty', temperatureC: 130 });
    await run.runner.idle();
    expect(port.sent.map((a) => [a.channel, a.to])).toEqual([
      ['sms', '79255070602'],
      ['telegram', '@kettle_duty'],
    ]);
  });

  test('on leaving the state, and a port that fails: reported, the run goes on', async () => {
    let calls = 0;
    const port = recording(() => {
      calls++;
      if (calls === 2) throw new Error('no route to the SMS centre');
      return {
        ok: false,
        message: { ru: 'Чат не найден', en: 'Chat not found' },
        reply: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}',
      };
    });
    const run = startRun(
      withAlerts(
        { channel: 'sms', fields: { to: '+79255070602', text: 'cooled down to {{temperatureC}}' }, list: 'onexit' },
        { channel: 'telegram', fields: { text: 'hot' } },
      ),
      {
        actions: { sendChannelAlert: port.sendChannelAlert },
      },
    );
    run.runner.telemetry({ temperatureC: 120 });
    run.runner.telemetry({ temperatureC: 70 });
    await run.runner.idle();
    // Entering OFF sends the Telegram one (its port answers not ok); leaving it, the SMS (its port throws).
    expect(port.sent.map((a) => `${a.channel}: ${a.text}`)).toEqual(['telegram: hot', 'sms: cooled down to 70']);
    expect(run.of('action-result').map((r) => [r.kind, r.ok, r.error?.message ?? null])).toEqual([
      ['send-telegram', false, null],
      ['send-sms', false, 'no route to the SMS centre'],
    ]);
    expect(run.of('error').map((e) => [e.code, e.text.en])).toEqual([['port-failed', 'The port of action "Отправить SMS" failed: no route to the SMS centre']]);
    expect(run.runner.snapshot().state?.name).toBe('ON');
  });
});
