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
import { createInstructorApi } from '../instructor/instructor-api.js';
import { createInstructorStore } from '../instructor/instructor-store.js';
import { createInstructorTab } from '../instructor/instructor-tab.js';
import { createViewAsBanner } from '../instructor/view-as-banner.js';
import { forgetViewAs, installViewAs, viewAsSocketUrl, type ViewAsStorage } from '../instructor/view-as.js';
import { createLabApi } from '../lab/lab-api.js';
import { createLabStore } from '../lab/lab-store.js';
import { createLabTab } from '../lab/lab-tab.js';
import { createLiveConnection, liveEventsUrl, type LiveConnection, type LiveStatus } from '../live/live-connection.js';
import { createMailboxStore } from '../mailbox/mailbox-store.js';
import { mailboxTab } from '../mailbox/mailbox-tab.js';
import { createReportPage } from '../report/report-page.js';
import { LOCAL_STUDENT } from '../scenarios/scenario-parts.js';
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

function sessionStorageOf(win: Window): ViewAsStorage | undefined {
  try {
    return win.sessionStorage;
  } catch {
    return undefined;
  }
}

export function createServices(win: Window): { services: AppServices; close(): void } {
  // `?as=<address>`: an instructor's read-only look at one student (instructor/view-as.ts); first, so every request carries it.
  const viewAs = installViewAs(win, sessionStorageOf(win));
  if (viewAs) win.document.documentElement.dataset.viewAs = viewAs;
  const api = createApiClient();
  const tabs = createTabRegistry();
  tabs.register(sessionsTab);
  tabs.register(mailboxTab);
  const storage = storageOf(win);
  const language = createState<Lang>(initialLanguage(storage, win.navigator.languages ?? [win.navigator.language]));
  // One lab account for the page: signing in on the Lab tab or the Automaton tab signs in both.
  // In a class the server shows each person only their own inbox: a new identity starts the page afresh.
  const lab = createLabStore(createLabApi(), language, () => {
    if (info.get()?.Lab.ClassMode) win.location.reload();
  });
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
  // The class at a glance, for the instructor; the tab is in the bar only while one is signed in.
  const instructor = createInstructorStore(createInstructorApi(api), lab);
  tabs.register(createInstructorTab(instructor, lab));
  // Who is signed in is asked once the server names a signed-in student (an anonymous page asks nothing that answers 401).
  scenarios.state.subscribe((s) => {
    if (s.student !== undefined && s.student !== LOCAL_STUDENT) lab.start();
  });
  const banner = viewAs
    ? createViewAsBanner(viewAs, () => {
        forgetViewAs(sessionStorageOf(win));
        win.location.assign('/instructor');
      })
    : undefined;
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
    url: viewAs ? viewAsSocketUrl(liveEventsUrl(win.location), viewAs) : liveEventsUrl(win.location),
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
        instructor.resync(),
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
      instructor.apply(events);
    },
    onStatus: (status) => liveStatus.set(status),
  });

  return {
    services: { api, tabs, router, language, format, liveStatus, info, sessions, sessionDetail, mailbox, aside, banner },
    close() {
      connection.live?.close();
      instructor.close();
      router.close();
    },
  };
}
