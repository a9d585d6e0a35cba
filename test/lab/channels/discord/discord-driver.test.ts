// The Discord channel's driver: its form checked field by field, its presets, and its sender
// against the lab's simulator over loopback — a message sent, a real burst answered with 429 and
// retried after Discord's retry_after, permanent refusals never retried, each explained.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildDiscordBody, discordDriver, maskWebhookUrl, type DiscordSettings } from '../../../../lab/channels/discord/discord-driver.js';
import { OWNER, post, startDiscord } from './discord-fixtures.js';

const ID = '1234567890123456789';
const TOKEN = 'a'.repeat(68);
const URL_OK = `https://discord.com/api/webhooks/${ID}/${TOKEN}`;
const settingsFor = (webhookUrl: string, more: Partial<DiscordSettings> = {}): DiscordSettings => ({
  preset: 'lab',
  webhookUrl,
  username: '',
  attempts: 3,
  ...more,
});

const INVALID: Array<[string, Record<string, unknown>, string[]]> = [
  ['no URL', { preset: 'real' }, ['webhookUrl']],
  ['not a URL', { preset: 'real', webhookUrl: 'discord webhook' }, ['webhookUrl']],
  ['a channel link, not a webhook', { preset: 'real', webhookUrl: 'https://discord.com/channels/123/456' }, ['webhookUrl']],
  ['the URL cut after the id', { preset: 'real', webhookUrl: `https://discord.com/api/webhooks/${ID}` }, ['webhookUrl']],
  ['an id that is not digits', { preset: 'real', webhookUrl: `https://discord.com/api/webhooks/alerts/${TOKEN}` }, ['webhookUrl']],
  ['a token with a space', { preset: 'real', webhookUrl: `https://discord.com/api/webhooks/${ID}/ab%20cd` }, ['webhookUrl']],
  ['more after the token', { preset: 'real', webhookUrl: `${URL_OK}/slack` }, ['webhookUrl']],
  ['http:// to the real Discord', { preset: 'real', webhookUrl: URL_OK.replace('https', 'http') }, ['webhookUrl']],
  ['a sender name of 81', { preset: 'real', webhookUrl: URL_OK, username: 'x'.repeat(81) }, ['username']],
  ['0 attempts', { preset: 'real', webhookUrl: URL_OK, attempts: 0 }, ['attempts']],
  ['11 attempts', { preset: 'real', webhookUrl: URL_OK, attempts: '11' }, ['attempts']],
  ['an unknown preset', { preset: 'slack', webhookUrl: URL_OK }, ['preset']],
];

