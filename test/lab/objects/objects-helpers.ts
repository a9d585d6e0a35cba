// Shared by the objects tests: the platform's fixtures, a real broker on a free loopback port, real
// MQTT clients (the mqtt package), and a registry whose ports record what they get.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAsync, type MqttClient } from 'mqtt';
import { addSendEmail } from '../../../lab/automaton/authoring.js';
import { importAutomaton, type AutomatonDocument } from '../../../lab/automaton/import-automaton.js';
import { importModel } from '../../../lab/automaton/import-model.js';
import type { Model } from '../../../lab/automaton/automaton-types.js';
import type { AutomatonMail } from '../../../lab/automaton/runner-events.js';
import type { AlertOutcome } from '../../../lab/objects/alert-log.js';
import { createMqttBroker, type MqttBroker } from '../../../lab/objects/mqtt-broker.js';
import type { ObjectEvent } from '../../../lab/objects/object-events.js';
import type { ObjectLogEntry } from '../../../lab/objects/object-log.js';
import { createObjectRegistry, type ObjectRegistry, type ObjectRegistryOptions } from '../../../lab/objects/object-registry.js';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', '..', 'fixtures', 'platform');
export const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
export const loadAutomaton = (name: string): AutomatonDocument => importAutomaton(fixtureText(name));
export const loadKettle = (): Model => importModel(fixtureText('kettle.model.json'));

/** The OFF state of temperature-control.automaton.json (entered above 99 °C). */
export const OFF_STATE = 'kx359z61';

/** temperature-control with «Отправить e-mail» added to OFF's onenter, the temperature in the subject. */
export function temperatureControlWithMail(): AutomatonDocument {
  const edited = addSendEmail(
    loadAutomaton('temperature-control.automaton.json'),
    { stateId: OFF_STATE, list: 'onenter' },
    { recipients: 'ops@example.com', subject: 'Overheat: {{temperatureC}} on {{object}}', text: 'The kettle is at {{temperatureC}} in state {{state}}.' },
  );
  if (!edited.ok) throw new Error(edited.error.en);
  return edited.document;
}

/** MQTT 3.1.1 packets by hand, for tests that send what a real client would not. */
export const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
};
const str = (s: string) => {
  const b = Buffer.from(s, 'utf8');
  return [b.length >> 8, b.length & 0xff, ...b];
};
export const packet = (type: number, body: number[]) => Buffer.from([type, ...varint(body.length), ...body]);
// MQTT 5 adds a properties length (here 0) after the keep-alive.
export const connectPacket = (clientId: string, { name = 'MQTT', level = 4 } = {}) =>
  packet(0x10, [...str(name), level, 0x02, 0x00, 0x3c, ...(level === 5 ? [0x00] : []), ...str(clientId)]);
export const publishPacket = (topic: string, payload: string) => packet(0x30, [...str(topic), ...Buffer.from(payload)]);

export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface SentMail {
  objectId: string;
  owner: string;
  mail: AutomatonMail;
}

export interface Lab {
  broker: MqttBroker | null;
  registry: ObjectRegistry;
  events: ObjectEvent[];
  mails: SentMail[];
  logOf(objectId: string): ObjectLogEntry[];
  /** A real MQTT client on the broker, closed at teardown. */
  client(clientId: string): Promise<MqttClient>;
  close(): Promise<void>;
}

export const SENT: AlertOutcome = {
  ok: true,
  message: { ru: 'Письмо отправлено', en: 'The mail was sent' },
  reply: '250 OK',
  explanation: null,
  attempts: 1,
  mailId: 'm-1',
  sessionId: 's-1',
};

export async function startLab(
  options: { mqtt?: boolean; sendEmail?: (objectId: string, owner: string, mail: AutomatonMail) => Promise<AlertOutcome> } & Partial<
    Omit<ObjectRegistryOptions, 'actions' | 'broker' | 'onEvent'>
  > = {},
): Promise<Lab> {
  const { mqtt = true, sendEmail, ...rest } = options;
  const broker = mqtt ? await createMqttBroker({ port: 0 }) : null;
  const events: ObjectEvent[] = [];
  const mails: SentMail[] = [];
  const clients: MqttClient[] = [];
  const registry = createObjectRegistry({
    ...rest,
    broker,
    onEvent: (event) => events.push(event),
    actions: {
      sendEmail: async (objectId, owner, mail) => {
        mails.push({ objectId, owner, mail });
        return sendEmail ? sendEmail(objectId, owner, mail) : SENT;
      },
    },
  });
  return {
    broker,
    registry,
    events,
    mails,
    logOf: (objectId) => events.flatMap((e) => (e.Type === 'object-log' && e.Data.objectId === objectId ? [e.Data.entry] : [])),
    async client(clientId) {
      if (!broker) throw new Error('no broker');
      const client = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, { clientId, reconnectPeriod: 0, connectTimeout: 5000 });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
      registry.close();
      await broker?.close();
    },
  };
}
