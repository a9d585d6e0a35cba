// The automaton feature over HTTP (lab/HTTP-API.md, "Automatons and objects"): imported exports,
// «Отправить e-mail» authoring (the channel commands' in channel-alert-routes.ts) and export,
// objects and their telemetry, the operator's messages and the alerts sent. Reading is open;
// changing needs a signed-in lab account, whose saved SMTP integration the object's mails go out
// with. Bodies are typed in objects-wire.ts.
import { inboxFilter } from '../../server/inboxes/request-scope.js';
import { Router, type RequestHandler } from 'express';
import type { LabEngine } from '../../server/engine.js';
import { noStore } from '../../server/http/access.js';
import { endpoint } from '../../server/http/endpoint.js';
import { badRequest, notFound, userError } from '../../server/http/http-error.js';
import { intParam, stringParam } from '../../server/http/query-params.js';
import { objectBody, textOf } from '../../server/http/request-body.js';
import type { ActionList } from '../automaton/automaton-types.js';
import { addSendEmail, removeSendEmail, updateSendEmail } from '../automaton/authoring.js';
import { parsePlaybackFile } from '../automaton/playback-file.js';
import { actionLocation, edited, INVALID_FIELDS, LISTS, NO_LIST } from './authoring-http.js';
import type { AutomatonLibrary } from './automaton-library.js';
import { channelAlertRoutes } from './channel-alert-routes.js';
import { simulatorKnobsFor } from './simulator-defaults.js';
import type { ObjectRegistry } from './object-registry.js';
import type { ObjectSource } from './object-spec.js';
import type { MessageGrouping, MessageOrder } from './operator-messages.js';
import type {
  AlertsResponse,
  AutomatonResponse,
  AutomatonsResponse,
  MqttInfo,
  ModelResponse,
  ModelsResponse,
  ObjectLogResponse,
  ObjectResponse,
  ObjectsResponse,
  OperatorMessagesResponse,
} from './objects-wire.js';

export interface ObjectsRoutesDeps {
  engine: LabEngine;
  library: AutomatonLibrary;
  registry: ObjectRegistry;
  mqtt: () => MqttInfo;
  /** Tells the live stream an automaton changed (imported, edited, removed). */
  changed(id: string, removed?: boolean): void;
  /** The example files students may load (lab/automaton/examples). */
  example(name: string): Promise<string | undefined>;
}

const SOURCES: readonly ObjectSource[] = ['mqtt', 'playback', 'simulator', 'manual'];