describe('the Discord integration form', () => {
  it.each(INVALID)('%s: an error on %j', (_name, input, fields) => {
    const checked = discordDriver.validate(input, undefined);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(Object.keys(checked.errors).sort()).toEqual(fields);
      for (const text of Object.values(checked.errors)) expect(text?.ru).toMatch(/[а-яё]/i);
    }
  });

  it.each([
    ['discord.com', URL_OK],
    ['a versioned URL', URL_OK.replace('/api/', '/api/v10/')],
    ['the lab', `http://127.0.0.1:8027/api/webhooks/${ID}/${TOKEN}`],
    ['discordapp.com with a query', `https://discordapp.com/api/webhooks/${ID}/${TOKEN}?thread_id=1`],
  ])('%s is a webhook URL', (_name, webhookUrl) => {
    expect(
      discordDriver.validate({ preset: webhookUrl.startsWith('http:') ? 'lab' : 'real', webhookUrl, username: ' Котельная ', attempts: '5' }, undefined),
    ).toEqual({
      ok: true,
      value: { preset: webhookUrl.startsWith('http:') ? 'lab' : 'real', webhookUrl, username: 'Котельная', attempts: 5 },
    });
  });

  it('an empty URL keeps the saved one (it is write-only); attempts default to 3', () => {
    const saved = settingsFor(URL_OK, { preset: 'real', username: 'Alerts', attempts: 4 });
    expect(discordDriver.validate({ preset: 'real', webhookUrl: '' }, saved)).toEqual({ ok: true, value: saved });
    expect(discordDriver.validate({ webhookUrl: URL_OK }, undefined)).toEqual({ ok: true, value: settingsFor(URL_OK) });
  });

  it('the test message: 1 to 2000 characters', () => {
    const s = settingsFor(URL_OK);
    expect(discordDriver.validateTest({ text: 'Проверка' }, s)).toEqual({ ok: true, value: { text: 'Проверка' } });
    expect(discordDriver.validateTest({ text: '  ' }, s).ok).toBe(false);
    expect(discordDriver.validateTest({ text: 'я'.repeat(2001) }, s).ok).toBe(false);
    expect(discordDriver.validateTest({}, s).ok).toBe(false);
  });

  it("presets: the lab's names the simulator's address; the real one discord.com", () => {
    const [lab, real] = discordDriver.presets({ discord: 'http://127.0.0.1:8027' });
    expect(lab).toMatchObject({ id: 'lab', real: false, values: { preset: 'lab' } });
    expect(lab?.note.ru).toContain('http://127.0.0.1:8027/api/webhooks/');
    expect(lab?.note.ru).toContain('Сообщения → Discord');
    expect(real).toMatchObject({ id: 'real', real: true, values: { preset: 'real' } });
    expect(real?.note.en).toContain('https://discord.com/api/webhooks/');
    expect(discordDriver.presets({})[0]?.note.en).toMatch(/off/);
  });

  it('the URL is a secret field; a view shows it masked', () => {
    expect(discordDriver.fields.find((f) => f.name === 'webhookUrl')?.secret).toBe(true);
    expect(maskWebhookUrl(URL_OK)).toBe(`https://discord.com/api/webhooks/${ID}/●●●●`);
    expect(maskWebhookUrl('garbage')).not.toContain('garbage');
  });

  it('buildDiscordBody: content, or a title as an embed over the text; both cut to the limits', () => {
    expect(buildDiscordBody('Перегрев', { username: 'Котельная' })).toEqual({ content: 'Перегрев', username: 'Котельная' });
    expect(buildDiscordBody('95 °C', { title: 'Котёл 1' })).toEqual({ embeds: [{ title: 'Котёл 1', description: '95 °C' }] });
    const long = buildDiscordBody('ж'.repeat(2500));
    expect([...(long.content ?? '')].length).toBe(2000);
    expect(long.content?.endsWith('…')).toBe(true);
    expect([...(buildDiscordBody('x'.repeat(5000), { title: 't'.repeat(300) }).embeds?.[0]?.title ?? '')].length).toBe(256);
  });
});

