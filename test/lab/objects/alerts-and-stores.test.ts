// What the objects' actions leave behind: the alert log of mail attempts (a failing or throwing
// sender included), the bounded object log, and the operator's message panel with its grouping,
// sorting and acknowledgement.
import { afterEach, describe, expect, test } from 'vitest';
import { createAlertLog, normalizeOutcome } from '../../../lab/objects/alert-log.js';
import { createObjectLog } from '../../../lab/objects/object-log.js';
import { createOperatorMessageStore, type OperatorMessageInput } from '../../../lab/objects/operator-messages.js';
import { loadAutomaton, loadKettle, startLab, temperatureControlWithMail, waitFor, type Lab } from './objects-helpers.js';

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

describe('mail attempts', () => {
  test('a throwing sendEmail port: the automaton goes on, the alert log has the failure with its error', async () => {
    lab = await startLab({
      mqtt: false,
      sendEmail: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:1587');
      },
    });
    lab.registry.create({ id: 'kettle-1', automaton: temperatureControlWithMail(), model: loadKettle(), owner: 'student@lab.local', source: 'manual' });
    lab.registry.telemetry('kettle-1', { temperatureC: 120 });
    lab.registry.telemetry('kettle-1', { temperatureC: 20 });
    lab.registry.telemetry('kettle-1', { temperatureC: 130 });
    await lab.registry.idle();
    const snapshot = lab.registry.get('kettle-1');
    expect(snapshot.state?.name).toBe('OFF');
    expect(snapshot.counts).toMatchObject({ transitions: 4, mailsSent: 0, mailsFailed: 2, mailsSending: 0 });

    const alerts = lab.registry.alerts.list({ owner: 'student@lab.local' });
    expect(alerts.map((a) => [a.status, a.mail.subject, a.error?.message])).toEqual([
      ['failed', 'Overheat: 130 °C on kettle-1', 'connect ECONNREFUSED 127.0.0.1:1587'],
      ['failed', 'Overheat: 120 °C on kettle-1', 'connect ECONNREFUSED 127.0.0.1:1587'],
    ]);
    expect(alerts[0]).toMatchObject({
      objectId: 'kettle-1',
      stateId: 'kx359z61',
      stateName: 'OFF',
      outcome: null,
      mail: { to: ['ops@example.com'], from: null },
    });
    expect(lab.registry.alerts.stats()).toEqual({ total: 2, sending: 0, sent: 0, failed: 2, dropped: 0 });

    const log = lab.registry.log('kettle-1').entries;
    const errors = log.filter((e) => e.kind === 'error').map((e) => e.data);
    expect(errors).toEqual([expect.objectContaining({ code: 'port-failed' }), expect.objectContaining({ code: 'port-failed' })]);
    expect(log.filter((e) => e.kind === 'action-result' && e.text.en.startsWith('"send-email" failed'))).toHaveLength(2);
  });

  test('a port that answers ok: false, or answers nonsense, is recorded as it answered', async () => {
    const answers: unknown[] = [
      {
        ok: false,
        message: { ru: '535 Неверный пароль', en: '535 Wrong password' },
        reply: '535 5.7.8 Authentication failed',
        explanation: { field: 'password' },
        attempts: 1,
        sessionId: 's-9',
      },
      'what',
    ];
    lab = await startLab({ mqtt: false, sendEmail: async () => answers.shift() as never });
    lab.registry.create({ id: 'kettle-1', automaton: temperatureControlWithMail(), model: loadKettle(), owner: 'cli', source: 'manual' });
    for (const t of [120, 20, 130]) lab.registry.telemetry('kettle-1', { temperatureC: t });
    await lab.registry.idle();
    const [second, first] = lab.registry.alerts.list();
    expect(first).toMatchObject({
      status: 'failed',
      sessionId: 's-9',
      attempts: 1,
      outcome: { reply: '535 5.7.8 Authentication failed', explanation: { field: 'password' } },
    });
    expect(second).toMatchObject({
      status: 'failed',
      outcome: { ok: false, reply: null, explanation: null, message: { en: 'The send failed (the sender did not say why)' } },
    });
    const results = lab.registry
      .log('kettle-1')
      .entries.filter((e) => e.kind === 'action-result')
      .map((e) => e.text.en);
    expect(results).toContain('535 Wrong password');
  });

  test('normalizeOutcome keeps only what an AlertOutcome has', () => {
    expect(normalizeOutcome({ ok: true, mailId: '', sessionId: 7, attempts: -1, extra: 1 })).toEqual({
      ok: true,
      message: { ru: 'Письмо отправлено', en: 'The mail was sent' },
      reply: null,
      explanation: null,
    });
  });

  test('the alert log is bounded, oldest dropped and counted', () => {
    const log = createAlertLog({ cap: 2, now: () => 5 });
    const mail = { objectId: 'o', stateId: 's', stateName: 'S', from: null, to: ['a@b.c'], subject: 'x', text: '', html: null };
    const ids = [1, 2, 3].map(() => log.begin({ objectId: 'o', owner: 'cli', mail, objectTime: 0 }).id);
    expect(log.list().map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(log.finish(ids[0]!, { outcome: { ok: true } })).toBeUndefined();
    expect(log.finish(ids[2]!, { outcome: { ok: true, mailId: 'm' } })).toMatchObject({ status: 'sent', mailId: 'm', finishedAt: 5 });
    expect(log.stats()).toEqual({ total: 2, sending: 1, sent: 1, failed: 0, dropped: 1 });
  });
});

