// The HTTP side of the lab server: the Mailpit-compatible API, smtp-lab's routes, and the
// browser client. Each route family lives in routes/.
import express, { type Express } from 'express';
import type { Mailbox } from '../mailbox/mailbox.js';
import type { SessionStore } from '../sessions/session-store.js';
import { createErrorHandler, unknownRoute } from './http-error.js';
import { healthRoutes, type InfoSource } from './routes/health-routes.js';
import { messageRoutes } from './routes/message-routes.js';
import { messagesRoutes } from './routes/messages-routes.js';
import { sessionsRoutes } from './routes/sessions-routes.js';
import { staticClient } from './static-client.js';

export interface HttpAppDeps {
  mailbox: Mailbox;
  sessions: SessionStore;
  info: InfoSource;
  clientDir: string;
  log: (message: string) => void;
  /** Extra routers mounted before the client (later issues' features). */
  routers?: express.Router[];
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '1mb', strict: false }));
  app.use(healthRoutes(deps.info));
  app.use(messagesRoutes(deps.mailbox));
  app.use(messageRoutes(deps.mailbox));
  app.use(sessionsRoutes(deps.sessions));
  for (const router of deps.routers ?? []) app.use(router);
  app.use('/api', unknownRoute);
  app.use('/view', unknownRoute);
  app.use(staticClient(deps.clientDir));
  app.use(unknownRoute);
  app.use(createErrorHandler(deps.log));
  return app;
}
