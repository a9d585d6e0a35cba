// The Messages → Telegram page's HTTP API over fetch: the router mounted on a plain express app
// whose guard takes the account from a header (the test's own harness, standing in for the lab's
// sign-in), with the simulator beside it — make a bot, make a chat, press Start, find the chat id
// with grammY's getUpdates, send; block, revoke, delete; another account sees and touches nothing.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { telegramWorldRoutes } from '../../../../lab/channels/telegram/telegram-routes.js';
import { createErrorHandler, HttpError } from '../../../../server/http/http-error.js';
import { refusal, startTelegramLab, type TelegramLab } from './telegram-lab.js';

let lab: TelegramLab;
let close: () => Promise<void>;
afterEach(async () => {
  await close?.();
  await lab?.close();
});

async function start() {
  lab = await startTelegramLab();
  const changed: string[] = [];
  const app = express();
  app.use(express.json());
  app.use(
    telegramWorldRoutes(lab.world, {
      guard: (req, res, next) => {
        const account = req.headers['x-account'];
        if (typeof account !== 'string') return next(new HttpError(401, 'sign_in_required', 'sign in first'));
        res.locals.address = account;
        next();
      },
      ownerOf: (res) => res.locals.address as string,
      changed: (owner) => changed.push(owner),
    }),
  );
  app.use(createErrorHandler(() => undefined));
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/lab/channels/telegram`;
  const as =
    (account: string) =>
    async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'x-account': account, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
  return { student: as('student@lab.local'), other: as('other@lab.local'), changed, base };
}

describe('the Telegram world routes', () => {
  it('bot, chat, Start, getUpdates, send: the loop of the page', async () => {
    const { student, changed } = await start();
    expect(await student('GET', '/world')).toEqual({ status: 200, body: { bots: [], chats: [] } });

    const made = await student('POST', '/bots', { name: 'Оповещения стенда', username: 'stand_alerts_bot' });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(new RegExp(`^${made.body.bot.id}:AA[\\w-]{33}$`));
    const chat = await student('POST', '/chats', { type: 'private', title: 'Анна' });
    expect(chat).toMatchObject({ status: 201, body: { type: 'private', title: 'Анна', relations: { [made.body.bot.id]: 'none' } } });
    expect(chat.body.id).toBeGreaterThan(0);

    const started = await student('POST', `/chats/${chat.body.id}/start`, { botId: made.body.bot.id });
    expect(started.body.relations[made.body.bot.id]).toBe('started');
    const api = new Api(made.body.token, { apiRoot: lab.apiRoot });
    const [update] = await api.getUpdates();
    expect(update?.message?.chat.id).toBe(chat.body.id);
    expect((await api.sendMessage(update!.message!.chat.id, 'Привет')).text).toBe('Привет');

    const world = await student('GET', '/world');
    expect(world.body.bots).toEqual([made.body.bot]);
    expect(JSON.stringify(world.body)).not.toContain(made.body.token);
    expect(changed).toEqual(['student@lab.local', 'student@lab.local', 'student@lab.local']);
  });

  it('BotFather\'s rules: the username ends in "bot" and is unique across the lab', async () => {
    const { student, other } = await start();
    const refused = await student('POST', '/bots', { name: 'Alerts', username: 'alerts' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'invalid_fields',
      fields: { username: { en: "Sorry, the username must end in 'bot'. E.g. 'Tetris_bot' or 'Tetrisbot'." } },
    });
    expect(refused.body.error.fields.username.ru).toMatch(/bot/);
    expect((await student('POST', '/bots', { name: 'Alerts', username: 'alerts_bot' })).status).toBe(201);
    const taken = await other('POST', '/bots', { name: 'Mine', username: 'ALERTS_BOT' });
    expect(taken.body.error.fields.username.en).toMatch(/already taken/);
    expect((await student('POST', '/chats', { type: 'supergroup', title: 'x' })).body.error.fields.type).toBeDefined();
    expect((await student('POST', '/bots', [1, 2])).status).toBe(400);
  });

  it('block and kick, then the service refuses as Telegram does', async () => {
    const { student } = await start();
    const made = (await student('POST', '/bots', { name: 'A', username: 'alerts_bot' })).body;
    const anna = (await student('POST', '/chats', { type: 'private', title: 'Анна' })).body;
    const group = (await student('POST', '/chats', { type: 'group', title: 'Дежурные' })).body;
    expect(group.id).toBeLessThan(0);
    await student('POST', `/chats/${anna.id}/start`, { botId: made.bot.id });
    await student('POST', `/chats/${group.id}/start`, { botId: made.bot.id });
    expect((await student('POST', `/chats/${anna.id}/block`, { botId: made.bot.id, blocked: true })).body.relations[made.bot.id]).toBe('blocked');
    expect((await student('POST', `/chats/${group.id}/block`, { botId: made.bot.id, blocked: true })).body.relations[made.bot.id]).toBe('kicked');
    expect((await student('POST', `/chats/${group.id}/block`, { botId: made.bot.id })).status).toBe(400);

    const api = new Api(made.token, { apiRoot: lab.apiRoot });
    expect((await refusal(api.sendMessage(anna.id, 'x'))).description).toBe('Forbidden: bot was blocked by the user');
    expect((await refusal(api.sendMessage(group.id, 'x'))).description).toBe('Forbidden: bot was kicked from the group chat');
    await student('POST', `/chats/${anna.id}/block`, { botId: made.bot.id, blocked: false });
    expect((await api.sendMessage(anna.id, 'снова')).text).toBe('снова');
  });

  it('a new token: the old one answers 401 from then on; deleted, the bot answers 401', async () => {
    const { student } = await start();
    const made = (await student('POST', '/bots', { name: 'A', username: 'alerts_bot' })).body;
    const fresh = await student('POST', `/bots/${made.bot.id}/token`);
    expect(fresh.status).toBe(200);
    expect(fresh.body.token).not.toBe(made.token);
    expect(await refusal(new Api(made.token, { apiRoot: lab.apiRoot }).getMe())).toMatchObject({ status: 401, description: 'Unauthorized' });
    expect((await new Api(fresh.body.token, { apiRoot: lab.apiRoot }).getMe()).id).toBe(made.bot.id);

    const anna = (await student('POST', '/chats', { type: 'private', title: 'Анна' })).body;
    expect(await student('DELETE', `/chats/${anna.id}`)).toEqual({ status: 204, body: null });
    expect(await student('DELETE', `/bots/${made.bot.id}`)).toEqual({ status: 204, body: null });
    expect(await refusal(new Api(fresh.body.token, { apiRoot: lab.apiRoot }).getMe())).toMatchObject({ status: 401 });
    expect((await student('GET', '/world')).body).toEqual({ bots: [], chats: [] });
  });

  it("another account sees none of it and gets 404 for every bot and chat that isn't its own", async () => {
    const { student, other, changed } = await start();
    const made = (await student('POST', '/bots', { name: 'A', username: 'alerts_bot' })).body;
    const anna = (await student('POST', '/chats', { type: 'private', title: 'Анна' })).body;
    const mine = (await other('POST', '/chats', { type: 'private', title: 'Борис' })).body;
    expect((await other('GET', '/world')).body).toEqual({ bots: [], chats: [{ ...mine, relations: {} }] });
    const attempts = [
      await other('POST', `/bots/${made.bot.id}/token`),
      await other('DELETE', `/bots/${made.bot.id}`),
      await other('POST', `/chats/${anna.id}/start`, { botId: made.bot.id }),
      await other('POST', `/chats/${mine.id}/start`, { botId: made.bot.id }),
      await other('POST', `/chats/${anna.id}/block`, { botId: made.bot.id, blocked: true }),
      await other('DELETE', `/chats/${anna.id}`),
      await other('DELETE', '/chats/not-a-number'),
    ];
    expect(attempts.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(attempts[0]!.body.error.text.ru).toMatch(/[а-я]/);
    expect(changed.filter((o) => o === 'other@lab.local')).toEqual(['other@lab.local']);
    expect(lab.world.relation(made.bot.id, anna.id)).toBe('none');
  });

  it('asks for a signed-in account first', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/world`);
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
  });
});
