// The alert channels besides e-mail — Telegram, Discord, SMS — as data on the wire: what the
// lab's simulators captured (a message as the service would show it, and the request/response
// exchange that carried it, line by line), each channel's integration as a client sees it, and
// what a send answers. Types only: the browser client, the CLI and the server import this file.
import type { Bilingual } from '../../server/wire/bilingual.js';
import type { FieldErrors } from '../../server/wire/http-errors.js';

export type { Bilingual, FieldErrors };

export type ChannelId = 'telegram' | 'discord' | 'sms';
export const CHANNEL_IDS: readonly ChannelId[] = ['telegram', 'discord', 'sms'];

/** The service a simulator speaks: SMS has two (an SMPP centre and an SMS.ru-like HTTP gateway). */
export type ChannelService = 'telegram-bot-api' | 'discord-webhook' | 'smpp' | 'sms-ru';

/** A Telegram message entity (offsets and lengths in UTF-16 code units, as the Bot API counts them). */
export interface TextEntity {
  type: 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'code' | 'pre' | 'text_link' | 'blockquote' | 'custom_emoji' | 'mention' | 'url';
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export interface TelegramContent {
  kind: 'telegram';
  botId: number;
  botUsername: string;
  chatId: number;
  /** The chat as the app shows it: a person's name or the group's title. */
  chatTitle: string;
  messageId: number;
  /** The text after entity parsing (markup removed), as the app renders it with `entities`. */
  text: string;
  entities: TextEntity[];
  parseMode: 'HTML' | 'MarkdownV2' | 'Markdown' | null;
  disableNotification: boolean;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  author?: { name: string; url?: string };
  image?: { url: string };
  thumbnail?: { url: string };
  timestamp?: string;
}

export interface DiscordContent {
  kind: 'discord';
  webhookId: string;
  /** The webhook's own name; `username` overrides it for one message. */
  webhookName: string;
  channelName: string;
  username: string | null;
  avatarUrl: string | null;
  content: string;
  embeds: DiscordEmbed[];
  messageId: string;
}

export type SmsEncoding = 'GSM-7' | 'UCS-2';
/** SMPP delivery receipt states (SMPP 3.4 appendix B). */
export type SmsStatus = 'ENROUTE' | 'DELIVRD' | 'UNDELIV' | 'REJECTD' | 'EXPIRED';

export interface SmsSegmentation {
  encoding: SmsEncoding;
  /** Characters as the encoding counts them (a GSM-7 extension character such as € counts 2). */
  characters: number;
  parts: number;
  /** 160/153 for GSM-7, 70/67 for UCS-2: what one part holds here. */
  perPart: number;
}

export interface SmsContent extends SmsSegmentation {
  kind: 'sms';
  /** The sender name or number (SMPP source_addr, SMS.ru `from`). */
  from: string;
  /** The phone number, digits only with the country code (79255070602). */
  to: string;
  text: string;
  smsId: string;
  status: SmsStatus;
}

export type ChannelContent = TelegramContent | DiscordContent | SmsContent;

export interface ChannelMessage {
  ID: string;
  Channel: ChannelId;
  Service: ChannelService;
  /** ISO time it was accepted. */
  Created: string;
  /** The exchange that carried it (its request and the reply). */
  ExchangeID: string;
  /** Who the simulator's objects (bot, webhook, sender) belong to: a lab account, or `local`. */
  Owner: string;
  Content: ChannelContent;
}

/** One line of an exchange: what the client sent, what the service answered, or an event. */
export interface ExchangeLine {
  Dir: 'C' | 'S' | 'E';
  /** Milliseconds since the exchange started. */
  Ms: number;
  Text: string;
  /** A secret (token, password, api_id) was replaced on this line. */
  Masked?: boolean;
}

/** Why a request was answered with an error, and what to change (the same design as the SMTP explainer). */
export interface ChannelExplanation {
  /** A stable key of the case, e.g. `telegram-chat-not-found`. */
  code: string;
  cause: Bilingual;
  /** The integration (or test) field to fix; null when no setting is wrong (a rate limit, an outage). */
  field: string | null;
  fix: Bilingual;
}

/** One request and its reply (HTTP), or one SMPP session (bind … unbind): the dialogue of a channel. */
export interface ChannelExchange {
  ID: string;
  Channel: ChannelId;
  Service: ChannelService;
  Started: string;
  /** Null while an SMPP session is still bound. */
  Ended: string | null;
  /** The client's address and port. */
  Client: string;
  /** One line for lists: `POST /bot123:●●●/sendMessage` or `SMPP bind_transceiver lab-sms`. */
  Summary: string;
  /** The HTTP status, or the last SMPP command_status (0 = ESME_ROK); null before any answer. */
  Status: number | null;
  Ok: boolean;
  Lines: ExchangeLine[];
  /** The messages this exchange delivered. */
  MessageIDs: string[];
  /** Set when the service refused: what the student did and what to try. */
  Explanation: ChannelExplanation | null;
  Owner: string;
}

export type ExchangeSummary = Omit<ChannelExchange, 'Lines'> & { LineCount: number };

export interface ChannelMessagesList {
  total: number;
  messages: ChannelMessage[];
}

export interface ChannelExchangesList {
  total: number;
  exchanges: ExchangeSummary[];
}

/** A simulator as the start-up summary and the page list it: where it listens. */
export interface SimulatorInfo {
  channel: ChannelId;
  service: ChannelService;
  name: Bilingual;
  /** e.g. http://127.0.0.1:8026 (what a client's apiRoot / base URL is set to), smpp://127.0.0.1:2775 */
  url: string;
  port: number;
}

/** One attempt of a send, as the sender logs it. */
export interface ChannelAttempt {
  n: number;
  of: number;
  at: string;
  /** HTTP status or SMPP command_status; null when nothing answered (refused, timed out). */
  status: number | null;
  /** The reply verbatim (the body, or the PDU's status name); null when nothing answered. */
  reply: string | null;
  /** The service asked to wait this long (Telegram's retry_after, Discord's retry_after, Retry-After). */
  retryAfterSeconds: number | null;
  /** A transient failure (429, 5xx, a refused connection, throttled): worth another attempt. */
  transient: boolean;
}

export interface ChannelSendResult {
  ok: boolean;
  /** «Сообщение отправлено в Telegram» / the failure, for a person. */
  message: Bilingual;
  status: number | null;
  reply: string | null;
  explanation: ChannelExplanation | null;
  attempts: ChannelAttempt[];
  /** The captured message, when the send went to the lab's own simulator. */
  messageId: string | null;
  exchangeId: string | null;
}

/** A preset of a channel's integration: the lab's simulator, or the real service. */
export interface ChannelPreset {
  id: string;
  name: Bilingual;
  note: Bilingual;
  /** The fields the preset fills in (addresses, ports); the credentials stay the student's. */
  values: Record<string, string | number>;
  real: boolean;
}

/** What a client is shown of a saved channel integration: every secret write-only (`<field>Set`). */
export interface ChannelIntegrationView {
  channel: ChannelId;
  values: Record<string, string | number | boolean>;
  /** For each secret field, whether one is saved. */
  secretsSet: Record<string, boolean>;
}

/** A test send's message, as the form holds it. */
export interface ChannelTestInput {
  text: string;
  /** SMS: the phone number; Telegram: another chat id than the saved one; Discord: unused. */
  to?: string;
  /** Discord: an embed's title above the text (an automaton's alert); the others send it as the first line. */
  title?: string;
  /** Telegram: overrides the integration's parse mode for this message ('none': plain text). */
  parseMode?: 'HTML' | 'MarkdownV2' | 'none';
}

/** One field of a channel's form, as the server describes it (the page builds the form from these). */
export interface ChannelField {
  name: string;
  label: Bilingual;
  kind: 'text' | 'number' | 'select';
  /** Write-only: never returned to a client, kept when a save leaves it empty. */
  secret?: boolean;
  options?: ReadonlyArray<{ value: string; label: Bilingual }>;
  placeholder?: string;
  help?: Bilingual;
}

/** One channel in GET /api/lab/channels. */
export interface ChannelInfo {
  channel: ChannelId;
  name: Bilingual;
  fields: readonly ChannelField[];
  testFields: readonly ChannelField[];
  presets: ChannelPreset[];
  /** Null when nothing is saved, or nobody is signed in. */
  integration: ChannelIntegrationView | null;
}

/** GET /api/lab/channels. */
export interface ChannelsCatalog {
  simulators: SimulatorInfo[];
  channels: ChannelInfo[];
}

/** POST /api/lab/channels/:channel/test with Accept: application/x-ndjson — one JSON object a line. */
export const CHANNEL_TEST_STREAM = 'application/x-ndjson';
export type ChannelTestEvent = { type: 'attempt'; attempt: ChannelAttempt } | { type: 'result'; result: ChannelSendResult };
