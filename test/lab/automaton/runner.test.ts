// The runner beyond the fixtures' own paths: «Отправить e-mail» with templates, ports that
// fail, timers restarted and outliving their state, immediate loops, final states, re-entrant
// ports, and what happens before start and after close.
import { describe, expect, test } from 'vitest';
import { addSendEmail } from '../../../lab/automaton/authoring.js';
import { encodeHtmlBody } from '../../../lab/automaton/html-encoding.js';
import { importAutomaton, type AutomatonDocument } from '../../../lab/automaton/import-automaton.js';
import type { AutomatonMail, SendEmailOutcome } from '../../../lab/automaton/runner-events.js';
import { fixtureText, loadAutomaton, loadKettle, startRun, T0 } from './automaton-helpers.js';

type Json = any;

function withOverheatMail(fields: Partial<Parameters<typeof addSendEmail>[2]> = {}): AutomatonDocument {
  const result = addSendEmail(
    loadAutomaton('temperature-control.automaton.json'),
    { stateId: 'kx359z61', list: 'onenter' },
    {
      recipients: 'operator@lab.local, shift@lab.local',
      subject: 'Перегрев: {{temperatureC}}',
      text: 'Объект {{object}} в состоянии {{state}} в {{time}}: {{temperatureC}}, статус {{status}}, {{humidity}}',
      ...fields,
    },
  );
  if (!result.ok) throw new Error(result.error.en);
  return result.document;
}

function logicEdit(name: string, change: (logic: Json) => void): AutomatonDocument {
  const file = JSON.parse(fixtureText(name));
  const logic = JSON.parse(file.data.data);
  change(logic);
  file.data.data = JSON.stringify(logic);
  return importAutomaton(file);
}