describe('sending through the simulator', () => {
  it('a test message arrives; the reply names its message id', async () => {
    const { store, url } = await startDiscord();
    const result = await discordDriver.send(settingsFor(url, { username: 'Котельная' }), { text: 'Проверка связи' });
    expect(result).toMatchObject({ ok: true, status: 200, explanation: null, message: { ru: 'Сообщение отправлено в Discord' } });
    expect(result.attempts).toHaveLength(1);
    const captured = store.findByServiceId('discord', result.serviceMessageId as string);
    expect(captured).toMatchObject({ Owner: OWNER, Content: { content: 'Проверка связи', username: 'Котельная' } });
    expect(JSON.parse(result.reply as string)).toMatchObject({ id: result.serviceMessageId, content: 'Проверка связи' });
    const exchange = store.exchange(captured?.ExchangeID as string);
    expect(exchange?.Lines[0]?.Text).toMatch(/^POST \/api\/webhooks\/\d+\/●●●●\?wait=true HTTP\/1\.1$/);
    expect(exchange?.Lines.some((l) => l.Text === 'user-agent: smtp-lab alert sender')).toBe(true);
  });

  it("a burst reaches 429; the sender waits Discord's retry_after and then succeeds", async () => {
    const { store, url } = await startDiscord();
    for (let i = 0; i < 5; i++) expect((await post(url, { content: `burst ${i}` })).status).toBe(204);
    const seen: number[] = [];
    const started = Date.now();
    const result = await discordDriver.send(settingsFor(url), { text: 'after the burst' }, { onAttempt: (a) => seen.push(a.status ?? 0) });
    const waited = Date.now() - started;
    expect(result.ok).toBe(true);
    expect(seen).toEqual([429, 200]);
    const [first, second] = result.attempts;
    const asked = (JSON.parse(first?.reply as string) as { retry_after: number }).retry_after;
    expect(first).toMatchObject({ n: 1, of: 3, status: 429, transient: true, retryAfterSeconds: asked });
    expect(asked).toBeGreaterThan(0.5);
    expect(waited).toBeGreaterThanOrEqual(asked * 1000 - 20);
    expect(second).toMatchObject({ n: 2, status: 200 });
    expect(store.list({ text: 'after the burst' }).total).toBe(1);
  });

  it('a 429 with one attempt left ends the send with the 429, explained', async () => {
    const { url } = await startDiscord({ limits: { perWebhook: { limit: 1, windowMs: 60_000 } } });
    await post(url, { content: 'first' });
    const result = await discordDriver.send(settingsFor(url, { attempts: 1 }), { text: 'second' });
    expect(result).toMatchObject({ ok: false, status: 429, serviceMessageId: null, explanation: { code: 'discord-rate-limited', field: null } });
    expect(result.message.en).toContain('You are being rate limited.');
  });

  it('a wrong token (401) and a deleted webhook (404) are not retried', async () => {
    const { world, url, id, token } = await startDiscord();
    const wrongToken = await discordDriver.send(
      settingsFor(url.replace(token, `${token.startsWith('x') ? 'y' : 'x'}${token.slice(1)}`), { attempts: 5 }),
      { text: 'x' },
      { waitScale: 0 },
    );
    expect(wrongToken).toMatchObject({
      ok: false,
      status: 401,
      reply: '{"message": "Invalid Webhook Token", "code": 50027}',
      explanation: { code: 'discord-invalid-token', field: 'webhookUrl' },
    });
    expect(wrongToken.attempts).toHaveLength(1);
    expect(wrongToken.attempts[0]?.transient).toBe(false);
    expect(wrongToken.message.ru).toBe('Discord ответил 401: «Invalid Webhook Token»');

    expect(await world.deleteWebhook(OWNER, id)).toBe(true);
    const deleted = await discordDriver.send(settingsFor(url, { attempts: 5 }), { text: 'x' }, { waitScale: 0 });
    expect(deleted).toMatchObject({ ok: false, status: 404, explanation: { code: 'discord-unknown-webhook', field: 'webhookUrl' } });
    expect(deleted.explanation?.cause.ru).toContain('Такого вебхука нет');
    expect(deleted.attempts).toHaveLength(1);
  });

  it('a sender name Discord refuses comes back as its 400, the field to fix named', async () => {
    const { url } = await startDiscord();
    const result = await discordDriver.send(settingsFor(url, { username: 'Discord Alerts' }), { text: 'x' });
    expect(result).toMatchObject({ ok: false, status: 400, explanation: { code: 'discord-bad-username', field: 'username' } });
    expect(result.reply).toBe('{"username": ["Username cannot contain \\"discord\\""]}');
    expect(result.attempts).toHaveLength(1);
  });

  it('nothing listening: ECONNREFUSED, transient (retried), the URL to check', async () => {
    const { sim, url } = await startDiscord();
    await sim.close();
    const result = await discordDriver.send(settingsFor(url, { attempts: 2 }), { text: 'x' }, { waitScale: 0.001 });
    expect(result).toMatchObject({
      ok: false,
      status: null,
      reply: null,
      serviceMessageId: null,
      explanation: { code: 'discord-connection-refused', field: 'webhookUrl' },
    });
    expect(result.attempts.map((a) => [a.status, a.transient])).toEqual([
      [null, true],
      [null, true],
    ]);
    expect(result.message.en).toMatch(/^Could not connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
    expect(JSON.stringify(result)).not.toContain(url.split('/').at(-1));
  });

  it('a saved URL that is no webhook URL fails at once, naming the field', async () => {
    const result = await discordDriver.send(settingsFor('https://discord.com/channels/1/2'), { text: 'x' });
    expect(result).toMatchObject({ ok: false, attempts: [], explanation: { code: 'discord-bad-url', field: 'webhookUrl' } });
  });

  it('a 5xx is transient: retried, then the message goes through', async () => {
    // Discord's outage, which the simulator has no way to have: a stand-in that fails once.
    let calls = 0;
    const server = createServer((req, res) => {
      calls += 1;
      req.resume();
      res.setHeader('content-type', 'application/json');
      if (calls === 1) return void res.writeHead(502).end('{"message": "502: Bad Gateway", "code": 0}');
      res.end('{"id": "1300000000000000000", "type": 0, "content": "x"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const result = await discordDriver.send(settingsFor(`http://127.0.0.1:${port}/api/webhooks/${ID}/${TOKEN}`), { text: 'x' }, { waitScale: 0.001 });
    expect(result.attempts.map((a) => [a.status, a.transient])).toEqual([
      [502, true],
      [200, false],
    ]);
    expect(result).toMatchObject({ ok: true, serviceMessageId: '1300000000000000000' });
  });
});
