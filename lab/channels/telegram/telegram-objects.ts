// The Bot API's JSON objects the lab's Telegram answers with — User, Chat, Message, Update —
// shaped as core.telegram.org/bots/api documents them (fields that would be empty left out).
import type { TextEntity } from '../channel-wire.js';

export interface BotRecordShape {
  id: number;
  name: string;
  username: string;
}

export interface ChatRecordShape {
  id: number;
  type: 'private' | 'group';
  title: string;
  username: string | null;
}

/** A person of the lab's Telegram: the user of a private chat, or the student who adds a bot to a group. */
export interface PersonShape {
  id: number;
  firstName: string;
}

export type Json = Record<string, unknown>;

export const unixTime = (ms: number): number => Math.floor(ms / 1000);

export function botUserJson(bot: BotRecordShape): Json {
  return { id: bot.id, is_bot: true, first_name: bot.name, username: bot.username };
}

/** getMe's answer: the bot's User with the bot-only fields. */
export function getMeJson(bot: BotRecordShape): Json {
  return {
    ...botUserJson(bot),
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
}

export function personJson(person: PersonShape): Json {
  return { id: person.id, is_bot: false, first_name: person.firstName, language_code: 'ru' };
}

export function chatJson(chat: ChatRecordShape): Json {
  if (chat.type === 'private') return { id: chat.id, first_name: chat.title, type: 'private' };
  return { id: chat.id, title: chat.title, ...(chat.username ? { username: chat.username } : {}), type: 'group', all_members_are_administrators: true };
}

/** The person a private chat is with. */
export const personOfChat = (chat: ChatRecordShape): PersonShape => ({ id: chat.id, firstName: chat.title });

export interface MessageInput {
  messageId: number;
  from: Json;
  chat: ChatRecordShape;
  dateMs: number;
  text?: string;
  entities?: ReadonlyArray<TextEntity | Json>;
  extra?: Json;
}

export function messageJson(m: MessageInput): Json {
  return {
    message_id: m.messageId,
    from: m.from,
    chat: chatJson(m.chat),
    date: unixTime(m.dateMs),
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.entities && m.entities.length > 0 ? { entities: m.entities } : {}),
    ...m.extra,
  };
}

/** A my_chat_member update's body: the bot's status in a chat changed (blocked, kicked, added). */
export function chatMemberJson(bot: BotRecordShape, chat: ChatRecordShape, by: PersonShape, from: string, to: string, dateMs: number): Json {
  const status = (s: string) => ({ user: botUserJson(bot), status: s, ...(s === 'kicked' ? { until_date: 0 } : {}) });
  return { chat: chatJson(chat), from: personJson(by), date: unixTime(dateMs), old_chat_member: status(from), new_chat_member: status(to) };
}

/** The /start the app sends when the user presses Start: a bot_command entity over it, as Telegram marks it. */
export const START_COMMAND = { text: '/start', entities: [{ offset: 0, length: 6, type: 'bot_command' }] } as const;
