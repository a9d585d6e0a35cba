// The "done when", end to end through the real parts: a student with a lab account sets up
// a Telegram bot and chat (Start pressed), an SMPP login and a Discord webhook, saves the four
// integrations, adds Telegram, SMS and Discord alerts beside the e-mail of the overheat state,
// overheats the object — and the mail reaches the mailbox, the Telegram message the chat, the SMS
// the phone counted in parts, the Discord post the channel, each linked from its alert.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TelegramContent } from '../../../lab/channels/channel-wire.js';
import type { CreatedDiscordWebhook, CreatedSmppAccount, CreatedTelegramBot, TelegramChatView } from '../../../lab/channels/world-wire.js';
import type { AlertRecord } from '../../../lab/objects/alert-log.js';
import type { AlertsResponse, AutomatonEntry } from '../../../lab/objects/objects-wire.js';
import { eventually } from '../../helpers/lab.js';
import { createBrowser } from '../browser-client.js';
import { ACCOUNT_PASSWORD, startAccountLab, STUDENT } from '../lab-fixtures.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/platform/temperature-control.automaton.json');

describe('one overheat, four channels', () => {
  it('e-mail, Telegram, SMS and Discord alerts all arrive, each captured and linked from its alert', async () => {
    const lab = await startAccountLab({ profile: 'lab' });
    const browser = createBrowser(lab.url);
    expect((await browser.request('POST', '/api/lab/account/sign-in', { address: STUDENT, password: ACCOUNT_PASSWORD })).status).toBe(200);
    const sim = (service: string) => lab.channels.simulators().find((s) => s.service === service) as { url: string; port: number };

    expect((await browser.request('PUT', '/api/lab/integration', lab.settings())).status).toBe(200);
    const bot = (await browser.request<CreatedTelegramBot>('POST', '/api/lab/channels/telegram/bots', { name: 'Котёл', username: 'kettle_alerts_bot' })).body;
    const chat = (await browser.request<TelegramChatView>('POST', '/api/lab/channels/telegram/chats', { type: 'private', title: 'Дежурный' })).body;
    await browser.request('POST', `/api/lab/channels/telegram/chats/${chat.id}/start`, { botId: bot.bot.id });
    const telegram = { preset: 'lab', apiRoot: sim('telegram-bot-api').url, botToken: bot.token, chatId: String(chat.id), parseMode: 'HTML', attempts: 3 };
    expect((await browser.request('PUT', '/api/lab/channels/telegram/integration', telegram)).status).toBe(200);
    const login = (await browser.request<CreatedSmppAccount>('POST', '/api/lab/channels/sms/smpp-accounts', {})).body;
    const sms = {
      preset: 'lab-smpp',
      protocol: 'smpp',
      host: '127.0.0.1',
      port: sim('smpp').port,
      systemId: login.account.systemId,
      password: login.password,
      sender: 'LabAlert',
      attempts: 3,
    };
    expect((await browser.request('PUT', '/api/lab/channels/sms/integration', sms)).status).toBe(200);
    const hook = (await browser.request<CreatedDiscordWebhook>('POST', '/api/lab/channels/discord/webhooks', { name: 'Котёл', channelName: 'alerts' })).body;
    expect(
      (await browser.request('PUT', '/api/lab/channels/discord/integration', { preset: 'lab', webhookUrl: hook.url, username: '', attempts: 3 })).status,
    ).toBe(200);

    const imported = await browser.request('POST', '/api/lab/automatons', {
      file: await readFile(FIXTURE, 'utf8'),
      fileName: 'temperature-control.automaton.json',
    });
    expect(imported.status).toBe(201);
    const entry = imported.body.automaton as AutomatonEntry;
    const off = entry.automaton.states.find((s) => s.name === 'OFF')?.id as string;
    const email = await browser.request('POST', `/api/lab/automatons/${entry.id}/emails`, {
      stateId: off,
      list: 'onenter',
      fields: { recipients: 'ops@lab.local', subject: 'Перегрев {{object}}: {{temperatureC}} °C', text: 'Температура {{temperatureC}} °C' },
    });
    expect(email.status, email.text).toBe(201);
    const russian = 'Внимание! Объект {{object}} перегрелся: {{temperatureC}} °C. Котёл выключен автоматически, проверьте охлаждение';
    for (const body of [
      { channel: 'telegram', fields: { text: '<b>Перегрев</b> {{object}}: {{temperatureC}} °C', parseMode: 'HTML' } },
      { channel: 'sms', fields: { to: '+7 925 507-06-02', text: russian } },
      { channel: 'discord', fields: { title: 'Перегрев {{object}}', text: 'Температура {{temperatureC}} °C' } },
    ]) {
      const added = await browser.request('POST', `/api/lab/automatons/${entry.id}/channel-alerts`, { ...body, stateId: off, list: 'onenter' });
      expect(added.status, added.text).toBe(201);
    }

    expect((await browser.request('POST', '/api/lab/objects', { id: 'kettle-1', automatonId: entry.id, source: 'manual' })).status).toBe(201);
    expect((await browser.request('POST', '/api/lab/objects/kettle-1/telemetry', { values: { temperatureC: 101 } })).status).toBe(200);

    const alerts = await eventually(
      async () => {
        const all = (await browser.request<AlertsResponse>('GET', '/api/lab/alerts')).body.alerts.filter((a) => a.status !== 'sending');
        return all.length >= 4 ? all : undefined;
      },
      15_000,
      'four alerts to finish',
    );
    const byChannel = new Map<string, AlertRecord>(alerts.map((a) => [a.channel ?? 'email', a]));
    for (const channel of ['email', 'telegram', 'sms', 'discord'])
      expect(byChannel.get(channel)?.status, `${channel}: ${JSON.stringify(byChannel.get(channel)?.outcome)}`).toBe('sent');

    const mail = await lab.mailbox.waitFor((m) => m.Subject.startsWith('Перегрев kettle-1'), { timeout: 5000 });
    expect(mail.Subject).toBe('Перегрев kettle-1: 101 °C');

    const tg = lab.channels.messages.get(byChannel.get('telegram')?.channelMessageId as string);
    expect(tg?.Content).toMatchObject({ kind: 'telegram', chatId: chat.id, text: 'Перегрев kettle-1: 101 °C' });
    expect((tg?.Content as TelegramContent).entities[0]).toMatchObject({ type: 'bold', offset: 0, length: 8 });

    const phone = await lab.channels.messages.waitFor({ channel: 'sms', to: '79255070602' }, 5000);
    expect(phone.Content).toMatchObject({ kind: 'sms', encoding: 'UCS-2', from: 'LabAlert' });
    expect(phone.Content.kind === 'sms' && phone.Content.parts).toBe(2);
    expect(byChannel.get('sms')?.channelMessageId).toBe(phone.ID);

    const post = lab.channels.messages.get(byChannel.get('discord')?.channelMessageId as string);
    expect(post?.Content).toMatchObject({ kind: 'discord', embeds: [{ title: 'Перегрев kettle-1', description: 'Температура 101 °C' }] });
    // Each captured message's exchange is there, line by line, with no secret on any line.
    for (const id of [tg?.ExchangeID, phone.ExchangeID, post?.ExchangeID]) {
      const exchange = lab.channels.messages.exchange(id as string);
      expect(exchange?.Lines.length).toBeGreaterThan(1);
      const text = JSON.stringify(exchange);
      for (const secret of [bot.token.split(':')[1] as string, login.password, hook.url.split('/').at(-1) as string]) expect(text).not.toContain(secret);
    }
    await eventually(
      () =>
        (lab.channels.messages.get(phone.ID)?.Content.kind === 'sms' &&
          (lab.channels.messages.get(phone.ID)?.Content as { status: string }).status === 'DELIVRD') ||
        undefined,
      5000,
      'the SMS receipt',
    );
  });
});
