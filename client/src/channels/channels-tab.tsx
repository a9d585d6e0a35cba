// The Messages tab (issue 13): the alert channels besides e-mail — Telegram, Discord, SMS — each
// with its setup (the simulator's world, the integration, the test send), its messages as the
// service shows them, and its exchanges line by line. Wide, the setup is beside the messages (or
// the exchanges), so a test's message is seen arriving; on a phone one part at a time. The store
// lives with the page's services, fed by the live stream from the start. Paths: channels-route.ts.
import { useEffect, useState } from 'preact/hooks';
import { CHANNEL_IDS, type ChannelId } from '../../../lab/channels/channel-wire.js';
import { useServices } from '../app/services.js';
import type { TabDefinition, TabViewProps } from '../app/tab-registry.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { LabStore } from '../lab/lab-store.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { ChannelSetup } from './channel-setup.js';
import { cm } from './channels-messages.js';
import { channelsRouteId, parseChannelsRoute, type ChannelSection, type ChannelsRoute } from './channels-route.js';
import type { ChannelsStore } from './channels-store.js';
import { DiscordChannels } from './discord-channel.js';
import { ExchangesView } from './exchange-view.js';
import { SmsPhones } from './sms-phone.js';
import { TelegramChats } from './telegram-chat.js';
import { ChannelsContext, useChannels } from './world-parts.js';
import './channels.css';

const CHANNEL_NAMES: Record<ChannelId, Bilingual> = {
  telegram: { ru: 'Telegram', en: 'Telegram' },
  discord: { ru: 'Discord', en: 'Discord' },
  sms: { ru: 'SMS', en: 'SMS' },
};
const WIDE = '(min-width: 1000px)';

function useWide(): boolean {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia(WIDE) : undefined;
  const [wide, setWide] = useState(query?.matches ?? true);
  useEffect(() => {
    if (!query) return;
    const onChange = () => setWide(query.matches);
    query.addEventListener('change', onChange);
    onChange();
    return () => query.removeEventListener('change', onChange);
  }, []);
  return wide;
}

function Switcher({ route, wide }: { route: ChannelsRoute; wide: boolean }) {
  const { router } = useServices();
  const { tr, number } = useI18n();
  const store = useChannels();
  const data = useObservable(store.data);
  const sections: ChannelSection[] = wide ? ['messages', 'exchanges'] : ['setup', 'messages', 'exchanges'];
  const current: ChannelSection = wide ? (route.section === 'exchanges' ? 'exchanges' : 'messages') : (route.section ?? 'setup');
  return (
    <header class="ch-head">
      <nav class="ch-channels" aria-label={tr(cm.channels)}>
        {CHANNEL_IDS.map((channel) => (
          <a
            class="ch-channel"
            {...linkProps(router, {
              tab: 'messages',
              id: channelsRouteId({ channel, ...(route.section && route.section !== 'setup' ? { section: route.section } : {}) }),
            })}
            aria-current={channel === route.channel ? 'page' : undefined}
            data-testid="channel-tab"
            data-channel={channel}
          >
            {tr(CHANNEL_NAMES[channel])}
            <span class="ch-channel-count" aria-hidden="true">
              {number(data[channel].total)}
            </span>
          </a>
        ))}
      </nav>
      <nav class="ch-sections" aria-label={tr(cm.sections.label)}>
        {sections.map((section) => (
          <a
            class="ch-section"
            {...linkProps(router, { tab: 'messages', id: channelsRouteId({ channel: route.channel, section }) })}
            aria-current={section === current ? 'page' : undefined}
            data-testid="channel-section"
            data-section={section}
          >
            {tr(cm.sections[section])}
          </a>
        ))}
      </nav>
    </header>
  );
}

function MessagesPanel({ channel, messageId }: { channel: ChannelId; messageId: string | undefined }) {
  const store = useChannels();
  const { tr } = useI18n();
  const data = useObservable(store.data)[channel];
  const View = channel === 'telegram' ? TelegramChats : channel === 'discord' ? DiscordChannels : SmsPhones;
  return (
    <section class="ch-messages" aria-label={tr(cm.sections.messages)} data-testid="channel-messages" data-channel={channel} data-count={data.messages.length}>
      <div class="ch-messages-head">
        <p class="muted small">{data.total > data.messages.length ? tr(cm.messages.shown)(data.messages.length, data.total) : ''}</p>
        {data.messages.length > 0 ? (
          <ConfirmButton
            label={tr(cm.messages.clear)}
            question={tr(cm.messages.clearConfirm)}
            confirm={tr(cm.yes)}
            cancel={tr(cm.cancel)}
            testId="channel-clear"
            onConfirm={() => store.clear(channel).catch(() => undefined)}
          />
        ) : null}
      </div>
      {data.error ? (
        <p class="error small" role="alert">
          {tr(cm.loadFailed)(tr(data.error))}
        </p>
      ) : null}
      {data.loaded ? <View messages={data.messages} messageId={messageId} /> : data.error ? null : <p class="muted small">{tr(cm.loading)}</p>}
    </section>
  );
}

function ChannelsView({ route: tabRoute, lab }: TabViewProps & { lab: LabStore }) {
  const store = useChannels();
  const { tr } = useI18n();
  const wide = useWide();
  const catalog = useObservable(store.catalog);
  const route = parseChannelsRoute(tabRoute.id);
  const info = catalog.channels.find((c) => c.channel === route.channel);
  const section: ChannelSection = route.section ?? (wide ? 'messages' : 'setup');
  const showSetup = wide || section === 'setup';
  const showView = wide || section !== 'setup';
  return (
    <div class="ch-page" data-testid="channels-page" data-channel={route.channel} data-section={section} data-wide={wide ? 'true' : 'false'}>
      <Switcher route={route} wide={wide} />
      <div class={`ch-cols${wide ? ' is-wide' : ''}`}>
        {showSetup ? (
          <div class="ch-col ch-col-setup" data-testid="channel-setup-column">
            <p class="small muted ch-intro">{tr(cm.intro)}</p>
            {catalog.status === 'error' && !info ? (
              <p class="error small" role="alert">
                {tr(cm.loadFailed)(catalog.error ? tr(catalog.error) : '')}{' '}
                <button type="button" class="btn btn-small" onClick={() => void store.resync()}>
                  {tr(cm.retry)}
                </button>
              </p>
            ) : info ? (
              <ChannelSetup info={info} lab={lab} key={info.channel} />
            ) : (
              <p class="muted small">{tr(cm.loading)}</p>
            )}
          </div>
        ) : null}
        {showView ? (
          <div class="ch-col ch-col-view" data-testid="channel-view-column">
            {section === 'exchanges' ? (
              <ExchangesView channel={route.channel} id={route.id} />
            ) : (
              <MessagesPanel channel={route.channel} messageId={route.section === 'messages' ? route.id : undefined} />
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function createChannelsTab(store: ChannelsStore, lab: LabStore): TabDefinition {
  function ChannelsPage(props: TabViewProps) {
    useEffect(() => lab.start(), []);
    return (
      <ChannelsContext.Provider value={store}>
        <ChannelsView {...props} lab={lab} />
      </ChannelsContext.Provider>
    );
  }
  return { id: 'messages', label: cm.tab, order: 25, View: ChannelsPage };
}
