// What the live stream's channel frames do to what the Messages tab holds (lab/channels/
// channel-events.ts): a new message goes on top of its channel, a receipt changes its SMS in
// place, an exchange is added or updated (an SMPP session as it goes), a deletion takes messages
// and exchanges away, and a world that changed for the signed-in account is to be fetched
// again. Pure: the store applies the outcome, the tests check it.
import { CHANNEL_IDS, type ChannelId, type ChannelMessage, type ExchangeSummary } from '../../../lab/channels/channel-wire.js';
import type { LiveEvent } from '../../../lab/live-events.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { prependMessages, replaceMessage, upsertExchange, withoutIds } from './channel-lists.js';

export const MAX_MESSAGES = 300;
export const MAX_EXCHANGES = 200;

export interface ChannelData {
  loaded: boolean;
  /** The last fetch failed (the lists keep what they had). */
  error?: Bilingual;
  /** Newest first. */
  messages: ChannelMessage[];
  total: number;
  exchanges: ExchangeSummary[];
}

export type ChannelsData = Record<ChannelId, ChannelData>;

const noData = (): ChannelData => ({ loaded: false, messages: [], total: 0, exchanges: [] });
export const emptyData = (): ChannelsData => ({ telegram: noData(), discord: noData(), sms: noData() });

export interface LiveOutcome {
  data: ChannelsData;
  /** The open exchange changed: fetch its lines again. */
  refetchExchange: boolean;
  /** The open exchange was deleted. */
  exchangeGone: boolean;
  /** The signed-in account's worlds that changed. */
  worlds: ChannelId[];
}

export interface LiveContext {
  /** The exchange open, and its channel when known. */
  openExchange?: { id: string; channel: ChannelId | undefined };
  /** The signed-in account's address (worlds are per account). */
  owner?: string;
}

export function applyChannelEvents(data: ChannelsData, events: readonly LiveEvent[], context: LiveContext = {}): LiveOutcome {
  let next = data;
  const change = (channel: ChannelId, update: (d: ChannelData) => ChannelData) => {
    const before = next[channel];
    const after = update(before);
    if (after !== before) next = { ...next, [channel]: after };
  };
  const open = context.openExchange;
  const owner = context.owner?.toLowerCase();
  const outcome: Omit<LiveOutcome, 'data'> = { refetchExchange: false, exchangeGone: false, worlds: [] };
  for (const event of events) {
    switch (event.Type) {
      case 'channel-message':
        change(event.Data.Channel, (d) => {
          const messages = prependMessages(d.messages, [event.Data], MAX_MESSAGES);
          return messages === d.messages ? d : { ...d, messages, total: d.total + 1 };
        });
        break;
      case 'channel-message-updated':
        change(event.Data.Channel, (d) => {
          const messages = replaceMessage(d.messages, event.Data);
          return messages === d.messages ? d : { ...d, messages };
        });
        break;
      case 'channel-exchange':
        change(event.Data.Channel, (d) => ({ ...d, exchanges: upsertExchange(d.exchanges, event.Data, MAX_EXCHANGES) }));
        if (event.Data.ID === open?.id) outcome.refetchExchange = true;
        break;
      case 'channel-deleted': {
        const { channel, ids } = event.Data;
        for (const c of channel ? [channel] : CHANNEL_IDS) {
          change(c, (d) => {
            if (!ids) return { ...d, messages: [], total: 0, exchanges: [] };
            const messages = withoutIds(d.messages, ids);
            const exchanges = withoutIds(d.exchanges, ids);
            if (messages === d.messages && exchanges === d.exchanges) return d;
            return { ...d, messages, exchanges, total: Math.max(0, d.total - (d.messages.length - messages.length)) };
          });
        }
        if (open && (ids ? ids.includes(open.id) : !channel || !open.channel || open.channel === channel)) outcome.exchangeGone = true;
        break;
      }
      case 'channel-world':
        if (owner && event.Data.owner.toLowerCase() === owner && !outcome.worlds.includes(event.Data.channel)) outcome.worlds.push(event.Data.channel);
        break;
      default:
        break;
    }
  }
  return { data: next, ...outcome };
}
