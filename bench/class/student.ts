// One student of the class bench, doing what the practical work has them do, through the same
// routes and ports a browser, a mail client and a device use: sign in (cookie), open the page's
// live stream, make an app password, save the SMTP integration (the lab preset, implicit TLS),
// import temperature-control and add «Отправить e-mail» to its OFF state, start the
// automaton-alert scenario, create an MQTT object and connect its device. Then, when told, at
// once: send a test e-mail with the app password over SMTPS, and publish an overheat.
import { performance } from 'node:perf_hooks';
import { connectAsync, type MqttClient } from 'mqtt';
import nodemailer from 'nodemailer';
import type { AutomatonEntry } from '../../lab/objects/objects-wire.js';
import { connectClassSubscriber, type ClassSubscriber } from './class-subscriber.js';
import { studentAddress, studentName } from './class-protocol.js';
import { createLabClient, LabRequestError, type LabClient } from './lab-client.js';

export const SCENARIO = 'automaton-alert';
/** The scenario step an MQTT-fed alert passes. */
export const MQTT_STEP = 'over-mqtt';
const TOPIC = 'base/state/temperatureC';
const QUEUED_AS = /queued as ([A-Za-z0-9_-]+)/;

export interface ClassLab {
  url: string;
  smtpsPort: number;
  mqttPort: number;
  certificate: string;
  password: string;
  /** The example export, as the student uploads it. */
  automatonFile: string;
  /** The instructor's import of it, with the alert: for a student the library has no room for. */
  sharedAutomatonId: string;
}

/** Imports temperature-control and adds «Отправить e-mail» on entering OFF, as the Automaton tab does. */
export async function importWithAlert(client: LabClient, file: string): Promise<AutomatonEntry> {
  const { automaton } = await client.request<{ automaton: AutomatonEntry }>('POST', '/api/lab/automatons', {
    file,
    fileName: 'temperature-control.automaton.json',
  });
  const off = automaton.automaton.states.find((s) => s.name === 'OFF');
  if (!off) throw new Error('temperature-control has no OFF state');
  await client.request('POST', `/api/lab/automatons/${automaton.id}/emails`, {
    stateId: off.id,
    list: 'onenter',
    fields: { recipients: 'ops@lab.local', subject: 'Перегрев {{temperatureC}} на {{object}}', text: 'Температура {{temperatureC}}' },
  });
  return automaton;
}

export interface Student {
  index: number;
  name: string;
  address: string;
  client: LabClient;
  page: ClassSubscriber;
  objectId: string;
  /** How long signing in took (the server's scrypt check, queued behind everyone else's). */
  signInMs: number;
  /** Whether the student runs their own import (else the instructor's) and could start the scenario. */
  ownAutomaton: boolean;
  scenarioStarted: boolean;
  /** What the lab refused the student in the setup (`import: too_many_objects`, …). */
  refusals: string[];
  /** How long the rest of the setup took, after signing in. */
  setupMs: number;
  act(): Promise<StudentAct>;
  close(): Promise<void>;
}

export interface StudentAct {
  /** The test mail's id (from the 250's "queued as") and when the 250 arrived. */
  mailId: string;
  repliedAt: number;
  /** When the SMTP connection was opened and the mail handed to the client. */
  sendStartedAt: number;
  /** When the overheat went out on the device's connection. */
  publishedAt: number;
}

/** Signs the student in and opens their page; `setUp` does the rest. */
export async function signInStudent(lab: ClassLab, index: number): Promise<{ client: LabClient; signInMs: number }> {
  const client = createLabClient(lab.url);
  const signInMs = await client.signIn(studentAddress(index), lab.password);
  return { client, signInMs };
}

export async function setUpStudent(lab: ClassLab, index: number, client: LabClient, signInMs: number): Promise<Student> {
  const started = performance.now();
  const name = studentName(index);
  const address = studentAddress(index);
  const page = await connectClassSubscriber(lab.url, { cookie: client.cookie() as string, own: name, timing: true, stepId: MQTT_STEP });
  const { password: appPassword } = await client.request<{ password: string }>('POST', '/api/lab/account/app-passwords', { label: 'mail client' });
  await client.request('PUT', '/api/lab/integration', {
    preset: 'lab',
    host: '127.0.0.1',
    port: lab.smtpsPort,
    security: 'ssl',
    login: address,
    password: appPassword,
    fromAddress: address,
    fromName: `Alerts of ${name}`,
    attempts: 3,
    attemptInterval: 1,
  });
  const refusals: string[] = [];
  // The lab's library holds a limited number of imports in all: a student refused one runs the
  // instructor's copy (the same export, the same «Отправить e-mail»), as a class would work round it.
  let automatonId = lab.sharedAutomatonId;
  try {
    automatonId = (await importWithAlert(client, lab.automatonFile)).id;
  } catch (err) {
    if (!(err instanceof LabRequestError)) throw err;
    refusals.push(`import: ${err.code ?? err.status}`);
  }
  // The scenario's setup finds the automaton already in the student's library by its file name.
  let scenarioStarted = true;
  try {
    await client.request('POST', `/api/lab/scenarios/${SCENARIO}/start`);
  } catch (err) {
    if (!(err instanceof LabRequestError)) throw err;
    scenarioStarted = false;
    refusals.push(`scenario: ${err.code ?? err.status}`);
  }
  const objectId = `${name}-kettle`;
  await client.request('POST', '/api/lab/objects', { id: objectId, automatonId, source: 'mqtt' });
  const device: MqttClient = await connectAsync(`mqtt://127.0.0.1:${lab.mqttPort}`, { clientId: objectId, reconnectPeriod: 0, keepalive: 0 });
  // A normal value first: the object runs, in ON, before the overheat.
  await device.publishAsync(TOPIC, '90');
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: lab.smtpsPort,
    secure: true,
    auth: { user: address, pass: appPassword },
    tls: { ca: lab.certificate, servername: 'localhost' },
  });
  const setupMs = performance.now() - started;

  return {
    index,
    name,
    address,
    client,
    page,
    objectId,
    signInMs,
    ownAutomaton: automatonId !== lab.sharedAutomatonId,
    scenarioStarted,
    refusals,
    setupMs,
    async act() {
      const sendStartedAt = performance.now();
      const sending = transport.sendMail({
        from: `${name} <${address}>`,
        to: 'ops@lab.local',
        subject: `Test e-mail from ${name}`,
        text: `The class bench's test e-mail from ${name}.`,
      });
      const publishedAt = performance.now();
      const publishing = device.publishAsync(TOPIC, '101');
      const info = await sending;
      const repliedAt = performance.now();
      await publishing;
      const mailId = QUEUED_AS.exec(info.response)?.[1];
      if (!mailId) throw new Error(`${name}: no mail id in "${info.response}"`);
      return { mailId, repliedAt, sendStartedAt, publishedAt };
    },
    async close() {
      transport.close();
      await device.endAsync(true).catch(() => undefined);
      await page.close();
    },
  };
}
