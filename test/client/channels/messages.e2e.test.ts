// The Messages tab end to end, in real Chromium against a real lab server with its Telegram
// simulator (issue 13): a student signs in on the tab, creates a bot (its token shown once) and
// a chat, presses Start, learns the chat id with getUpdates exactly as the hint says, saves the
// Telegram integration from the lab preset, runs the test send, and sees the message in the
// chat view with its formatting; an application then sends `<img onerror>` and `<script>` as
// plain text with plain fetch, and the chat shows them live, as text, running nothing. The
// exchange shows the token masked; the token is nowhere on the page once the box is closed. A
// blocked bot's test is refused in Telegram's words and explained, its exchange too. In
// Russian (the browser asks for it), at phone width too; no console error, no CSP violation.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChannelMessagesList } from '../../../lab/channels/channel-wire.js';
import { openPage, PHONE, screenshot, sidewaysScrollers, useBrowser, waitLive } from '../../helpers/browser.js';
import { getJson, startLab } from '../../helpers/lab.js';
import { pageContents, unexpectedProblems } from '../lab-e2e-steps.js';

// page.evaluate callbacks run inside Chromium; the Node test program has no DOM lib.
declare const window: any;

const browser = useBrowser();

interface FieldView {
  name: string;
  secret?: boolean;
}
interface CatalogView {
  simulators: Array<{ channel: string; url: string }>;
  channels: Array<{ channel: string; fields: FieldView[] }>;
}

async function signIn(page: Page, address: string, password: string): Promise<void> {
  await page.getByTestId('channels-signed-out').waitFor();
  await page.getByTestId('mode-sign-in').click();
  await page.locator('#account-address').fill(address);
  await page.locator('#account-password').fill(password);
  await page.getByTestId('auth-submit').click();
  await page.getByTestId('tg-world').waitFor();
}

