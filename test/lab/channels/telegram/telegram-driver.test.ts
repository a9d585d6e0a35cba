// The Telegram integration: its form checked field by field, its presets, and its sender (grammY)
// against the lab's simulator and against servers that are not the Bot API — the reply verbatim,
// explained, 429 retried after retry_after until it succeeds, a 403 never retried, no secret in
// what the student reads.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { ChannelDriver } from '../../../../lab/channels/channel-driver.js';
import { telegramDriver, type TelegramSettings } from '../../../../lab/channels/telegram/telegram-driver.js';
import { closedPort } from '../../foreign-servers.js';
import type { TelegramLimits } from '../../../../lab/channels/telegram/telegram-simulator.js';
import { startTelegramLab, type TelegramLab } from './telegram-lab.js';

// The channels feature keeps every driver as a ChannelDriver.
const asChannelDriver: ChannelDriver = telegramDriver;

const TOKEN = `123456789:AA${'b'.repeat(33)}`;
const FORM = { preset: 'real', apiRoot: 'https://api.telegram.org', botToken: TOKEN, chatId: '123456789', parseMode: 'HTML', attempts: 3 };

describe('the form', () => {
  it('names its fields, the token secret', () => {
    expect(asChannelDriver.fields.map((f) => f.name)).toEqual(['preset', 'apiRoot', 'botToken', 'chatId', 'parseMode', 'attempts']);
    expect(telegramDriver.fields.filter((f) => f.secret).map((f) => f.name)).toEqual(['botToken']);
  });

  it('presets: the lab fills in its simulator, the real one api.telegram.org', () => {
    const [lab, real] = telegramDriver.presets({ telegram: 'http://127.0.0.1:8026' });
    expect(lab).toMatchObject({ id: 'lab', real: false, values: { preset: 'lab', apiRoot: 'http://127.0.0.1:8026' } });
    expect(lab!.note.ru).toMatch(/Сообщения → Telegram.*Старт.*getUpdates/);
    expect(lab!.note.en).toMatch(/Messages → Telegram.*Start.*getUpdates/);
    expect(real).toMatchObject({ id: 'real', real: true, values: { preset: 'real', apiRoot: 'https://api.telegram.org' } });
    expect(real!.note.en).toMatch(/BotFather/);
    expect(telegramDriver.presets({})[0]!.note.en).toMatch(/off/);
  });

  it('a good form is saved as it is', () => {
    expect(telegramDriver.validate(FORM, undefined)).toEqual({ ok: true, value: { ...FORM, preset: 'real' } });
    expect(telegramDriver.validate({ ...FORM, attempts: '', parseMode: 'markdownv2', chatId: '@duty_room' }, undefined)).toMatchObject({
      ok: true,
      value: { attempts: 3, parseMode: 'MarkdownV2', chatId: '@duty_room' },
    });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a trailing slash', { apiRoot: 'https://api.telegram.org/' }, 'apiRoot', /trailing slash/],
    ['the /bot tail', { apiRoot: `https://api.telegram.org/bot${TOKEN}` }, 'apiRoot', /\/bot/],
    ['not a URL', { apiRoot: 'api.telegram.org' }, 'apiRoot', /http/],
    ['another scheme', { apiRoot: 'ftp://api.telegram.org' }, 'apiRoot', /http/],
    ['"bot" in front of the token', { botToken: `bot${TOKEN}` }, 'botToken', /Without "bot"/],
    ['a token cut short', { botToken: '123456789:AAbc' }, 'botToken', /35 characters/],
    ['a token with a space inside', { botToken: `123456789: AA${'b'.repeat(33)}` }, 'botToken', /35 characters/],
    ['a chat id with a letter', { chatId: '12345x' }, 'chatId', /integer/],
    ['a t.me link as the chat id', { chatId: 'https://t.me/duty_room' }, 'chatId', /t\.me/],
    ['no chat id', { chatId: '' }, 'chatId', /getUpdates/],
    ['legacy Markdown', { parseMode: 'Markdown' }, 'parseMode', /Legacy/],
    ['a parse mode of its own', { parseMode: 'rich' }, 'parseMode', /HTML/],
    ['zero attempts', { attempts: 0 }, 'attempts', /1 to 10/],
    ['eleven attempts', { attempts: '11' }, 'attempts', /1 to 10/],
    ['a preset of its own', { preset: 'custom' }, 'preset', /Lab or Telegram/],
  ])('%s: an error on its field, in both languages', (_name, change, field, words) => {
    const checked = telegramDriver.validate({ ...FORM, ...change }, undefined);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors)).toEqual([field]);
    expect(checked.errors[field]!.en).toMatch(words);
    expect(checked.errors[field]!.ru).toMatch(/[а-я]/);
  });

  it('an empty token keeps the saved one; without one saved it is required', () => {
    const saved = telegramDriver.validate(FORM, undefined);
    if (!saved.ok) throw new Error('not saved');
    expect(telegramDriver.validate({ ...FORM, botToken: '', chatId: '-4012345678' }, saved.value)).toEqual({
      ok: true,
      value: { ...saved.value, chatId: '-4012345678' },
    });
    const missing = telegramDriver.validate({ ...FORM, botToken: '' }, undefined);
    expect(missing.ok ? [] : Object.keys(missing.errors)).toEqual(['botToken']);
  });

  it.each<[string, Record<string, unknown>, TelegramSettings['parseMode'], string | null]>([
    ['a text', { text: 'Перегрев' }, 'HTML', null],
    ['no text', { text: '  ' }, 'HTML', 'text'],
    ['markup around nothing', { text: '<b> </b>' }, 'HTML', 'text'],
    ['4096 characters after parsing are fine', { text: `<b>${'я'.repeat(4096)}</b>` }, 'HTML', null],
    ['4097 are not', { text: 'я'.repeat(4097) }, 'none', 'text'],
    ['another chat id', { text: 'x', to: '-4012345678' }, 'HTML', null],
    ['a wrong other chat id', { text: 'x', to: 'Анна' }, 'HTML', 'to'],
  ])('the test message: %s', (_name, input, parseMode, field) => {
    const settings = { ...FORM, preset: 'real', parseMode } as TelegramSettings;
    const checked = telegramDriver.validateTest(input, settings);
    if (field === null) expect(checked).toEqual({ ok: true, value: { text: input.text, ...(input.to ? { to: input.to } : {}) } });
    else expect(checked.ok ? [] : Object.keys(checked.errors)).toEqual([field]);
  });
});

