// The accounts side of a lab server in one piece, for createLabServer: the account store (in
// --data-dir), browser sign-in sessions, the admin token of the CLI, and the HTTP routers of
// accounts and of the SMTP integration.
import type { Router } from 'express';
import { accountRoutes } from '../http/routes/account-routes.js';
import { integrationRoutes } from '../http/routes/integration-routes.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { ListenerInfo } from '../sessions/wire-types.js';
import { createAccountStore, type AccountStore } from './account-store.js';
import { createAdminToken } from './admin-file.js';
import { createWebSessions } from './web-sessions.js';

export interface LabAccountsOptions {
  dataDir?: string;
  sessions: SessionStore;
  certificate: string;
  host: string;
  listeners: () => ListenerInfo[];
  profile: string;
}

export interface LabAccounts {
  store: AccountStore;
  adminToken: string;
  routers: Router[];
  close(): Promise<void>;
}

export async function createLabAccounts(options: LabAccountsOptions): Promise<LabAccounts> {
  const store = await createAccountStore(options.dataDir ? { dataDir: options.dataDir } : {});
  const webSessions = createWebSessions();
  const adminToken = createAdminToken();
  const reachableHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    store,
    adminToken,
    routers: [
      accountRoutes({ accounts: store, webSessions, adminToken }),
      integrationRoutes({
        accounts: store,
        webSessions,
        sessions: options.sessions,
        certificate: options.certificate,
        host: reachableHost,
        listeners: options.listeners,
        profile: options.profile,
      }),
    ],
    close: () => store.close(),
  };
}
