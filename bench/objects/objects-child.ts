// A server under the objects bench, alone in its process: bare aedes (the baseline), or the lab
// with N MQTT objects running the platform's temperature-control export with «Отправить e-mail»
// on its overheat state, the alert going out through a student's saved integration (implicit TLS
// to the lab's own SMTPS listener, as in the practical work). Started by run-objects.ts with the
// spec as argv[2]; answers on IPC.
import { readFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import { addSendEmail } from '../../lab/automaton/authoring.js';
import { importAutomaton } from '../../lab/automaton/import-automaton.js';
import { importModel } from '../../lab/automaton/import-model.js';
import { findPackageInfo } from '../../server/common/package-info.js';
import { createLabServer } from '../../server/lab-server.js';
import { serveBenchChild } from '../child-process.js';
import type { ObjectsServerReady, ObjectsServerSpec, ObjectsServerStats } from './objects-protocol.js';

const HOST = '127.0.0.1';
const STUDENT = 'student@lab.local';
/** The alert's subject: the run's parent finds the object (and so the publish that caused it) in it. */
export const ALERT_SUBJECT = 'Перегрев {{temperatureC}} на {{object}}';

interface Running {
  mqttPort: number;
  objectIds: string[];
  counts(): Omit<ObjectsServerStats, 'rssBytes' | 'heapUsedBytes' | 'cpuUserMicros' | 'cpuSystemMicros'>;
  close(): Promise<void>;
}

const objectIdsFor = (objects: number) => Array.from({ length: objects }, (_, i) => `room-${i + 1}`);

async function startBroker(objects: number): Promise<Running> {
  let publishes = 0;
  const aedes = await Aedes.createBroker({
    authorizePublish(client, packet, callback) {
      if (client) publishes++;
      callback(null);
    },
  });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    aedes.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    mqttPort: port,
    objectIds: objectIdsFor(objects),
    counts: () => ({ publishes, telemetry: publishes, transitions: 0, alertsSent: 0, alertsFailed: 0, alertsSending: 0, mails: 0, arrivals: [] }),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function startLab(objects: number): Promise<Running> {
  const lab = await createLabServer({
    host: HOST,
    smtpPort: 0,
    submissionPort: false,
    smtpsPort: 0,
    httpPort: 0,
    mqttPort: 0,
    maxObjects: objects,
    log: (level, message) => process.stderr.write(`lab ${level}: ${message}\n`),
  });
  await lab.accounts.create(STUDENT, 'bench account password');
  const { password } = await lab.accounts.createAppPassword(STUDENT, 'bench');
  await lab.integrations.set(STUDENT, {
    preset: 'lab',
    host: HOST,
    port: lab.smtpsPort as number,
    security: 'ssl',
    login: STUDENT,
    password,
    fromAddress: STUDENT,
    fromName: 'Platform alerts',
  });
  const examples = join(findPackageInfo().root, 'lab', 'automaton', 'examples');
  const document = importAutomaton(await readFile(join(examples, 'temperature-control.automaton.json'), 'utf8'));
  // The kettle model's commands are MQTT publishes: each state change sends one to the device.
  const model = importModel(await readFile(join(examples, 'kettle.model.json'), 'utf8'));
  const off = document.automaton.states.find((s) => s.name === 'OFF');
  if (!off) throw new Error('temperature-control has no OFF state');
  const edited = addSendEmail(
    document,
    { stateId: off.id, list: 'onenter' },
    { recipients: 'ops@lab.local', subject: ALERT_SUBJECT, text: 'Температура {{temperatureC}}' },
  );
  if (!edited.ok) throw new Error(edited.error.en);
  const objectIds = objectIdsFor(objects);
  for (const id of objectIds) lab.objects.registry.create({ id, automaton: edited.document, model, owner: STUDENT, source: 'mqtt' });

  let arrivals: { subject: string; at: number }[] = [];
  lab.mailbox.onEvent((event) => {
    if (event.Type === 'new') arrivals.push({ subject: event.Data.Subject, at: Date.now() });
  });
  return {
    mqttPort: lab.mqttPort as number,
    objectIds,
    counts() {
      const totals = lab.objects.registry.totals();
      const alerts = lab.objects.registry.alerts.stats();
      const taken = arrivals;
      arrivals = [];
      return {
        publishes: totals.mqttMessages,
        telemetry: totals.telemetry,
        transitions: totals.transitions,
        alertsSent: alerts.sent,
        alertsFailed: alerts.failed,
        alertsSending: alerts.sending,
        mails: lab.mailbox.stats().total,
        arrivals: taken,
      };
    },
    close: () => lab.close(),
  };
}

function collect(running: Running): ObjectsServerStats {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { ...running.counts(), rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, cpuUserMicros: cpu.user, cpuSystemMicros: cpu.system };
}

void serveBenchChild<ObjectsServerSpec, Omit<ObjectsServerReady, 'type'>, ObjectsServerStats>({ kind: 'broker', objects: 1 }, async (spec) => {
  const running = spec.kind === 'broker' ? await startBroker(spec.objects) : await startLab(spec.objects);
  return { ready: { mqttPort: running.mqttPort, objectIds: running.objectIds }, stats: () => collect(running), close: () => running.close() };
});
