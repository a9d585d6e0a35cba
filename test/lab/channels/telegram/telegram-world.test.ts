// The lab's BotFather and Telegram app on their own: tokens shaped like BotFather's, ids shaped
// like Telegram's, how a chat stands with a bot and the updates each step queues, the 24 hours
// updates are kept, owners kept apart, and telegram.json (0600) kept across a restart.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramWorld, TelegramWorldError } from '../../../../lab/channels/telegram/telegram-world.js';

const OWNER = 'student@lab.local';
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'telegram-world-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const refusalOf = (action: () => unknown) => {
  try {
    action();
  } catch (err) {
    if (err instanceof TelegramWorldError) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('bots', () => {
  it("are made with BotFather's token shape, listed with a hint only", async () => {
    const world = await createTelegramWorld();
    const { bot, token } = world.createBot(OWNER, { name: 'Оповещения', username: '@Stand_Alerts_Bot' });
    expect(token).toMatch(new RegExp(`^${bot.id}:AA[A-Za-z0-9_-]{33}$`));
    expect(bot).toMatchObject({ username: 'Stand_Alerts_Bot', name: 'Оповещения', tokenHint: `${token.slice(0, token.indexOf(':') + 4)}…` });
    expect(JSON.stringify(world.view(OWNER))).not.toContain(token.slice(-30));
    expect(world.byToken(token)?.id).toBe(bot.id);
  });

  it.each([
    [{ name: 'Alerts', username: 'alerts' }, 'username', /bot/],
    [{ name: 'Alerts', username: '1alertsbot' }, 'username', /5–32/],
    [{ name: 'Alerts', username: 'abot' }, 'username', /5–32/],
    [{ name: '', username: 'alerts_bot' }, 'name', /./],
    [{ name: 'x'.repeat(65), username: 'alerts_bot' }, 'name', /64/],
  ])('BotFather refuses %j', async (input, field, words) => {
    const world = await createTelegramWorld();
    const refused = refusalOf(() => world.createBot(OWNER, input));
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.fields ?? {})).toEqual([field]);
    expect(refused.fields?.[field]?.en).toMatch(words);
    expect(refused.fields?.[field]?.ru).toMatch(/[а-я]/);
  });

  it('usernames are unique across the lab, in any case', async () => {
    const world = await createTelegramWorld();
    world.createBot(OWNER, { name: 'A', username: 'alerts_bot' });
    const refused = refusalOf(() => world.createBot('other@lab.local', { name: 'B', username: 'Alerts_Bot' }));
    expect(refused.fields?.username?.en).toBe('Sorry, this username is already taken. Please try something different.');
  });

  it('a revoked token is refused, a deleted bot leaves its chats', async () => {
    const world = await createTelegramWorld();
    const { bot, token } = world.createBot(OWNER, { name: 'A', username: 'alerts_bot' });
    const chat = world.createChat(OWNER, { type: 'private', title: 'Анна' });
    world.start(OWNER, chat.id, bot.id);
    const fresh = world.revokeToken(OWNER, bot.id);
    expect(fresh).not.toBe(token);
    expect(world.byToken(token)).toBeUndefined();
    expect(world.byToken(fresh)?.id).toBe(bot.id);
    world.deleteBot(OWNER, bot.id);
    expect(world.byToken(fresh)).toBeUndefined();
    expect(world.view(OWNER)).toEqual({ bots: [], chats: [{ id: chat.id, type: 'private', title: 'Анна', relations: {} }] });
  });
});

