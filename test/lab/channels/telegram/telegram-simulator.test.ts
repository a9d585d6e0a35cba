// The lab's Telegram Bot API against grammY with apiRoot pointed at it: the token checked, the
// student's loop (press Start → getUpdates → chat id → sendMessage), long polling with bot.start(),
// HTML and MarkdownV2, every refusal produced by the real mistake with the service's exact words,
// status and explanation, a real burst reaching 429, and every exchange recorded with the token masked.
import { Api, Bot } from 'grammy';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { TelegramLimits } from '../../../../lab/channels/telegram/telegram-simulator.js';
import { lastExchange, refusal, startTelegramLab, type TelegramLab } from './telegram-lab.js';

let lab: TelegramLab;
const OWNER = 'student@lab.local';

async function setUp(limits?: Partial<TelegramLimits>) {
  lab = await startTelegramLab({ limits });
  const created = lab.world.createBot(OWNER, { name: 'Оповещения стенда', username: 'stand_alerts_bot' });
  const api = new Api(created.token, { apiRoot: lab.apiRoot });
  const anna = lab.world.createChat(OWNER, { type: 'private', title: 'Анна' });
  return { token: created.token, botId: created.bot.id, api, anna };
}

afterEach(async () => {
  await lab?.close();
});

describe('getMe and the student loop', () => {
  it('getMe answers the bot as BotFather made it', async () => {
    const { api, botId } = await setUp();
    expect(await api.getMe()).toMatchObject({ id: botId, is_bot: true, first_name: 'Оповещения стенда', username: 'stand_alerts_bot', can_join_groups: true });
  });

  it('Start → getUpdates shows the chat id → sendMessage reaches that chat; an offset confirms', async () => {
    const { api, anna, botId } = await setUp();
    expect(await api.getUpdates()).toEqual([]);
    lab.world.start(OWNER, anna.id, botId);

    const updates = await api.getUpdates();
    expect(updates).toHaveLength(1);
    const message = updates[0]!.message!;
    expect(message).toMatchObject({ text: '/start', chat: { id: anna.id, type: 'private', first_name: 'Анна' }, from: { id: anna.id, is_bot: false } });
    expect(message.entities).toEqual([{ offset: 0, length: 6, type: 'bot_command' }]);
    expect(anna.id).toBeGreaterThan(0);

    const sent = await api.sendMessage(message.chat.id, 'Температура в норме');
    expect(sent).toMatchObject({ from: { id: botId, is_bot: true, username: 'stand_alerts_bot' }, chat: { id: anna.id }, text: 'Температура в норме' });
    expect(sent.message_id).toBeGreaterThan(message.message_id);
    expect(sent.entities).toBeUndefined();

    const captured = lab.store.findByServiceId('telegram', `${anna.id}:${sent.message_id}`);
    expect(captured).toMatchObject({
      Channel: 'telegram',
      Service: 'telegram-bot-api',
      Owner: OWNER,
      Content: { chatTitle: 'Анна', botUsername: 'stand_alerts_bot', parseMode: null },
    });
    await expect.poll(() => lastExchange(lab.store, 'sendMessage')?.MessageIDs).toEqual([captured!.ID]);
    expect(lastExchange(lab.store, 'sendMessage')).toMatchObject({ Owner: OWNER, Status: 200, Ok: true, Explanation: null });
    expect(captured!.ExchangeID).toBe(lastExchange(lab.store, 'sendMessage')!.ID);

    // Not confirmed yet: the same update again; an offset past it confirms it.
    expect((await api.getUpdates()).map((u) => u.update_id)).toEqual([updates[0]!.update_id]);
    expect(await api.getUpdates({ offset: updates[0]!.update_id + 1 })).toEqual([]);
    expect(await api.getUpdates()).toEqual([]);
  });

  it("grammY's bot.start() long-polls, sees /start and answers with the chat id", async () => {
    const { token, anna, botId } = await setUp();
    const bot = new Bot(token, { client: { apiRoot: lab.apiRoot } });
    bot.command('start', (ctx) => ctx.reply(`Ваш chat_id: ${ctx.chat.id}`));
    const running = bot.start({ timeout: 10 });
    // Pressed once the bot waits in getUpdates: the update ends the long poll.
    await expect.poll(() => lastExchange(lab.store, 'getMe')?.Status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    lab.world.start(OWNER, anna.id, botId);
    const reply = await lab.store.waitFor({ channel: 'telegram', text: 'chat_id' }, 10_000);
    expect(reply.Content).toMatchObject({ kind: 'telegram', chatId: anna.id, text: `Ваш chat_id: ${anna.id}` });
    await bot.stop();
    await running;
  });

  it('a waiting getUpdates returns once its timeout passes, and answers an update at once', async () => {
    const { api, anna, botId } = await setUp();
    const started = Date.now();
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const waiting = api.getUpdates({ timeout: 20 });
    setTimeout(() => lab.world.start(OWNER, anna.id, botId), 100);
    expect((await waiting).map((u) => u.message?.text)).toEqual(['/start']);
  });

  it('a second getUpdates ends the first with 409, as two copies of a bot do', async () => {
    const { api } = await setUp();
    const first = refusal(api.getUpdates({ timeout: 20 }));
    await new Promise((r) => setTimeout(r, 100));
    const second = api.getUpdates({ timeout: 1 });
    expect(await first).toEqual({
      status: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      retryAfter: undefined,
    });
    expect(await second).toEqual([]);
  });

  it('a revoked token stops working, even for a getUpdates already waiting', async () => {
    const { api, botId } = await setUp();
    const waiting = refusal(api.getUpdates({ timeout: 20 }));
    await new Promise((r) => setTimeout(r, 100));
    const fresh = lab.world.revokeToken(OWNER, botId);
    expect(await waiting).toMatchObject({ status: 401, description: 'Unauthorized' });
    expect(await refusal(api.getMe())).toMatchObject({ status: 401, description: 'Unauthorized' });
    expect((await new Api(fresh, { apiRoot: lab.apiRoot }).getMe()).id).toBe(botId);
    // The old token's exchanges still reach the bot's owner.
    await expect.poll(() => lastExchange(lab.store, 'getMe')?.Owner).toBe(OWNER);
  });
});

describe('formatting', () => {
  it('HTML: the text without tags, entities, the references decoded', async () => {
    const { api, anna, botId } = await setUp();
    lab.world.start(OWNER, anna.id, botId);
    const sent = await api.sendMessage(anna.id, '<b>Перегрев</b>: 85 &gt; 80 <a href="https://example.com/panel">панель</a>', { parse_mode: 'HTML' });
    expect(sent.text).toBe('Перегрев: 85 > 80 панель');
    expect(sent.entities).toEqual([
      { type: 'bold', offset: 0, length: 8 },
      { type: 'text_link', offset: 18, length: 6, url: 'https://example.com/panel' },
    ]);
    const captured = lab.store.findByServiceId('telegram', `${anna.id}:${sent.message_id}`);
    expect(captured?.Content).toMatchObject({ parseMode: 'HTML', text: sent.text, entities: sent.entities });
  });

  it('MarkdownV2: escaped characters are text; parse_mode in any case', async () => {
    const { api, anna, botId } = await setUp();
    lab.world.start(OWNER, anna.id, botId);
    const sent = await api.sendMessage(anna.id, '*Перегрев* 85\\.5 °C', { parse_mode: 'markdownv2' as 'MarkdownV2' });
    expect(sent).toMatchObject({ text: 'Перегрев 85.5 °C', entities: [{ type: 'bold', offset: 0, length: 8 }] });
    expect(lab.store.findByServiceId('telegram', `${anna.id}:${sent.message_id}`)?.Content).toMatchObject({ parseMode: 'MarkdownV2' });
  });
});

describe('every refusal, from the real mistake', () => {
  it.each<[string, (s: Awaited<ReturnType<typeof setUp>>) => Promise<unknown>, number, string, string]>([
    [
      'a token from nowhere',
      () => new Api('123456789:AAbcdefghijklmnopqrstuvwxyz0123456789', { apiRoot: lab.apiRoot }).getMe(),
      401,
      'Unauthorized',
      'telegram-token-unknown',
    ],
    [
      'a token without its id',
      () => new Api('AAbcdefghijklmnopqrstuvwxyz0123456789', { apiRoot: lab.apiRoot }).getMe(),
      401,
      'Unauthorized: invalid token specified',
      'telegram-token-malformed',
    ],
    [
      '"bot" pasted in front of the token',
      ({ token }) => new Api(`bot${token}`, { apiRoot: lab.apiRoot }).getMe(),
      401,
      'Unauthorized: invalid token specified',
      'telegram-token-malformed',
    ],
    ['the apiRoot with /bot on it', ({ token }) => new Api(token, { apiRoot: `${lab.apiRoot}/bot` }).getMe(), 404, 'Not Found', 'telegram-not-found'],
    ['a chat id with a typo', ({ api, anna }) => api.sendMessage(anna.id + 1, 'x'), 400, 'Bad Request: chat not found', 'telegram-chat-not-found'],
    [
      "another owner's chat",
      ({ api }) => api.sendMessage(lab.world.createChat('other@lab.local', { type: 'private', title: 'Чужой' }).id, 'x'),
      400,
      'Bad Request: chat not found',
      'telegram-chat-not-found',
    ],
    [
      "a group's id without its minus",
      ({ api, botId }) => {
        const group = lab.world.createChat(OWNER, { type: 'group', title: 'Дежурные' });
        lab.world.start(OWNER, group.id, botId);
        return api.sendMessage(-group.id, 'x');
      },
      400,
      'Bad Request: chat not found',
      'telegram-chat-not-found',
    ],
    [
      'a group the bot was never added to',
      ({ api }) => api.sendMessage(lab.world.createChat(OWNER, { type: 'group', title: 'Дежурные' }).id, 'x'),
      400,
      'Bad Request: chat not found',
      'telegram-chat-not-found',
    ],
    [
      'the bot itself as the chat',
      ({ api }) => api.sendMessage('@stand_alerts_bot', 'x'),
      403,
      "Forbidden: bot can't send messages to bots",
      'telegram-chat-is-bot',
    ],
    ['an empty text', ({ api, anna }) => api.sendMessage(anna.id, ''), 400, 'Bad Request: message text is empty', 'telegram-text-empty'],
    [
      'markup around nothing',
      ({ api, anna }) => api.sendMessage(anna.id, '<b> </b>', { parse_mode: 'HTML' }),
      400,
      'Bad Request: text must be non-empty',
      'telegram-text-empty',
    ],
    ['4097 characters', ({ api, anna }) => api.sendMessage(anna.id, 'я'.repeat(4097)), 400, 'Bad Request: message is too long', 'telegram-text-too-long'],
    [
      'a comparison in HTML',
      ({ api, anna }) => api.sendMessage(anna.id, 'Температура < 50', { parse_mode: 'HTML' }),
      400,
      'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 23',
      'telegram-html-unknown-tag',
    ],
    [
      'a dot in MarkdownV2',
      ({ api, anna }) => api.sendMessage(anna.id, 'Температура 85.5', { parse_mode: 'MarkdownV2' }),
      400,
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
      'telegram-markdown-reserved',
    ],
    [
      'snake_case in legacy Markdown',
      ({ api, anna }) => api.sendMessage(anna.id, 'sensor_1 hot', { parse_mode: 'Markdown' }),
      400,
      "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 6",
      'telegram-markup-unclosed',
    ],
    [
      'a made-up parse_mode',
      ({ api, anna }) => api.sendMessage(anna.id, 'x', { parse_mode: 'markdown3' as 'HTML' }),
      400,
      'Bad Request: unsupported parse_mode',
      'telegram-parse-mode-unsupported',
    ],
    [
      'the user never pressed Start',
      ({ api, anna }) => api.sendMessage(anna.id, 'x'),
      403,
      "Forbidden: bot can't initiate conversation with a user",
      'telegram-never-started',
    ],
    [
      'the user blocked the bot',
      ({ api, anna, botId }) => {
        lab.world.start(OWNER, anna.id, botId);
        lab.world.block(OWNER, anna.id, botId, true);
        return api.sendMessage(anna.id, 'x');
      },
      403,
      'Forbidden: bot was blocked by the user',
      'telegram-bot-blocked',
    ],
    [
      'the bot kicked from the group',
      ({ api, botId }) => {
        const group = lab.world.createChat(OWNER, { type: 'group', title: 'Дежурные' });
        lab.world.start(OWNER, group.id, botId);
        lab.world.block(OWNER, group.id, botId, true);
        return api.sendMessage(group.id, 'x');
      },
      403,
      'Forbidden: bot was kicked from the group chat',
      'telegram-bot-kicked',
    ],
    [
      'getUpdates while a webhook is set',
      async ({ api }) => {
        await api.setWebhook('https://example.com/hook');
        return api.getUpdates();
      },
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      'telegram-webhook-active',
    ],
    [
      'a webhook over plain http',
      ({ api }) => api.setWebhook('http://example.com/hook'),
      400,
      'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
      'telegram-bad-webhook',
    ],
  ])('%s', async (_name, mistake, status, description, code) => {
    const setup = await setUp();
    const got = await refusal(mistake(setup));
    expect(got).toEqual({ status, description, retryAfter: undefined });
    await expect.poll(() => lastExchange(lab.store)?.Status).toBe(status);
    const exchange = lastExchange(lab.store)!;
    expect(exchange.Ok).toBe(false);
    expect(exchange.Explanation?.code).toBe(code);
    expect(exchange.Explanation?.cause.ru).toMatch(/[а-я]/);
    expect(exchange.Lines.at(-1)?.Text).toBe(JSON.stringify({ ok: false, error_code: status, description }));
  });

  it.each([
    ['a path without /bot', '/getMe', 404, 'Not Found'],
    ['no token at all', '/bot/getMe', 404, 'Not Found'],
    ['a method that does not exist', '/bot<token>/getMee', 404, 'Not Found'],
    ['a token too long', `/bot1:${'a'.repeat(80)}/getMe`, 401, 'Unauthorized: invalid token specified'],
    ['a token starting with 0', '/bot0123:AAbcdefghijklmnopqrstuvwxyz0123456789/getMe', 401, 'Unauthorized: invalid token specified'],
    ['sendMessage without chat_id', '/bot<token>/sendMessage?text=hi', 400, 'Bad Request: chat_id is empty'],
  ])('%s: %i %s', async (_name, path, status, description) => {
    const { token } = await setUp();
    const res = await fetch(`${lab.apiRoot}${path.replace('<token>', token)}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: false, error_code: status, description });
  });
});

describe('flood limits', () => {
  it('a burst to one chat reaches 429 with retry_after and Retry-After', async () => {
    const { api, anna, botId, token } = await setUp({ chatPerSecond: 1, chatBurst: 3 });
    lab.world.start(OWNER, anna.id, botId);
    for (let i = 1; i <= 3; i++) await api.sendMessage(anna.id, `Событие ${i}`);
    const limited = await refusal(api.sendMessage(anna.id, 'Событие 4'));
    expect(limited).toEqual({ status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    const res = await fetch(`${lab.apiRoot}/bot${token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: anna.id, text: '5' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    await expect.poll(() => lastExchange(lab.store)?.Explanation?.code).toBe('telegram-rate-limited');
    expect(lastExchange(lab.store)!.Lines.some((l) => l.Dir === 'S' && l.Text === 'retry-after: 1')).toBe(true);
    // A second later the chat takes a message again.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await api.sendMessage(anna.id, 'Событие 6')).text).toBe('Событие 6');
    expect(lab.store.list({ channel: 'telegram' }).total).toBe(4);
  });

  it('a group takes 20 a minute (here 2): the third waits about half a minute', async () => {
    const { api, botId } = await setUp({ groupPerMinute: 2, chatBurst: 10, chatPerSecond: 100 });
    const group = lab.world.createChat(OWNER, { type: 'group', title: 'Дежурные' });
    lab.world.start(OWNER, group.id, botId);
    expect(group.id).toBeLessThan(0);
    await api.sendMessage(group.id, '1');
    await api.sendMessage(group.id, '2');
    const limited = await refusal(api.sendMessage(group.id, '3'));
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBeGreaterThanOrEqual(29);
    expect(limited.retryAfter).toBeLessThanOrEqual(30);
  });

  it('a bot sends about 30 a second in all (here 2), whatever the chats', async () => {
    const { api, anna, botId } = await setUp({ botPerSecond: 2 });
    const boris = lab.world.createChat(OWNER, { type: 'private', title: 'Борис' });
    lab.world.start(OWNER, anna.id, botId);
    lab.world.start(OWNER, boris.id, botId);
    await api.sendMessage(anna.id, '1');
    await api.sendMessage(boris.id, '2');
    expect((await refusal(api.sendMessage(anna.id, '3'))).status).toBe(429);
  });
});

describe('the request shapes', () => {
  it('GET with a query, POST with a form, POST with JSON; method names in any case', async () => {
    const { token, anna, botId } = await setUp({ chatBurst: 10, chatPerSecond: 100 });
    lab.world.start(OWNER, anna.id, botId);
    const base = `${lab.apiRoot}/bot${token}`;
    const answers = [
      await fetch(`${base}/SENDMESSAGE?chat_id=${anna.id}&text=${encodeURIComponent('по GET')}`),
      await fetch(`${base}/sendmessage`, {
        method: 'POST',
        body: new URLSearchParams({ chat_id: String(anna.id), text: 'формой', disable_notification: 'true' }),
      }),
      await fetch(`${base}/SendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: anna.id, text: 'в JSON' }),
      }),
      await fetch(`${base}/sendMessage?chat_id=${anna.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'query и JSON' }),
      }),
    ];
    const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ ok: boolean; result: { text: string } }>));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(bodies.map((b) => b.result.text)).toEqual(['по GET', 'формой', 'в JSON', 'query и JSON']);
    const [, formMessage] = lab.store.list({ channel: 'telegram' }).messages.reverse();
    expect(formMessage?.Content).toMatchObject({ text: 'формой', disableNotification: true });
  });

  it.each<[string, RequestInit, number, string]>([
    [
      'JSON that is not JSON',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"chat_id":' },
      400,
      'Bad Request: the body is not valid JSON',
    ],
    ['a JSON array', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1]' }, 400, 'Bad Request: the JSON body is not an object'],
    ['plain text', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }, 400, 'Bad Request: a body of type text/plain'],
    ['more than a megabyte', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 10) }, 413, 'Request Entity Too Large'],
  ])('a body of %s is refused in the envelope, and the service goes on', async (_name, init, status, start) => {
    const { token, api } = await setUp();
    const res = await fetch(`${lab.apiRoot}/bot${token}/sendMessage`, init);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { ok: boolean; error_code: number; description: string };
    expect(body).toMatchObject({ ok: false, error_code: status });
    expect(body.description.startsWith(start)).toBe(true);
    expect((await api.getMe()).username).toBe('stand_alerts_bot');
  });

  it('broken percent-encoding, odd methods and odd parameters do not stop it', async () => {
    const { token, api, anna, botId } = await setUp({ chatBurst: 10, chatPerSecond: 100 });
    lab.world.start(OWNER, anna.id, botId);
    const odd = [
      `/bot${token}/%E0%A4%A`,
      `/bot%E0%A4%A/getMe`,
      `/bot${token}/sendMessage?chat_id=${anna.id}&text=%E0%A4%A`,
      `/bot${token}/sendMessage?chat_id=${'9'.repeat(40)}&text=x`,
      `/bot${token}/getUpdates?offset=-999999999999&limit=abc&timeout=-5`,
    ];
    for (const path of odd) {
      const res = await fetch(`${lab.apiRoot}${path}`, { method: 'PUT' });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const objectText = await fetch(`${lab.apiRoot}/bot${token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: { id: anna.id }, text: { nested: true } }),
    });
    expect(((await objectText.json()) as { description: string }).description).toBe('Bad Request: chat not found');
    expect((await api.getMe()).id).toBe(botId);
  });
});

describe('the exchanges', () => {
  it('show the request and the reply line by line, the token masked everywhere, on disk too', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'telegram-sim-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    lab = await startTelegramLab({ dataDir });
    const { token, bot } = lab.world.createBot(OWNER, { name: 'Оповещения', username: 'stand_alerts_bot' });
    const botId = bot.id;
    const anna = lab.world.createChat(OWNER, { type: 'private', title: 'Анна' });
    const api = new Api(token, { apiRoot: lab.apiRoot });
    lab.world.start(OWNER, anna.id, botId);
    await api.getMe();
    // A parameter the service ignores, holding the token: the body's line is masked as well.
    await api.sendMessage(anna.id, 'Перегрев', { note: token } as object);
    await refusal(
      new Api(
        token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        { apiRoot: lab.apiRoot },
      ).getMe(),
    );
    await fetch(`${lab.apiRoot}/bot${token}/getUpdates?offset=1&copy=${token}`);
    await expect.poll(() => lab.store.exchanges({ channel: 'telegram' }).total).toBe(4);

    const secret = token.slice(token.indexOf(':') + 1);
    const exchanges = lab.store.exchanges({ channel: 'telegram' }).exchanges.map((e) => lab.store.exchange(e.ID)!);
    for (const exchange of exchanges) {
      expect(exchange.Summary).toMatch(new RegExp(`^(GET|POST) /bot${botId}:●●●●/`));
      for (const line of exchange.Lines) expect(line.Text).not.toContain(secret.slice(0, 20));
      expect(exchange.Lines[0]?.Masked).toBe(true);
    }
    const send = exchanges.find((e) => e.Summary.endsWith('/sendMessage'))!;
    expect(send.Lines.map((l) => l.Dir)).toEqual(['C', 'C', 'C', 'S', 'S']);
    expect(send.Lines[1]?.Text).toBe('content-type: application/json');
    expect(send.Lines[2]?.Text).toContain(`"note":"${botId}:●●●●"`);
    expect(send.Lines[3]?.Text).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(send.Lines[4]!.Text)).toMatchObject({ ok: true, result: { chat: { id: anna.id }, text: 'Перегрев' } });

    await lab.store.flush();
    const onDisk = await readFile(join(dataDir, 'channels.json'), 'utf8');
    expect(onDisk).toContain('●●●●');
    expect(onDisk).not.toContain(secret.slice(0, 20));
  });
});
