// The captured messages as each service lays them out — Telegram by chat, Discord by text
// channel, SMS by the phone number that received them — and the merging of what the live stream
// brings (new messages, a receipt that changed an SMS, exchanges as they end, deletions) into
// what the page holds. Pure: the store and the tests use it.
import type { ChannelMessage, ExchangeSummary } from '../../../lab/channels/channel-wire.js';
import { markdownText, parseDiscordMarkdown } from './discord-markdown.js';

export interface MessageGroup {
  /** The chat id, the channel's name, the phone number. */
  key: string;
  title: string;
  /** Oldest first, as a conversation reads. */
  messages: ChannelMessage[];
  last: ChannelMessage;
}

/** ISO times of one server sort as text; equal times keep the order they came in. */
const byCreated = (a: ChannelMessage, b: ChannelMessage) => (a.Created < b.Created ? -1 : a.Created > b.Created ? 1 : 0);

function groupBy(messages: readonly ChannelMessage[], keyOf: (m: ChannelMessage) => { key: string; title: string } | undefined): MessageGroup[] {
  const groups = new Map<string, { title: string; messages: ChannelMessage[] }>();
  for (const message of messages) {
    const id = keyOf(message);
    if (!id) continue;
    const group = groups.get(id.key);
    if (group) group.messages.push(message);
    else groups.set(id.key, { title: id.title, messages: [message] });
  }
  const list: MessageGroup[] = [];
  for (const [key, group] of groups) {
    const sorted = [...group.messages].sort(byCreated);
    const last = sorted.at(-1) as ChannelMessage;
    // The newest message names the chat: a group renamed since shows its new title.
    list.push({ key, title: titleOf(last) ?? group.title, messages: sorted, last });
  }
  // The conversation with the newest message first, as a messenger's list.
  return list.sort((a, b) => byCreated(b.last, a.last));
}

function titleOf(message: ChannelMessage): string | undefined {
  const c = message.Content;
  return c.kind === 'telegram' ? c.chatTitle || String(c.chatId) : c.kind === 'discord' ? c.channelName : c.kind === 'sms' ? formatPhone(c.to) : undefined;
}

/** Telegram: one conversation per chat (a person, or a group), whichever bot wrote to it. */
export function telegramChats(messages: readonly ChannelMessage[]): MessageGroup[] {
  return groupBy(messages, (m) => (m.Content.kind === 'telegram' ? { key: String(m.Content.chatId), title: m.Content.chatTitle } : undefined));
}

/** Discord: one text channel per channel name of the lab's server. */
export function discordChannels(messages: readonly ChannelMessage[]): MessageGroup[] {
  return groupBy(messages, (m) => (m.Content.kind === 'discord' ? { key: m.Content.channelName, title: m.Content.channelName } : undefined));
}

/** SMS: one phone per number that received messages. */
export function smsPhones(messages: readonly ChannelMessage[]): MessageGroup[] {
  return groupBy(messages, (m) => (m.Content.kind === 'sms' ? { key: m.Content.to, title: formatPhone(m.Content.to) } : undefined));
}

/** The group a message belongs to, by the same keys. */
export function groupKeyOf(message: ChannelMessage): string {
  const c = message.Content;
  return c.kind === 'telegram' ? String(c.chatId) : c.kind === 'discord' ? c.channelName : c.to;
}

/** A number as a phone shows it: +7 925 507-06-02 for Russia's eleven digits, else +digits. */
export function formatPhone(digits: string): string {
  const d = digits.replace(/\D/g, '');
  const ru = /^7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(d);
  if (ru) return `+7 ${ru[1]} ${ru[2]}-${ru[3]}-${ru[4]}`;
  return d ? `+${d}` : digits;
}

/** The first line of a message, for a list. */
export function previewOf(message: ChannelMessage): string {
  const c = message.Content;
  // Discord's marks are not shown in a list, as the app shows none in its notifications.
  const text = c.kind === 'discord' ? markdownText(parseDiscordMarkdown(c.content || c.embeds[0]?.title || c.embeds[0]?.description || '')) : c.text;
  return text.split('\n', 1)[0] ?? '';
}

/** New messages on top (newest first), each once; the oldest go past `cap`. */
export function prependMessages(list: readonly ChannelMessage[], added: readonly ChannelMessage[], cap: number): ChannelMessage[] {
  const known = new Set(list.map((m) => m.ID));
  const fresh: ChannelMessage[] = [];
  // `added` is in arrival order: the last to arrive goes on top.
  for (let i = added.length - 1; i >= 0; i--) {
    const message = added[i] as ChannelMessage;
    if (known.has(message.ID)) continue;
    known.add(message.ID);
    fresh.push(message);
  }
  if (fresh.length === 0) return list as ChannelMessage[];
  const merged = [...fresh, ...list];
  return merged.length > cap ? merged.slice(0, cap) : merged;
}

/** A message that changed (an SMS's receipt), in its place; one we do not hold changes nothing. */
export function replaceMessage(list: readonly ChannelMessage[], message: ChannelMessage): ChannelMessage[] {
  const at = list.findIndex((m) => m.ID === message.ID);
  if (at < 0) return list as ChannelMessage[];
  const next = [...list];
  next[at] = message;
  return next;
}

/** Without these ids (messages or exchanges: the server deletes both by id). */
export function withoutIds<T extends { ID: string }>(list: readonly T[], ids: readonly string[]): T[] {
  const gone = new Set(ids);
  const next = list.filter((item) => !gone.has(item.ID));
  return next.length === list.length ? (list as T[]) : next;
}

/** An exchange as it ends — or an SMPP session as it goes, again under the same id: in its place, or on top. */
export function upsertExchange(list: readonly ExchangeSummary[], exchange: ExchangeSummary, cap: number): ExchangeSummary[] {
  const at = list.findIndex((e) => e.ID === exchange.ID);
  if (at >= 0) {
    const next = [...list];
    next[at] = exchange;
    return next;
  }
  const merged = [exchange, ...list];
  return merged.length > cap ? merged.slice(0, cap) : merged;
}
