// The practical work's alert as a feature of the lab server: the bundled MQTT broker devices
// publish to, the objects running the platform's automatons on that telemetry (or on a simulator
// or a playback), their «Отправить e-mail» going out through the owner's SMTP integration and
// their SMS, Telegram and Discord alerts through the channels' port, and all of it live on
// /api/events and over HTTP. Plugged into the engine by server/lab-server.ts.
import { ownerAudience, type Audience } from '../../server/live/event-hub.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type RequestHandler } from 'express';
import type { LabEngine, LabFeature } from '../../server/engine.js';
import { findPackageInfo } from '../../server/common/package-info.js';
import { endpoint } from '../../server/http/endpoint.js';
import { HttpError, userError } from '../../server/http/http-error.js';
import { objectBody } from '../../server/http/request-body.js';
import { AutomatonImportError } from '../automaton/import-error.js';
import type { IntegrationStore } from '../integration/integration-store.js';
import type { IntegrationSettings } from '../integration/integration-types.js';
import { validateIntegration } from '../integration/validation.js';
import type { ChannelAlertPort } from '../channels/channel-alerts.js';
import { createAlertPort } from './alert-port.js';
import { channelAlertSender } from './channel-alert-port.js';
import { createAutomatonLibrary, type AutomatonLibrary } from './automaton-library.js';
import { createMqttBroker, type MqttBroker } from './mqtt-broker.js';
import { ObjectError } from './object-error.js';
import type { ObjectEvent } from './object-events.js';
import { createObjectRegistry, type ObjectRegistry } from './object-registry.js';
import { objectsRoutes } from './objects-routes.js';
import type { MqttInfo } from './objects-wire.js';

export interface ObjectsFeatureOptions {
  /** The MQTT broker's port (1883 with `npm start`, 0 for any free one); false: no broker. */
  mqttPort?: number | false;
  /** The address the broker binds (the lab's --host). */
  mqttHost?: string;
  /** An object's snapshot goes out at most this often on the live stream. */
  snapshotIntervalMs?: number;
  /** How many objects may run at once (a class of students, each with a few). */
  maxObjects?: number;
  /** Where «Отправить SMS / в Telegram / в Discord» go (the channels feature); without it they end not sent, saying the channel is not available. */
  channels?: ChannelAlertPort;
}

export interface ObjectsFeature extends LabFeature {
  registry: ObjectRegistry;
  library: AutomatonLibrary;
  /** The broker's port; undefined without one. */
  mqttPort: number | undefined;
}

const EXAMPLES = new Set(['temperature-control.automaton.json', 'kettle.model.json']);

const STATUS: Partial<Record<ObjectError['code'], number>> = { 'not-found': 404, 'duplicate-id': 409, 'too-many-objects': 409, closed: 503 };

/** The feature's own errors as HTTP answers: one error type at the HTTP boundary. */
export function objectErrorToHttp(err: unknown): HttpError | undefined {
  if (err instanceof ObjectError) {
    const fields = err.fields ?? (err.field ? { [err.field]: err.text } : undefined);
    return userError(STATUS[err.code] ?? 400, err.code.replace(/-/g, '_'), err.text, fields);
  }
  if (err instanceof AutomatonImportError) {
    const text = { ru: `${err.text.ru} (${err.where})`, en: `${err.text.en} (${err.where})` };
    return userError(400, 'invalid_file', text);
  }
  return undefined;
}

/**
 * Snapshots of one object can come hundreds of times a second at a high simulation speed: the
 * live stream carries the latest every interval; every other frame goes out as it happens.
 */
/** Every object frame carries its owner: it goes to the owner's inbox (an unknown MQTT client to the overseers). */
function audienceOf(frame: ObjectEvent): Audience {
  switch (frame.Type) {
    case 'object':
    case 'object-removed':
    case 'object-log':
    case 'alert':
      return ownerAudience(frame.Data.owner);
    case 'operator-message':
      return ownerAudience(frame.Data.message.owner);
    case 'operator-acknowledged':
      return ownerAudience(frame.Data.owner);
    case 'mqtt-unknown-client':
      return 'overseers';
  }
}

function createPublisher(engine: Pick<LabEngine, 'publish'>, intervalMs: number) {
  const publish = (frame: ObjectEvent) => engine.publish(frame, audienceOf(frame));
  const pending = new Map<string, ObjectEvent>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    for (const frame of pending.values()) publish(frame);
    pending.clear();
  };
  return {
    send(frame: ObjectEvent) {
      if (frame.Type !== 'object') {
        if (frame.Type === 'object-removed') pending.delete(frame.Data.id);
        publish(frame);
        return;
      }
      pending.set(frame.Data.id, frame);
      timer ??= setTimeout(flush, intervalMs);
    },
    close() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}