describe('chats and relations', () => {
  it('a person is positive, a group negative; each bot of the owner starts as none', async () => {
    const world = await createTelegramWorld();
    const { bot } = world.createBot(OWNER, { name: 'A', username: 'alerts_bot' });
    const person = world.createChat(OWNER, { type: 'private', title: 'Анна' });
    const group = world.createChat(OWNER, { type: 'group', title: 'Дежурные' });
    expect(person.id).toBeGreaterThan(0);
    expect(group.id).toBeLessThan(0);
    expect(person.relations).toEqual({ [bot.id]: 'none' });
    expect(refusalOf(() => world.createChat(OWNER, { type: 'channel', title: 'x' })).fields?.type).toBeDefined();
  });

  it.each<[string, 'private' | 'group', Array<['start' | 'block' | 'unblock', string]>, string[]]>([
    ['Start in a private chat', 'private', [['start', 'started']], ['message:/start']],
    [
      'block, then Restart',
      'private',
      [
        ['start', 'started'],
        ['block', 'blocked'],
        ['unblock', 'started'],
      ],
      ['message:/start', 'my_chat_member:member→kicked', 'my_chat_member:kicked→member', 'message:/start'],
    ],
    [
      'a group: added, kicked, added back',
      'group',
      [
        ['start', 'member'],
        ['block', 'kicked'],
        ['start', 'member'],
      ],
      ['my_chat_member:left→member', 'message:joined', 'my_chat_member:member→kicked', 'my_chat_member:kicked→member', 'message:joined'],
    ],
    [
      'adding a member again changes nothing',
      'group',
      [
        ['start', 'member'],
        ['start', 'member'],
      ],
      ['my_chat_member:left→member', 'message:joined'],
    ],
  ])('%s', async (_name, type, steps, updates) => {
    const world = await createTelegramWorld();
    const { bot } = world.createBot(OWNER, { name: 'A', username: 'alerts_bot' });
    const chat = world.createChat(OWNER, { type, title: 'Чат' });
    for (const [step, relation] of steps) {
      const view = step === 'start' ? world.start(OWNER, chat.id, bot.id) : world.block(OWNER, chat.id, bot.id, step === 'block');
      expect(view.relations[bot.id]).toBe(relation);
      expect(world.relation(bot.id, chat.id)).toBe(relation);
    }
    const got = world.updates(bot.id, 0, 100);
    const ids = got.map((u) => u.update_id as number);
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
    const shape = got.map((u) => {
      const member = u.my_chat_member as { old_chat_member: { status: string }; new_chat_member: { status: string }; chat: { id: number } } | undefined;
      if (member) return `my_chat_member:${member.old_chat_member.status}→${member.new_chat_member.status}`;
      const message = u.message as { text?: string; new_chat_members?: unknown[]; chat: { id: number } };
      expect(message.chat.id).toBe(chat.id);
      return message.new_chat_members ? 'message:joined' : `message:${message.text}`;
    });
    expect(shape).toEqual(updates);
  });

  it("owners never see, start or send to each other's bots and chats", async () => {
    const world = await createTelegramWorld();
    const { bot } = world.createBot(OWNER, { name: 'A', username: 'alerts_bot' });
    const chat = world.createChat(OWNER, { type: 'private', title: 'Анна' });
    const other = 'other@lab.local';
    const otherChat = world.createChat(other, { type: 'private', title: 'Борис' });
    expect(world.view(other)).toEqual({ bots: [], chats: [{ id: otherChat.id, type: 'private', title: 'Борис', relations: {} }] });
    expect(refusalOf(() => world.start(other, chat.id, bot.id)).status).toBe(404);
    expect(refusalOf(() => world.start(other, otherChat.id, bot.id)).code).toBe('bot_not_found');
    expect(refusalOf(() => world.revokeToken(other, bot.id)).status).toBe(404);
    expect(refusalOf(() => world.deleteChat(other, chat.id)).code).toBe('chat_not_found');
    expect(world.chat(OWNER, otherChat.id)).toBeUndefined();
    // pressStart acts as the chat's owner: another owner's bot is not found there either.
    expect(refusalOf(() => world.pressStart(bot.id, otherChat.id)).code).toBe('bot_not_found');
    expect(world.pressStart(bot.id, chat.id).relations[bot.id]).toBe('started');
  });
});

describe('the updates queue', () => {
  it('an offset confirms what is before it; a negative one keeps the last updates', async () => {
    const world = await createTelegramWorld();
    const { bot } = world.createBot(OWNER, { name: 'A', username: 'alerts_bot' });
    const chat = world.createChat(OWNER, { type: 'private', title: 'Анна' });
    for (let i = 0; i < 4; i++) world.start(OWNER, chat.id, bot.id);
    const ids = world.updates(bot.id, 0, 100).map((u) => u.update_id as number);
    expect(ids).toHaveLength(4);
    expect(world.updates(bot.id, 0, 2).map((u) => u.update_id)).toEqual(ids.slice(0, 2));
    expect(world.updates(bot.id, ids[1]!, 100).map((u) => u.update_id)).toEqual(ids.slice(1));
    expect(world.updates(bot.id, -1, 100).map((u) => u.update_id)).toEqual(ids.slice(3));
    expect(world.pendingUpdates(bot.id)).toBe(1);
  });

  it('keeps updates 24 hours', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const world = await createTelegramWorld({ now: () => now });
    const { bot } = world.createBot(OWNER, { name: 'A', username: 'alerts_bot' });
    const chat = world.createChat(OWNER, { type: 'private', title: 'Анна' });
    world.start(OWNER, chat.id, bot.id);
    now += 23 * 3600_000;
    expect(world.pendingUpdates(bot.id)).toBe(1);
    now += 2 * 3600_000;
    expect(world.updates(bot.id, 0, 100)).toEqual([]);
  });
});

describe('telegram.json', () => {
  it('keeps the world across a restart, readable by its owner only', async () => {
    const dataDir = await tempDir();
    const first = await createTelegramWorld({ dataDir });
    const { bot, token } = first.createBot(OWNER, { name: 'A', username: 'alerts_bot' });
    const chat = first.createChat(OWNER, { type: 'group', title: 'Дежурные', username: 'duty_room' });
    first.start(OWNER, chat.id, bot.id);
    const before = first.updates(bot.id, 0, 100);
    await first.close();
    expect((await stat(join(dataDir, 'telegram.json'))).mode & 0o777).toBe(0o600);

    const second = await createTelegramWorld({ dataDir });
    expect(second.view(OWNER)).toEqual(first.view(OWNER));
    expect(second.byToken(token)?.id).toBe(bot.id);
    expect(second.chatByUsername(OWNER, 'Duty_Room')?.id).toBe(chat.id);
    expect(second.updates(bot.id, 0, 100)).toEqual(before);
    expect(second.nextMessageId(chat.id)).toBe(2);
    await second.close();
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['another shape', '{"version":2,"bots":[]}'],
  ])('a damaged file (%s) is a clear error', async (_name, text) => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'telegram.json'), text);
    await expect(createTelegramWorld({ dataDir })).rejects.toThrow(/telegram\.json is damaged .*restore it from a backup/);
    expect(await readFile(join(dataDir, 'telegram.json'), 'utf8')).toBe(text);
  });
});
