// The channels over HTTP: the simulators and each channel's form (/api/lab/channels), the
// signed-in account's integration of a channel and its test send, and — for test authors and the
// Messages page — what the simulators captured: messages (list, get, wait for, delete) and the
// exchanges that carried them, line by line.
import { Router, type Request, type Response } from 'express';
import type { LabEngine } from '../../server/engine.js';
import { noStore } from '../../server/http/access.js';
import { inboxFilter } from '../../server/inboxes/request-scope.js';
import { endpoint } from '../../server/http/endpoint.js';
import { HttpError, notFound, userError } from '../../server/http/http-error.js';
import { objectBody } from '../../server/http/request-body.js';
import type { ChannelDriver, SimulatorAddresses } from './channel-driver.js';
import type { ChannelIntegrationStore } from './channel-integration-store.js';
import { ChannelWaitTimeout, type ChannelStore, type MessageFilter } from './channel-store.js';
import {
  CHANNEL_IDS,
  CHANNEL_TEST_STREAM,
  type ChannelAttempt,
  type ChannelId,
  type ChannelsCatalog,
  type ChannelSendResult,
  type ChannelTestEvent,
  type SimulatorInfo,
} from './channel-wire.js';

export interface ChannelsRoutesDeps {
  engine: LabEngine;
  store: ChannelStore;
  integrations: ChannelIntegrationStore;
  drivers: ReadonlyMap<ChannelId, ChannelDriver>;
  simulators(): SimulatorInfo[];
  addresses(): SimulatorAddresses;
  /** The send of a test or an alert, with the captured message found when it went to the lab. */
  send: (
    owner: string,
    channel: ChannelId,
    settings: Record<string, string | number | boolean>,
    text: import('./channel-wire.js').ChannelTestInput,
    onAttempt?: (a: ChannelAttempt) => void,
    signal?: AbortSignal,
  ) => Promise<ChannelSendResult>;
  signal: AbortSignal;
}

