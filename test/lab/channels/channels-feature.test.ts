// The channels as a student meets them through the lab server: the simulators it starts, the
// world set up over the API (a bot, a chat, Start; a webhook; an SMS login), each channel's
// integration saved and its test send, what was captured (list, get, wait, delete, exchanges),
// live over /api/events, kept with --data-dir, and no secret in any answer after the one that
// created it.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelMessage, ChannelSendResult, TelegramContent } from '../../../lab/channels/channel-wire.js';
import type { CreatedDiscordWebhook, CreatedSmppAccount, CreatedTelegramBot, TelegramChatView } from '../../../lab/channels/world-wire.js';
import { startLab } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { createBrowser, type BrowserClient } from '../browser-client.js';

async function student(url: string, name = 'student'): Promise<BrowserClient> {
  const browser = createBrowser(url);
  const res = await browser.request('POST', '/api/lab/account/sign-up', { address: name, password: 'account-password-1' });
  expect(res.status).toBeLessThan(300);
  return browser;
}

/** A bot, a person who pressed Start, and the chat id learnt from getUpdates — the student's way. */
async function telegramSetup(browser: BrowserClient, apiRoot: string) {
  const created = await browser.request<CreatedTelegramBot>('POST', '/api/lab/channels/telegram/bots', {
    name: 'Alerts',
    username: `alerts_${Date.now()}_bot`,
  });
  expect(created.status).toBe(201);
  const chat = await browser.request<TelegramChatView>('POST', '/api/lab/channels/telegram/chats', { type: 'private', title: 'Анна' });
  expect(chat.status).toBe(201);
  expect((await browser.request('POST', `/api/lab/channels/telegram/chats/${chat.body.id}/start`, { botId: created.body.bot.id })).status).toBeLessThan(300);
  const updates = (await (await fetch(`${apiRoot}/bot${created.body.token}/getUpdates`)).json()) as {
    ok: boolean;
    result: Array<{ message: { chat: { id: number } } }>;
  };
  expect(updates.ok).toBe(true);
  const chatId = updates.result.at(-1)?.message.chat.id;
  expect(chatId).toBe(chat.body.id);
  return { token: created.body.token, chatId: chatId as number };
}

