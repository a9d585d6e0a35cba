// smtp-lab's session routes: the list (newest first, filtered) and one session with its whole
// dialogue. A live subscriber that joins mid-session fetches the record here, then merges the
// `session` frames of /api/events by line Seq.
import { Router } from 'express';
import type { SessionStore } from '../../sessions/session-store.js';
import type { SessionState } from '../../sessions/wire-types.js';
import { badRequest, notFound } from '../http-error.js';
import { pageParams, stringParam } from '../query-params.js';

const STATES: readonly SessionState[] = ['open', 'closed', 'aborted', 'timed-out'];

export function sessionsRoutes(sessions: SessionStore): Router {
  const router = Router();

  router.get('/api/lab/sessions', (req, res) => {
    const state = stringParam(req, 'state');
    if (state !== undefined && !STATES.includes(state as SessionState)) {
      throw badRequest(`state must be one of ${STATES.join(', ')}`);
    }
    const client = stringParam(req, 'client');
    const user = stringParam(req, 'user');
    res.json(
      sessions.list({
        ...pageParams(req),
        ...(state ? { state: state as SessionState } : {}),
        ...(client ? { client } : {}),
        ...(user !== undefined ? { user } : {}),
      }),
    );
  });

  router.get('/api/lab/sessions/:id', (req, res) => {
    const record = sessions.get(req.params.id);
    if (!record) throw notFound(`session ${req.params.id}`);
    res.json(record);
  });

  router.delete('/api/lab/sessions', async (_req, res) => {
    await sessions.clear();
    res.type('text/plain').send('ok');
  });

  return router;
}