export function objectsRoutes(deps: ObjectsRoutesDeps): Router {
  const { engine, library, registry } = deps;
  const router = Router();
  const signedIn: RequestHandler = engine.requireAccount;
  const owner = (res: { locals: Record<string, unknown> }) => res.locals.address as string;
  for (const prefix of ['/api/lab/automatons', '/api/lab/models', '/api/lab/objects', '/api/lab/operator-messages', '/api/lab/alerts', '/api/lab/mqtt']) {
    router.use(prefix, noStore);
  }

  const importFile = (req: Parameters<RequestHandler>[0]) => {
    const body = objectBody(req);
    if (typeof body.file !== 'string' || body.file === '') throw badRequest('file must be the export file, as text');
    return { file: body.file, fileName: typeof body.fileName === 'string' && body.fileName ? body.fileName.slice(0, 200) : null };
  };
  const location = actionLocation;

  // In a class another student's object or automaton is as absent as one that never was.
  const hidden = (owner: string, res: Parameters<RequestHandler>[1]) => {
    const viewer = inboxFilter(res);
    return viewer !== undefined && owner !== viewer && owner !== 'cli';
  };
  const ownObject: RequestHandler = (req, res, next) => {
    const id = String(req.params.id);
    const owner = registry.list().find((o) => o.id === id)?.owner;
    next(owner !== undefined && hidden(owner, res) ? notFound(`object ${id}`) : undefined);
  };
  const ownAutomaton: RequestHandler = (req, res, next) => {
    const id = String(req.params.id);
    const owner = library.automatons().find((a) => a.id === id)?.owner;
    next(owner !== undefined && hidden(owner, res) ? notFound(`automaton ${id}`) : undefined);
  };
  router.use('/api/lab/objects/:id', ownObject);
  router.use('/api/lab/automatons/:id', ownAutomaton);

  endpoint(router, '/api/lab/automatons', {
    get: (_req, res) => void res.json({ automatons: library.automatons().filter((a) => !hidden(a.owner, res)) } satisfies AutomatonsResponse),
    post: [
      signedIn,
      async (req, res) => {
        const { file, fileName } = importFile(req);
        const automaton = await library.addAutomaton(file, fileName, owner(res));
        deps.changed(automaton.id);
        res.status(201).json({ automaton } satisfies AutomatonResponse);
      },
    ],
  });

  endpoint(router, '/api/lab/automatons/:id', {
    get: (req, res) => void res.json({ automaton: library.automaton(String(req.params.id)) } satisfies AutomatonResponse),
    delete: [
      signedIn,
      async (req, res) => {
        await library.removeAutomaton(String(req.params.id));
        deps.changed(String(req.params.id), true);
        res.status(204).end();
      },
    ],
  });

  endpoint(router, '/api/lab/automatons/:id/export', {
    get(req, res) {
      const entry = library.automaton(String(req.params.id));
      const name = (entry.fileName ?? `${entry.automaton.name || entry.id}.automaton.json`).replace(/[^\w.\- ]+/g, '_');
      res.attachment(name).type('application/json; charset=utf-8').send(library.exportFile(entry.id));
    },
  });

  endpoint(router, '/api/lab/automatons/:id/emails', {
    post: [
      signedIn,
      async (req, res) => {
        const id = String(req.params.id);
        const body = objectBody(req);
        const list = textOf(body.list) as ActionList;
        if (!LISTS.includes(list)) throw userError(400, 'invalid_fields', INVALID_FIELDS, { list: NO_LIST });
        const fields = (typeof body.fields === 'object' && body.fields !== null ? body.fields : {}) as { recipients: string };
        const index = typeof body.index === 'number' ? body.index : undefined;
        const result = edited(addSendEmail(library.document(id), { stateId: textOf(body.stateId), list, ...(index !== undefined ? { index } : {}) }, fields));
        const automaton = await library.replace(id, result.document);
        deps.changed(id);
        res.status(201).json({ automaton } satisfies AutomatonResponse);
      },
    ],
  });

  endpoint(router, '/api/lab/automatons/:id/emails/:stateId/:list/:index', {
    put: [
      signedIn,
      async (req, res) => {
        const id = String(req.params.id);
        const fields = objectBody(req).fields;
        const changes = (typeof fields === 'object' && fields !== null ? fields : {}) as Record<string, string>;
        const automaton = await library.replace(id, edited(updateSendEmail(library.document(id), location(req.params), changes)).document);
        deps.changed(id);
        res.json({ automaton } satisfies AutomatonResponse);
      },
    ],
    delete: [
      signedIn,
      async (req, res) => {
        const id = String(req.params.id);
        const automaton = await library.replace(id, edited(removeSendEmail(library.document(id), location(req.params))).document);
        deps.changed(id);
        res.json({ automaton } satisfies AutomatonResponse);
      },
    ],
  });

  channelAlertRoutes(router, { library, signedIn, changed: (id) => deps.changed(id) });

  endpoint(router, '/api/lab/models', {
    get: (_req, res) => void res.json({ models: library.models() } satisfies ModelsResponse),
    post: [
      signedIn,
      async (req, res) => {
        const { file, fileName } = importFile(req);
        res.status(201).json({ model: await library.addModel(file, fileName, owner(res)) } satisfies ModelResponse);
      },
    ],
  });

  endpoint(router, '/api/lab/models/:id', {
    get: (req, res) => void res.json({ model: library.model(String(req.params.id)) } satisfies ModelResponse),
  });

  endpoint(router, '/api/lab/examples/:name', {
    async get(req, res) {
      const text = await deps.example(String(req.params.name));
      if (text === undefined) throw userError(404, 'not_found', { ru: 'Такого примера нет', en: 'No such example' });
      res.type('application/json; charset=utf-8').send(text);
    },
  });

  endpoint(router, '/api/lab/objects', {
    get: (_req, res) => void res.json({ objects: registry.list().filter((o) => !hidden(o.owner, res)) } satisfies ObjectsResponse),
    post: [
      signedIn,
      (req, res) => {
        const body = objectBody(req);
        const source = textOf(body.source) as ObjectSource;
        if (!SOURCES.includes(source))
          throw userError(400, 'invalid_fields', INVALID_FIELDS, { source: { ru: 'Выберите источник данных', en: 'Choose where the telemetry comes from' } });
        const document = library.document(textOf(body.automatonId));
        const modelId = typeof body.modelId === 'string' && body.modelId ? body.modelId : null;
        const speed = typeof body.speed === 'number' ? body.speed : undefined;
        // Read the playback file before the object exists: a file that does not parse creates nothing.
        const playback = source === 'playback' ? parsePlaybackFile(textOf((body.playback as { file?: unknown } | undefined)?.file)) : undefined;
        registry.create({
          id: textOf(body.id),
          automaton: document,
          model: modelId ? library.model(modelId).model : null,
          owner: owner(res),
          source,
          ...(speed !== undefined ? { speed } : {}),
          ...(typeof body.initialValues === 'object' && body.initialValues !== null ? { initialValues: body.initialValues as Record<string, number> } : {}),
          libraryIds: { automaton: textOf(body.automatonId), model: modelId },
        });
        const id = textOf(body.id);
        try {
          if (playback) registry.playback(id, playback, speed !== undefined ? { speed } : {});
          if (source === 'simulator') {
            const simulator = (body.simulator ?? {}) as { seed?: unknown; knobs?: unknown };
            const seed = typeof simulator.seed === 'number' ? simulator.seed : 1;
            // The simulator's temperature goes to the automaton's own temperature parameter unless told.
            const knobs = {
              ...simulatorKnobsFor(document.automaton, modelId ? library.model(modelId).model : null),
              ...((simulator.knobs ?? {}) as Record<string, number>),
            };
            registry.simulate(id, { seed, knobs, ...(speed !== undefined ? { speed } : {}) });
          }
        } catch (err) {
          registry.remove(id);
          throw err;
        }
        res.status(201).json({ object: registry.get(id) } satisfies ObjectResponse);
      },
    ],
  });

  endpoint(router, '/api/lab/objects/:id', {
    get: (req, res) => void res.json({ object: registry.get(String(req.params.id)) } satisfies ObjectResponse),
    delete: [
      signedIn,
      (req, res) => {
        registry.remove(String(req.params.id));
        res.status(204).end();
      },
    ],
  });

  endpoint(router, '/api/lab/objects/:id/log', {
    get(req, res) {
      const page = registry.log(String(req.params.id), { after: intParam(req, 'after', 0), limit: intParam(req, 'limit', 500, 5000) });
      res.json(page satisfies ObjectLogResponse);
    },
  });

  const change = (run: (id: string, body: Record<string, unknown>) => void): RequestHandler[] => [
    signedIn,
    (req, res) => {
      const id = String(req.params.id);
      run(id, objectBody(req));
      res.json({ object: registry.get(id) } satisfies ObjectResponse);
    },
  ];

  endpoint(router, '/api/lab/objects/:id/telemetry', {
    post: change((id, body) => {
      if (typeof body.values !== 'object' || body.values === null) throw badRequest('values must be an object of parameter values');
      registry.telemetry(id, body.values as Record<string, unknown>);
    }),
  });
  endpoint(router, '/api/lab/objects/:id/events', { post: change((id, body) => registry.fire(id, textOf(body.event))) });
  endpoint(router, '/api/lab/objects/:id/control', {
    post: change((id, body) => {
      if (body.action === 'pause') registry.pause(id);
      else if (body.action === 'resume') registry.resume(id);
      else if (body.action === 'speed') registry.setSpeed(id, Number(body.speed));
      else throw badRequest('action must be pause, resume or speed');
    }),
  });
  endpoint(router, '/api/lab/objects/:id/knobs', {
    put: change((id, body) => void registry.setKnobs(id, (body.knobs ?? {}) as Record<string, number>)),
  });

  endpoint(router, '/api/lab/operator-messages', {
    get(req, res) {
      const group = (stringParam(req, 'group') ?? 'none') as MessageGrouping;
      const sort = (stringParam(req, 'sort') ?? 'time') as MessageOrder;
      if (!['text', 'object', 'none'].includes(group)) throw badRequest('group must be text, object or none');
      if (!['time', 'importance'].includes(sort)) throw badRequest('sort must be time or importance');
      const objectId = stringParam(req, 'objectId');
      // Within the request's scope: in a class, a student's own objects' messages only.
      const owner = inboxFilter(res);
      const groups = registry.messages.groups(group, { sort, ...(objectId ? { objectId } : {}), ...(owner !== undefined ? { owner } : {}) });
      res.json({ groups, indicator: registry.messages.indicator(owner) } satisfies OperatorMessagesResponse);
    },
  });

  endpoint(router, '/api/lab/operator-messages/acknowledge', {
    post: [
      signedIn,
      (req, res) => {
        const ids = objectBody(req).ids;
        const owner = inboxFilter(res);
        if (ids === 'all') registry.messages.acknowledge('all', owner);
        else if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) for (const id of ids) registry.messages.acknowledge(id, owner);
        else throw badRequest('ids must be a list of message ids, or "all"');
        res.json({ indicator: registry.messages.indicator(owner) });
      },
    ],
  });

  endpoint(router, '/api/lab/alerts', {
    get(req, res) {
      const objectId = stringParam(req, 'objectId');
      const owner = inboxFilter(res);
      const alerts = registry.alerts.list({
        ...(objectId ? { objectId } : {}),
        ...(owner !== undefined ? { owner } : {}),
        limit: intParam(req, 'limit', 200, 1000),
      });
      res.json({ alerts, stats: registry.alerts.stats(owner) } satisfies AlertsResponse);
    },
  });

  endpoint(router, '/api/lab/mqtt', {
    get: (_req, res) => {
      const info = deps.mqtt();
      // In a class a device's client id is its object's id: a student sees only their own objects'.
      const owner = inboxFilter(res);
      const own = owner === undefined ? undefined : new Set(registry.list({ owner }).map((o) => o.id));
      res.json({ ...info, clients: own ? info.clients.filter((id) => own.has(id)) : info.clients } satisfies MqttInfo);
    },
  });

  return router;
}
