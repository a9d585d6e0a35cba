// Each lab account's integration of each channel (Telegram's bot token and chat id, Discord's
// webhook URL, the SMS centre's login or the gateway's api_id), secrets included — the sender
// needs them — in channel-integrations.json (mode 0600) with --data-dir, in memory without; never
// returned to a client (views show whether a secret is set). Settings that no longer pass their
// driver's validation are not taken back: nothing half-usable is sent with.
import { join } from 'node:path';
import { readTextIfExists, writePrivateFile } from '../../server/common/private-file.js';
import type { ChannelDriver } from './channel-driver.js';
import type { ChannelId, ChannelIntegrationView } from './channel-wire.js';

export type ChannelSettings = Record<string, string | number | boolean>;

export interface ChannelIntegrationStore {
  get(owner: string, channel: ChannelId): ChannelSettings | undefined;
  set(owner: string, channel: ChannelId, settings: ChannelSettings): Promise<void>;
  remove(owner: string, channel: ChannelId): Promise<boolean>;
  view(owner: string, channel: ChannelId): ChannelIntegrationView | null;
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface IntegrationsFile {
  version: 1;
  owners: Record<string, Partial<Record<ChannelId, ChannelSettings>>>;
}

/** A client's view: every secret field replaced by whether it is set. */
export function channelView(driver: ChannelDriver, settings: ChannelSettings): ChannelIntegrationView {
  const values: ChannelIntegrationView['values'] = {};
  const secretsSet: Record<string, boolean> = {};
  const secret = new Set(driver.fields.filter((f) => f.secret).map((f) => f.name));
  for (const [key, value] of Object.entries(settings)) {
    if (secret.has(key)) secretsSet[key] = value !== '';
    else values[key] = value;
  }
  for (const name of secret) secretsSet[name] ??= false;
  return { channel: driver.channel, values, secretsSet };
}

export async function createChannelIntegrationStore(options: {
  drivers: readonly ChannelDriver[];
  dataDir?: string;
  warn?: (message: string) => void;
}): Promise<ChannelIntegrationStore> {
  const drivers = new Map(options.drivers.map((d) => [d.channel, d]));
  const path = options.dataDir ? join(options.dataDir, 'channel-integrations.json') : undefined;
  const byOwner = new Map<string, Map<ChannelId, ChannelSettings>>();

  if (path) {
    const text = await readTextIfExists(path);
    if (text !== undefined) {
      let file: Partial<IntegrationsFile>;
      try {
        file = JSON.parse(text) as Partial<IntegrationsFile>;
        if (file.version !== 1 || typeof file.owners !== 'object' || file.owners === null) throw new Error('not version 1');
      } catch (err) {
        throw new Error(
          `${path} is damaged (${(err as Error).message}): restore it from a backup, or move it away (the saved channel integrations are then lost).`,
        );
      }
      for (const [owner, channels] of Object.entries(file.owners ?? {})) {
        for (const [channel, settings] of Object.entries(channels ?? {})) {
          const driver = drivers.get(channel as ChannelId);
          const checked = driver?.validate(settings, settings as ChannelSettings);
          if (!checked?.ok) {
            options.warn?.(`${path}: the ${channel} integration of ${owner} is damaged and was not loaded`);
            continue;
          }
          if (!byOwner.has(owner)) byOwner.set(owner, new Map());
          byOwner.get(owner)?.set(channel as ChannelId, checked.value);
        }
      }
    }
  }

  let writes: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    if (!path) return Promise.resolve();
    const owners: IntegrationsFile['owners'] = {};
    for (const [owner, channels] of byOwner) owners[owner] = Object.fromEntries(channels);
    const next = writes.then(() => writePrivateFile(path, JSON.stringify({ version: 1, owners } satisfies IntegrationsFile, null, 2) + '\n'));
    writes = next.catch(() => undefined);
    return next;
  };
  const key = (owner: string) => owner.toLowerCase();

  return {
    get: (owner, channel) => {
      const settings = byOwner.get(key(owner))?.get(channel);
      return settings ? { ...settings } : undefined;
    },
    set(owner, channel, settings) {
      if (!byOwner.has(key(owner))) byOwner.set(key(owner), new Map());
      byOwner.get(key(owner))?.set(channel, { ...settings });
      return save();
    },
    async remove(owner, channel) {
      const removed = byOwner.get(key(owner))?.delete(channel) ?? false;
      if (removed) await save();
      return removed;
    },
    view(owner, channel) {
      const settings = byOwner.get(key(owner))?.get(channel);
      const driver = drivers.get(channel);
      return settings && driver ? channelView(driver, settings) : null;
    },
    flush: () => writes,
    close: () => writes,
  };
}