export async function createObjectsFeature(engine: LabEngine, integrations: IntegrationStore, options: ObjectsFeatureOptions = {}): Promise<ObjectsFeature> {
  const log = engine.log;
  const broker: MqttBroker | undefined =
    options.mqttPort === false
      ? undefined
      : // A client's broken MQTT is the client's business (counted, and in its object's log), not the
        // operator's: the broker's own lines are not forwarded to the terminal.
        await createMqttBroker({ host: options.mqttHost ?? '127.0.0.1', port: options.mqttPort ?? 0 }).catch((err: unknown) => {
          const where = `${options.mqttHost ?? '127.0.0.1'}:${options.mqttPort ?? 0}`;
          throw new Error(`MQTT cannot listen on ${where}: ${(err as Error).message} (another broker? --mqtt-port picks another port, --mqtt-port off none)`);
        });
  const library = await createAutomatonLibrary({ ...(engine.dataDir ? { dataDir: engine.dataDir } : {}), warn: (m) => log('warn', m) });
  const alerts = createAlertPort(engine, integrations);
  // Closing the feature stops a channel alert's wait for a retry, as alerts.close() does a mail's.
  const stopping = new AbortController();
  const publisher = createPublisher(engine, options.snapshotIntervalMs ?? 100);
  // Streams of one object's events to the CLI command that attached it (`automaton run --mqtt`).
  const followers = new Map<string, Set<(frame: ObjectEvent) => void>>();
  const objectIdOf = (frame: ObjectEvent): string | undefined => {
    switch (frame.Type) {
      case 'object':
      case 'object-removed':
        return frame.Data.id;
      case 'object-log':
        return frame.Data.objectId;
      case 'operator-message':
        return frame.Data.message.objectId;
      case 'alert':
        return frame.Data.objectId;
      case 'operator-acknowledged':
      case 'mqtt-unknown-client':
        return undefined;
    }
  };
  const registry = createObjectRegistry({
    ...(broker ? { broker } : {}),
    ...(options.maxObjects !== undefined ? { maxObjects: options.maxObjects } : {}),
    actions: {
      sendEmail: (objectId, owner, mail, progress) => alerts.sendEmail(objectId, owner, mail, progress),
      ...(options.channels ? { sendChannelAlert: channelAlertSender(options.channels, stopping.signal) } : {}),
    },
    onEvent: (frame) => {
      publisher.send(frame);
      const id = objectIdOf(frame);
      if (id) for (const follower of followers.get(id) ?? []) follower(frame);
      if (frame.Type === 'object-removed') alerts.forget(frame.Data.id);
    },
  });
  const { root } = findPackageInfo();
  const mqtt = (): MqttInfo => ({ enabled: broker !== undefined, host: engine.host, port: broker?.port ?? null, clients: broker?.clients() ?? [] });

  const routes = objectsRoutes({
    engine,
    library,
    registry,
    mqtt,
    changed(id, removed) {
      // A removed one names only its id; an import goes to its owner (a CLI import to everyone).
      if (removed) return engine.publish({ Type: 'automaton-removed', Data: { id } }, 'everyone');
      const entry = library.automaton(id);
      engine.publish({ Type: 'automaton', Data: { automaton: entry } }, entry.owner === 'cli' ? 'everyone' : ownerAudience(entry.owner));
    },
    async example(name) {
      if (!EXAMPLES.has(name)) return undefined;
      return readFile(join(root, 'lab', 'automaton', 'examples', name), 'utf8');
    },
  });

  return {
    registry,
    library,
    mqttPort: broker?.port,
    routers: [routes, adminRoutes(engine, library, registry, followers, (id, settings) => alerts.useIntegration(id, settings))],
    errorTranslator: objectErrorToHttp,
    async close() {
      // A mail waiting to retry stops waiting, so that idle() does not wait for its backoff.
      alerts.close();
      stopping.abort();
      publisher.close();
      registry.close();
      await registry.idle();
      await broker?.close();
      await library.close();
    },
  };
}

/**
 * `smtp-lab automaton run --mqtt`: the CLI attaches an object to the running lab (its automaton,
 * model and SMTP integration in the request, over loopback with the admin token), follows its
 * events as NDJSON while it runs, and the object goes when the command does.
 */
function adminRoutes(
  engine: LabEngine,
  library: AutomatonLibrary,
  registry: ObjectRegistry,
  followers: Map<string, Set<(frame: ObjectEvent) => void>>,
  useIntegration: (id: string, settings: IntegrationSettings) => void,
): Router {
  const router = Router();
  const admin: RequestHandler = engine.adminOnly;
  endpoint(router, '/api/lab/admin/objects', {
    post: [
      admin,
      async (req, res) => {
        const body = objectBody(req);
        const automaton = await library.addAutomaton(String(body.automaton ?? ''), typeof body.fileName === 'string' ? body.fileName : null, 'cli');
        const model = typeof body.model === 'string' && body.model ? await library.addModel(body.model, null, 'cli') : undefined;
        let integration: IntegrationSettings | undefined;
        if (body.integration !== undefined) {
          const checked = validateIntegration(body.integration, { savedPassword: String((body.integration as { password?: unknown }).password ?? '') });
          if (!checked.ok)
            throw userError(400, 'invalid_integration', { ru: 'Интеграция SMTP с ошибками', en: 'The SMTP integration has wrong fields' }, checked.errors);
          integration = checked.value;
        }
        const id = String(body.id ?? '');
        registry.create({ id, automaton: library.document(automaton.id), model: model?.model ?? null, owner: 'cli', source: 'mqtt' });
        if (integration) useIntegration(id, integration);
        res.status(201).json({ object: registry.get(id), automaton });
      },
    ],
  });
  endpoint(router, '/api/lab/admin/objects/:id/events', {
    get: [
      admin,
      (req, res) => {
        const id = String(req.params.id);
        registry.get(id);
        res.status(200).type('application/x-ndjson');
        res.flushHeaders();
        const write = (frame: ObjectEvent) => {
          if (!res.writableEnded) res.write(JSON.stringify(frame) + '\n');
        };
        write({ Type: 'object', Data: registry.get(id) });
        const set = followers.get(id) ?? new Set();
        set.add(write);
        followers.set(id, set);
        // The command that attached the object left (Ctrl+C, or killed): the object goes too.
        res.on('close', () => {
          set.delete(write);
          if (set.size === 0) {
            followers.delete(id);
            if (registry.has(id)) registry.remove(id);
          }
        });
      },
    ],
  });
  endpoint(router, '/api/lab/admin/objects/:id', {
    delete: [
      admin,
      (req, res) => {
        registry.remove(String(req.params.id));
        res.status(204).end();
      },
    ],
  });
  return router;
}
