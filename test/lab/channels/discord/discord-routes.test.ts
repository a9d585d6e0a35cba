// The Messages → Discord page's routes on an Express app of their own (its guard takes the account
// from a header, standing in for the lab's sign-in), against the simulator the URLs point at.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it, onTestFinished } from 'vitest';
import { discordWorldRoutes } from '../../../../lab/channels/discord/discord-routes.js';
import type { DiscordWorld } from '../../../../lab/channels/discord/discord-world.js';
import { createErrorHandler, userError } from '../../../../server/http/http-error.js';
import { OWNER, post, startDiscord } from './discord-fixtures.js';

async function serveRoutes(world: DiscordWorld, baseUrl: string) {
  const changed: string[] = [];
  const app = express();
  app.use(express.json());
  app.use(
    discordWorldRoutes(world, {
      guard: (req, res, next) => {
        const account = req.headers['x-account'];
        if (typeof account !== 'string') return next(userError(401, 'not_signed_in', { ru: 'Войдите', en: 'Sign in' }));
        res.locals.address = account;
        next();
      },
      ownerOf: (res) => res.locals.address as string,
      changed: (owner) => changed.push(owner),
      baseUrl: () => baseUrl,
    }),
  );
  app.use(createErrorHandler(() => undefined));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/lab/channels/discord`;
  const call = async (method: string, path: string, account: string | null = OWNER, body?: unknown) => {
    const res = await fetch(`${root}${path}`, {
      method,
      headers: { ...(account ? { 'x-account': account } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : null };
  };
  return { call, changed };
}

describe('the Discord world routes', () => {
  it('create a webhook, post to its URL, see it listed; the URL is in the create answer only', async () => {
    const { world, sim, store } = await startDiscord();
    const { call, changed } = await serveRoutes(world, sim.url);
    const created = await call('POST', '/webhooks', OWNER, { name: 'Котельная', channelName: 'Boiler Room' });
    expect(created.status).toBe(201);
    expect(created.body?.webhook).toMatchObject({ name: 'Котельная', channelName: 'boiler-room' });
    expect(created.body?.url).toMatch(new RegExp(`^${sim.url}/api/webhooks/\\d+/[A-Za-z0-9_-]{68}$`));
    expect(changed).toEqual([OWNER]);

    expect((await post(created.body?.url as string, { content: 'Перегрев' })).status).toBe(204);
    expect(store.list({ text: 'Перегрев' }).messages[0]?.Content).toMatchObject({ channelName: 'boiler-room', webhookName: 'Котельная' });

    const view = await call('GET', '/world');
    expect(view.status).toBe(200);
    expect(view.headers.get('cache-control')).toMatch(/no-store/);
    expect(view.body?.webhooks.map((w: { name: string }) => w.name)).toEqual(['Overheat alerts', 'Котельная']);
    expect(JSON.stringify(view.body)).not.toContain((created.body?.url as string).split('/').at(-1));
  });

  it.each([
    ['no name', { channelName: 'alerts' }, ['name']],
    ['a name of 81 characters', { name: 'x'.repeat(81) }, ['name']],
    ['a name with "discord"', { name: 'Discord alerts' }, ['name']],
    ['a channel name with a slash', { name: 'A', channelName: 'ops/alerts' }, ['channelName']],
    ['both wrong', { name: '', channelName: '#alerts' }, ['channelName', 'name']],
  ])('%s: 400 with the fields to fix', async (_name, body, fields) => {
    const { world, sim } = await startDiscord();
    const { call } = await serveRoutes(world, sim.url);
    const res = await call('POST', '/webhooks', OWNER, body);
    expect(res.status).toBe(400);
    expect(res.body?.error.code).toBe('invalid_fields');
    expect(Object.keys(res.body?.error.fields).sort()).toEqual(fields);
    expect(res.body?.error.fields[fields[0] as string].ru).toMatch(/[а-я]/);
  });

  it('the channel is #general when none is named', async () => {
    const { world, sim } = await startDiscord();
    const { call } = await serveRoutes(world, sim.url);
    expect((await call('POST', '/webhooks', OWNER, { name: 'A' })).body?.webhook.channelName).toBe('general');
  });

  it('a new token: the old URL gets 401 Invalid Webhook Token, the new one works', async () => {
    const { world, sim, url, id } = await startDiscord();
    const { call } = await serveRoutes(world, sim.url);
    const renewed = await call('POST', `/webhooks/${id}/token`);
    expect(renewed.status).toBe(200);
    expect(Object.keys(renewed.body ?? {})).toEqual(['url']);
    expect((await post(url, { content: 'x' })).text).toBe('{"message": "Invalid Webhook Token", "code": 50027}');
    expect((await post(renewed.body?.url as string, { content: 'x' })).status).toBe(204);
  });

  it('a deleted webhook answers Unknown Webhook', async () => {
    const { world, sim, url, id } = await startDiscord();
    const { call, changed } = await serveRoutes(world, sim.url);
    expect((await call('DELETE', `/webhooks/${id}`)).status).toBe(204);
    expect(changed).toEqual([OWNER]);
    expect((await post(url, { content: 'x' })).status).toBe(404);
    expect((await call('DELETE', `/webhooks/${id}`)).status).toBe(404);
  });

  it("another account's webhook is not found, not listed, not renewed, not deleted", async () => {
    const { world, sim, url, id } = await startDiscord();
    const { call, changed } = await serveRoutes(world, sim.url);
    const other = 'other@lab.local';
    expect((await call('GET', '/world', other)).body).toEqual({ webhooks: [] });
    const renew = await call('POST', `/webhooks/${id}/token`, other);
    expect(renew.status).toBe(404);
    expect(renew.body?.error).toMatchObject({ code: 'webhook_not_found', text: { ru: 'Такого вебхука нет' } });
    expect((await call('DELETE', `/webhooks/${id}`, other)).status).toBe(404);
    expect(changed).toEqual([]);
    expect((await post(url, { content: 'still mine' })).status).toBe(204);
  });

  it('signed out: 401; a method a path does not take: 405 with Allow; the simulator off: 409', async () => {
    const { world, sim } = await startDiscord();
    const { call } = await serveRoutes(world, sim.url);
    expect((await call('GET', '/world', null)).status).toBe(401);
    const wrong = await call('PUT', '/webhooks');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    const off = await serveRoutes(world, '');
    expect((await off.call('POST', '/webhooks', OWNER, { name: 'A' })).status).toBe(409);
  });
});
