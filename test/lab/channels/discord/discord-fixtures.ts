// A lab Discord for one test: the channel store, the world and the simulator on a loopback port
// of its own, with a student's webhook; all closed when the test ends.
import { expect, onTestFinished, vi } from 'vitest';
import { createChannelStore, type ChannelStore } from '../../../../lab/channels/channel-store.js';
import type { ChannelExchange } from '../../../../lab/channels/channel-wire.js';
import { createDiscordSimulator } from '../../../../lab/channels/discord/discord-simulator.js';
import { createDiscordWorld } from '../../../../lab/channels/discord/discord-world.js';
import type { DiscordRateLimitOptions } from '../../../../lab/channels/discord/discord-rate-limit.js';

export const OWNER = 'student@lab.local';

export async function startDiscord(options: { limits?: DiscordRateLimitOptions; dataDir?: string } = {}) {
  const store = await createChannelStore();
  const world = await createDiscordWorld(options.dataDir ? { dataDir: options.dataDir } : {});
  const sim = await createDiscordSimulator({ host: '127.0.0.1', port: 0, store, world, ...(options.limits ? { limits: options.limits } : {}) });
  onTestFinished(async () => {
    await sim.close();
    await world.close();
    await store.close();
  });
  const created = await world.createWebhook(OWNER, { name: 'Overheat alerts', channelName: 'alerts' }, sim.url);
  const { id } = created.webhook;
  const token = created.url.split('/').at(-1) as string;
  return { store, world, sim, url: created.url, id, token };
}

/** POST a JSON body (or a raw one with its own type) as plain fetch sends it. */
export async function post(url: string, body: unknown, type = 'application/json') {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** The exchange of the last request (recorded once its reply has gone). */
export async function lastExchange(store: ChannelStore): Promise<ChannelExchange> {
  return vi.waitFor(() => {
    const summary = store.exchanges({ limit: 1 }).exchanges[0];
    const exchange = summary && store.exchange(summary.ID);
    if (!exchange) throw new Error('no exchange yet');
    return exchange;
  });
}

export function expectNoToken(store: ChannelStore, token: string) {
  const all = store.exchanges({ limit: 1000 }).exchanges.map((e) => store.exchange(e.ID) as ChannelExchange);
  expect(all.length).toBeGreaterThan(0);
  for (const exchange of all) {
    expect(exchange.Summary).not.toContain(token);
    for (const line of exchange.Lines) expect(line.Text).not.toContain(token);
  }
}
