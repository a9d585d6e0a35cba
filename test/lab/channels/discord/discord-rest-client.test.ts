// The simulator against discord.js's own REST layer (@discordjs/rest), a client that reads
// Discord's rate-limit headers to pace itself: a webhook executed with ?wait=true, Discord's error
// as the library reports it, a burst it spaces out by X-RateLimit-Remaining/-Reset-After alone,
// and a 429 it waits out by Retry-After.
import { DiscordAPIError, REST } from '@discordjs/rest';
import { describe, expect, it, onTestFinished } from 'vitest';
import { post, startDiscord } from './discord-fixtures.js';

function restFor(simUrl: string) {
  // `api` is the base the library prefixes with /v10; executing a webhook needs no bot token (auth: false).
  const rest = new REST({ api: `${simUrl}/api`, version: '10', retries: 1, timeout: 5000 });
  onTestFinished(() => rest.clearHashSweeper());
  return rest;
}

describe('@discordjs/rest against the simulator', () => {
  it('executes a webhook and gets the created message', async () => {
    const { store, sim, id, token } = await startDiscord();
    const rest = restFor(sim.url);
    const message = (await rest.post(`/webhooks/${id}/${token}`, {
      body: { content: 'через discord.js', username: 'Котельная' },
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    })) as Record<string, unknown>;
    expect(message).toMatchObject({ content: 'через discord.js', webhook_id: id, author: { username: 'Котельная' } });
    expect(store.findByServiceId('discord', message.id as string)?.Content).toMatchObject({ content: 'через discord.js' });
    const exchange = store.exchange(store.exchanges({ limit: 1 }).exchanges[0]?.ID as string);
    expect(exchange?.Lines[0]?.Text).toBe(`POST /api/v10/webhooks/${id}/●●●●?wait=true HTTP/1.1`);
    expect(exchange?.Lines.find((l) => l.Text.startsWith('user-agent: '))?.Text).toMatch(/DiscordBot/);
  });

  it("reports Discord's error as a DiscordAPIError with its code and status", async () => {
    const { sim, id } = await startDiscord();
    const rest = restFor(sim.url);
    const failure = await rest.post(`/webhooks/${id}/not-the-token`, { body: { content: 'x' }, auth: false }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ code: 50027, status: 401, message: 'Invalid Webhook Token' });
  });

  it('reads the v10 form errors: the field and the rule in its message', async () => {
    const { sim, id, token } = await startDiscord();
    const rest = restFor(sim.url);
    const failure = await rest.post(`/webhooks/${id}/${token}`, { body: { content: 'ж'.repeat(2001) }, auth: false }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ code: 50035, status: 400 });
    expect((failure as Error).message).toBe('Invalid Form Body\ncontent[BASE_TYPE_MAX_LENGTH]: Must be 2000 or fewer in length.');
  });

  it('paces a burst of 8 by the headers alone: no 429, the 6th sent after the window reset', async () => {
    const { store, sim, id, token } = await startDiscord();
    const rest = restFor(sim.url);
    const started = Date.now();
    const sent = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        rest.post(`/webhooks/${id}/${token}`, { body: { content: `paced ${i}` }, query: new URLSearchParams({ wait: 'true' }), auth: false }),
      ),
    );
    expect(sent).toHaveLength(8);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const statuses = store.exchanges({ limit: 100 }).exchanges.map((e) => e.Status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses).not.toContain(429);
    expect(store.list({ channel: 'discord', limit: 100 }).total).toBe(8);
  });

  it('waits out a 429 it could not foresee (the bucket spent by another client) and then succeeds', async () => {
    const { store, sim, url, id, token } = await startDiscord();
    for (let i = 0; i < 5; i++) await post(url, { content: `other client ${i}` });
    const rest = restFor(sim.url);
    const limited: number[] = [];
    rest.on('rateLimited', (info) => limited.push(info.retryAfter));
    const message = (await rest.post(`/webhooks/${id}/${token}`, {
      body: { content: 'after the 429' },
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    })) as { content: string };
    expect(message.content).toBe('after the 429');
    expect(limited).toHaveLength(1);
    expect(limited[0]).toBeGreaterThan(0);
    expect(store.exchanges({ limit: 100 }).exchanges.map((e) => e.Status)).toContain(429);
    expect(store.list({ text: 'after the 429' }).total).toBe(1);
  });
});