describe('the channels feature', () => {
  it('starts the four simulators and describes each channel', async () => {
    const lab = await startLab();
    const res = await fetch(`${lab.url}/api/lab/channels`);
    const body = (await res.json()) as {
      simulators: Array<{ service: string; url: string }>;
      channels: Array<{ channel: string; fields: unknown[]; presets: unknown[]; integration: unknown }>;
    };
    expect(body.simulators.map((s) => s.service).sort()).toEqual(['discord-webhook', 'smpp', 'sms-ru', 'telegram-bot-api']);
    expect(body.channels.map((c) => c.channel)).toEqual(['telegram', 'discord', 'sms']);
    for (const c of body.channels) {
      expect(c.fields.length).toBeGreaterThan(0);
      expect(c.presets.length).toBeGreaterThanOrEqual(2);
      expect(c.integration).toBeNull();
    }
    expect(lab.channels.simulators()).toEqual(body.simulators);
  });

  it('a simulator that is off is not started and not listed', async () => {
    const lab = await startLab({ telegramPort: false, smppPort: false });
    expect(
      lab.channels
        .simulators()
        .map((s) => s.service)
        .sort(),
    ).toEqual(['discord-webhook', 'sms-ru']);
  });

  it('Telegram: bot, Start, getUpdates, the integration saved, the test sent, captured, live, waited for, deleted', async () => {
    const lab = await startLab();
    const apiRoot = lab.channels.simulators().find((s) => s.service === 'telegram-bot-api')?.url as string;
    const browser = await student(lab.url);
    const live = await subscribe(lab.url);
    const { token, chatId } = await telegramSetup(browser, apiRoot);

    expect((await browser.request('POST', '/api/lab/channels/telegram/test', { text: 'x' })).status).toBe(409);
    const saved = await browser.request('PUT', '/api/lab/channels/telegram/integration', {
      preset: 'lab',
      apiRoot,
      botToken: token,
      chatId: String(chatId),
      parseMode: 'HTML',
      attempts: 2,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.integration.secretsSet.botToken).toBe(true);
    expect(saved.text).not.toContain(token.split(':')[1]);

    const sent = await browser.request<ChannelSendResult>('POST', '/api/lab/channels/telegram/test', { text: '<b>Перегрев</b>: 101 °C' });
    expect(sent.body).toMatchObject({ ok: true });
    expect(sent.body.messageId).toEqual(expect.any(String));
    const message = (await browser.request<ChannelMessage>('GET', `/api/lab/messages/${sent.body.messageId}`)).body;
    const content = message.Content as TelegramContent;
    expect(content).toMatchObject({ kind: 'telegram', chatId, text: 'Перегрев: 101 °C', parseMode: 'HTML' });
    expect(content.entities).toEqual([{ type: 'bold', offset: 0, length: 8 }]);
    await live.waitFor((e) => e.Type === 'channel-message' && e.Data.ID === message.ID);
    const exchange = await browser.request('GET', `/api/lab/exchanges/${message.ExchangeID}`);
    expect(exchange.body.Lines[0].Text).toMatch(/^POST \/bot\d+:●●●●\/sendMessage HTTP/);

    const waited = await fetch(`${lab.url}/api/lab/messages/wait?channel=telegram&text=${encodeURIComponent('перегрев')}&timeout=2000`);
    expect(((await waited.json()) as ChannelMessage).ID).toBe(message.ID);
    const none = await fetch(`${lab.url}/api/lab/messages/wait?channel=sms&timeout=100`);
    expect(none.status).toBe(408);

    // The wrong chat id: explained, with the field to fix.
    await browser.request('PUT', '/api/lab/channels/telegram/integration', {
      preset: 'lab',
      apiRoot,
      botToken: '',
      chatId: '424242',
      parseMode: 'HTML',
      attempts: 1,
    });
    const wrong = await browser.request<ChannelSendResult>('POST', '/api/lab/channels/telegram/test', { text: 'again' });
    expect(wrong.body).toMatchObject({ ok: false, status: 400, explanation: { field: 'chatId' } });
    expect(wrong.body.reply).toContain('chat not found');

    expect(browser.transcript().split(token).length).toBe(2); // only in the answer that created the bot
    for (const event of live.events) expect(JSON.stringify(event)).not.toContain(token.split(':')[1]);

    const deleted = await browser.request('DELETE', '/api/lab/messages?channel=telegram');
    expect(deleted.status).toBe(200);
    expect(lab.channels.messages.list({ channel: 'telegram' }).total).toBe(0);
  });

  it('Discord and SMS: the test send of each reaches its simulator and is captured', async () => {
    const lab = await startLab();
    const browser = await student(lab.url);
    const hook = await browser.request<CreatedDiscordWebhook>('POST', '/api/lab/channels/discord/webhooks', { name: 'Alerts', channelName: 'alerts' });
    expect(hook.status).toBe(201);
    expect(
      (await browser.request('PUT', '/api/lab/channels/discord/integration', { preset: 'lab', webhookUrl: hook.body.url, username: 'Lab', attempts: 1 }))
        .status,
    ).toBe(200);
    const discord = await browser.request<ChannelSendResult>('POST', '/api/lab/channels/discord/test', { text: 'Перегрев: 101 °C' });
    expect(discord.body).toMatchObject({ ok: true });
    expect(lab.channels.messages.get(discord.body.messageId as string)?.Content).toMatchObject({ kind: 'discord', content: 'Перегрев: 101 °C' });

    const smpp = lab.channels.simulators().find((s) => s.service === 'smpp') as { url: string; port: number };
    const login = await browser.request<CreatedSmppAccount>('POST', '/api/lab/channels/sms/smpp-accounts', {});
    expect(login.status).toBe(201);
    const put = await browser.request('PUT', '/api/lab/channels/sms/integration', {
      preset: 'lab-smpp',
      protocol: 'smpp',
      host: '127.0.0.1',
      port: smpp.port,
      systemId: login.body.account.systemId,
      password: login.body.password,
      sender: 'LabAlert',
      attempts: 1,
    });
    expect(put.status, put.text).toBe(200);
    const text = 'Внимание! Температура объекта превысила допустимый предел: 101 °C. Проверьте охлаждение немедленно';
    const sms = await browser.request<ChannelSendResult>('POST', '/api/lab/channels/sms/test', { text, to: '+79255070602' });
    expect(sms.body, sms.text).toMatchObject({ ok: true });
    const captured = await lab.channels.messages.waitFor({ channel: 'sms', to: '79255070602' }, 3000);
    expect(captured.Content).toMatchObject({ kind: 'sms', text, encoding: 'UCS-2', parts: 2 });
    expect(browser.transcript().split(login.body.password).length).toBe(2);
  });

  it('with --data-dir the messages, the integrations and the bots are there after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-channels-'));
    const first = await startLab({ dataDir });
    const apiRoot = first.channels.simulators().find((s) => s.service === 'telegram-bot-api')?.url as string;
    const browser = await student(first.url);
    const { token, chatId } = await telegramSetup(browser, apiRoot);
    await browser.request('PUT', '/api/lab/channels/telegram/integration', {
      preset: 'lab',
      apiRoot,
      botToken: token,
      chatId: String(chatId),
      parseMode: 'none',
      attempts: 1,
    });
    const sent = await browser.request<ChannelSendResult>('POST', '/api/lab/channels/telegram/test', { text: 'kept' });
    expect(sent.body.ok).toBe(true);
    await first.close();

    const again = await startLab({ dataDir });
    expect(again.channels.messages.get(sent.body.messageId as string)?.Content).toMatchObject({ text: 'kept' });
    const view = again.channels.integrations.view('student@lab.local', 'telegram');
    expect(view?.secretsSet.botToken).toBe(true);
    // The restarted simulator listens elsewhere: the in-process send uses the saved apiRoot, so point it there.
    const newRoot = again.channels.simulators().find((s) => s.service === 'telegram-bot-api')?.url as string;
    const saved = again.channels.integrations.get('student@lab.local', 'telegram') as Record<string, string | number>;
    await again.channels.integrations.set('student@lab.local', 'telegram', { ...saved, apiRoot: newRoot });
    const result = await again.channels.send('student@lab.local', 'telegram', { text: 'after the restart' });
    expect(result).toMatchObject({ ok: true });
  });

  it("another student sees none of the first one's bots, and a signed-out request changes nothing", async () => {
    const lab = await startLab();
    const apiRoot = lab.channels.simulators().find((s) => s.service === 'telegram-bot-api')?.url as string;
    const anna = await student(lab.url, 'anna');
    await telegramSetup(anna, apiRoot);
    const boris = await student(lab.url, 'boris');
    const world = await boris.request('GET', '/api/lab/channels/telegram/world');
    expect(world.body).toEqual({ bots: [], chats: [] });
    const anon = createBrowser(lab.url);
    expect((await anon.request('PUT', '/api/lab/channels/telegram/integration', { preset: 'lab' })).status).toBe(401);
    expect((await anon.request('POST', '/api/lab/channels/telegram/bots', { name: 'x', username: 'x_bot' })).status).toBe(401);
  });
});