describe('Messages tab: a Telegram alert set up, tested and seen in the chat', () => {
  it('in Russian: bot → chat → Start → getUpdates → lab preset → test send → the chat; markup in a message is text; phone width', async () => {
    const lab = await startLab();
    await lab.accounts.create('student', 'account-password-1');
    const { page, problems } = await openPage(browser(), `${lab.url}/messages`, { locale: 'ru-RU' });
    await waitLive(page);
    expect(await page.locator('[data-tab="messages"]').textContent()).toMatch(/^Сообщения/);
    await signIn(page, 'student@lab.local', 'account-password-1');

    // A bot, as BotFather makes one: the token once, with the warning.
    await page.locator('#tg-bot-name').fill('Оповещения котельной');
    await page.locator('#tg-bot-username').fill('boiler_alerts_bot');
    await page.getByTestId('tg-create-bot-submit').click();
    const token = ((await page.getByTestId('tg-token-value').textContent()) ?? '').trim();
    expect(token).toMatch(/^\d+:[A-Za-z0-9_-]{30,}$/);
    expect(await page.getByTestId('tg-token-once').textContent()).toContain('один раз');
    await page.getByTestId('tg-bot').waitFor();
    await page.getByTestId('tg-token-done').click();
    await expect.poll(() => page.getByTestId('tg-token').count()).toBe(0);

    // A chat with a person, who presses Start.
    await page.locator('#tg-chat-title').fill('Дежурный инженер');
    await page.getByTestId('tg-create-chat-submit').click();
    const chat = page.getByTestId('tg-chat');
    await chat.waitFor();
    const chatId = ((await chat.getByTestId('tg-chat-id').textContent()) ?? '').trim();
    expect(Number(chatId)).toBeGreaterThan(0);
    const relation = chat.getByTestId('tg-relation');
    expect(await relation.getAttribute('data-relation')).toBe('none');
    await relation.getByTestId('tg-start').click();
    await expect.poll(() => relation.getAttribute('data-relation')).toBe('started');

    // The hint's command, with the token put in by hand, answers the chat id as Telegram would.
    const catalog = (await getJson<CatalogView>(`${lab.url}/api/lab/channels`)).body;
    const apiRoot = catalog.simulators.find((s) => s.channel === 'telegram')?.url ?? '';
    await page.getByTestId('tg-chat-id-hint').locator('summary').click();
    const command = (await page.getByTestId('tg-get-updates').textContent()) ?? '';
    expect(command).toBe(`curl ${apiRoot}/bot<TOKEN>/getUpdates`);
    const updates = (await getJson<{ ok: boolean; result: Array<{ message?: { chat: { id: number } } }> }>(command.slice(5).replace('<TOKEN>', token))).body;
    expect(updates.ok).toBe(true);
    expect(updates.result.map((u) => u.message?.chat.id)).toContain(Number(chatId));

    // The integration, generated from the server's fields: the lab preset fills the address.
    const fields = catalog.channels.find((c) => c.channel === 'telegram')?.fields ?? [];
    const secret = fields.find((f) => f.secret)?.name ?? '';
    const chatField = fields.find((f) => /chat/i.test(f.name))?.name ?? '';
    const form = page.getByTestId('channel-form');
    await form.locator('[data-testid="channel-preset"][data-preset="lab"]').click();
    await expect.poll(() => form.locator('#ch-telegram-apiRoot').inputValue()).toBe(apiRoot);
    await form.locator(`#ch-telegram-${secret}`).fill(token);
    await form.locator(`#ch-telegram-${chatField}`).fill(chatId);
    await form.locator('#ch-telegram-parseMode').selectOption('HTML');
    await page.getByTestId('channel-save').click();
    await expect.poll(() => page.getByTestId('channel-save-status').getAttribute('data-state')).toBe('saved');
    // Write-only: the field empties and says a token is saved.
    expect(await form.locator(`#ch-telegram-${secret}`).inputValue()).toBe('');
    expect(await form.locator(`#ch-telegram-${secret}`).getAttribute('placeholder')).toBe('сохранён');

    // The test send: streamed, accepted, and the message in the chat, bold drawn as bold.
    await page.locator('#ch-telegram-test-text').fill('Котёл 7: <b>97 °C</b>, проверьте насос');
    await page.getByTestId('channel-send-test').click();
    const result = page.getByTestId('channel-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');
    expect(await result.getByTestId('channel-result-message').textContent()).toBeTruthy();
    await result.getByTestId('channel-open-message').click();
    const bubble = page.locator('[data-testid="tg-message"].is-selected');
    await bubble.waitFor();
    expect(await bubble.getByTestId('tg-text').textContent()).toBe('Котёл 7: 97 °C, проверьте насос');
    expect(await bubble.locator('strong').textContent()).toBe('97 °C');
    expect(await page.getByTestId('conversation-view').getAttribute('data-key')).toBe(chatId);
    await screenshot(page, 'messages-telegram-desktop-ru');

    // An application sends markup as plain text (no parse_mode), with plain fetch: it arrives
    // live, and is shown as the app shows it — as text.
    const hostile = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> <a href="javascript:window.__pwned=3">x</a>';
    const sent = await fetch(`${apiRoot}/bot${token}/sendMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ chat_id: Number(chatId), text: hostile }),
    });
    expect(sent.status).toBe(200);
    const texts = page.getByTestId('tg-text');
    await expect.poll(() => texts.count()).toBe(2);
    expect(await texts.last().textContent()).toBe(hostile);
    const app = page.getByTestId('tg-app');
    expect(await app.locator('img, script, iframe, [onerror]').count()).toBe(0);
    expect(await app.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    const captured = (await getJson<ChannelMessagesList>(`${lab.url}/api/lab/messages?channel=telegram&text=onerror`)).body;
    expect(captured.total).toBe(1);

    // Its exchange, line by line: the token masked in the request line.
    await page.locator('[data-testid="tg-message"]').last().getByTestId('message-exchange').click();
    const exchange = page.getByTestId('exchange-view');
    await exchange.waitFor();
    expect(await exchange.locator('.dline[data-masked="true"]').count()).toBeGreaterThan(0);
    expect(await exchange.getByTestId('exchange-lines').textContent()).not.toContain(token.split(':')[1]!);
    // Nowhere on the page (markup, inputs, text) once its box is closed.
    expect(await pageContents(page)).not.toContain(token.split(':')[1]!);

    // The person blocks the bot: the next test is refused with Telegram's words, explained in
    // Russian, and its exchange — refused, explained the same way — is first in the list.
    await page.locator('[data-testid="channel-section"][data-section="messages"]').click();
    await relation.getByTestId('tg-block').click();
    await expect.poll(() => relation.getAttribute('data-relation')).toBe('blocked');
    await page.getByTestId('channel-send-test').click();
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 20_000 }).toBe('failed');
    expect(await result.getByTestId('channel-reply').textContent()).toContain('Forbidden: bot was blocked by the user');
    expect(await result.getByTestId('channel-cause').textContent()).toMatch(/[а-яё]/i);
    expect(await result.getByTestId('channel-fix').textContent()).toMatch(/[а-яё]/i);
    await result.locator('[data-testid="channel-open-exchange"], [data-testid="channel-open-exchanges"]').click();
    const refused = page.getByTestId('exchange-row').first();
    await expect.poll(() => refused.getAttribute('data-state')).toBe('refused');
    await refused.click();
    await expect.poll(() => page.getByTestId('exchange-view').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('exchange-cause').textContent()).toBe(await result.getByTestId('channel-cause').textContent());

    // A phone: one part at a time, nothing wider than the screen.
    await page.setViewportSize(PHONE);
    await expect.poll(() => page.getByTestId('channels-page').getAttribute('data-wide')).toBe('false');
    expect(await sidewaysScrollers(page)).toEqual([]);
    await page.locator('[data-testid="channel-section"][data-section="messages"]').click();
    await page.getByTestId('tg-app').waitFor();
    expect(await sidewaysScrollers(page)).toEqual([]);
    await page.locator('[data-testid="channel-section"][data-section="setup"]').click();
    await page.getByTestId('tg-world').waitFor();
    expect(await sidewaysScrollers(page)).toEqual([]);
    await screenshot(page, 'messages-telegram-phone-ru');

    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);
});
