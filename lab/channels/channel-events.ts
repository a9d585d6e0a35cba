// The channels' live events on /api/events (members of the one union in lab/live-events.ts):
// a message a simulator accepted, an SMS's receipt, an exchange as it ends (an SMPP session as it
// goes), deletions, and a world that changed (a bot, a chat, a webhook, an SMS account). Types only.
import type { ChannelId, ChannelMessage, ExchangeSummary } from './channel-wire.js';

export type ChannelEvent =
  | { Type: 'channel-message'; Data: ChannelMessage }
  | { Type: 'channel-message-updated'; Data: ChannelMessage }
  | { Type: 'channel-exchange'; Data: ExchangeSummary }
  /** ids null: every message (of `channel`, or of all channels when it is null) went. */
  | { Type: 'channel-deleted'; Data: { channel: ChannelId | null; ids: string[] | null } }
  /** Refetch /api/lab/channels/<channel>/world: the frame names no bot or token. */
  | { Type: 'channel-world'; Data: { channel: ChannelId; owner: string } };
