// The lab's SMS, Telegram and Discord alerts through the objects feature, over its real HTTP
// routes and live stream: a signed-in student adds them to the overheat state, an object
// overheats, and each alert goes to the channels' port — here the test's own stand-in at the
// boundary the channels feature owns (lab/channels/channel-alerts.ts), a function that records
// what it received and answers as a sender would — and lands in the alert log beside the mails
// with its channel, its outcome, its attempts and the captured message's id, live on /api/events.
import { describe, expect, it, onTestFinished } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChannelAlert, ChannelAlertPort } from '../../../lab/channels/channel-alerts.js';
import type { ChannelAttempt, ChannelId, ChannelSendResult } from '../../../lab/channels/channel-wire.js';
import { createIntegrationStore } from '../../../lab/integration/integration-store.js';
import type { AlertRecord } from '../../../lab/objects/alert-log.js';
import type { ObjectSnapshot } from '../../../lab/objects/object-events.js';
import { createObjectsFeature } from '../../../lab/objects/objects-feature.js';
import type { AlertsResponse, AutomatonEntry } from '../../../lab/objects/objects-wire.js';
import type { LiveEvent } from '../../../server/index.js';
import { createCaptureEngine } from '../../../server/engine.js';
import { subscribe } from '../../helpers/live-events.js';
import { createBrowser, type BrowserClient } from '../browser-client.js';

const STUDENT = 'student@lab.local';
const PASSWORD = 'correct horse battery';
const FIXTURE = join(import.meta.dirname, '../../fixtures/platform/temperature-control.automaton.json');

interface Received {
  owner: string;
  channel: ChannelId;
  alert: ChannelAlert & { parseMode?: string };
  /** Whether a signal came along (the feature stops waits with it when it closes). */
  signal: boolean;
}

const attempt = (n: number, of: number, status: number | null, reply: string | null, extra: Partial<ChannelAttempt> = {}): ChannelAttempt => ({
  n,
  of,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  status,
  reply,
  retryAfterSeconds: null,
  transient: false,
  ...extra,
});

/** Answers by channel, as the channels' sender does: a Telegram retry after a 429, an SMS gateway out of money, a Discord webhook elsewhere. */
const ANSWERS: Record<ChannelId, { attempts: ChannelAttempt[]; result: Omit<ChannelSendResult, 'attempts'> }> = {
  telegram: {
    attempts: [
      attempt(1, 3, 429, '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}', {
        retryAfterSeconds: 1,
        transient: true,
      }),
      attempt(2, 3, 200, '{"ok":true,"result":{"message_id":7}}'),
    ],
    result: {
      ok: true,
      message: { ru: 'Сообщение отправлено в Telegram', en: 'The message was sent to Telegram' },
      status: 200,
      reply: '{"ok":true,"result":{"message_id":7}}',
      explanation: null,
      messageId: 'tg-msg-7',
      exchangeId: 'tg-ex-2',
    },
  },
  sms: {
    attempts: [attempt(1, 3, 200, '{"status":"ERROR","status_code":201,"status_text":"Не хватает средств на лицевом счету"}')],
    result: {
      ok: false,
      message: { ru: 'SMS не отправлено', en: 'The SMS was not sent' },
      status: 200,
      reply: '{"status":"ERROR","status_code":201,"status_text":"Не хватает средств на лицевом счету"}',
      explanation: {
        code: 'sms-ru-201',
        cause: { ru: 'На счёте не хватает денег на это SMS', en: 'The account has not enough money for this SMS' },
        field: null,
        fix: { ru: 'Пополните баланс ключа в симуляторе', en: "Top up the key's balance in the simulator" },
      },
      messageId: null,
      exchangeId: 'sms-ex-1',
    },
  },
  discord: {
    attempts: [attempt(1, 3, 204, '')],
    result: {
      ok: true,
      message: { ru: 'Сообщение отправлено в Discord', en: 'The message was sent to Discord' },
      status: 204,
      reply: '',
      explanation: null,
      messageId: null,
      exchangeId: null,
    },
  },
};