describe('the sender', () => {
  let lab: TelegramLab;
  afterEach(async () => {
    await lab?.close();
  });

  async function labSettings(limits?: Partial<TelegramLimits>) {
    lab = await startTelegramLab({ limits });
    const owner = 'student@lab.local';
    const { bot, token } = lab.world.createBot(owner, { name: 'Оповещения', username: 'stand_alerts_bot' });
    const chat = lab.world.createChat(owner, { type: 'private', title: 'Анна' });
    const settings: TelegramSettings = { preset: 'lab', apiRoot: lab.apiRoot, botToken: token, chatId: String(chat.id), parseMode: 'HTML', attempts: 3 };
    return { settings, bot, chat, owner, token };
  }

  const noSecret = (result: unknown, token: string) => expect(JSON.stringify(result)).not.toContain(token.slice(token.indexOf(':') + 1));

  it('sends, says so in both languages, and names the message as the service does', async () => {
    const { settings, bot, chat, owner, token } = await labSettings();
    lab.world.start(owner, chat.id, bot.id);
    const result = await telegramDriver.send(settings, { text: '<b>Перегрев</b> 85 °C' });
    expect(result).toMatchObject({ ok: true, status: 200, explanation: null, message: { ru: 'Сообщение отправлено в Telegram' } });
    expect(result.attempts).toHaveLength(1);
    const captured = lab.store.findByServiceId('telegram', result.serviceMessageId!);
    expect(captured?.Content).toMatchObject({ text: 'Перегрев 85 °C', entities: [{ type: 'bold', offset: 0, length: 8 }], parseMode: 'HTML' });
    expect(JSON.parse(result.reply!)).toMatchObject({ ok: true, result: { text: 'Перегрев 85 °C' } });
    noSecret(result, token);
  });

  it('a chat that never pressed Start: 403 verbatim, explained, not retried', async () => {
    const { settings, token } = await labSettings();
    const attempts: number[] = [];
    const result = await telegramDriver.send(settings, { text: 'x' }, { waitScale: 0.01, onAttempt: (a) => attempts.push(a.n) });
    expect(result).toMatchObject({ ok: false, status: 403, reply: "Forbidden: bot can't initiate conversation with a user", serviceMessageId: null });
    expect(result.explanation).toMatchObject({ code: 'telegram-never-started', field: 'chatId' });
    expect(result.explanation!.cause.ru).toBe('Пользователь ещё не нажал «Старт» у бота: бот не может написать первым.');
    expect(result.message.ru).toContain("Forbidden: bot can't initiate conversation with a user");
    expect(attempts).toEqual([1]);
    noSecret(result, token);
  });

  it('`to` sends to another chat than the saved one', async () => {
    const { settings, bot, owner } = await labSettings();
    const boris = lab.world.createChat(owner, { type: 'private', title: 'Борис' });
    lab.world.start(owner, boris.id, bot.id);
    const result = await telegramDriver.send(settings, { text: 'x', to: String(boris.id) });
    expect(result.serviceMessageId).toMatch(new RegExp(`^${boris.id}:\\d+$`));
  });

  it('429 after a burst: the sender waits retry_after and the next try succeeds', async () => {
    const { settings, bot, chat, owner } = await labSettings({ chatPerSecond: 1, chatBurst: 1 });
    lab.world.start(owner, chat.id, bot.id);
    expect((await telegramDriver.send(settings, { text: 'first' })).ok).toBe(true);
    const started = Date.now();
    const result = await telegramDriver.send(settings, { text: 'second' });
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => [a.status, a.retryAfterSeconds, a.transient])).toEqual([
      [429, 1, true],
      [200, null, false],
    ]);
    expect(result.attempts[0]!.reply).toBe('Too Many Requests: retry after 1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(lab.store.list({ channel: 'telegram' }).messages.map((m) => (m.Content.kind === 'telegram' ? m.Content.text : ''))).toEqual(['second', 'first']);
  });

  it('a wrong token: 401, the token field, once', async () => {
    const { settings, token } = await labSettings();
    const wrong = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const result = await telegramDriver.send({ ...settings, botToken: wrong }, { text: 'x' }, { waitScale: 0.01 });
    expect(result).toMatchObject({ ok: false, status: 401, reply: 'Unauthorized', explanation: { code: 'telegram-token-unknown', field: 'botToken' } });
    expect(result.attempts).toHaveLength(1);
    noSecret(result, wrong);
  });

  it('nothing listening: no status, retried, the API address to fix, no secret in the texts', async () => {
    const port = await closedPort();
    const result = await telegramDriver.send(
      { ...FORM, preset: 'lab', parseMode: 'HTML', apiRoot: `http://127.0.0.1:${port}` },
      { text: 'x' },
      { attempts: 2, waitScale: 0.01 },
    );
    expect(result).toMatchObject({ ok: false, status: null, reply: null, explanation: { code: 'telegram-connection-refused', field: 'apiRoot' } });
    expect(result.attempts.map((a) => a.transient)).toEqual([true, true]);
    expect(result.message.en).toBe('Telegram did not answer (ECONNREFUSED)');
    noSecret(result, TOKEN);
  });

  it('a web page where the Bot API should be: the API address, explained', async () => {
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Lab</body></html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const result = await telegramDriver.send(
      { ...FORM, preset: 'lab', parseMode: 'HTML', apiRoot: `http://127.0.0.1:${port}` },
      { text: 'x' },
      { attempts: 1 },
    );
    expect(result.explanation).toMatchObject({ code: 'telegram-not-bot-api', field: 'apiRoot' });
    noSecret(result, TOKEN);
  });
});