const INVALID_FIELDS = { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' };
const MAX_WAIT_MS = 60_000;

function channelOf(req: Request, drivers: ReadonlyMap<ChannelId, ChannelDriver>): ChannelDriver {
  const driver = drivers.get(req.params.channel as ChannelId);
  if (!driver) {
    throw userError(404, 'unknown_channel', {
      ru: `Нет канала «${String(req.params.channel)}»: есть ${CHANNEL_IDS.join(', ')}`,
      en: `No channel "${String(req.params.channel)}": there are ${CHANNEL_IDS.join(', ')}`,
    });
  }
  return driver;
}

function count(value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(400, 'bad_request', `not a count: ${String(value)}`);
  return Math.min(n, max);
}

/** The request's filter, within what its scope sees (a student or a test inbox: only its own). */
function filterOf(req: Request, res: Response): MessageFilter {
  const q = req.query as Record<string, string | undefined>;
  const owner = inboxFilter(res);
  if (q.channel !== undefined && !CHANNEL_IDS.includes(q.channel as ChannelId))
    throw new HttpError(400, 'bad_request', `channel must be one of ${CHANNEL_IDS.join(', ')}`);
  return {
    ...(q.channel ? { channel: q.channel as ChannelId } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.text ? { text: q.text } : {}),
    ...(q.after ? { after: q.after } : {}),
    ...(owner !== undefined ? { owner } : {}),
    start: count(q.start, 0, 1_000_000),
    limit: count(q.limit, 50, 1000),
  };
}

export function channelsRoutes(deps: ChannelsRoutesDeps): Router {
  const { engine, store, integrations, drivers } = deps;
  const router = Router();
  const signedIn = engine.requireAccount;
  const owner = (res: { locals: Record<string, unknown> }) => res.locals.address as string;
  router.use(['/api/lab/channels', '/api/lab/messages', '/api/lab/exchanges'], noStore);

  endpoint(router, '/api/lab/channels', {
    get: (req, res) => {
      const account = engine.signedInAccount(req.headers);
      const addresses = deps.addresses();
      res.json(<ChannelsCatalog>{
        simulators: deps.simulators(),
        channels: [...drivers.values()].map((d) => ({
          channel: d.channel,
          name: d.name,
          fields: d.fields,
          testFields: d.testFields,
          presets: d.presets(addresses),
          integration: account ? integrations.view(account, d.channel) : null,
        })),
      });
    },
  });

  endpoint(router, '/api/lab/channels/:channel/integration', {
    get: [signedIn, (req, res) => void res.json({ integration: integrations.view(owner(res), channelOf(req, drivers).channel) })],
    put: [
      signedIn,
      async (req, res) => {
        const driver = channelOf(req, drivers);
        const checked = driver.validate(objectBody(req), integrations.get(owner(res), driver.channel));
        if (!checked.ok) throw userError(400, 'invalid_fields', INVALID_FIELDS, checked.errors);
        await integrations.set(owner(res), driver.channel, checked.value);
        res.json({ integration: integrations.view(owner(res), driver.channel) });
      },
    ],
    delete: [
      signedIn,
      async (req, res) => {
        await integrations.remove(owner(res), channelOf(req, drivers).channel);
        res.json({ integration: null });
      },
    ],
  });

  endpoint(router, '/api/lab/channels/:channel/test', {
    post: [
      signedIn,
      async (req, res) => {
        const driver = channelOf(req, drivers);
        const settings = integrations.get(owner(res), driver.channel);
        if (!settings) {
          throw userError(409, 'integration_not_saved', {
            ru: `Сначала заполните и сохраните интеграцию «${driver.name.ru}»`,
            en: `Fill in and save the ${driver.name.en} integration first`,
          });
        }
        const input = driver.validateTest(objectBody(req), settings);
        if (!input.ok) throw userError(400, 'invalid_fields', INVALID_FIELDS, input.errors);
        // As the test e-mail: with Accept: application/x-ndjson each attempt is a line as it ends
        // (a 429's wait is visible), then the result; otherwise one JSON answer.
        const stream = (req.headers.accept ?? '').includes(CHANNEL_TEST_STREAM);
        const emit = (event: ChannelTestEvent) => {
          if (stream && !res.writableEnded) res.write(JSON.stringify(event) + '\n');
        };
        if (stream) {
          res.status(200).type(CHANNEL_TEST_STREAM);
          res.flushHeaders();
        }
        const gone = new AbortController();
        res.on('close', () => gone.abort());
        const result = await deps.send(
          owner(res),
          driver.channel,
          settings,
          input.value,
          (attempt) => emit({ type: 'attempt', attempt }),
          AbortSignal.any([deps.signal, gone.signal]),
        );
        if (stream) {
          emit({ type: 'result', result });
          res.end();
        } else res.json(result);
      },
    ],
  });

  endpoint(router, '/api/lab/messages', {
    get: (req, res) => void res.json(store.list(filterOf(req, res))),
    delete: (req, res) => {
      const body = objectBody(req);
      const ids = Array.isArray(body.IDs) ? body.IDs.filter((id): id is string => typeof id === 'string') : null;
      const { channel, owner } = filterOf(req, res);
      res.json({ deleted: store.delete(ids && ids.length > 0 ? ids : null, channel, owner) });
    },
  });

  // Long-polls for the first message that matches (one already there counts): for a test that
  // triggers an alert and waits for it to arrive.
  endpoint(router, '/api/lab/messages/wait', {
    get: async (req, res) => {
      const timeout = count((req.query as Record<string, string | undefined>).timeout, 5000, MAX_WAIT_MS);
      const gone = new AbortController();
      res.on('close', () => gone.abort());
      try {
        res.json(await store.waitFor(filterOf(req, res), timeout, AbortSignal.any([deps.signal, gone.signal])));
      } catch (err) {
        if (err instanceof ChannelWaitTimeout) {
          if (res.headersSent || gone.signal.aborted) return;
          throw userError(408, 'timeout', { ru: `За ${timeout} мс подходящее сообщение не пришло`, en: `No matching message arrived within ${timeout} ms` });
        }
        throw err;
      }
    },
  });

  endpoint(router, '/api/lab/messages/:id', {
    get: (req, res) => {
      const owner = inboxFilter(res);
      const message = store.get(String(req.params.id));
      if (!message || (owner !== undefined && message.Owner !== owner)) throw notFound('message');
      res.json(message);
    },
    delete: (req, res) => {
      if (store.delete([String(req.params.id)], undefined, inboxFilter(res)) === 0) throw notFound('message');
      res.json({ deleted: 1 });
    },
  });

  endpoint(router, '/api/lab/exchanges', {
    get: (req, res) => {
      const f = filterOf(req, res);
      res.json(
        store.exchanges({
          ...(f.channel ? { channel: f.channel } : {}),
          ...(f.owner !== undefined ? { owner: f.owner } : {}),
          start: f.start ?? 0,
          limit: f.limit ?? 50,
        }),
      );
    },
  });

  endpoint(router, '/api/lab/exchanges/:id', {
    get: (req, res) => {
      const owner = inboxFilter(res);
      const exchange = store.exchange(String(req.params.id));
      if (!exchange || (owner !== undefined && exchange.Owner !== owner)) throw notFound('exchange');
      res.json(exchange);
    },
  });

  return router;
}
