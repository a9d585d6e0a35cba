// The lab's Discord server: webhooks per owner, their URLs given once, tokens regenerated,
// kept across restarts in discord.json (0600), a damaged file refused with a clear error.
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDiscordWorld, createSnowflakeSource } from '../../../../lab/channels/discord/discord-world.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const BASE = 'http://127.0.0.1:8027';

describe('the Discord world', () => {
  it('a webhook has a snowflake id, a 68-character URL-safe token and a URL that holds both', async () => {
    const world = await createDiscordWorld();
    const created = await world.createWebhook('a@lab.local', { name: 'Alerts', channelName: 'alerts' }, BASE);
    const { id } = created.webhook;
    expect(id).toMatch(/^\d{18,19}$/);
    const match = /^http:\/\/127\.0\.0\.1:8027\/api\/webhooks\/(\d+)\/([A-Za-z0-9_-]+)$/.exec(created.url);
    expect(match?.[1]).toBe(id);
    expect(match?.[2]).toHaveLength(68);
    expect(created.webhook).toMatchObject({ name: 'Alerts', channelName: 'alerts', urlHint: `${BASE}/api/webhooks/${id}/${match?.[2]?.slice(0, 3)}…` });
    expect(world.find(id)).toMatchObject({ owner: 'a@lab.local', token: match?.[2] });
  });

  it('snowflakes grow with time and never repeat', () => {
    const next = createSnowflakeSource(() => Date.parse('2026-05-01T00:00:00Z'));
    const ids = Array.from({ length: 100 }, next);
    expect(new Set(ids).size).toBe(100);
    // Discord's epoch is 2015-01-01: the timestamp is the id shifted right by 22 bits.
    expect(Number(BigInt(ids[0] as string) >> 22n) + 1420070400000).toBe(Date.parse('2026-05-01T00:00:00Z'));
  });

  it('owners see only their own webhooks and cannot delete or renew another one', async () => {
    const world = await createDiscordWorld();
    const mine = await world.createWebhook('a@lab.local', { name: 'A', channelName: 'alerts' }, BASE);
    await world.createWebhook('b@lab.local', { name: 'B', channelName: 'alerts' }, BASE);
    expect(world.view('a@lab.local', BASE).webhooks.map((w) => w.name)).toEqual(['A']);
    expect(world.view('b@lab.local', BASE).webhooks.map((w) => w.name)).toEqual(['B']);
    expect(JSON.stringify(world.view('a@lab.local', BASE))).not.toContain(mine.url.split('/').at(-1));
    expect(await world.deleteWebhook('b@lab.local', mine.webhook.id)).toBe(false);
    expect(await world.regenerateToken('b@lab.local', mine.webhook.id, BASE)).toBeUndefined();
    expect(world.find(mine.webhook.id)).toBeDefined();
  });

  it('a new token replaces the old one; a deleted webhook is gone', async () => {
    const world = await createDiscordWorld();
    const created = await world.createWebhook('a@lab.local', { name: 'A', channelName: 'alerts' }, BASE);
    const renewed = await world.regenerateToken('a@lab.local', created.webhook.id, BASE);
    expect(renewed?.url).not.toBe(created.url);
    expect(world.find(created.webhook.id)?.token).toBe(renewed?.url.split('/').at(-1));
    expect(await world.deleteWebhook('a@lab.local', created.webhook.id)).toBe(true);
    expect(world.find(created.webhook.id)).toBeUndefined();
  });

  it('webhooks of one channel share its channel id; 15 is the most a channel takes', async () => {
    const world = await createDiscordWorld();
    const made = [];
    for (let i = 0; i < 15; i++) made.push(await world.createWebhook('a@lab.local', { name: `W${i}`, channelName: 'alerts' }, BASE));
    expect(new Set(made.map((c) => world.find(c.webhook.id)?.channelId)).size).toBe(1);
    await expect(world.createWebhook('a@lab.local', { name: 'one more', channelName: 'alerts' }, BASE)).rejects.toThrow(
      /Maximum number of webhooks reached \(15\)/,
    );
    const other = await world.createWebhook('a@lab.local', { name: 'ops', channelName: 'ops' }, BASE);
    expect(world.find(other.webhook.id)?.channelId).not.toBe(world.find(made[0]?.webhook.id as string)?.channelId);
  });

  it('kept in discord.json (0600) across a restart', async () => {
    const dataDir = await tempDir();
    const first = await createDiscordWorld({ dataDir });
    const created = await first.createWebhook('a@lab.local', { name: 'A', channelName: 'alerts' }, BASE);
    await first.close();
    expect((await stat(join(dataDir, 'discord.json'))).mode & 0o777).toBe(0o600);
    const again = await createDiscordWorld({ dataDir });
    expect(again.guildId).toBe(first.guildId);
    expect(again.find(created.webhook.id)?.token).toBe(created.url.split('/').at(-1));
    expect(again.view('a@lab.local', BASE).webhooks).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"version": 1, '],
    ['another version', '{"version": 2, "guildId": "1", "channels": {}, "webhooks": []}'],
    ['a webhook without a token', '{"version": 1, "guildId": "1", "channels": {}, "webhooks": [{"id": "123456789012345678"}]}'],
  ])('a damaged file (%s) is refused with what to do', async (_name, text) => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'discord.json'), text);
    await expect(createDiscordWorld({ dataDir })).rejects.toThrow(/discord\.json is damaged .*restore it from a backup, or move it away/);
  });
});
