// The lab's own MQTT broker: aedes on plain TCP, bound to 127.0.0.1 unless told otherwise. A
// device (mosquitto_pub, an ESP32 sketch, the mqtt package) connects with any client id — the
// platform's devices use their object's id — and publishes; the object registry listens to every
// PUBLISH and to every client's connect, subscribe and disconnect. A client that sends bytes that
// are not MQTT is cut off and counted; nothing a client sends can throw out of this module.
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes, type Client, type PublishPacket } from 'aedes';
import type { Bilingual } from '../integration/integration-types.js';
import { FrameGuardError, GuardedConnection, type FrameProblemCode } from './mqtt-frame-guard.js';

export interface MqttBrokerOptions {
  /** 127.0.0.1 by default: a lab broker is not for the network unless the teacher says so. */
  host?: string;
  /** 0: any free port. */
  port?: number;
  log?: (line: BrokerLogLine) => void;
  /** A packet larger than this ends its connection (default 256 KiB; telemetry is a few bytes). */
  maxPacketBytes?: number;
  /** A connection that has not sent CONNECT by then is closed (default 10 s). */
  connectTimeoutMs?: number;
}

export interface BrokerLogLine {
  level: 'info' | 'warn';
  text: Bilingual;
  clientId: string | null;
  address: string | null;
}

export interface BrokerMessage {
  clientId: string;
  address: string | null;
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  retain: boolean;
  time: number;
}

export type ClientErrorCode = FrameProblemCode | 'malformed' | 'protocol-version' | 'timeout' | 'connection';

export type BrokerClientEvent =
  | { kind: 'connect'; clientId: string; address: string | null; time: number }
  | { kind: 'disconnect'; clientId: string; address: string | null; time: number }
  | { kind: 'subscribe'; clientId: string; address: string | null; topics: { topic: string; qos: number }[]; time: number }
  | { kind: 'unsubscribe'; clientId: string; address: string | null; topics: string[]; time: number }
  /** clientId is null when the client had not connected yet. */
  | { kind: 'error'; clientId: string | null; address: string | null; code: ClientErrorCode; message: string; text: Bilingual; time: number };

export interface PublishOptions {
  qos?: 0 | 1 | 2;
  retain?: boolean;
}

export interface BrokerStats {
  /** TCP connections accepted since the start. */
  connections: number;
  /** MQTT clients connected now. */
  clients: number;
  messages: number;
  clientErrors: number;
}

export interface MqttBroker {
  readonly host: string;
  readonly port: number;
  /** Publish as the broker (no client): devices subscribed to `topic` receive it. */
  publish(topic: string, payload: string | Buffer, options?: PublishOptions): Promise<void>;
  /** Every PUBLISH a client makes; returns the unsubscribe. */
  onMessage(listener: (message: BrokerMessage) => void): () => void;
  onClientEvent(listener: (event: BrokerClientEvent) => void): () => void;
  /** The ids of the clients connected now (in connection order). */
  clients(): string[];
  stats(): BrokerStats;
  /** Ends every connection at once and stops listening. */
  close(): Promise<void>;
}

export class MqttBrokerError extends Error {
  override name = 'MqttBrokerError';
  constructor(
    readonly code: 'invalid-topic' | 'closed' | 'listen' | 'publish',
    readonly text: Bilingual,
  ) {
    super(text.en);
  }
}

export const DEFAULT_MAX_PACKET_BYTES = 256 * 1024;

