// The Automaton page's card «SMS, Telegram and Discord in a state» end to end, in real Chromium
// against a real lab server (its Telegram simulator, its MQTT broker): a student signs up on the
// page, sets up the lab's Telegram (a bot, a chat with Start pressed, the chat id from
// getUpdates, the integration from the lab preset, its test send), imports the platform's
// temperature-control export and, in the card, adds «Send to Telegram» to the OFF state — seen
// in the card's list, on the diagram and in the automaton the API returns — edits it, removes it.
// Wrong input is said at its field with the server's own rule (the same message the server
// answers) and adds nothing; a refusal only the server can make (the alert being edited was
// removed meanwhile, elsewhere) is said in the form, and adds nothing either. Then the alert is
// added again, an object fed over MQTT enters OFF, and the lab's Telegram chat has the message,
// linked from the alert. No console error (but the one 400 on purpose), no CSP violation.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAsync } from 'mqtt';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChannelAction } from '../../../lab/automaton/automaton-types.js';
import type { ChannelExchange, ChannelMessage, ChannelsCatalog, TelegramContent } from '../../../lab/channels/channel-wire.js';
import type { CreatedTelegramBot, TelegramChatView } from '../../../lab/channels/world-wire.js';
import type { AutomatonEntry } from '../../../lab/objects/objects-wire.js';
import { openPage, screenshot, useBrowser, waitLive } from '../../helpers/browser.js';
import { getJson, startLab } from '../../helpers/lab.js';
import { createObject, currentState } from '../automaton-e2e-steps.js';
import { unexpectedProblems } from '../lab-e2e-steps.js';

// page.evaluate callbacks run inside Chromium; the Node test program has no DOM lib.
declare const document: any;

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, '..', '..', 'fixtures', 'platform', 'temperature-control.automaton.json');
const browser = useBrowser();

const OFF = 'kx359z61';
const STUDENT = 'boiler@lab.local';
const PASSWORD = 'Boiler-Room-7';