describe('the object log', () => {
  test('keeps the last N entries, counts the dropped ones, pages after a seq', () => {
    const log = createObjectLog({ cap: 3 });
    for (let i = 1; i <= 5; i++) log.add({ time: i, objectTime: i, kind: 'telemetry', text: { ru: `${i}`, en: `${i}` }, data: null });
    expect(log.page()).toMatchObject({ dropped: 2, lastSeq: 5 });
    expect(log.page().entries.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.page({ after: 3 }).entries.map((e) => e.seq)).toEqual([4, 5]);
    expect(log.page({ limit: 1 }).entries.map((e) => e.seq)).toEqual([5]);
    expect(log.page({ after: 5 }).entries).toEqual([]);
  });

  test("an object's log stays within its cap however much telemetry arrives", async () => {
    lab = await startLab({ mqtt: false, logCap: 20 });
    lab.registry.create({
      id: 'kettle-1',
      automaton: loadAutomaton('temperature-control.automaton.json'),
      model: loadKettle(),
      owner: 'cli',
      source: 'manual',
    });
    for (let i = 0; i < 200; i++) lab.registry.telemetry('kettle-1', { temperatureC: i % 2 ? 120 : 20 });
    // The device commands' results (MQTT is off here) arrive after their ports answer.
    await lab.registry.idle();
    const page = lab.registry.log('kettle-1');
    expect(page.entries).toHaveLength(20);
    expect(page.dropped).toBe(page.lastSeq - 20);
    expect(page.entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => page.lastSeq - 19 + i));
    expect(lab.registry.get('kettle-1').counts).toMatchObject({ logEntries: 20, logDropped: page.dropped, telemetry: 200, transitions: 200 });
  });
});

