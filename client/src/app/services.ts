// What every view of the page can reach: the API, the stores fed by the live stream, the
// router and the language. Created once in main.tsx (createServices) and handed down through
// a Preact context, so nothing lives in module-level state.
import { createContext, type ComponentType } from 'preact';
import { useContext } from 'preact/hooks';
import type { InfoResponse } from '../../../server/wire/info.js';
import type { ApiClient } from '../api/api-client.js';
import type { Lang } from '../i18n/bilingual.js';
import type { Format } from '../i18n/format.js';
import type { LiveStatus } from '../live/live-connection.js';
import type { MailboxStore } from '../mailbox/mailbox-store.js';
import type { SessionDetailStore } from '../sessions/session-detail-store.js';
import type { SessionsStore } from '../sessions/sessions-store.js';
import type { Observable, State } from '../ui/observable.js';
import type { Router } from './browser-router.js';
import type { TabRegistry } from './tab-registry.js';

/** What the page knows of the server (GET /api/v1/info). */
export type LabInfo = InfoResponse;

export interface AppServices {
  api: ApiClient;
  tabs: TabRegistry;
  router: Router;
  language: State<Lang>;
  /** Number, size and time formatting for a language (one set of Intl formatters each). */
  format(lang: Lang): Format;
  liveStatus: Observable<LiveStatus>;
  info: Observable<LabInfo | undefined>;
  sessions: SessionsStore;
  sessionDetail: SessionDetailStore;
  mailbox: MailboxStore;
  /** Shown beside every tab's work (the scenario panel), collapsible; not on a standalone page. */
  aside?: ComponentType;
  /** Shown above the bar on every tab (a student's read-only view says so). */
  banner?: ComponentType;
}

export const ServicesContext = createContext<AppServices | undefined>(undefined);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext.Provider>');
  return services;
}
