// The Messages tab's calls (lab/channels/channels-routes.ts and each simulator's world routes):
// the channels and their forms, the signed-in account's integration of a channel and its test
// send streamed as NDJSON, what the simulators captured, and the bots, chats, webhooks and SMS
// accounts of the account. A failure is the page's ApiError (fields named by the form's names).
import {
  CHANNEL_TEST_STREAM,
  type ChannelExchange,
  type ChannelExchangesList,
  type ChannelId,
  type ChannelIntegrationView,
  type ChannelMessagesList,
  type ChannelSendResult,
  type ChannelInfo,
  type ChannelsCatalog,
  type ChannelTestEvent,
} from '../../../lab/channels/channel-wire.js';
import type {
  CreatedDiscordWebhook,
  CreatedSmppAccount,
  CreatedSmsApiKey,
  CreatedTelegramBot,
  DiscordWorldView,
  SmsWorldView,
  TelegramWorldView,
} from '../../../lab/channels/world-wire.js';
import type { ApiClient } from '../api/api-client.js';
import { ApiError, apiErrorOf } from '../api/api-error.js';
import { readNdjson } from '../lab/ndjson.js';

export { CHANNEL_TEST_STREAM, type ChannelInfo, type ChannelsCatalog, type ChannelTestEvent };

export interface WorldViews {
  telegram: TelegramWorldView;
  discord: DiscordWorldView;
  sms: SmsWorldView;
}

export interface ChannelsApi {
  catalog(): Promise<ChannelsCatalog>;
  messages(channel: ChannelId, limit: number): Promise<ChannelMessagesList>;
  exchanges(channel: ChannelId, limit: number): Promise<ChannelExchangesList>;
  exchange(id: string): Promise<ChannelExchange>;
  clear(channel: ChannelId): Promise<void>;
  saveIntegration(channel: ChannelId, values: Record<string, string | number>): Promise<ChannelIntegrationView>;
  removeIntegration(channel: ChannelId): Promise<void>;
  /** Streams each attempt as it ends (Accept: application/x-ndjson); resolves with the result. */
  sendTest(channel: ChannelId, input: Record<string, string>, onEvent: (event: ChannelTestEvent) => void): Promise<ChannelSendResult>;
  world<C extends ChannelId>(channel: C): Promise<WorldViews[C]>;
  telegram: {
    createBot(name: string, username: string): Promise<CreatedTelegramBot>;
    /** The bot's new token (the old one stops working). */
    newToken(botId: number): Promise<{ token: string }>;
    deleteBot(botId: number): Promise<void>;
    createChat(type: 'private' | 'group', title: string): Promise<void>;
    start(chatId: number, botId: number): Promise<void>;
    block(chatId: number, botId: number, blocked: boolean): Promise<void>;
    deleteChat(chatId: number): Promise<void>;
  };
  discord: {
    createWebhook(name: string, channelName: string): Promise<CreatedDiscordWebhook>;
    /** A new token in the webhook's URL (the old URL then gets 401 Invalid Webhook Token). */
    newUrl(id: string): Promise<{ url: string }>;
    deleteWebhook(id: string): Promise<void>;
  };
  sms: {
    createSmppAccount(systemId: string): Promise<CreatedSmppAccount>;
    deleteSmppAccount(systemId: string): Promise<void>;
    createApiKey(): Promise<CreatedSmsApiKey>;
    deleteApiKey(hint: string): Promise<void>;
  };
}

const enc = encodeURIComponent;

export function createChannelsApi(api: ApiClient, base = ''): ChannelsApi {
  const channelPath = (channel: ChannelId, rest: string) => `/api/lab/channels/${channel}${rest}`;
  const done = async (work: Promise<unknown>) => {
    await work;
  };
  const tg = (rest: string) => channelPath('telegram', rest);

  return {
    catalog: () => api.call<ChannelsCatalog>('GET', '/api/lab/channels'),
    messages: (channel, limit) => api.call<ChannelMessagesList>('GET', `/api/lab/messages?channel=${channel}&limit=${limit}`),
    exchanges: (channel, limit) => api.call<ChannelExchangesList>('GET', `/api/lab/exchanges?channel=${channel}&limit=${limit}`),
    exchange: (id) => api.call<ChannelExchange>('GET', `/api/lab/exchanges/${enc(id)}`),
    clear: (channel) => done(api.call('DELETE', `/api/lab/messages?channel=${channel}`)),
    async saveIntegration(channel, values) {
      return (await api.call<{ integration: ChannelIntegrationView }>('PUT', channelPath(channel, '/integration'), values)).integration;
    },
    removeIntegration: (channel) => done(api.call('DELETE', channelPath(channel, '/integration'))),
    async sendTest(channel, input, onEvent) {
      // The ApiClient answers with the whole body; the stream is read line by line as it comes.
      const res = await fetch(base + channelPath(channel, '/test'), {
        method: 'POST',
        cache: 'no-store',
        headers: { Accept: CHANNEL_TEST_STREAM, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      if (!res.ok) throw await apiErrorOf(res);
      if (!(res.headers.get('content-type') ?? '').includes('ndjson') || !res.body) {
        const result = (await res.json()) as ChannelSendResult;
        onEvent({ type: 'result', result });
        return result;
      }
      let result: ChannelSendResult | undefined;
      await readNdjson(res.body, (value) => {
        const event = value as ChannelTestEvent;
        if (event.type === 'result') result = event.result;
        if (event.type === 'attempt' || event.type === 'result') onEvent(event);
      });
      if (!result) throw new ApiError(0, 'stream_cut', 'The answer was cut off before the result');
      return result;
    },
    world: <C extends ChannelId>(channel: C) => api.call<WorldViews[C]>('GET', channelPath(channel, '/world')),
    telegram: {
      createBot: (name, username) => api.call<CreatedTelegramBot>('POST', tg('/bots'), { name, username }),
      newToken: (botId) => api.call<{ token: string }>('POST', tg(`/bots/${botId}/token`), {}),
      deleteBot: (botId) => done(api.call('DELETE', tg(`/bots/${botId}`))),
      createChat: (type, title) => done(api.call('POST', tg('/chats'), { type, title })),
      start: (chatId, botId) => done(api.call('POST', tg(`/chats/${chatId}/start`), { botId })),
      block: (chatId, botId, blocked) => done(api.call('POST', tg(`/chats/${chatId}/block`), { botId, blocked })),
      deleteChat: (chatId) => done(api.call('DELETE', tg(`/chats/${chatId}`))),
    },
    discord: {
      createWebhook: (name, channelName) => api.call<CreatedDiscordWebhook>('POST', channelPath('discord', '/webhooks'), { name, channelName }),
      newUrl: (id) => api.call<{ url: string }>('POST', channelPath('discord', `/webhooks/${enc(id)}/token`), {}),
      deleteWebhook: (id) => done(api.call('DELETE', channelPath('discord', `/webhooks/${enc(id)}`))),
    },
    sms: {
      createSmppAccount: (systemId) => api.call<CreatedSmppAccount>('POST', channelPath('sms', '/smpp-accounts'), systemId ? { systemId } : {}),
      deleteSmppAccount: (systemId) => done(api.call('DELETE', channelPath('sms', `/smpp-accounts/${enc(systemId)}`))),
      createApiKey: () => api.call<CreatedSmsApiKey>('POST', channelPath('sms', '/api-keys'), {}),
      deleteApiKey: (hint) => done(api.call('DELETE', channelPath('sms', `/api-keys/${enc(hint)}`))),
    },
  };
}