/** The lab's API with the page's own session cookie (and its Origin, as the page sends it). */
function pageApi(page: Page, url: string) {
  return async <T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await page.request.fetch(`${url}${path}`, {
      method,
      headers: { Origin: url, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { data: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status(), body: (text ? JSON.parse(text) : null) as T };
  };
}

/** The channel actions of one state's list, as the server holds the automaton now. */
function channelActionsOf(entry: AutomatonEntry, stateId: string, list: 'onenter' | 'onexit'): Array<{ index: number; action: ChannelAction }> {
  const state = entry.automaton.states.find((s) => s.id === stateId);
  return (state?.[list] ?? []).flatMap((action, index) => ('channel' in action ? [{ index, action: action as ChannelAction }] : []));
}

/** Presses the form's button and waits for the status it should end in (the previous one may still be showing). */
async function submitChannel(page: Page, expected: 'ok' | 'bad'): Promise<void> {
  await page.getByTestId('save-channel').click();
  await expect.poll(() => page.getByTestId('channel-status').getAttribute('data-state')).toBe(expected);
}

describe('Automaton page: «Send to Telegram» in a state', () => {
  it('in English: added, seen in the list, the diagram and the API, edited, removed; wrong input refused at its field; an object over MQTT enters the state and the Telegram chat gets the alert', async () => {
    const lab = await startLab();
    const { page, problems } = await openPage(browser(), `${lab.url}/automaton`, { locale: 'en-US' });
    await waitLive(page);
    const api = pageApi(page, lab.url);

    // Signed up on the page itself.
    await page.getByTestId('show-sign-in').click();
    expect(await page.getByTestId('auth-panel').getAttribute('data-mode')).toBe('sign-up');
    await page.locator('#account-address').fill(STUDENT);
    await page.locator('#account-password').fill(PASSWORD);
    await page.getByTestId('auth-submit').click();
    await page.getByTestId('read-only').waitFor({ state: 'detached' });

    // The lab's Telegram, as the Messages tab does it (its routes, with this page's session): a
    // bot (its token in this answer only), a private chat whose user presses Start, the chat id
    // from getUpdates, the integration from the lab preset — and its test send goes through.
    const catalog = (await api<ChannelsCatalog>('GET', '/api/lab/channels')).body;
    const telegram = catalog.channels.find((c) => c.channel === 'telegram')!;
    const preset = telegram.presets.find((p) => p.id === 'lab')!;
    const apiRoot = catalog.simulators.find((s) => s.service === 'telegram-bot-api')!.url;
    expect(preset.values).toEqual({ preset: 'lab', apiRoot });
    const bot = await api<CreatedTelegramBot>('POST', '/api/lab/channels/telegram/bots', { name: 'Boiler room', username: 'boiler_room_bot' });
    expect(bot.status).toBe(201);
    const { token } = bot.body;
    const chat = await api<TelegramChatView>('POST', '/api/lab/channels/telegram/chats', { type: 'private', title: 'Duty engineer' });
    expect(chat.status).toBe(201);
    const started = await api<TelegramChatView>('POST', `/api/lab/channels/telegram/chats/${chat.body.id}/start`, { botId: bot.body.bot.id });
    expect(started.body.relations[String(bot.body.bot.id)]).toBe('started');
    const updates = (await getJson<{ ok: boolean; result: Array<{ message?: { chat: { id: number }; text?: string } }> }>(`${apiRoot}/bot${token}/getUpdates`))
      .body;
    const startUpdate = updates.result.find((u) => u.message?.text === '/start');
    const chatId = startUpdate!.message!.chat.id;
    expect(chatId).toBe(chat.body.id);
    const saved = await api('PUT', '/api/lab/channels/telegram/integration', { ...preset.values, botToken: token, chatId: String(chatId), parseMode: 'HTML' });
    expect(saved.status).toBe(200);
    expect(saved.body.integration.secretsSet).toEqual({ botToken: true });
    const test = await api('POST', '/api/lab/channels/telegram/test', { text: 'Test from the lab' });
    expect(test.body.ok, JSON.stringify(test.body)).toBe(true);

    // The platform's export, by the file picker.
    await page.getByTestId('automaton-file').setInputFiles(FIXTURE);
    await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 10_000 }).toBe('Imported: Temperature control');
    const automatonId = (await api<{ automatons: AutomatonEntry[] }>('GET', '/api/lab/automatons')).body.automatons[0]!.id;
    const automaton = async () => (await api<{ automaton: AutomatonEntry }>('GET', `/api/lab/automatons/${automatonId}`)).body.automaton;
    const offOnEnter = async () => channelActionsOf(await automaton(), OFF, 'onenter');
    const offOnExit = async () => channelActionsOf(await automaton(), OFF, 'onexit');
    // OFF already has two actions on entering (the kettle's command, the status): ours goes third.
    const firstFree = (await automaton()).automaton.states.find((s) => s.id === OFF)!.onenter.length;
    expect(firstFree).toBe(2);

    const card = page.getByTestId('channel-editor');
    const form = page.getByTestId('channel-form');
    const rows = card.getByTestId('channel-action');
    await card.scrollIntoViewIfNeeded();
    expect(await card.locator('.card-title, h2').first().textContent()).toBe('SMS, Telegram and Discord in a state');
    expect(await card.getByTestId('channel-actions-empty').textContent()).toBe('None yet.');
    expect(await form.getAttribute('data-mode')).toBe('add');
    expect(await form.getAttribute('data-channel')).toBe('telegram');
    await page.locator('#z-channel-channel').selectOption('telegram');
    await page.locator('#z-channel-stateId').selectOption(OFF);
    await page.locator('#z-channel-list').selectOption('onenter');
    // Telegram's fields, in the form's order: the text, another chat (optional), the markup.
    expect(await form.locator('[data-field]').evaluateAll((fields: any[]) => fields.map((f) => f.getAttribute('data-field')))).toEqual([
      'channel',
      'stateId',
      'list',
      'text',
      'to',
      'parseMode',
    ]);

    // Wrong input: said at its field with the server's own message, the focus there, nothing sent.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET' && request.url().includes('/channel-alerts')) posts.push(`${request.method()} ${request.url()}`);
    });
    const serverSays = await api('POST', `/api/lab/automatons/${automatonId}/channel-alerts`, {
      channel: 'telegram',
      stateId: OFF,
      list: 'onenter',
      fields: { text: '' },
    });
    expect(serverSays.status).toBe(400);
    expect(serverSays.body.error.code).toBe('invalid_fields');
    const noText: string = serverSays.body.error.fields.text.en;
    expect(noText).toBe("Enter the alert's text");
    await submitChannel(page, 'bad');
    expect(await page.getByTestId('channel-status').textContent()).toBe('Fix the fields marked.');
    expect(await form.getByTestId('error-text').textContent()).toBe(noText);
    expect(await page.locator('#z-channel-text').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('z-channel-text');
    // Typing in the field takes its error away.
    await page.locator('#z-channel-text').fill('Overheat {{object}}: ');
    await expect.poll(() => form.getByTestId('error-text').count()).toBe(0);
    // A t.me link where a chat id goes: the server's words again.
    await page.locator('#z-channel-to').fill('t.me/boiler_room');
    const badChat = await api('POST', `/api/lab/automatons/${automatonId}/channel-alerts`, {
      channel: 'telegram',
      stateId: OFF,
      list: 'onenter',
      fields: { text: 'x', to: 't.me/boiler_room' },
    });
    expect(badChat.status).toBe(400);
    await submitChannel(page, 'bad');
    expect(await form.getByTestId('error-to').textContent()).toBe(badChat.body.error.fields.to.en);
    expect(await form.getByTestId('error-to').textContent()).toMatch(/^"t\.me\/boiler_room" is not a Telegram chat id/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('z-channel-to');
    expect(posts).toEqual([]);
    expect(await offOnEnter()).toEqual([]);
    expect(await card.getByTestId('channel-actions-empty').count()).toBe(1);

    // Added: the text with a placeholder chip at the caret, the integration's chat, no markup.
    await page.locator('#z-channel-to').fill('');
    await page.locator('#z-channel-text').focus();
    await page.locator('#z-channel-text').press('End');
    await card.locator('[data-testid="channel-placeholders"] [data-token="{{temperatureC}}"]').click();
    expect(await page.locator('#z-channel-text').inputValue()).toBe('Overheat {{object}}: {{temperatureC}}');
    await page.locator('#z-channel-parseMode').selectOption('none');
    await submitChannel(page, 'ok');
    expect(await page.getByTestId('channel-status').textContent()).toBe('Added. The automaton now sends this alert.');
    expect(posts).toHaveLength(1);
    // The form is ready for the next one, in the same state.
    await expect.poll(() => page.locator('#z-channel-text').inputValue()).toBe('');
    expect(await page.locator('#z-channel-stateId').inputValue()).toBe(OFF);
    // In the card's list…
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.getAttribute('data-channel')).toBe('telegram');
    expect(await row.getAttribute('data-state')).toBe(OFF);
    expect(await row.getAttribute('data-list')).toBe('onenter');
    expect(await row.getAttribute('data-index')).toBe(String(firstFree));
    expect(await row.locator('.z-row-title').textContent()).toBe(`✈ Send to Telegram: OFF, on entering, №${firstFree + 1}`);
    expect(await row.textContent()).toContain("Telegram, the integration's chat");
    expect(await row.getByTestId('channel-action-text').textContent()).toBe('Overheat {{object}}: {{temperatureC}}');
    // … on the diagram, from the automaton the server sent back …
    const diagram = page.getByTestId('diagram');
    await diagram.locator(`.zd-node[data-state="${OFF}"] .zd-action[data-action="send-telegram"]`).waitFor();
    // … and in the automaton itself, as the lab's own command send-telegram.
    const added = await offOnEnter();
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      index: firstFree,
      action: { kind: 'send-telegram', channel: 'telegram', template: { text: 'Overheat {{object}}: {{temperatureC}}', to: '', parseMode: 'none' } },
    });
    const exported = await (await page.request.get(`${lab.url}/api/lab/automatons/${automatonId}/export`)).text();
    expect(exported).toContain('send-telegram');
    expect(exported).toContain('Overheat {{object}}: {{temperatureC}}');

    // Edited: the form takes its fields, the place is fixed; HTML markup and °C.
    await row.getByTestId('edit-channel').click();
    expect(await form.getAttribute('data-mode')).toBe('edit');
    expect(await card.locator('#z-channel-form-title').textContent()).toBe(`Edit «Send to Telegram» (OFF, on entering, #${firstFree + 1})`);
    expect(await page.locator('#z-channel-text').inputValue()).toBe('Overheat {{object}}: {{temperatureC}}');
    expect(await page.locator('#z-channel-channel').isDisabled()).toBe(true);
    expect(await page.locator('#z-channel-stateId').isDisabled()).toBe(true);
    expect(await row.getAttribute('class')).toContain('is-selected');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('z-channel-text');
    await page.locator('#z-channel-text').fill('<b>Overheat</b> {{object}}: {{temperatureC}} °C');
    await page.locator('#z-channel-parseMode').selectOption('HTML');
    await submitChannel(page, 'ok');
    expect(await page.getByTestId('channel-status').textContent()).toBe('Saved.');
    await expect.poll(() => form.getAttribute('data-mode')).toBe('add');
    await expect.poll(() => row.getByTestId('channel-action-text').textContent()).toBe('<b>Overheat</b> {{object}}: {{temperatureC}} °C');
    expect(await rows.count()).toBe(1);
    expect(await offOnEnter()).toMatchObject([
      { index: firstFree, action: { template: { text: '<b>Overheat</b> {{object}}: {{temperatureC}} °C', to: '', parseMode: 'HTML' } } },
    ]);

    // Removed, after the question.
    await row.getByTestId('remove-channel').click();
    await row.getByTestId('remove-channel-confirm').click();
    await card.getByTestId('channel-actions-empty').waitFor();
    await expect.poll(() => page.getByTestId('channel-status').textContent()).toBe('Removed.');
    expect(await offOnEnter()).toEqual([]);
    expect(await diagram.locator('.zd-action[data-action="send-telegram"]').count()).toBe(0);

    // Added again (HTML, another chat given explicitly) for the run below.
    await page.locator('#z-channel-stateId').selectOption(OFF);
    await page.locator('#z-channel-text').fill('<b>Overheat</b> {{object}}: {{temperatureC}} °C');
    await page.locator('#z-channel-to').fill(String(chatId));
    await page.locator('#z-channel-parseMode').selectOption('HTML');
    await submitChannel(page, 'ok');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(`Telegram, chat ${chatId}`);

    // A refusal only the server can make: an alert added elsewhere (the API, another tab) shows
    // up live; while it is being edited here it is removed elsewhere; Save gets the server's
    // words in the form, and nothing is added back.
    const other = await api('POST', `/api/lab/automatons/${automatonId}/channel-alerts`, {
      channel: 'telegram',
      stateId: OFF,
      list: 'onexit',
      fields: { text: 'Back to normal: {{temperatureC}}' },
    });
    expect(other.status).toBe(201);
    const exitRow = card.locator('[data-testid="channel-action"][data-list="onexit"]');
    await exitRow.waitFor();
    expect(await exitRow.getAttribute('data-index')).toBe('0');
    await exitRow.getByTestId('edit-channel').click();
    expect(await form.getAttribute('data-mode')).toBe('edit');
    expect((await api('DELETE', `/api/lab/automatons/${automatonId}/channel-alerts/${OFF}/onexit/0`)).status).toBe(200);
    await exitRow.waitFor({ state: 'detached' });
    await page.locator('#z-channel-text').fill('Back to normal: {{temperatureC}} °C');
    await submitChannel(page, 'bad');
    expect(await page.getByTestId('channel-status').textContent()).toBe('There is no "Send SMS, to Telegram or to Discord" action at this place');
    expect(await form.getAttribute('data-mode')).toBe('edit');
    expect(await offOnExit()).toEqual([]);
    expect(await rows.count()).toBe(1);
    await page.getByTestId('cancel-channel').click();
    expect(await form.getAttribute('data-mode')).toBe('add');
    await screenshot(page, 'automaton-channel-editor-en-desktop');

    // An object on MQTT (its id is the client id) enters OFF at 101 °C: the alert goes through the
    // saved integration, and the lab's Telegram chat has it, the markup parsed, the value filled in.
    await createObject(page, { id: 'kettle-1', source: 'mqtt' });
    const device = await connectAsync(`mqtt://127.0.0.1:${lab.mqttPort}`, { clientId: 'kettle-1', reconnectPeriod: 0, protocolVersion: 4 });
    try {
      await device.publishAsync('base/state/temperatureC', '101');
    } finally {
      await device.endAsync();
    }
    await expect.poll(() => currentState(page), { timeout: 10_000 }).toBe(OFF);
    const message: ChannelMessage = await lab.channels.messages.waitFor({ channel: 'telegram', to: String(chatId), text: 'kettle-1' }, 15_000);
    const content = message.Content as TelegramContent;
    expect(content).toMatchObject({ kind: 'telegram', chatId, botUsername: 'boiler_room_bot', text: 'Overheat kettle-1: 101 °C', parseMode: 'HTML' });
    expect(content.entities).toEqual([{ type: 'bold', offset: 0, length: 8 }]);
    expect(message.Owner).toBe(STUDENT);

    // The alert in the page's list, sent, with the captured message and its exchange.
    const alert = page.locator('[data-testid="alert"][data-channel="telegram"]').first();
    await expect.poll(() => alert.getAttribute('data-status'), { timeout: 20_000 }).toBe('sent');
    expect(await alert.getByTestId('alert-channel').textContent()).toBe('✈ Telegram');
    expect(await alert.getByTestId('alert-target').textContent()).toBe(`✈ Telegram, chat ${chatId}`);
    expect(await alert.getByTestId('alert-text').textContent()).toBe('<b>Overheat</b> kettle-1: 101 °C');
    expect(await alert.getByTestId('alert-captured').textContent()).toBe(`captured by the lab's simulator as ${message.ID} · exchange ${message.ExchangeID}`);
    // The same over HTTP, as a test author reads it: the message, and its exchange with the token masked.
    expect((await getJson<ChannelMessage>(`${lab.url}/api/lab/messages/${message.ID}`)).body.ID).toBe(message.ID);
    const exchange = (await getJson<ChannelExchange>(`${lab.url}/api/lab/exchanges/${message.ExchangeID}`)).body;
    expect(exchange.MessageIDs).toEqual([message.ID]);
    expect(exchange.Lines.some((line) => line.Masked)).toBe(true);
    expect(JSON.stringify(exchange)).not.toContain(token.split(':')[1]!);
    await page.getByTestId('alerts-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'automaton-channel-alert-en-desktop');

    // Chromium logs the 400 of the stale edit; nothing else went wrong.
    expect(unexpectedProblems(problems).filter((p) => !/status of 400/.test(p))).toEqual([]);
    expect(problems.filter((p) => /status of 400/.test(p))).toHaveLength(1);
  }, 120_000);
});