describe('send-email in the overheat state', () => {
  test('exactly one sendEmail call per entry, the values filled in', async () => {
    const mails: AutomatonMail[] = [];
    const run = startRun(withOverheatMail(), {
      model: loadKettle(),
      actions: { sendEmail: async (mail) => (mails.push(mail), { ok: true, message: { ru: 'отправлено', en: 'sent' }, reply: '250 OK' }) },
    });
    expect(mails).toEqual([]);
    run.clock.advance(60_000);
    run.runner.telemetry({ temperatureC: 101 });
    run.runner.telemetry({ temperatureC: 103 });
    run.runner.telemetry({ temperatureC: 60 });
    run.runner.telemetry({ temperatureC: 100.5 });
    await run.runner.idle();
    expect(mails).toHaveLength(2);
    expect(mails[0]).toEqual({
      objectId: 'kettle-1',
      stateId: 'kx359z61',
      stateName: 'OFF',
      from: null,
      to: ['operator@lab.local', 'shift@lab.local'],
      subject: 'Перегрев: 101 °C',
      text: `Объект kettle-1 в состоянии OFF в ${new Date(T0 + 60_000).toISOString()}: 101 °C, статус off, {{humidity}}`,
      html: null,
    });
    expect(mails[1]!.subject).toBe('Перегрев: 100.5 °C');
    const results = run.of('action-result');
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ kind: 'send-email', ok: true, outcome: { ok: true, reply: '250 OK' }, error: null });
    expect(
      run
        .of('action')
        .filter((e) => e.kind === 'send-email')
        .map((e) => e.seq),
    ).toEqual(results.map((r) => r.seq));
  });

  test('without a model the value has no unit', async () => {
    const mails: AutomatonMail[] = [];
    const run = startRun(withOverheatMail(), { actions: { sendEmail: (mail) => (mails.push(mail), { ok: true }) } });
    run.runner.telemetry({ temperatureC: 101 });
    expect(mails.map((m) => m.subject)).toEqual(['Перегрев: 101']);
  });

  test.each([
    [
      'throws',
      () => {
        throw new Error('SMTP is down');
      },
    ],
    ['rejects', () => Promise.reject(new Error('SMTP is down'))],
  ])('a port that %s does not stop the automaton', async (_, port) => {
    let calls = 0;
    const run = startRun(withOverheatMail(), { actions: { sendEmail: (() => (calls++, port())) as () => Promise<SendEmailOutcome> } });
    run.runner.telemetry({ temperatureC: 101 });
    run.runner.telemetry({ temperatureC: 50 });
    run.runner.telemetry({ temperatureC: 120 });
    await run.runner.idle();
    expect(calls).toBe(2);
    expect(run.states()).toEqual(['initial', 'ON', 'OFF', 'ON', 'OFF']);
    expect(run.of('action-result').map((r) => [r.ok, r.error])).toEqual([
      [false, { name: 'Error', message: 'SMTP is down' }],
      [false, { name: 'Error', message: 'SMTP is down' }],
    ]);
    expect(run.of('error').map((e) => [e.code, e.actionId, e.text.en])).toEqual([
      ['port-failed', 'send-email', 'The port of action "Отправить e-mail" failed: SMTP is down'],
      ['port-failed', 'send-email', 'The port of action "Отправить e-mail" failed: SMTP is down'],
    ]);
  });

  test('a refused send is an outcome, not an error', async () => {
    const run = startRun(withOverheatMail(), {
      actions: { sendEmail: async () => ({ ok: false, message: { ru: 'отказ', en: 'refused' }, reply: '535 5.7.8' }) },
    });
    run.runner.telemetry({ temperatureC: 101 });
    await run.runner.idle();
    expect(run.of('action-result')).toMatchObject([{ ok: false, outcome: { ok: false, reply: '535 5.7.8' }, error: null }]);
    expect(run.of('error')).toEqual([]);
  });

  test('the HTML body is decoded from its encoding and values are escaped into it', () => {
    const mails: AutomatonMail[] = [];
    const doc = withOverheatMail({ html: encodeHtmlBody('<p>Температура: <b>{{temperatureC}}</b>, {{note}}</p>', 'Base64'), encoding: 'Base64' });
    const run = startRun(doc, { model: loadKettle(), actions: { sendEmail: (m) => (mails.push(m), { ok: true }) } });
    run.runner.telemetry({ note: '<script>x</script>', temperatureC: 101 });
    expect(mails[0]!.html).toBe('<p>Температура: <b>101 °C</b>, &lt;script&gt;x&lt;/script&gt;</p>');
  });

  test('a file with bad recipients reports them and sends nothing; the run goes on', () => {
    const doc = logicEdit('temperature-control.automaton.json', (logic) => {
      logic.states.kx359z61.data.onenter.push({
        id: 'send-email',
        name: 'Отправить e-mail',
        args: { recipients: { id: 'recipients', value: 'operator lab.local' } },
      });
    });
    let calls = 0;
    const run = startRun(doc, { actions: { sendEmail: () => (calls++, { ok: true }) } });
    run.runner.telemetry({ temperatureC: 101 });
    run.runner.telemetry({ temperatureC: 10 });
    expect(calls).toBe(0);
    expect(run.of('error')).toMatchObject([{ code: 'invalid-recipients', actionId: 'send-email', stateId: 'kx359z61' }]);
    expect(run.states().at(-1)).toBe('ON');
  });

  test('HTML that does not decode: the mail goes without it, and says why', () => {
    const mails: AutomatonMail[] = [];
    const doc = logicEdit('temperature-control.automaton.json', (logic) => {
      logic.states.kx359z61.data.onenter.push({
        id: 'send-email',
        name: 'Отправить e-mail',
        args: { recipients: { id: 'recipients', value: 'a@lab.local' }, html: { id: 'html', value: 'zz' }, encoding: { id: 'encoding', value: 'HEX' } },
      });
    });
    const run = startRun(doc, { actions: { sendEmail: (m) => (mails.push(m), { ok: true }) } });
    run.runner.telemetry({ temperatureC: 101 });
    expect(mails).toMatchObject([{ html: null, to: ['a@lab.local'] }]);
    expect(run.of('error')).toMatchObject([{ code: 'html-decode' }]);
  });
});