/** The channels' port as this test stands in for it: it records each call and answers from ANSWERS, reporting each attempt as it ends. */
function recordingPort(): ChannelAlertPort & { received: Received[] } {
  const received: Received[] = [];
  return {
    received,
    async send(owner, channel, alert, onAttempt, signal) {
      received.push({ owner, channel, alert: { ...alert }, signal: signal instanceof AbortSignal });
      const answer = ANSWERS[channel];
      for (const a of answer.attempts) {
        onAttempt?.(a);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return { ...answer.result, attempts: answer.attempts };
    },
  };
}

async function labWith(channels?: ChannelAlertPort) {
  const engine = await createCaptureEngine({ log: () => {} });
  onTestFinished(() => engine.close());
  const integrations = await createIntegrationStore();
  onTestFinished(() => integrations.close());
  const objects = await createObjectsFeature(engine, integrations, { mqttPort: false, ...(channels ? { channels } : {}) });
  engine.mount(objects);
  await engine.accounts.create(STUDENT, PASSWORD);
  const browser = createBrowser(engine.url);
  expect((await browser.request('POST', '/api/lab/account/sign-in', { address: STUDENT, password: PASSWORD })).status).toBe(200);
  const imported = await browser.request('POST', '/api/lab/automatons', {
    file: await readFile(FIXTURE, 'utf8'),
    fileName: 'temperature-control.automaton.json',
  });
  expect(imported.status).toBe(201);
  const entry = imported.body.automaton as AutomatonEntry;
  const off = entry.automaton.states.find((s) => s.name === 'OFF')!.id;
  return { engine, objects, browser, automatonId: entry.id, off };
}

async function addAlert(browser: BrowserClient, automatonId: string, body: Record<string, unknown>) {
  return browser.request('POST', `/api/lab/automatons/${automatonId}/channel-alerts`, body);
}

async function finishedAlerts(browser: BrowserClient, count: number): Promise<AlertRecord[]> {
  const done = async () => (await browser.request<AlertsResponse>('GET', '/api/lab/alerts')).body.alerts.filter((a) => a.status !== 'sending');
  for (const deadline = Date.now() + 10_000; ;) {
    const last = await done();
    if (last.length >= count) return last;
    if (Date.now() > deadline) throw new Error(`${last.length} of ${count} alerts finished`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('channel alerts through the objects feature', () => {
  it('authored over HTTP, sent through the port on overheat, kept in the alert log with their channel and outcome, live', async () => {
    const port = recordingPort();
    const { browser, automatonId, off, objects, engine } = await labWith(port);

    // A mistake is said at its field, and nothing is added.
    const wrong = await addAlert(browser, automatonId, { channel: 'sms', stateId: off, list: 'onenter', fields: { to: '8 925 507-06-02', text: 'x' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('invalid_fields');
    expect(wrong.body.error.fields.to.en).toMatch(/\+7 instead of 8/);
    expect((await addAlert(browser, automatonId, { channel: 'fax', stateId: off, list: 'onenter', fields: {} })).body.error.fields.channel.en).toMatch(
      /sms, telegram or discord/,
    );

    for (const body of [
      { channel: 'telegram', fields: { text: '<b>Перегрев</b> {{object}}: {{temperatureC}}', parseMode: 'HTML', to: '-1001234567890' } },
      { channel: 'sms', fields: { to: '+7 925 507-06-02', text: 'Перегрев {{object}}: {{temperatureC}}' } },
      { channel: 'discord', fields: { title: 'Перегрев {{object}}', text: 'Температура {{temperatureC}}' } },
    ]) {
      expect((await addAlert(browser, automatonId, { ...body, stateId: off, list: 'onenter' })).status).toBe(201);
    }
    const live = await subscribe(engine.url, 'sessions=none');
    expect((await browser.request('POST', '/api/lab/objects', { id: 'kettle-1', automatonId, source: 'manual' })).status).toBe(201);
    expect((await browser.request('POST', '/api/lab/objects/kettle-1/telemetry', { values: { temperatureC: 101 } })).status).toBe(200);

    const alerts = await finishedAlerts(browser, 3);
    // What the port received: the owner whose integration it uses, the channel, the message filled in.
    expect(port.received).toEqual([
      {
        owner: STUDENT,
        channel: 'telegram',
        alert: { text: '<b>Перегрев</b> kettle-1: 101', to: '-1001234567890', parseMode: 'HTML' },
        signal: true,
      },
      { owner: STUDENT, channel: 'sms', alert: { text: 'Перегрев kettle-1: 101', to: '79255070602' }, signal: true },
      { owner: STUDENT, channel: 'discord', alert: { text: 'Температура 101', title: 'Перегрев kettle-1' }, signal: true },
    ]);

    const byChannel = new Map(alerts.map((a) => [a.channel, a]));
    expect(byChannel.get('telegram')).toMatchObject({
      objectId: 'kettle-1',
      owner: STUDENT,
      stateName: 'OFF',
      status: 'sent',
      channelMessage: { channel: 'telegram', to: '-1001234567890', text: '<b>Перегрев</b> kettle-1: 101', title: null, parseMode: 'HTML' },
      channelMessageId: 'tg-msg-7',
      exchangeId: 'tg-ex-2',
      attempts: 2,
      mailId: null,
      outcome: { ok: true, message: { en: 'The message was sent to Telegram' }, reply: '{"ok":true,"result":{"message_id":7}}', attempts: 2, status: 200 },
    });
    expect(byChannel.get('telegram')!.channelAttempts!.map((a) => [a.n, a.status, a.retryAfterSeconds])).toEqual([
      [1, 429, 1],
      [2, 200, null],
    ]);
    expect(byChannel.get('sms')).toMatchObject({
      status: 'failed',
      channelMessage: { channel: 'sms', to: '79255070602' },
      // An e-mail-only reader still sees where it went and what it said.
      mail: { to: ['79255070602'], subject: '', text: 'Перегрев kettle-1: 101' },
      channelMessageId: null,
      exchangeId: 'sms-ex-1',
      outcome: {
        ok: false,
        message: { ru: 'SMS не отправлено' },
        reply: expect.stringContaining('"status_code":201'),
        explanation: { code: 'sms-ru-201', fix: { en: "Top up the key's balance in the simulator" } },
      },
    });
    expect(byChannel.get('discord')).toMatchObject({
      status: 'sent',
      channelMessage: { title: 'Перегрев kettle-1', text: 'Температура 101' },
      channelMessageId: null,
    });

    // The counters and the object's log say it too.
    const snapshot = (await browser.request<{ object: ObjectSnapshot }>('GET', '/api/lab/objects/kettle-1')).body.object;
    expect(snapshot.counts).toMatchObject({ channelAlertsSent: 2, channelAlertsFailed: 1, channelAlertsSending: 0, mailsSent: 0, mailsFailed: 0 });
    const log = objects.registry.log('kettle-1').entries.map((e) => e.text.en);
    expect(log).toEqual(
      expect.arrayContaining([
        'Telegram, chat -1001234567890: "<b>Перегрев</b> kettle-1: 101"',
        'SMS to 79255070602: "Перегрев kettle-1: 101"',
        'Discord, the webhook\'s channel: "Перегрев kettle-1 — Температура 101"',
        'The SMS was not sent',
      ]),
    );
    const stats = (await browser.request<AlertsResponse>('GET', '/api/lab/alerts')).body.stats;
    expect(stats).toMatchObject({ total: 3, sent: 2, failed: 1, sending: 0 });

    // Live: the Telegram alert while it waited for its retry (one attempt so far), then sent.
    const telegramId = byChannel.get('telegram')!.id;
    const isTelegram = (e: LiveEvent): e is Extract<LiveEvent, { Type: 'alert' }> => e.Type === 'alert' && e.Data.id === telegramId;
    await live.waitFor((e) => isTelegram(e) && e.Data.status === 'sent');
    const frames = live.events.filter(isTelegram);
    expect(frames[0]!.Data).toMatchObject({ status: 'sending', channel: 'telegram' });
    expect(frames.some((f) => f.Data.status === 'sending' && f.Data.channelAttempts?.length === 1)).toBe(true);
  });

  it('without the channels a channel alert ends not sent, saying the channel is not available; the mail beside it is unaffected', async () => {
    const { browser, automatonId, off, objects } = await labWith();
    expect((await addAlert(browser, automatonId, { channel: 'telegram', stateId: off, list: 'onenter', fields: { text: 'hot' } })).status).toBe(201);
    expect((await browser.request('POST', '/api/lab/objects', { id: 'kettle-2', automatonId, source: 'manual' })).status).toBe(201);
    expect((await browser.request('POST', '/api/lab/objects/kettle-2/telemetry', { values: { temperatureC: 120 } })).status).toBe(200);
    const [alert] = await finishedAlerts(browser, 1);
    expect(alert).toMatchObject({
      channel: 'telegram',
      status: 'failed',
      attempts: 0,
      outcome: {
        ok: false,
        message: { en: expect.stringMatching(/^The Telegram channel is not available here/), ru: expect.stringMatching(/^Канал Telegram здесь недоступен/) },
      },
    });
    expect(objects.registry.get('kettle-2')).toMatchObject({ state: { name: 'OFF' }, counts: { channelAlertsFailed: 1 } });
  });

  it('a port that throws: the alert is on record as failed with the error, and the automaton goes on', async () => {
    const broken: ChannelAlertPort = {
      send: async () => {
        throw new Error('the channels feature is closing');
      },
    };
    const { browser, automatonId, off, objects } = await labWith(broken);
    expect(
      (await addAlert(browser, automatonId, { channel: 'discord', stateId: off, list: 'onexit', fields: { text: 'cooled down to {{temperatureC}}' } })).status,
    ).toBe(201);
    expect((await browser.request('POST', '/api/lab/objects', { id: 'kettle-3', automatonId, source: 'manual' })).status).toBe(201);
    for (const temperatureC of [120, 60]) {
      expect((await browser.request('POST', '/api/lab/objects/kettle-3/telemetry', { values: { temperatureC } })).status).toBe(200);
    }
    const [alert] = await finishedAlerts(browser, 1);
    expect(alert).toMatchObject({ channel: 'discord', status: 'failed', outcome: null, error: { message: 'the channels feature is closing' } });
    expect(objects.registry.get('kettle-3').state?.name).toBe('ON');
    const errors = objects.registry.log('kettle-3').entries.filter((e) => e.kind === 'error');
    expect(errors.map((e) => e.text.en)).toEqual(['The port of action "Отправить в Discord" failed: the channels feature is closing']);
  });

  it('edits and removals over HTTP: the field at fault named, the file kept otherwise', async () => {
    const { browser, automatonId, off, engine } = await labWith(recordingPort());
    const added = await addAlert(browser, automatonId, { channel: 'telegram', stateId: off, list: 'onenter', fields: { text: 'hot' } });
    const index = (added.body.automaton as AutomatonEntry).automaton.states.find((s) => s.id === off)!.onenter.findIndex((a) => a.id === 'send-telegram');
    const at = `/api/lab/automatons/${automatonId}/channel-alerts/${off}/onenter/${index}`;
    const bad = await browser.request('PUT', at, { fields: { to: 'https://t.me/duty' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.to.en).toMatch(/is not a Telegram chat id/);
    const edited = await browser.request('PUT', at, { fields: { to: '@kettle_duty', parseMode: 'MarkdownV2', text: '*hot*' } });
    expect(edited.status).toBe(200);
    const action = (edited.body.automaton as AutomatonEntry).automaton.states.find((s) => s.id === off)!.onenter[index]!;
    expect(action).toMatchObject({ id: 'send-telegram', template: { to: '@kettle_duty', parseMode: 'MarkdownV2', text: '*hot*' } });
    // The e-mail route does not touch it, and the kettle's own command is not a channel alert.
    expect((await browser.request('DELETE', `/api/lab/automatons/${automatonId}/emails/${off}/onenter/${index}`)).status).toBe(400);
    expect((await browser.request('DELETE', `/api/lab/automatons/${automatonId}/channel-alerts/${off}/onenter/0`)).body.error.fields.action.en).toMatch(
      /no "Send SMS, to Telegram or to Discord"/,
    );
    const removed = await browser.request('DELETE', at);
    expect(removed.status).toBe(200);
    expect((removed.body.automaton as AutomatonEntry).automaton.states.find((s) => s.id === off)!.onenter.map((a) => a.id)).toEqual([
      'kettle_off',
      'change-value',
    ]);
    // Changing needs an account, as for the mail.
    const anonymous = createBrowser(engine.url);
    expect(
      (await addAlert(anonymous, automatonId, { channel: 'sms', stateId: off, list: 'onenter', fields: { to: '+79255070602', text: 'x' } })).body.error.code,
    ).toBe('not_signed_in');
  });
});
