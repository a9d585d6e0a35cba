// Builds the page's services: API client, stores, router, language and the live connection
// that feeds the stores, one batch per animation frame.
import { createApiClient } from '../api/api-client.js';
import type { Lang } from '../i18n/bilingual.js';
import { createFormat, type Format } from '../i18n/format.js';
import { initialLanguage, rememberLanguage, type LanguageStorage } from '../i18n/language.js';
import { createAutomatonApi } from '../automaton/automaton-api.js';
import { createAutomatonStores } from '../automaton/automaton-stores.js';
import { createAutomatonTab } from '../automaton/automaton-tab.js';
import { createChannelsApi } from '../channels/channels-api.js';
import { createChannelsStore } from '../channels/channels-store.js';
import { createChannelsTab } from '../channels/channels-tab.js';
import { createConsoleStore } from '../console/console-store.js';
import { createConsoleTab } from '../console/console-tab.js';
import { createFaultsApi } from '../faults/faults-api.js';
import { createFaultsStore } from '../faults/faults-store.js';
import { createFaultsTab } from '../faults/faults-tab.js';
import { createLabApi } from '../lab/lab-api.js';
import { createLabStore } from '../lab/lab-store.js';
import { createLabTab } from '../lab/lab-tab.js';
import { createLiveConnection, liveEventsUrl, type LiveConnection, type LiveStatus } from '../live/live-connection.js';
import { createMailboxStore } from '../mailbox/mailbox-store.js';
import { mailboxTab } from '../mailbox/mailbox-tab.js';
import { createReportPage } from '../report/report-page.js';
import { createScenarioSide } from '../scenarios/scenario-side.js';
import { createScenariosApi } from '../scenarios/scenarios-api.js';
import { createScenariosStore } from '../scenarios/scenarios-store.js';
import { createScenariosTab } from '../scenarios/scenarios-tab.js';
import { createSessionDetailStore } from '../sessions/session-detail-store.js';
import { sessionsTab } from '../sessions/sessions-tab.js';
import { createSessionsStore } from '../sessions/sessions-store.js';
import { createState } from '../ui/observable.js';
import { createRouter } from './browser-router.js';
import type { AppServices, LabInfo } from './services.js';
import { createTabRegistry } from './tab-registry.js';

function storageOf(win: Window): LanguageStorage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}

export function createServices(win: Window): { services: AppServices; close(): void } {
  const api = createApiClient();
  const tabs = createTabRegistry();
  tabs.register(sessionsTab);
  tabs.register(mailboxTab);
  const storage = storageOf(win);
  const language = createState<Lang>(initialLanguage(storage, win.navigator.languages ?? [win.navigator.language]));
  // One lab account for the page: signing in on the Lab tab or the Automaton tab signs in both.
  const lab = createLabStore(createLabApi(), language);
  tabs.register(createLabTab(lab));
  // The alert channels besides e-mail, on the same sign-in: captured messages for everyone, the worlds and integrations per account.
  const channels = createChannelsStore(createChannelsApi(api), lab, language);
  tabs.register(createChannelsTab(channels, lab));
  const automaton = createAutomatonStores(createAutomatonApi(api));
  tabs.register(createAutomatonTab(automaton, lab));
  // The student's fault rules, on the same sign-in: fetched when it signs in, fed by the stream.
  const faults = createFaultsStore(createFaultsApi(api), lab);
  tabs.register(createFaultsTab(faults, lab));
  // The SMTP console, on the same sign-in; its connection outlives a visit to another tab.
  const smtpConsole = createConsoleStore({ api, location: win.location, onSignedOut: () => lab.signedOutElsewhere() });
  tabs.register(createConsoleTab(smtpConsole, lab));
  // The scenarios of the student the server names (the same sign-in, or "local"): the tab, the
  // panel beside every tab, fed by the stream, and the printable report as a page of its own.
  const scenariosApi = createScenariosApi(api);
  const scenarios = createScenariosStore(scenariosApi, lab, storage);
  tabs.register(createScenariosTab(scenarios, lab));
  tabs.register(createReportPage(scenariosApi));
  const aside = createScenarioSide(scenarios);
  const router = createRouter(win, () => tabs.list().map((tab) => tab.id), 'sessions');

  const applyLanguage = (lang: Lang) => {
    win.document.documentElement.lang = lang;
  };
  applyLanguage(language.get());
  language.subscribe((lang) => {
    rememberLanguage(storage, lang);
    applyLanguage(lang);
  });

  const formats = new Map<Lang, Format>();
  const format = (lang: Lang) => {
    let found = formats.get(lang);
    if (!found) formats.set(lang, (found = createFormat(lang)));
    return found;
  };

  const liveStatus = createState<LiveStatus>('connecting');
  const info = createState<LabInfo | undefined>(undefined);
  const sessions = createSessionsStore(api);
  const mailbox = createMailboxStore(api);
  const connection: { live?: LiveConnection } = {};
  const sessionDetail = createSessionDetailStore(api, (ids) => connection.live?.follow(ids));

  connection.live = createLiveConnection({
    url: liveEventsUrl(win.location),
    async resync() {
      const loadInfo = api.json<LabInfo>('/api/v1/info').then(
        (value) => info.set(value),
        () => undefined,
      );
      // The automaton and faults stores never reject: a feature that cannot load says so on its page.
      await Promise.all([
        sessions.resync(),
        mailbox.resync(),
        sessionDetail.resync(),
        loadInfo,
        automaton.resync(),
        faults.resync(),
        scenarios.resync(),
        channels.resync(),
      ]);
    },
    apply(events) {
      sessions.apply(events);
      mailbox.apply(events);
      sessionDetail.apply(events);
      automaton.apply(events);
      faults.apply(events);
      scenarios.apply(events);
      channels.apply(events);
    },
    onStatus: (status) => liveStatus.set(status),
  });

  return {
    services: { api, tabs, router, language, format, liveStatus, info, sessions, sessionDetail, mailbox, aside },
    close() {
      connection.live?.close();
      router.close();
    },
  };
}
