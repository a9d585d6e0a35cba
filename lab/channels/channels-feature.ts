// The alert channels besides e-mail as a feature of the lab server: a local stand-in for each
// real service (the Telegram Bot API, Discord webhooks, an SMPP SMS centre, an SMS.ru-like
// gateway), each on its own port; what they accept captured like mail (channel-store.ts) and
// live on /api/events; each account's integration of each channel with its test send; and the
// port the objects' automatons send their channel alerts through. Plugged in by server/lab-server.ts.
import { ownerAudience, type Audience } from '../../server/live/event-hub.js';
import type { LabEngine, LabFeature } from '../../server/engine.js';
import type { ChannelAlertPort } from './channel-alerts.js';
import type { ChannelDriver, SimulatorAddresses, WorldRoutesDeps } from './channel-driver.js';
import type { ChannelEvent } from './channel-events.js';
import { createChannelIntegrationStore, type ChannelIntegrationStore } from './channel-integration-store.js';
import { createChannelStore, type ChannelStore, type ChannelStoreEvent } from './channel-store.js';
import type { ChannelId, ChannelSendResult, SimulatorInfo } from './channel-wire.js';
import { CHANNEL_DRIVERS } from './channel-drivers.js';
import { channelsRoutes } from './channels-routes.js';
import { discordWorldRoutes } from './discord/discord-routes.js';
import { createDiscordSimulator } from './discord/discord-simulator.js';
import { createDiscordWorld } from './discord/discord-world.js';
import { smsWorldRoutes } from './sms/sms-routes.js';
import { createSmppCentre } from './sms/smpp-centre.js';
import { createSmsRuGateway } from './sms/sms-ru-gateway.js';
import { createSmsWorld } from './sms/sms-world.js';
import { telegramWorldRoutes } from './telegram/telegram-routes.js';
import { createTelegramSimulator } from './telegram/telegram-simulator.js';
import { createTelegramWorld } from './telegram/telegram-world.js';

export interface ChannelsFeatureOptions {
  /** The address the simulators bind (the lab's --host). */
  host: string;
  /** Each simulator's port: 0 any free one, false none (`npm start`: 8026, 8027, 8028, 2775). */
  telegramPort?: number | false;
  discordPort?: number | false;
  smsPort?: number | false;
  smppPort?: number | false;
  /** Messages kept in all channels (the mailbox's cap by default). */
  maxMessages?: number;
  /** The services' rate limits, smaller in tests. */
  limits?: {
    telegram?: Parameters<typeof createTelegramSimulator>[0]['limits'];
    discord?: Parameters<typeof createDiscordSimulator>[0]['limits'];
    smppThrottle?: Parameters<typeof createSmppCentre>[0]['throttle'];
  };
}

export interface ChannelsFeature extends LabFeature {
  store: ChannelStore;
  integrations: ChannelIntegrationStore;
  worlds: {
    telegram: Awaited<ReturnType<typeof createTelegramWorld>>;
    discord: Awaited<ReturnType<typeof createDiscordWorld>>;
    sms: Awaited<ReturnType<typeof createSmsWorld>>;
  };
  simulators(): SimulatorInfo[];
  addresses(): SimulatorAddresses;
  /** «send-sms», «send-telegram», «send-discord» of the automatons go through here. */
  alerts: ChannelAlertPort;
}

type Closable = { close(): Promise<void> | void };

/** Who may see a store event: the owner of the message or exchange; a deletion names nobody's data. */
function audienceOf(event: ChannelStoreEvent): Audience {
  switch (event.kind) {
    case 'message':
    case 'message-updated':
      return ownerAudience(event.message.Owner);
    case 'exchange':
      return ownerAudience(event.exchange.Owner);
    case 'deleted':
      return 'everyone';
  }
}

function eventOf(event: ChannelStoreEvent): ChannelEvent {
  switch (event.kind) {
    case 'message':
      return { Type: 'channel-message', Data: event.message };
    case 'message-updated':
      return { Type: 'channel-message-updated', Data: event.message };
    case 'exchange':
      return { Type: 'channel-exchange', Data: event.exchange };
    case 'deleted':
      return { Type: 'channel-deleted', Data: { channel: event.channel, ids: event.ids } };
  }
}

const notSaved = (driver: ChannelDriver): ChannelSendResult => ({
  ok: false,
  message: {
    ru: `Интеграция «${driver.name.ru}» не сохранена: оповещение не отправлено. Сохраните её на вкладке «Сообщения» и повторите.`,
    en: `No ${driver.name.en} integration is saved, so the alert was not sent. Save it on the Messages tab and try again.`,
  },
  status: null,
  reply: null,
  explanation: null,
  attempts: [],
  messageId: null,
  exchangeId: null,
});