describe('other ports', () => {
  test('device commands carry the model’s publish; push messages their importance', () => {
    const commands: unknown[] = [];
    const pushes: unknown[] = [];
    startRun(loadAutomaton('temperature-control.automaton.json'), { model: loadKettle(), actions: { deviceCommand: (c) => commands.push(c) } });
    expect(commands).toEqual([
      {
        objectId: 'kettle-1',
        stateId: 'first',
        id: 'kettle_on',
        name: 'Turn-on kettle',
        args: {},
        modelCommand: {
          id: 'kettle_on',
          name: 'Turn-on kettle',
          service: 'ric-gate',
          command: 'publish',
          publish: { topic: 'kettle/actions', payload: '{"on":true}' },
        },
      },
    ]);
    startRun(loadAutomaton('jamming-control.automaton.json'), { actions: { pushMessage: (m) => pushes.push(m) } });
    expect(pushes).toEqual([]);
    const run = startRun(loadAutomaton('light-timer.automaton.json'), { actions: { pushMessage: (m) => pushes.push(m) } });
    expect(pushes).toEqual([{ objectId: 'kettle-1', stateId: '2', stateName: 'Start', importance: 'information', body: 'Light is off' }]);
    expect(run.of('action-result')).toMatchObject([{ kind: 'push-message', ok: true }]);
  });

  test('a port that reports telemetry back is queued, not nested', () => {
    const run = startRun(
      loadAutomaton('temperature-control.automaton.json'),
      {
        actions: { deviceCommand: (c) => (c.id === 'kettle_on' ? run.runner.telemetry({ temperatureC: 100 }) : undefined) },
      },
      false,
    );
    run.runner.start();
    const order = run.events.map((e) =>
      e.type === 'action' ? `action ${e.actionId}` : e.type === 'state-entered' ? `enter ${e.state.name || e.state.id}` : e.type,
    );
    expect(order).toEqual([
      'started',
      'enter initial',
      'transition',
      'enter ON',
      'action kettle_on',
      'action-result',
      'action change-value',
      'telemetry',
      'event',
      'transition',
      'enter OFF',
      'action kettle_off',
      'action-result',
      'action change-value',
    ]);
  });

  test('a listener that throws does not stop the run', () => {
    const run = startRun(loadAutomaton('smart-home.automaton.json'), {}, false);
    run.runner.subscribe(() => {
      throw new Error('socket closed');
    });
    run.runner.start();
    run.runner.telemetry({ temperature: 40 });
    expect(run.states()).toEqual(['0', 'Start', 'Turn-off', 'Hot']);
  });
});

describe('timers', () => {
  test('starting a running timer starts it over; leaving its state does not stop it', () => {
    const run = startRun(loadAutomaton('jamming-control.automaton.json'));
    run.runner.telemetry({ data9: true }); // Jamming, timer 300 s from 0
    run.clock.advance(100_000);
    run.runner.telemetry({ data9: false }); // All right; the timer runs on
    expect(run.runner.snapshot().timers).toMatchObject([{ timer: 1, remainingMs: 200_000 }]);
    run.clock.advance(100_000);
    run.runner.telemetry({ data9: true }); // Jamming again at 200 s: the timer restarts, due at 500 s
    expect(run.of('timer-started').map((e) => [e.dueAt - T0, e.restarted])).toEqual([
      [300_000, false],
      [500_000, true],
    ]);
    run.clock.advance(100_000);
    expect(run.of('timer-fired')).toEqual([]);
    run.clock.advance(200_000);
    expect(run.states().at(-1)).toBe('Prolonged jamming');
    expect(run.of('timer-fired').map((e) => e.time - T0)).toEqual([500_000]);
  });
});

