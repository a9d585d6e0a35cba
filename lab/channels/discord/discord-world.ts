// The lab's Discord server: the webhooks students create (Channel settings → Integrations →
// Webhooks on the real service), each owned by a lab account and posting into one text channel.
// A webhook's URL holds its token, so the URL is in the answer that creates it (or a new token)
// and never again. Kept in discord.json (mode 0600) with --data-dir, in memory without.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readTextIfExists, writePrivateFile } from '../../../server/common/private-file.js';
import type { CreatedDiscordWebhook, DiscordWebhookView, DiscordWorldView } from '../world-wire.js';

export interface DiscordWebhookRecord {
  id: string;
  token: string;
  owner: string;
  name: string;
  channelName: string;
  /** The channel's own snowflake (a message's channel_id). */
  channelId: string;
  created: string;
}

export interface DiscordWorld {
  /** The lab server's snowflake (the webhook object's guild_id). */
  readonly guildId: string;
  createWebhook(owner: string, input: { name: string; channelName: string }, baseUrl: string): Promise<CreatedDiscordWebhook>;
  /** False when the owner has no such webhook (another owner's is not theirs to delete). */
  deleteWebhook(owner: string, id: string): Promise<boolean>;
  /** A new token (the old URL stops working, 401 Invalid Webhook Token); undefined when not the owner's. */
  regenerateToken(owner: string, id: string, baseUrl: string): Promise<CreatedDiscordWebhook | undefined>;
  view(owner: string, baseUrl: string): DiscordWorldView;
  find(id: string): DiscordWebhookRecord | undefined;
  /** A new snowflake: message ids, webhook and channel ids. */
  snowflake(): string;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface DiscordWorldOptions {
  dataDir?: string;
  warn?: (message: string) => void;
}

/** Discord's own cap: "Maximum number of webhooks reached (15)" (JSON error 30007) is per channel. */
export const MAX_WEBHOOKS_PER_CHANNEL = 15;

export class DiscordWorldError extends Error {
  constructor(
    readonly code: 'too-many-webhooks',
    message: string,
  ) {
    super(message);
    this.name = 'DiscordWorldError';
  }
}

interface DiscordFile {
  version: 1;
  guildId: string;
  /** Per owner and channel name, so that the same channel keeps its id. */
  channels: Record<string, string>;
  webhooks: DiscordWebhookRecord[];
}

/** Discord's epoch (2015-01-01T00:00:00Z): a snowflake is ms since it << 22 | worker | process | increment. */
const DISCORD_EPOCH = 1420070400000n;

/** Snowflakes as Discord makes them (discord-api-docs, Reference → Snowflakes): 18–19 digits today. */
export function createSnowflakeSource(now: () => number = Date.now): () => string {
  let increment = 0n;
  const worker = BigInt(randomBytes(1)[0]! & 0x1f);
  return () => {
    increment = (increment + 1n) & 0xfffn;
    return (((BigInt(now()) - DISCORD_EPOCH) << 22n) | (worker << 17n) | (1n << 12n) | increment).toString();
  };
}

/** A token like Discord's: 68 URL-safe characters (51 random bytes in base64url). */
const newToken = () => randomBytes(51).toString('base64url');

export const webhookUrl = (baseUrl: string, id: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/api/webhooks/${id}/${token}`;

function viewOf(w: DiscordWebhookRecord, baseUrl: string): DiscordWebhookView {
  return { id: w.id, name: w.name, channelName: w.channelName, urlHint: `${webhookUrl(baseUrl, w.id, w.token.slice(0, 3))}…`, created: w.created };
}

function isRecord(value: unknown): value is DiscordWebhookRecord {
  const w = value as Partial<DiscordWebhookRecord> | null;
  return (
    typeof w === 'object' &&
    w !== null &&
    [w.id, w.token, w.owner, w.name, w.channelName, w.channelId, w.created].every((v) => typeof v === 'string') &&
    /^\d{17,20}$/.test(w.id ?? '')
  );
}

async function load(path: string): Promise<DiscordFile | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  try {
    const file = JSON.parse(text) as Partial<DiscordFile>;
    if (
      file.version !== 1 ||
      typeof file.guildId !== 'string' ||
      typeof file.channels !== 'object' ||
      file.channels === null ||
      !Array.isArray(file.webhooks)
    ) {
      throw new Error('not version 1');
    }
    const bad = file.webhooks.findIndex((w) => !isRecord(w));
    if (bad >= 0) throw new Error(`webhook ${bad} is incomplete`);
    return file as DiscordFile;
  } catch (err) {
    throw new Error(`${path} is damaged (${(err as Error).message}): restore it from a backup, or move it away (the lab's Discord webhooks are then lost).`);
  }
}

export async function createDiscordWorld(options: DiscordWorldOptions = {}): Promise<DiscordWorld> {
  const path = options.dataDir ? join(options.dataDir, 'discord.json') : undefined;
  const snowflake = createSnowflakeSource();
  const file: DiscordFile = (path ? await load(path) : undefined) ?? { version: 1, guildId: snowflake(), channels: {}, webhooks: [] };
  const webhooks = new Map(file.webhooks.map((w) => [w.id, w]));

  let writes: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    if (!path) return writes;
    const data = JSON.stringify({ ...file, webhooks: [...webhooks.values()] } satisfies DiscordFile);
    writes = writes.then(() => writePrivateFile(path, data)).catch((err: Error) => options.warn?.(`${path}: not saved (${err.message})`));
    return writes;
  };

  const channelIdOf = (owner: string, channelName: string) => {
    const key = `${owner}\n${channelName}`;
    file.channels[key] ??= snowflake();
    return file.channels[key];
  };

  const owned = (owner: string, id: string) => {
    const w = webhooks.get(id);
    return w && w.owner === owner ? w : undefined;
  };

  return {
    guildId: file.guildId,
    async createWebhook(owner, { name, channelName }, baseUrl) {
      const inChannel = [...webhooks.values()].filter((w) => w.owner === owner && w.channelName === channelName).length;
      if (inChannel >= MAX_WEBHOOKS_PER_CHANNEL) {
        throw new DiscordWorldError('too-many-webhooks', `Maximum number of webhooks reached (${MAX_WEBHOOKS_PER_CHANNEL}) in #${channelName}`);
      }
      const record: DiscordWebhookRecord = {
        id: snowflake(),
        token: newToken(),
        owner,
        name,
        channelName,
        channelId: channelIdOf(owner, channelName),
        created: new Date().toISOString(),
      };
      webhooks.set(record.id, record);
      await save();
      return { webhook: viewOf(record, baseUrl), url: webhookUrl(baseUrl, record.id, record.token) };
    },
    async deleteWebhook(owner, id) {
      if (!owned(owner, id)) return false;
      webhooks.delete(id);
      await save();
      return true;
    },
    async regenerateToken(owner, id, baseUrl) {
      const w = owned(owner, id);
      if (!w) return undefined;
      w.token = newToken();
      await save();
      return { webhook: viewOf(w, baseUrl), url: webhookUrl(baseUrl, w.id, w.token) };
    },
    view(owner, baseUrl) {
      return { webhooks: [...webhooks.values()].filter((w) => w.owner === owner).map((w) => viewOf(w, baseUrl)) };
    },
    find: (id) => webhooks.get(id),
    snowflake,
    flush: () => writes,
    close: () => writes,
  };
}
