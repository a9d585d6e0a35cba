// The lab's BotFather and Telegram app: per lab account, the bots it made (each with a token like
// BotFather's, `${id}:${35 characters}`), the chats it has (a person, or a group), how each chat
// stands with each bot, and each bot's queue of updates for getUpdates. Pressing Start queues the
// `/start` message Telegram's app sends, so that a student finds the chat id with getUpdates as
// on the real service; updates are kept 24 hours or until an offset confirms them. In
// telegram.json (mode 0600) with a data directory, in memory without. Owners never see each
// other's bots or chats.
import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { CreatedTelegramBot, TelegramBotView, TelegramChatView, TelegramRelation, TelegramWorldView } from '../world-wire.js';
import { readWorldFile, worldFileStore } from './telegram-world-file.js';
import { botUserJson, chatMemberJson, messageJson, personJson, personOfChat, START_COMMAND, type Json, type PersonShape } from './telegram-objects.js';
import {
  checkBotInput,
  checkChatInput,
  MAX_BOTS_PER_OWNER,
  MAX_CHATS_PER_OWNER,
  notFound,
  tooManyBots,
  tooManyChats,
  usernameTaken,
} from './telegram-world-input.js';

export { TelegramWorldError } from './telegram-world-input.js';

export interface TelegramBot {
  id: number;
  owner: string;
  name: string;
  username: string;
  token: string;
  created: string;
  /** Set by setWebhook: getUpdates then answers 409. The lab delivers no webhooks. */
  webhookUrl: string;
}

export interface TelegramChat {
  id: number;
  owner: string;
  type: 'private' | 'group';
  title: string;
  username: string | null;
  /** Per bot id. */
  relations: Record<string, TelegramRelation>;
  created: string;
}

interface BotRecord extends TelegramBot {
  nextUpdateId: number;
  updates: Array<{ id: number; at: number; body: Json }>;
}

interface ChatRecord extends TelegramChat {
  nextMessageId: number;
}

interface WorldFile {
  version: 1;
  bots: BotRecord[];
  chats: ChatRecord[];
  /** The student as a Telegram user (who adds bots to groups), per owner. */
  people: Record<string, PersonShape>;
}

export interface TelegramWorldOptions {
  dataDir?: string;
  warn?: (message: string) => void;
  /** The clock (tests move it past the 24 hours updates are kept). */
  now?: () => number;
}

export interface TelegramWorld {
  view(owner: string): TelegramWorldView;
  createBot(owner: string, input: { name?: unknown; username?: unknown }): CreatedTelegramBot;
  /** A new token; the old one is refused (401) from now on. */
  revokeToken(owner: string, botId: number): string;
  deleteBot(owner: string, botId: number): void;
  createChat(owner: string, input: { type?: unknown; title?: unknown; username?: unknown }): TelegramChatView;
  deleteChat(owner: string, chatId: number): void;
  /** The user presses Start (a private chat; again after blocking: Restart), or the student adds the bot to the group. */
  start(owner: string, chatId: number, botId: number): TelegramChatView;
  /** start() for tests and the CLI, as the chat's owner (404 when the bot is not theirs too). */
  pressStart(botId: number, chatId: number): TelegramChatView;
  /** The user blocks (or unblocks) the bot; a group kicks it (or adds it back). */
  block(owner: string, chatId: number, botId: number, blocked: boolean): TelegramChatView;

