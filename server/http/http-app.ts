// The HTTP side of the lab server: the Mailpit-compatible API, smtp-lab's routes, and the
// browser client. Each route family lives in routes/; features add theirs as routers.
import express, { type Express, type RequestHandler } from 'express';
import type { MailboxView } from '../mailbox/mailbox.js';
import type { SessionsView } from '../sessions/session-store.js';
import { createErrorHandler, unknownRoute, userError, type ErrorTranslator } from './http-error.js';
import type { RequestPolicy } from './request-policy.js';
import { healthRoutes, type InfoSource } from './routes/health-routes.js';
import { messageRoutes } from './routes/message-routes.js';
import { messagesRoutes } from './routes/messages-routes.js';
import { sessionsRoutes } from './routes/sessions-routes.js';
import { staticClient } from './static-client.js';

export interface HttpAppDeps {
  mailbox: MailboxView;
  sessions: SessionsView;
  info: InfoSource;
  clientDir: string;
  policy: RequestPolicy;
  log: (message: string) => void;
  /** Domain errors turned into HTTP answers (read at each error: features add theirs later). */
  translators?: readonly ErrorTranslator[];
  /** Extra routers mounted before the client (accounts, the lab's features). */
  routers?: express.Router[];
  /** Puts each request's scope (which inboxes it sees) in res.locals.scope, before any route. */
  scope: RequestHandler;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request must name this server as its Host (DNS rebinding), and every request that
 * changes something must not come from another site's page (its Origin).
 */
function requestGuard(policy: RequestPolicy): RequestHandler {
  return (req, _res, next) => {
    if (!policy.hostAllowed(req)) {
      next(
        userError(403, 'host_not_allowed', {
          en: `this server does not answer to the host name "${req.headers.host ?? ''}"; start it with --allowed-hosts to add one`,
          ru: `этот сервер не отвечает на имя «${req.headers.host ?? ''}»; добавьте его при запуске: --allowed-hosts`,
        }),
      );
      return;
    }
    if (!SAFE_METHODS.has(req.method) && !policy.originAllowed(req)) {
      next(userError(403, 'cross_origin', { ru: 'Запрос с другого сайта отклонён', en: 'A request from another site was refused' }));
      return;
    }
    next();
  };
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestGuard(deps.policy));
  app.use(deps.scope);
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
  app.use(createErrorHandler(deps.log, deps.translators ?? []));
  return app;
}