/** Why a topic cannot be published to, or null. MQTT 3.1.1 §4.7: no wildcards, no NUL, not empty. */
export function topicNameProblem(topic: unknown): Bilingual | null {
  if (typeof topic !== 'string' || topic === '') return { ru: 'Топик — непустая строка', en: 'A topic is a non-empty string' };
  if (/[+#]/.test(topic)) return { ru: `В топике публикации «${topic}» не может быть + или #`, en: `A topic to publish to ("${topic}") cannot hold + or #` };
  if (topic.includes('\u0000')) return { ru: 'В топике не может быть символа NUL', en: 'A topic cannot hold a NUL character' };
  if (Buffer.byteLength(topic) > 65535) return { ru: 'Топик длиннее 65535 байт', en: 'The topic is longer than 65535 bytes' };
  return null;
}

function classify(error: unknown): { code: ClientErrorCode; message: string; text: Bilingual } {
  if (error instanceof FrameGuardError) return { code: error.code, message: error.message, text: error.text };
  const message = error instanceof Error ? error.message : String(error);
  const errno = (error as { code?: unknown } | null)?.code;
  if (message === 'unacceptable protocol version') {
    return {
      code: 'protocol-version',
      message,
      text: {
        ru: 'Клиент просит версию MQTT, которой брокер не знает (он понимает 3.1 и 3.1.1, не 5): например, mosquitto_pub -V mqttv311',
        en: 'The client asked for an MQTT version the broker does not speak (it speaks 3.1 and 3.1.1, not 5): e.g. mosquitto_pub -V mqttv311',
      },
    };
  }
  if (/did not arrive in time|keep ?alive/i.test(message)) {
    return { code: 'timeout', message, text: { ru: `Клиент замолчал: ${message}`, en: `The client went silent: ${message}` } };
  }
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) {
    return { code: 'connection', message, text: { ru: `Соединение оборвалось: ${message}`, en: `The connection broke: ${message}` } };
  }
  return {
    code: 'malformed',
    message,
    text: { ru: `Клиент прислал неверный пакет MQTT: ${message}`, en: `The client sent a malformed MQTT packet: ${message}` },
  };
}

const safely = <T>(listeners: Set<(value: T) => void>, value: T) => {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch {
      // A listener's bug must not reach aedes, which would drop the client for it.
    }
  }
};