describe('immediate transitions and final states', () => {
  test('an immediate loop stops after 100 hops with an error', () => {
    const doc = logicEdit('smart-home.automaton.json', (logic) => {
      logic.transitions.back = { data: { id: 'back', name: 'back', event: 'immediate-transition', owner: { id: 'jxvlkkqu' }, target: { id: '2' } } };
    });
    const run = startRun(doc);
    expect(run.transitions()).toHaveLength(1 + 100);
    expect(run.of('error')).toMatchObject([{ code: 'immediate-loop', text: { en: expect.stringMatching(/More than 100 immediate transitions/) } }]);
    expect(run.runner.snapshot().state?.name).toBe('Start');
  });

  test('a conditional immediate transition is taken only when its condition holds', () => {
    const doc = logicEdit('smart-home.automaton.json', (logic) => {
      logic.transitions.jxvll0o6.data.condition = JSON.stringify({
        0: {
          0: { data: { type: 'parametr', arg: 'armed', source: 'state' }, type: 'parametr' },
          1: { data: { arg: 'true', type: 'value' }, type: 'parametr' },
          data: { type: 'equal' },
          type: 'condition',
        },
      });
    });
    expect(startRun(doc).states()).toEqual(['0', 'Start']);
    expect(startRun(doc, { initialValues: { armed: true } }).states()).toEqual(['0', 'Start', 'Turn-off']);
  });

  test('entering a final state ends the run: timers stop, events are recorded only', () => {
    const doc = logicEdit('jamming-control.automaton.json', (logic) => {
      logic.transitions.stop = { data: { id: 'stop', name: 'Stop', event: 'shutdown', owner: { id: 'kx6c701t' }, target: { id: 'final' } } };
    });
    const run = startRun(doc);
    run.runner.telemetry({ data9: true });
    run.runner.fire('shutdown');
    expect(run.of('finished')).toMatchObject([{ state: { id: 'final', type: 'final' } }]);
    expect(run.runner.snapshot()).toMatchObject({ finished: true, timers: [] });
    expect(run.clock.pendingTimers()).toBe(0);
    run.runner.telemetry({ data9: false });
    expect(run.of('event').at(-1)).toMatchObject({ outcome: 'finished' });
  });

  test('custom and geofence events by name', () => {
    const doc = logicEdit('light-timer.automaton.json', (logic) => {
      logic.transitions.g = { data: { id: 'g', name: 'Geofence', event: 'geofence-leave', owner: { id: '2' }, target: { id: 'jypw8d1x' } } };
    });
    const run = startRun(doc);
    run.runner.fire('geofence-enter');
    expect(run.of('event').at(-1)).toMatchObject({ event: 'geofence-enter', outcome: 'no-transition', text: { en: 'entered the geofence' } });
    run.runner.fire('geofence-leave');
    expect(run.states().at(-1)).toBe('Too dark');
  });
});

describe('before start, after close, odd input', () => {
  test('telemetry before start is kept but moves nothing; a second start is an error', () => {
    const run = startRun(loadAutomaton('smart-home.automaton.json'), {}, false);
    run.runner.telemetry({ temperature: 15 });
    expect(run.of('event')).toMatchObject([{ outcome: 'not-started' }]);
    run.runner.start();
    expect(run.runner.snapshot().values).toEqual({ temperature: 15 });
    expect(run.states().at(-1)).toBe('Turn-off');
    run.runner.start();
    expect(run.of('error')).toMatchObject([{ code: 'already-started' }]);
  });

  test('values that are not numbers, strings or booleans are refused', () => {
    const run = startRun(loadAutomaton('smart-home.automaton.json'));
    run.runner.telemetry({ temperature: null, humidity: 40 } as Json);
    run.runner.telemetry(null as Json);
    expect(run.of('error').map((e) => e.code)).toEqual(['invalid-value', 'invalid-value']);
    expect(run.of('telemetry').map((e) => e.values)).toEqual([{ humidity: 40 }, {}]);
  });

  test('a parameter called constructor or __proto__ is just a parameter', () => {
    const run = startRun(loadAutomaton('smart-home.automaton.json'));
    run.runner.telemetry(JSON.parse('{"__proto__": 5, "constructor": "x", "temperature": 25}'));
    expect(Object.keys(run.runner.snapshot().values).sort()).toEqual(['__proto__', 'constructor', 'temperature']);
    expect(run.states().at(-1)).toBe('Fine');
  });

  test('after close nothing happens and nothing is reported', () => {
    const run = startRun(loadAutomaton('light-timer.automaton.json'));
    run.runner.telemetry({ lum: 10 });
    const count = run.events.length;
    run.runner.close();
    expect(run.clock.pendingTimers()).toBe(0);
    run.clock.advance(10_000);
    run.runner.telemetry({ lum: 500 });
    run.runner.fire('x');
    expect(run.events).toHaveLength(count);
    expect(run.runner.snapshot()).toMatchObject({ closed: true, state: { name: 'Too dark' } });
  });
});
