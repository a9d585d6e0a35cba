// What BotFather and the Telegram app accept when a student makes a bot or a chat, in their words
// where they have them (BotFather: "Sorry, the username must end in 'bot'…", "…is already taken").
import type { Bilingual, FieldErrors } from '../channel-wire.js';

/** A refusal of the lab's BotFather or Telegram app: the routes answer it with its status. */
export class TelegramWorldError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    readonly text: Bilingual,
    readonly fields?: FieldErrors,
  ) {
    super(text.en);
    this.name = 'TelegramWorldError';
  }
}

export const MAX_BOTS_PER_OWNER = 20;
export const MAX_CHATS_PER_OWNER = 50;

const INVALID = { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' };
const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const invalid = (fields: FieldErrors) => new TelegramWorldError(400, 'invalid_fields', INVALID, fields);

/** Telegram usernames: 5–32 Latin letters, digits and underscores, starting with a letter. */
export const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9]$/;

export function checkBotInput(input: { name?: unknown; username?: unknown }): { name: string; username: string } {
  const name = str(input.name);
  const username = str(input.username).replace(/^@/, '');
  const fields: FieldErrors = {};
  if (!name) fields.name = { ru: 'Как назовём бота? Например, «Оповещения стенда».', en: 'What shall the bot be called? For example, "Stand alerts".' };
  else if (name.length > 64) fields.name = { ru: 'Имя бота — не длиннее 64 символов.', en: 'A bot name is at most 64 characters.' };
  if (!USERNAME.test(username)) {
    fields.username = {
      ru: 'Имя пользователя бота — 5–32 латинские буквы, цифры и «_», начинается с буквы; например, stand_alerts_bot.',
      en: "A bot's username is 5–32 Latin letters, digits and underscores, starting with a letter; for example, stand_alerts_bot.",
    };
  } else if (!/bot$/i.test(username)) {
    fields.username = {
      ru: 'Имя пользователя бота должно оканчиваться на «bot», например Tetris_bot или TetrisBot.',
      en: "Sorry, the username must end in 'bot'. E.g. 'Tetris_bot' or 'Tetrisbot'.",
    };
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return { name, username };
}

export const usernameTaken = () =>
  invalid({
    username: { ru: 'Это имя пользователя уже занято. Попробуйте другое.', en: 'Sorry, this username is already taken. Please try something different.' },
  });

export const tooManyBots = () =>
  new TelegramWorldError(409, 'too_many_bots', {
    ru: `У вас уже ${MAX_BOTS_PER_OWNER} ботов — больше BotFather не даёт. Удалите ненужного.`,
    en: `That I cannot do. You come to me asking for more than ${MAX_BOTS_PER_OWNER} bots. Delete one you no longer need.`,
  });

export const tooManyChats = () =>
  new TelegramWorldError(409, 'too_many_chats', {
    ru: `Чатов уже ${MAX_CHATS_PER_OWNER} — удалите ненужные.`,
    en: `There are ${MAX_CHATS_PER_OWNER} chats already: delete some you no longer need.`,
  });

export interface ChatInput {
  type: 'private' | 'group';
  title: string;
  /** A public group's @username (sendMessage then takes chat_id=@username). */
  username: string | null;
}

export function checkChatInput(input: { type?: unknown; title?: unknown; username?: unknown }): ChatInput {
  const type = input.type;
  const title = str(input.title);
  const username = str(input.username).replace(/^@/, '');
  const fields: FieldErrors = {};
  if (type !== 'private' && type !== 'group') fields.type = { ru: 'Выберите: личный чат или группа.', en: 'Choose a private chat or a group.' };
  if (!title) {
    fields.title =
      type === 'group'
        ? { ru: 'Как называется группа? Например, «Дежурные».', en: 'What is the group called? For example, "On call".' }
        : { ru: 'Как зовут пользователя? Например, «Анна».', en: 'What is the user\'s name? For example, "Anna".' };
  } else if (title.length > 128) {
    fields.title = { ru: 'Не длиннее 128 символов.', en: 'At most 128 characters.' };
  }
  if (username && type !== 'group') {
    fields.username = { ru: 'Имя @username бывает только у публичной группы.', en: 'Only a public group has an @username here.' };
  } else if (username && !USERNAME.test(username)) {
    fields.username = {
      ru: 'Имя группы — 5–32 латинские буквы, цифры и «_», начинается с буквы.',
      en: "A group's username is 5–32 Latin letters, digits and underscores, starting with a letter.",
    };
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return { type: type as ChatInput['type'], title, username: username || null };
}

export const notFound = (what: 'bot' | 'chat') =>
  new TelegramWorldError(
    404,
    `${what}_not_found`,
    what === 'bot' ? { ru: 'Такого бота у вас нет.', en: 'You have no such bot.' } : { ru: 'Такого чата у вас нет.', en: 'You have no such chat.' },
  );