export async function createMqttBroker(options: MqttBrokerOptions = {}): Promise<MqttBroker> {
  const host = options.host ?? '127.0.0.1';
  const maxPacketBytes = options.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
  const log = (level: BrokerLogLine['level'], text: Bilingual, clientId: string | null = null, address: string | null = null) => {
    try {
      options.log?.({ level, text, clientId, address });
    } catch {
      // Logging is best effort.
    }
  };
  const messageListeners = new Set<(message: BrokerMessage) => void>();
  const clientListeners = new Set<(event: BrokerClientEvent) => void>();
  const stats = { connections: 0, messages: 0, clientErrors: 0 };
  const addressOf = (client: Client | null): string | null => (client?.conn instanceof GuardedConnection ? client.conn.address : null);
  const clientEvent = (event: BrokerClientEvent) => safely(clientListeners, event);

  // aedes's own events do not keep a client's story in order: a PUBLISH is handled as soon as
  // CONNACK is out, before 'clientReady'; a QoS 1 publish is announced after a DISCONNECT that
  // followed it; a client that leaves while its connect is still being set up is never told
  // gone. So: a client is connected from its registration ('client', before CONNACK) until the
  // first of 'clientDisconnect' and its socket closing, and a PUBLISH is reported when aedes
  // starts handling it (authorizePublish runs first, in packet order). Nothing of a client is
  // reported after its disconnect.
  const connected = new Map<Client, string>();
  const depart = (client: Client) => {
    if (!connected.delete(client)) return;
    clientEvent({ kind: 'disconnect', clientId: client.id, address: addressOf(client), time: Date.now() });
  };
  const onPublish = (client: Client, packet: PublishPacket) => {
    if (!connected.has(client)) return;
    stats.messages++;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(String(packet.payload));
    safely(messageListeners, {
      clientId: client.id,
      address: addressOf(client),
      topic: packet.topic,
      payload,
      qos: packet.qos,
      retain: packet.retain,
      time: Date.now(),
    });
  };

  const aedes = await Aedes.createBroker({
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    // MQTT 3.1 allowed 23 characters; object ids go up to 64, and 3.1.1 sets no limit.
    maxClientsIdLength: 65535,
    drainTimeout: 10_000,
    authorizePublish(client, packet, callback) {
      // aedes's default rule, kept: $SYS/ is the broker's own.
      if (packet.topic.startsWith('$SYS/')) return callback(new Error('$SYS/ topic is reserved'));
      if (client) onPublish(client, packet);
      callback(null);
    },
  });
  const sockets = new Set<Socket>();
  let closed = false;

  aedes.on('client', (client) => {
    if (connected.has(client)) return;
    connected.set(client, client.id);
    clientEvent({ kind: 'connect', clientId: client.id, address: addressOf(client), time: Date.now() });
    client.conn.once('close', () => depart(client));
  });
  aedes.on('clientDisconnect', depart);
  aedes.on('subscribe', (subscriptions, client) => {
    if (!client || !connected.has(client)) return;
    const topics = subscriptions.map((s) => ({ topic: s.topic, qos: s.qos }));
    clientEvent({ kind: 'subscribe', clientId: client.id, address: addressOf(client), topics, time: Date.now() });
  });
  aedes.on('unsubscribe', (topics, client) => {
    // A closing client "unsubscribes" from everything; that is its disconnect, not a request.
    if (!client || client.closed || !connected.has(client)) return;
    clientEvent({ kind: 'unsubscribe', clientId: client.id, address: addressOf(client), topics: [...topics], time: Date.now() });
  });
  const onError = (client: Client | null, error: Error) => {
    stats.clientErrors++;
    const { code, message, text } = classify(error);
    const clientId = client && typeof client.id === 'string' ? client.id : null;
    const address = addressOf(client);
    log('warn', text, clientId, address);
    clientEvent({ kind: 'error', clientId, address, code, message, text, time: Date.now() });
  };
  aedes.on('clientError', onError);
  aedes.on('connectionError', onError);

  const server: Server = createServer((socket) => {
    if (closed) return void socket.destroy();
    stats.connections++;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    const guarded = new GuardedConnection(socket, maxPacketBytes);
    try {
      aedes.handle(guarded);
    } catch (error) {
      onError(null, error instanceof Error ? error : new Error(String(error)));
      socket.destroy();
    }
  });
  // The listening socket itself fails only on listen (EADDRINUSE), handled below.
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => {
      aedes.close();
      reject(
        new MqttBrokerError('listen', {
          ru: `Брокер MQTT не может слушать ${host}:${options.port ?? 0}: ${error.message}`,
          en: `The MQTT broker cannot listen on ${host}:${options.port ?? 0}: ${error.message}`,
        }),
      );
    };
    server.once('error', failed);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  log('info', { ru: `Брокер MQTT слушает ${host}:${port}`, en: `The MQTT broker listens on ${host}:${port}` });

  return {
    host,
    port,
    publish(topic, payload, publishOptions = {}) {
      if (closed) return Promise.reject(new MqttBrokerError('closed', { ru: 'Брокер MQTT остановлен', en: 'The MQTT broker is stopped' }));
      const problem = topicNameProblem(topic);
      if (problem) return Promise.reject(new MqttBrokerError('invalid-topic', problem));
      const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
      return new Promise((resolve, reject) => {
        aedes.publish({ cmd: 'publish', topic, payload: body, qos: publishOptions.qos ?? 0, retain: publishOptions.retain ?? false, dup: false }, (error) => {
          if (error) reject(new MqttBrokerError('publish', { ru: `Публикация не удалась: ${error.message}`, en: `The publish failed: ${error.message}` }));
          else resolve();
        });
      });
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => void messageListeners.delete(listener);
    },
    onClientEvent(listener) {
      clientListeners.add(listener);
      return () => void clientListeners.delete(listener);
    },
    clients: () => [...connected.values()],
    stats: () => ({ ...stats, clients: connected.size }),
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // aedes.close() ends only clients that finished CONNECT; half-open sockets go here.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await stopped;
      messageListeners.clear();
      clientListeners.clear();
    },
  };
}