  /** The simulator's side: the records as they stand (live, not copies: read them only). */
  byToken(token: string): Readonly<TelegramBot> | undefined;
  botById(id: number): Readonly<TelegramBot> | undefined;
  botByUsername(username: string): Readonly<TelegramBot> | undefined;
  chat(owner: string, chatId: number): Readonly<TelegramChat> | undefined;
  chatByUsername(owner: string, username: string): Readonly<TelegramChat> | undefined;
  relation(botId: number, chatId: number): TelegramRelation;
  /** The next message id in a chat (the user's /start and the bots' messages share the numbering). */
  nextMessageId(chatId: number): number;
  /** getUpdates: confirms the updates before a positive offset (a negative one keeps the last -offset), then up to `limit`. */
  updates(botId: number, offset: number, limit: number): Json[];
  pendingUpdates(botId: number): number;
  /** Called when a bot gets an update, or its token or the bot itself goes. */
  onUpdate(botId: number, listener: () => void): () => void;
  setWebhook(botId: number, url: string, dropPending: boolean): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_QUEUED_UPDATES = 1000;

/** BotFather's tokens: the bot id, a colon, 35 URL-safe characters starting with AA. */
const newSecret = () => `AA${randomBytes(32).toString('base64url').slice(0, 33)}`;

export async function createTelegramWorld(options: TelegramWorldOptions = {}): Promise<TelegramWorld> {
  const now = options.now ?? Date.now;
  const path = options.dataDir ? join(options.dataDir, 'telegram.json') : undefined;
  const file = path
    ? await readWorldFile<WorldFile>(
        path,
        (f) => f.version === 1 && Array.isArray(f.bots) && Array.isArray(f.chats) && typeof f.people === 'object' && f.people !== null,
      )
    : undefined;
  const bots = new Map<number, BotRecord>((file?.bots ?? []).map((b) => [b.id, b]));
  const chats = new Map<number, ChatRecord>((file?.chats ?? []).map((c) => [c.id, c]));
  const people = new Map<string, PersonShape>(Object.entries(file?.people ?? {}));
  const tokens = new Map<string, number>([...bots.values()].map((b) => [b.token, b.id]));
  const listeners = new Map<number, Set<() => void>>();

  const disk = worldFileStore<WorldFile>(
    path,
    () => ({ version: 1, bots: [...bots.values()], chats: [...chats.values()], people: Object.fromEntries(people) }),
    options.warn,
  );
  const persist = () => disk.persist();

  const notify = (botId: number) => {
    for (const listener of [...(listeners.get(botId) ?? [])]) listener();
  };
  const idTaken = (id: number) => bots.has(id) || chats.has(id) || [...people.values()].some((p) => p.id === id);
  const freshId = (from: number, to: number) => {
    for (;;) {
      const id = randomInt(from, to);
      if (!idTaken(id) && !idTaken(-id)) return id;
    }
  };
  const usernameInUse = (username: string) => {
    const lower = username.toLowerCase();
    return [...bots.values()].some((b) => b.username.toLowerCase() === lower) || [...chats.values()].some((c) => c.username?.toLowerCase() === lower);
  };
  const personOf = (owner: string): PersonShape => {
    let person = people.get(owner);
    if (!person) {
      person = { id: freshId(1_000_000_000, 6_999_999_999), firstName: owner.split('@')[0] || owner };
      people.set(owner, person);
    }
    return person;
  };

  const ownBot = (owner: string, botId: number) => {
    const bot = bots.get(botId);
    if (!bot || bot.owner !== owner) throw notFound('bot');
    return bot;
  };
  const ownChat = (owner: string, chatId: number) => {
    const chat = chats.get(chatId);
    if (!chat || chat.owner !== owner) throw notFound('chat');
    return chat;
  };
  const botView = (b: BotRecord): TelegramBotView => ({
    id: b.id,
    username: b.username,
    name: b.name,
    tokenHint: `${b.token.slice(0, b.token.indexOf(':') + 4)}…`,
    created: b.created,
  });
  const chatView = (chat: ChatRecord): TelegramChatView => {
    const relations: Record<string, TelegramRelation> = {};
    for (const bot of bots.values()) if (bot.owner === chat.owner) relations[String(bot.id)] = chat.relations[String(bot.id)] ?? 'none';
    return { id: chat.id, type: chat.type, title: chat.title, relations };
  };
  const prune = (bot: BotRecord) => {
    const oldest = now() - DAY_MS;
    const kept = bot.updates.filter((u) => u.at >= oldest).slice(-MAX_QUEUED_UPDATES);
    if (kept.length !== bot.updates.length) {
      bot.updates = kept;
      persist();
    }
  };
  const queue = (bot: BotRecord, body: Json) => {
    bot.updates.push({ id: bot.nextUpdateId++, at: now(), body });
    prune(bot);
    persist();
    notify(bot.id);
  };
  const nextMessageId = (chat: ChatRecord) => {
    persist();
    return chat.nextMessageId++;
  };
  const setRelation = (chat: ChatRecord, bot: BotRecord, to: TelegramRelation) => {
    const from = chat.relations[String(bot.id)] ?? 'none';
    chat.relations[String(bot.id)] = to;
    persist();
    return from;
  };
  /** Telegram's member statuses for the lab's relations. */
  const memberStatus = (relation: TelegramRelation) => (relation === 'blocked' || relation === 'kicked' ? 'kicked' : relation === 'none' ? 'left' : 'member');

  const userStarts = (chat: ChatRecord, bot: BotRecord) => {
    const was = setRelation(chat, bot, 'started');
    const person = personOfChat(chat);
    if (was === 'blocked') queue(bot, { my_chat_member: chatMemberJson(bot, chat, person, 'kicked', 'member', now()) });
    queue(bot, { message: messageJson({ messageId: nextMessageId(chat), from: personJson(person), chat, dateMs: now(), ...START_COMMAND }) });
  };
  const botJoinsGroup = (chat: ChatRecord, bot: BotRecord) => {
    const was = setRelation(chat, bot, 'member');
    if (was === 'member') return;
    const person = personOf(chat.owner);
    const user = botUserJson(bot);
    queue(bot, { my_chat_member: chatMemberJson(bot, chat, person, memberStatus(was), 'member', now()) });
    const extra = { new_chat_participant: user, new_chat_member: user, new_chat_members: [user] };
    queue(bot, { message: messageJson({ messageId: nextMessageId(chat), from: personJson(person), chat, dateMs: now(), extra }) });
  };

  const start = (owner: string, chatId: number, botId: number): TelegramChatView => {
    const chat = ownChat(owner, chatId);
    const bot = ownBot(owner, botId);
    if (chat.type === 'private') userStarts(chat, bot);
    else botJoinsGroup(chat, bot);
    return chatView(chat);
  };

  return {
    view(owner) {
      const ownBots = [...bots.values()].filter((b) => b.owner === owner);
      return {
        bots: ownBots.map(botView),
        chats: [...chats.values()].filter((c) => c.owner === owner).map(chatView),
      };
    },
    createBot(owner, input) {
      const { name, username } = checkBotInput(input);
      if (usernameInUse(username)) throw usernameTaken();
      if ([...bots.values()].filter((b) => b.owner === owner).length >= MAX_BOTS_PER_OWNER) throw tooManyBots();
      const id = freshId(7_000_000_000, 8_999_999_999);
      const bot: BotRecord = {
        id,
        owner,
        name,
        username,
        token: `${id}:${newSecret()}`,
        created: new Date(now()).toISOString(),
        webhookUrl: '',
        nextUpdateId: randomInt(100_000_000, 900_000_000),
        updates: [],
      };
      bots.set(id, bot);
      tokens.set(bot.token, id);
      persist();
      return { bot: botView(bot), token: bot.token };
    },
    revokeToken(owner, botId) {
      const bot = ownBot(owner, botId);
      tokens.delete(bot.token);
      bot.token = `${bot.id}:${newSecret()}`;
      tokens.set(bot.token, bot.id);
      persist();
      notify(bot.id);
      return bot.token;
    },
    deleteBot(owner, botId) {
      const bot = ownBot(owner, botId);
      bots.delete(bot.id);
      tokens.delete(bot.token);
      for (const chat of chats.values()) delete chat.relations[String(bot.id)];
      persist();
      notify(bot.id);
    },
    createChat(owner, input) {
      const { type, title, username } = checkChatInput(input);
      if (username && usernameInUse(username)) throw usernameTaken();
      if ([...chats.values()].filter((c) => c.owner === owner).length >= MAX_CHATS_PER_OWNER) throw tooManyChats();
      // A person's id is positive; a (basic) group's is negative, as Telegram numbers them.
      const id = type === 'private' ? freshId(1_000_000_000, 6_999_999_999) : -freshId(4_000_000_000, 4_999_999_999);
      const chat: ChatRecord = { id, owner, type, title, username, relations: {}, created: new Date(now()).toISOString(), nextMessageId: 1 };
      chats.set(id, chat);
      persist();
      return chatView(chat);
    },
    deleteChat(owner, chatId) {
      chats.delete(ownChat(owner, chatId).id);
      persist();
    },
    start,
    pressStart(botId, chatId) {
      const chat = chats.get(chatId);
      if (!chat) throw notFound('chat');
      return start(chat.owner, chatId, botId);
    },
    block(owner, chatId, botId, blocked) {
      const chat = ownChat(owner, chatId);
      const bot = ownBot(owner, botId);
      if (!blocked) {
        if (chat.type === 'private') userStarts(chat, bot);
        else botJoinsGroup(chat, bot);
        return chatView(chat);
      }
      const to = chat.type === 'private' ? 'blocked' : 'kicked';
      const was = setRelation(chat, bot, to);
      const by = chat.type === 'private' ? personOfChat(chat) : personOf(owner);
      if (was !== to) queue(bot, { my_chat_member: chatMemberJson(bot, chat, by, memberStatus(was), 'kicked', now()) });
      return chatView(chat);
    },

    byToken(token) {
      const id = tokens.get(token);
      return id === undefined ? undefined : bots.get(id);
    },
    botById: (id) => bots.get(id),
    botByUsername(username) {
      const lower = username.toLowerCase();
      return [...bots.values()].find((b) => b.username.toLowerCase() === lower);
    },
    chat(owner, chatId) {
      const chat = chats.get(chatId);
      return chat && chat.owner === owner ? chat : undefined;
    },
    chatByUsername(owner, username) {
      const lower = username.toLowerCase();
      return [...chats.values()].find((c) => c.owner === owner && c.username?.toLowerCase() === lower);
    },
    relation: (botId, chatId) => chats.get(chatId)?.relations[String(botId)] ?? 'none',
    nextMessageId(chatId) {
      const chat = chats.get(chatId);
      if (!chat) throw new Error(`no chat ${chatId}`);
      return nextMessageId(chat);
    },
    updates(botId, offset, limit) {
      const bot = bots.get(botId);
      if (!bot) return [];
      prune(bot);
      const before = bot.updates.length;
      if (offset < 0) bot.updates = bot.updates.slice(offset);
      else if (offset > 0) bot.updates = bot.updates.filter((u) => u.id >= offset);
      if (bot.updates.length !== before) persist();
      return bot.updates.slice(0, limit).map((u) => ({ update_id: u.id, ...u.body }));
    },
    pendingUpdates(botId) {
      const bot = bots.get(botId);
      if (!bot) return 0;
      prune(bot);
      return bot.updates.length;
    },
    onUpdate(botId, listener) {
      let set = listeners.get(botId);
      if (!set) listeners.set(botId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(botId);
      };
    },
    setWebhook(botId, url, dropPending) {
      const bot = bots.get(botId);
      if (!bot) return;
      bot.webhookUrl = url;
      if (dropPending) bot.updates = [];
      persist();
      notify(bot.id);
    },
    flush: () => disk.flush(),
    async close() {
      listeners.clear();
      await disk.flush();
    },
  };
}