describe('the operator messages', () => {
  const input = (over: Partial<OperatorMessageInput>): OperatorMessageInput => ({
    objectId: 'room-1',
    owner: 'a@lab.local',
    stateId: 's',
    stateName: 'Hot',
    importance: 'information',
    text: 'Hot',
    time: 0,
    objectTime: 0,
    ...over,
  });
  const seeded = () => {
    const store = createOperatorMessageStore({ now: () => 99 });
    store.add(input({ time: 1, text: 'Hot', importance: 'important' }));
    store.add(input({ time: 2, text: 'Coldly', importance: 'critical', objectId: 'room-2' }));
    store.add(input({ time: 3, text: 'Hot', importance: 'important', objectId: 'room-2' }));
    store.add(input({ time: 4, text: 'Fine', importance: 'information' }));
    store.add(input({ time: 5, text: 'Coldly', importance: 'critical', owner: 'b@lab.local', objectId: 'room-9' }));
    return store;
  };

  test('sorted by time (newest first) or by importance (critical first, then newest)', () => {
    const store = seeded();
    expect(store.list({ owner: 'a@lab.local' }).map((m) => m.time)).toEqual([4, 3, 2, 1]);
    expect(store.list({ owner: 'a@lab.local', sort: 'importance' }).map((m) => `${m.importance} ${m.time}`)).toEqual([
      'critical 2',
      'important 3',
      'important 1',
      'information 4',
    ]);
    expect(store.list({ objectId: 'room-2' }).map((m) => m.time)).toEqual([3, 2]);
    expect(store.list({ limit: 2 }).map((m) => m.time)).toEqual([5, 4]);
  });

  test('grouped by text or by object, groups in the order of their first message', () => {
    const store = seeded();
    const byText = store.groups('text', { owner: 'a@lab.local' });
    expect(byText.map((g) => [g.key, g.count, g.importance, g.latestTime])).toEqual([
      ['Fine', 1, 'information', 4],
      ['Hot', 2, 'important', 3],
      ['Coldly', 1, 'critical', 2],
    ]);
    expect(store.groups('text', { owner: 'a@lab.local', sort: 'importance' }).map((g) => g.key)).toEqual(['Coldly', 'Hot', 'Fine']);
    const byObject = store.groups('object', { owner: 'a@lab.local' });
    expect(byObject.map((g) => [g.key, g.messages.map((m) => m.time)])).toEqual([
      ['room-1', [4, 1]],
      ['room-2', [3, 2]],
    ]);
    expect(store.groups('none').map((g) => g.count)).toEqual([5]);
  });

  test('a critical message lights the indicator until acknowledged; acknowledge by id or all, per owner', () => {
    const store = seeded();
    expect(store.indicator('a@lab.local')).toEqual({ unacknowledgedCritical: 1, unacknowledged: 4, total: 4, dropped: 0 });
    expect(store.indicator()).toMatchObject({ unacknowledgedCritical: 2, total: 5 });
    const critical = store.list({ owner: 'a@lab.local', sort: 'importance' })[0]!;
    expect(store.acknowledge(critical.id, 'b@lab.local')).toEqual([]);
    expect(store.acknowledge(critical.id, 'a@lab.local')).toEqual([{ ...critical, acknowledged: true, acknowledgedAt: 99 }]);
    expect(store.acknowledge(critical.id)).toEqual([]);
    expect(store.indicator('a@lab.local')).toMatchObject({ unacknowledgedCritical: 0, unacknowledged: 3 });
    expect(store.groups('text', { owner: 'a@lab.local' }).map((g) => g.unacknowledged)).toEqual([1, 2, 0]);
    expect(store.acknowledge('all', 'a@lab.local')).toHaveLength(3);
    expect(store.indicator()).toMatchObject({ unacknowledgedCritical: 1, unacknowledged: 1 });
    expect(store.acknowledge('msg-404')).toEqual([]);
  });

  test('bounded: the oldest go, counted', () => {
    const store = createOperatorMessageStore({ cap: 2 });
    for (let i = 1; i <= 4; i++) store.add(input({ time: i, importance: 'critical' }));
    expect(store.list().map((m) => m.time)).toEqual([4, 3]);
    expect(store.indicator()).toEqual({ unacknowledgedCritical: 2, unacknowledged: 2, total: 2, dropped: 2 });
  });

  test("the registry's messages come from send-push-message actions of every object", async () => {
    lab = await startLab({ mqtt: false });
    for (const id of ['room-1', 'room-2'])
      lab.registry.create({ id, automaton: loadAutomaton('smart-home.automaton.json'), owner: 'teacher@lab.local', source: 'manual' });
    lab.registry.telemetry('room-1', { temperature: 10 });
    lab.registry.telemetry('room-2', { temperature: 35 });
    await waitFor(() => lab!.registry.messages.list().length === 4, 'four messages');
    expect(lab.registry.messages.groups('text', { sort: 'importance' }).map((g) => [g.key, g.count])).toEqual([
      ['Coldly', 1],
      ['Hot', 1],
      ['Automaton is loaded', 2],
    ]);
    expect(lab.registry.messages.indicator('teacher@lab.local').unacknowledgedCritical).toBe(1);
    expect(lab.registry.get('room-1').counts.operatorMessages).toBe(2);
  });
});
