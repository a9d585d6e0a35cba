// Inboxes over HTTP: a test author creates a throw-away inbox with its token in one call, uses
// Mailpit's API on it (`/inbox/<token>/api/v1/…`, or Basic auth name:token), and deletes it with
// its mail and sessions at the end. The list is for whoever sees every inbox (the instructor, the
// CLI, a lab of one); a token sees its own inbox only.
import { Router, type Response } from 'express';
import { InboxError, type InboxStore } from '../../inboxes/inbox-store.js';
import { requireScope } from '../../inboxes/request-scope.js';
import type { InboxesList, NewInboxResponse } from '../../wire/inboxes.js';
import { noStore } from '../access.js';
import { endpoint } from '../endpoint.js';
import { HttpError, notFound, userError } from '../http-error.js';
import { objectBody } from '../request-body.js';

export interface InboxRoutesDeps {
  inboxes: InboxStore;
  counts(inbox: string): { messages: number; unread: number };
  /** Deletes a throw-away inbox with its mail and sessions. */
  remove(id: string): Promise<boolean>;
  url(): string;
}

const STATUS: Record<InboxError['code'], number> = { 'invalid-name': 400, 'name-taken': 409, 'too-many': 409, 'no-inbox': 404 };

export function inboxErrorToHttp(err: unknown): HttpError | undefined {
  if (!(err instanceof InboxError)) return undefined;
  return userError(
    STATUS[err.code],
    err.code.replace(/-/g, '_'),
    err.text,
    err.code === 'invalid-name' || err.code === 'name-taken' ? { name: err.text } : undefined,
  );
}

const EVERY_INBOX = {
  ru: 'Список ящиков виден тому, кто видит все ящики (преподаватель, CLI)',
  en: 'The inboxes are listed to whoever sees every inbox (the instructor, the CLI)',
};

export function inboxRoutes(deps: InboxRoutesDeps): Router {
  const { inboxes, counts } = deps;
  const router = Router();
  router.use('/api/lab/inboxes', noStore);
  /** The inbox `id` when the request may see it. */
  const visible = (res: Response, id: string) => {
    const scope = requireScope(res);
    if (scope.kind === 'inbox' && scope.inbox !== id) throw notFound(`inbox ${id}`);
    const inbox = inboxes.get(id, counts);
    if (!inbox) throw notFound(`inbox ${id}`);
    return inbox;
  };

  endpoint(router, '/api/lab/inboxes', {
    get(_req, res) {
      const scope = requireScope(res);
      const list = scope.kind === 'all' ? inboxes.list(counts) : [inboxes.get(scope.inbox, counts)].filter((i) => i !== undefined);
      res.json({ inboxes: list } satisfies InboxesList);
    },
    post: async (req, res) => {
      if (requireScope(res).kind !== 'all') throw userError(403, 'every_inbox_only', EVERY_INBOX);
      const body = objectBody(req);
      const created = await inboxes.create(typeof body.name === 'string' ? { name: body.name } : {});
      res.status(201).json({ ...created, mailpitUrl: `${deps.url()}/inbox/${created.token}` } satisfies NewInboxResponse);
    },
  });

  endpoint(router, '/api/lab/inboxes/:id', {
    get(req, res) {
      res.json({ inbox: visible(res, String(req.params.id)) });
    },
    delete: async (req, res) => {
      const inbox = visible(res, String(req.params.id));
      if (inbox.kind !== 'token') {
        throw userError(400, 'not_throw_away', { ru: 'Удалить можно только временный ящик', en: 'Only a throw-away inbox can be deleted' });
      }
      await deps.remove(inbox.id);
      res.status(204).end();
    },
  });

  return router;
}
