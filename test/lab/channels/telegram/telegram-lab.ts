// The lab's Telegram for a test: a channel store, the world, and the simulator on a loopback port,
// plus what the tests keep asking: a grammY Api on the simulator, the Bot API error a call ended with.
import { GrammyError } from 'grammy';
import { createChannelStore, type ChannelStore } from '../../../../lab/channels/channel-store.js';
import type { ChannelExchange } from '../../../../lab/channels/channel-wire.js';
import { createTelegramSimulator, type TelegramLimits, type TelegramSimulator } from '../../../../lab/channels/telegram/telegram-simulator.js';
import { createTelegramWorld, type TelegramWorld } from '../../../../lab/channels/telegram/telegram-world.js';

export interface TelegramLab {
  store: ChannelStore;
  world: TelegramWorld;
  sim: TelegramSimulator;
  apiRoot: string;
  close(): Promise<void>;
}

export async function startTelegramLab(options: { limits?: Partial<TelegramLimits>; dataDir?: string } = {}): Promise<TelegramLab> {
  const store = await createChannelStore({ dataDir: options.dataDir });
  const world = await createTelegramWorld({ dataDir: options.dataDir });
  const sim = await createTelegramSimulator({ host: '127.0.0.1', port: 0, store, world, limits: options.limits });
  return {
    store,
    world,
    sim,
    apiRoot: sim.url,
    async close() {
      await sim.close();
      await world.close();
      await store.close();
    },
  };
}

/** The Bot API's refusal a call ended with (fails the test when the call succeeded or failed otherwise). */
export async function refusal(call: Promise<unknown>): Promise<{ status: number; description: string; retryAfter: number | undefined }> {
  try {
    await call;
  } catch (err) {
    if (err instanceof GrammyError) return { status: err.error_code, description: err.description, retryAfter: err.parameters.retry_after };
    throw err;
  }
  throw new Error('the call succeeded');
}

/** The newest exchange whose summary contains `text` (exchanges are recorded once the reply has gone). */
export function lastExchange(store: ChannelStore, text = ''): ChannelExchange | undefined {
  const found = store.exchanges({ channel: 'telegram', limit: 1000 }).exchanges.find((e) => e.Summary.includes(text));
  return found ? store.exchange(found.ID) : undefined;
}
