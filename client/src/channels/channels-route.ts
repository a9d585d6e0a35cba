// The Messages tab's address: /messages/{channel}[.{section}[.{id}]] — telegram, sms.exchanges,
// discord.exchanges.{exchange id}, telegram.messages.{message id} — so a reload, Back and a link
// from a test's result open the same view. The ids are the server's base64url ids (no dots).
import { CHANNEL_IDS, type ChannelId } from '../../../lab/channels/channel-wire.js';

export type ChannelSection = 'setup' | 'messages' | 'exchanges';
const SECTIONS: readonly ChannelSection[] = ['setup', 'messages', 'exchanges'];

export interface ChannelsRoute {
  channel: ChannelId;
  /** Undefined: the channel's default (its setup on a phone, its messages beside it on a wide screen). */
  section?: ChannelSection;
  /** With `messages`: the message to show; with `exchanges`: the exchange opened. */
  id?: string;
}

export function parseChannelsRoute(id: string | undefined): ChannelsRoute {
  const [channel = '', section = '', ...rest] = (id ?? '').split('.');
  if (!CHANNEL_IDS.includes(channel as ChannelId)) return { channel: 'telegram' };
  const route: ChannelsRoute = { channel: channel as ChannelId };
  if (!SECTIONS.includes(section as ChannelSection)) return route;
  route.section = section as ChannelSection;
  const selected = rest.join('.');
  if (selected && section !== 'setup') route.id = selected;
  return route;
}

export function channelsRouteId(route: ChannelsRoute): string {
  if (!route.section) return route.channel;
  return [route.channel, route.section, ...(route.id && route.section !== 'setup' ? [route.id] : [])].join('.');
}
