// Mailpit's list, search, read-status and delete routes (../shared/reference/mailpit-api.md).
import { Router, type Request } from 'express';
import { mailboxFor } from '../../inboxes/request-scope.js';
import type { MailboxView } from '../../mailbox/mailbox.js';
import { SearchQueryError } from '../../mailbox/search-query.js';
import { endpoint } from '../endpoint.js';
import { badRequest } from '../http-error.js';
import { pageParams, stringParam } from '../query-params.js';
import { objectBody } from '../request-body.js';

interface IdsBody {
  IDs?: unknown;
  Read?: unknown;
  Search?: unknown;
}

const bodyOf = (req: Request): IdsBody => objectBody(req) as IdsBody;

function idsOf(body: IdsBody): string[] | undefined {
  if (body.IDs === undefined || body.IDs === null) return undefined;
  if (!Array.isArray(body.IDs) || !body.IDs.every((id) => typeof id === 'string')) {
    throw badRequest('IDs must be an array of message ids');
  }
  return body.IDs as string[];
}

/** Runs a search, turning a query the parser cannot read into a 400. */
function searching<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof SearchQueryError) throw badRequest(`bad search query: ${err.message}`);
    throw err;
  }
}

function requiredQuery(req: Request): string {
  const query = stringParam(req, 'query');
  if (query === undefined || !query.trim()) throw badRequest('query is required');
  return query;
}

export function messagesRoutes(all: MailboxView): Router {
  const router = Router();

  endpoint(router, '/api/v1/messages', {
    get(req, res) {
      res.json(mailboxFor(all, res).list(pageParams(req)));
    },
    put: async (req, res) => {
      const mailbox = mailboxFor(all, res);
      const body = bodyOf(req);
      if (body.Read !== undefined && typeof body.Read !== 'boolean') throw badRequest('Read must be true or false');
      const read = body.Read === true;
      const ids = idsOf(body);
      if (ids && ids.length > 0) {
        await mailbox.setRead(ids, read);
      } else if (typeof body.Search === 'string' && body.Search.trim()) {
        const tz = stringParam(req, 'tz');
        const matches = searching(() => mailbox.matching(body.Search as string, tz));
        await mailbox.setRead(
          matches.map((m) => m.ID),
          read,
        );
      } else {
        await mailbox.setRead('all', read);
      }
      res.type('text/plain').send('ok');
    },
    delete: async (req, res) => {
      const mailbox = mailboxFor(all, res);
      const ids = idsOf(bodyOf(req));
      if (ids && ids.length > 0) await mailbox.delete(ids);
      else await mailbox.deleteAll();
      res.type('text/plain').send('ok');
    },
  });

  endpoint(router, '/api/v1/search', {
    get(req, res) {
      const mailbox = mailboxFor(all, res);
      const query = requiredQuery(req);
      const tz = stringParam(req, 'tz');
      res.json(searching(() => mailbox.search(query, { ...pageParams(req), ...(tz ? { tz } : {}) })));
    },
    delete: async (req, res) => {
      const mailbox = mailboxFor(all, res);
      const query = requiredQuery(req);
      const tz = stringParam(req, 'tz');
      const matches = searching(() => mailbox.matching(query, tz));
      await mailbox.delete(matches.map((m) => m.ID));
      res.type('text/plain').send('ok');
    },
  });

  return router;
}