export async function createChannelsFeature(engine: LabEngine, options: ChannelsFeatureOptions): Promise<ChannelsFeature> {
  const warn = (message: string) => engine.log('warn', message);
  const dataDir = engine.dataDir;
  const opened: Closable[] = [];
  const stopping = new AbortController();
  try {
    const store = await createChannelStore({ ...(dataDir ? { dataDir } : {}), ...(options.maxMessages ? { maxMessages: options.maxMessages } : {}), warn });
    opened.push(store);
    const drivers = new Map<ChannelId, ChannelDriver>(CHANNEL_DRIVERS.map((d) => [d.channel, d]));
    const integrations = await createChannelIntegrationStore({ drivers: CHANNEL_DRIVERS, ...(dataDir ? { dataDir } : {}), warn });
    opened.push(integrations);
    const worlds = {
      telegram: await createTelegramWorld({ ...(dataDir ? { dataDir } : {}), warn }),
      discord: await createDiscordWorld({ ...(dataDir ? { dataDir } : {}), warn }),
      sms: await createSmsWorld({ ...(dataDir ? { dataDir } : {}), warn }),
    };
    opened.push(...Object.values(worlds));

    const host = options.host;
    const simulators: SimulatorInfo[] = [];
    const addresses: SimulatorAddresses = {};
    if (options.telegramPort !== false) {
      const sim = await createTelegramSimulator({
        host,
        port: options.telegramPort ?? 0,
        store,
        world: worlds.telegram,
        ...(options.limits?.telegram ? { limits: options.limits.telegram } : {}),
      });
      opened.push(sim);
      addresses.telegram = sim.url;
      simulators.push({
        channel: 'telegram',
        service: 'telegram-bot-api',
        name: { ru: 'Telegram Bot API', en: 'Telegram Bot API' },
        url: sim.url,
        port: sim.port,
      });
    }
    if (options.discordPort !== false) {
      const sim = await createDiscordSimulator({
        host,
        port: options.discordPort ?? 0,
        store,
        world: worlds.discord,
        ...(options.limits?.discord ? { limits: options.limits.discord } : {}),
      });
      opened.push(sim);
      addresses.discord = sim.url;
      simulators.push({
        channel: 'discord',
        service: 'discord-webhook',
        name: { ru: 'вебхуки Discord', en: 'Discord webhooks' },
        url: sim.url,
        port: sim.port,
      });
    }
    if (options.smsPort !== false) {
      const sim = await createSmsRuGateway({ host, port: options.smsPort ?? 0, store, world: worlds.sms });
      opened.push(sim);
      addresses.smsRu = sim.url;
      simulators.push({
        channel: 'sms',
        service: 'sms-ru',
        name: { ru: 'SMS-шлюз (как SMS.ru)', en: 'SMS gateway (like SMS.ru)' },
        url: sim.url,
        port: sim.port,
      });
    }
    if (options.smppPort !== false) {
      const sim = await createSmppCentre({
        host,
        port: options.smppPort ?? 0,
        store,
        world: worlds.sms,
        ...(options.limits?.smppThrottle ? { throttle: options.limits.smppThrottle } : {}),
      });
      opened.push(sim);
      addresses.smpp = { host: new URL(sim.url).hostname, port: sim.port };
      simulators.push({ channel: 'sms', service: 'smpp', name: { ru: 'SMS-центр (SMPP)', en: 'SMS centre (SMPP)' }, url: sim.url, port: sim.port });
    }

    const unsubscribe = store.onEvent((event) => engine.publish(eventOf(event), audienceOf(event)));

    /** A send through a driver, linked to what the lab's simulator captured of it. */
    const send = async (
      _owner: string,
      channel: ChannelId,
      settings: Record<string, string | number | boolean>,
      input: import('./channel-wire.js').ChannelTestInput,
      onAttempt?: (attempt: import('./channel-wire.js').ChannelAttempt) => void,
      signal?: AbortSignal,
    ): Promise<ChannelSendResult> => {
      const driver = drivers.get(channel) as ChannelDriver;
      const { serviceMessageId, ...result } = await driver.send(settings, input, {
        signal: signal ? AbortSignal.any([signal, stopping.signal]) : stopping.signal,
        ...(onAttempt ? { onAttempt } : {}),
      });
      const captured = serviceMessageId ? store.findByServiceId(channel, serviceMessageId) : undefined;
      return captured ? { ...result, messageId: captured.ID, exchangeId: captured.ExchangeID } : result;
    };

    const alerts: ChannelAlertPort = {
      async send(owner, channel, alert, onAttempt, signal) {
        const driver = drivers.get(channel) as ChannelDriver;
        const settings = integrations.get(owner, channel);
        if (!settings) return notSaved(driver);
        const input = {
          text: alert.text,
          ...(alert.to ? { to: alert.to } : {}),
          ...(alert.title ? { title: alert.title } : {}),
          ...(alert.parseMode ? { parseMode: alert.parseMode } : {}),
        };
        try {
          return await send(owner, channel, settings, input, onAttempt, signal);
        } catch (err) {
          return {
            ...notSaved(driver),
            message: { ru: `Оповещение не отправлено: ${(err as Error).message}`, en: `The alert was not sent: ${(err as Error).message}` },
          };
        }
      },
    };

    const worldDeps = (channel: ChannelId): WorldRoutesDeps => ({
      guard: engine.requireAccount,
      ownerOf: (res) => res.locals.address as string,
      changed: (owner) => engine.publish({ Type: 'channel-world', Data: { channel, owner } } satisfies ChannelEvent, ownerAudience(owner)),
    });

    return {
      store,
      integrations,
      worlds,
      simulators: () => [...simulators],
      addresses: () => ({ ...addresses }),
      alerts,
      routers: [
        channelsRoutes({
          engine,
          store,
          integrations,
          drivers,
          simulators: () => [...simulators],
          addresses: () => ({ ...addresses }),
          send,
          signal: stopping.signal,
        }),
        telegramWorldRoutes(worlds.telegram, worldDeps('telegram')),
        discordWorldRoutes(worlds.discord, { ...worldDeps('discord'), baseUrl: () => addresses.discord ?? '' }),
        smsWorldRoutes(worlds.sms, worldDeps('sms')),
      ],
      async close() {
        stopping.abort();
        unsubscribe();
        for (const part of opened.reverse()) await part.close();
      },
    };
  } catch (err) {
    for (const part of opened.reverse()) await Promise.resolve(part.close()).catch(() => undefined);
    throw err;
  }
}
