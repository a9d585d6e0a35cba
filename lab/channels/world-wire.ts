// What a student sets up in each simulator before sending — the lab's stand-ins for BotFather and
// a Telegram app, a Discord server's webhooks, an SMS provider's accounts — as the browser and the
// CLI see it over /api/lab/channels/<channel>/world. A secret (a bot token, a webhook's URL, an
// SMPP password, an SMS.ru api_id) is in the answer that creates it and never again. Types only.

/** A bot as BotFather made it: id and username are public; the token is `${id}:${secret}`. */
export interface TelegramBotView {
  id: number;
  username: string;
  name: string;
  /** The token's first characters, as BotFather lists them: `123456789:AAF…` */
  tokenHint: string;
  created: string;
}

/** How one chat stands with one bot: the user never pressed Start, pressed it, then blocked it; a group the bot is in or was kicked from. */
export type TelegramRelation = 'none' | 'started' | 'blocked' | 'member' | 'kicked';

export interface TelegramChatView {
  /** Positive for a person, negative for a group (as Telegram numbers them). */
  id: number;
  type: 'private' | 'group';
  /** A person's first name, or a group's title. */
  title: string;
  /** Per bot id. */
  relations: Record<string, TelegramRelation>;
}

export interface TelegramWorldView {
  bots: TelegramBotView[];
  chats: TelegramChatView[];
}

export interface DiscordWebhookView {
  id: string;
  name: string;
  /** The channel of the lab's Discord server it posts into, e.g. `alerts`. */
  channelName: string;
  /** `http://127.0.0.1:8027/api/webhooks/<id>/abc…` */
  urlHint: string;
  created: string;
}

export interface DiscordWorldView {
  webhooks: DiscordWebhookView[];
}

export interface SmppAccountView {
  systemId: string;
  created: string;
}

export interface SmsApiKeyView {
  /** The api_id's first characters. */
  hint: string;
  /** Roubles left (SMS.ru answers 201 when a send would cost more). */
  balance: number;
  created: string;
}

export interface SmsWorldView {
  smppAccounts: SmppAccountView[];
  apiKeys: SmsApiKeyView[];
  /** Sender names the lab's gateway accepts (`from`/source_addr); others get 204 / ESME_RINVSRCADR. */
  senderNames: string[];
  /** Numbers that refuse SMS (SMS.ru 209 / an UNDELIV receipt). */
  stopList: string[];
}

/** The answers that carry a secret, once. */
export interface CreatedTelegramBot {
  bot: TelegramBotView;
  token: string;
}
export interface CreatedDiscordWebhook {
  webhook: DiscordWebhookView;
  url: string;
}
export interface CreatedSmppAccount {
  account: SmppAccountView;
  password: string;
}
export interface CreatedSmsApiKey {
  key: SmsApiKeyView;
  apiId: string;
}
