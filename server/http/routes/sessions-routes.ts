// smtp-lab's session routes: the list (newest first, filtered) and one session with its whole
// dialogue. A live subscriber that joins mid-session fetches the record here, then merges the
// `session` frames of /api/events by line Seq.
import { Router } from 'express';
import { inboxFilter } from '../../inboxes/request-scope.js';
import type { SessionsView } from '../../sessions/session-store.js';
import type { SessionState } from '../../wire/sessions.js';
import { endpoint } from '../endpoint.js';
import { badRequest, notFound } from '../http-error.js';
import { pageParams, stringParam } from '../query-params.js';

const STATES: readonly SessionState[] = ['open', 'closed', 'aborted', 'timed-out'];

export function sessionsRoutes(sessions: SessionsView): Router {
  const router = Router();

  endpoint(router, '/api/lab/sessions', {
    get(req, res) {
      const inbox = inboxFilter(res);
      const state = stringParam(req, 'state');
      if (state !== undefined && !STATES.includes(state as SessionState)) {
        throw badRequest(`state must be one of ${STATES.join(', ')}`);
      }
      const client = stringParam(req, 'client');
      const user = stringParam(req, 'user');
      res.json(
        sessions.list({
          ...pageParams(req),
          ...(inbox !== undefined ? { inbox } : {}),
          ...(state ? { state: state as SessionState } : {}),
          ...(client ? { client } : {}),
          ...(user !== undefined ? { user } : {}),
        }),
      );
    },
    delete: async (_req, res) => {
      await sessions.clear(inboxFilter(res));
      res.type('text/plain').send('ok');
    },
  });

  endpoint(router, '/api/lab/sessions/:id', {
    get(req, res) {
      const inbox = inboxFilter(res);
      const found = sessions.get(String(req.params.id));
      // Another inbox's session is as absent as one that never was.
      const record = found && (inbox === undefined || found.Inbox === inbox) ? found : undefined;
      if (!record) throw notFound(`session ${String(req.params.id)}`);
      res.json(record);
    },
  });

  return router;
}
