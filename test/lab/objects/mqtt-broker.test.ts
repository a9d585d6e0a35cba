// The bundled broker as a network service: it listens on loopback only, takes any client id,
// survives whatever bytes a client sends (garbage, a truncated CONNECT, a huge remaining length,
// random packets) while serving the other clients, and closes promptly with clients attached.
import { connect as tcpConnect, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, test } from 'vitest';
import { mulberry32 } from '../../../server/common/prng.js';
import { createMqttBroker, MqttBrokerError, type BrokerClientEvent, type MqttBroker } from '../../../lab/objects/mqtt-broker.js';
import { createFrameScanner } from '../../../lab/objects/mqtt-frame-guard.js';
import { connectPacket, publishPacket, varint, waitFor } from './objects-helpers.js';

let broker: MqttBroker | null = null;
const clients: MqttClient[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  await broker?.close();
  broker = null;
});

async function start(options: Parameters<typeof createMqttBroker>[0] = {}) {
  broker = await createMqttBroker({ port: 0, ...options });
  const events: BrokerClientEvent[] = [];
  broker.onClientEvent((e) => events.push(e));
  return { broker, events, errors: () => events.flatMap((e) => (e.kind === 'error' ? [e.code] : [])) };
}

async function mqttClient(clientId: string, extra: Record<string, unknown> = {}): Promise<MqttClient> {
  const client = await connectAsync(`mqtt://127.0.0.1:${broker!.port}`, { clientId, reconnectPeriod: 0, connectTimeout: 5000, ...extra });
  clients.push(client);
  return client;
}

/** A raw TCP socket that records whether and when the broker closed it. */
async function rawSocket(): Promise<{ socket: Socket; closed: Promise<void>; received: () => Buffer }> {
  const socket = tcpConnect(broker!.port, '127.0.0.1');
  sockets.push(socket);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, received: () => Buffer.concat(chunks) };
}

/** The broker still serves: a fresh client publishes and another receives it. */
async function stillServes() {
  const listener = await mqttClient(`listener-${Math.random().toString(36).slice(2)}`);
  const got = new Promise<string>((resolve) => listener.on('message', (_t, p) => resolve(p.toString())));
  await listener.subscribeAsync('check/alive');
  const talker = await mqttClient(`talker-${Math.random().toString(36).slice(2)}`);
  await talker.publishAsync('check/alive', 'yes');
  expect(await got).toBe('yes');
}

describe('the MQTT broker', () => {
  test('listens on 127.0.0.1 unless told, not on other interfaces', async () => {
    const { broker } = await start();
    expect(broker.host).toBe('127.0.0.1');
    const other = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (other) {
      const refused = await new Promise<string>((resolve) => {
        const s = tcpConnect(broker.port, other.address);
        s.on('connect', () => resolve('connected'));
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
  });

  test('takes any client id: 64 characters, dots and dashes, MQTT 3.1, an empty one; clients() lists them', async () => {
    const { broker, events } = await start();
    const long = 'a'.repeat(40) + '.b_c-d' + '9'.repeat(18);
    expect(long).toHaveLength(64);
    await mqttClient(long);
    await mqttClient('cold-room.3', { protocolVersion: 3, protocolId: 'MQIsdp' });
    await mqttClient('', { clean: true });
    expect(broker.clients().slice(0, 2)).toEqual([long, 'cold-room.3']);
    expect(broker.clients()[2]).toMatch(/^aedes_/);
    expect(events.filter((e) => e.kind === 'connect').map((e) => e.clientId)).toEqual(broker.clients());
    expect(events.find((e) => e.kind === 'connect')?.address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  test('a second client with the same id takes over: the first is disconnected', async () => {
    const { broker, events } = await start();
    const first = await mqttClient('kettle-1');
    const firstClosed = new Promise<void>((resolve) => first.on('close', () => resolve()));
    await mqttClient('kettle-1');
    await firstClosed;
    await waitFor(() => events.filter((e) => e.kind === 'disconnect').length === 1, 'the takeover disconnect');
    expect(broker.clients()).toEqual(['kettle-1']);
    expect(events.map((e) => `${e.kind} ${e.clientId}`)).toEqual(['connect kettle-1', 'disconnect kettle-1', 'connect kettle-1']);
  });

  test.each([
    ['an HTTP request', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), 'http'],
    ['a TLS ClientHello', Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]), 'tls'],
    ['zero bytes', Buffer.alloc(64), 'not-mqtt'],
    ['a PUBLISH before CONNECT', publishPacket('base/state/x', '1'), 'not-mqtt'],
    ['a huge remaining length', Buffer.from([0x10, 0xff, 0xff, 0xff, 0x7f]), 'too-large'],
    ['a remaining length of five bytes', Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x01]), 'bad-length'],
    ['a CONNECT with a wrong protocol name', connectPacket('x', { name: 'MQTX' }), 'malformed'],
    ['a CONNECT of MQTT 5', connectPacket('x', { level: 5 }), 'protocol-version'],
  ])('%s: the connection is closed, the error counted, the broker serves on', async (_name, bytes, code) => {
    const { broker, errors } = await start();
    const raw = await rawSocket();
    raw.socket.write(bytes);
    await raw.closed;
    await waitFor(() => errors().length > 0, 'the error event');
    expect(errors()).toEqual([code]);
    expect(broker.stats().clientErrors).toBe(1);
    await stillServes();
  });

  test('a huge PUBLISH after a good CONNECT is cut off without buffering it', async () => {
    const { errors } = await start({ maxPacketBytes: 1024 });
    const raw = await rawSocket();
    raw.socket.write(connectPacket('big-talker'));
    await waitFor(() => raw.received().length >= 4, 'CONNACK');
    raw.socket.write(Buffer.from([0x30, ...varint(200 * 1024 * 1024), 0x00, 0x01, 0x61]));
    await raw.closed;
    await waitFor(() => errors().length > 0, 'the error');
    expect(errors()).toEqual(['too-large']);
    await stillServes();
  });

  test('a truncated CONNECT: closed when the client leaves, or at the connect timeout when it stays', async () => {
    const { errors } = await start({ connectTimeoutMs: 300 });
    const whole = connectPacket('half');
    const leaver = await rawSocket();
    leaver.socket.end(whole.subarray(0, 7));
    await leaver.closed;
    const stayer = await rawSocket();
    stayer.socket.write(whole.subarray(0, 7));
    const started = Date.now();
    await stayer.closed;
    expect(Date.now() - started).toBeLessThan(5000);
    await waitFor(() => errors().includes('timeout'), 'the timeout error');
    await stillServes();
  });

  test('packets split byte by byte and packed together are read as the client sent them', async () => {
    const { broker } = await start();
    const messages: string[] = [];
    broker.onMessage((m) => messages.push(`${m.clientId} ${m.topic} ${m.payload.toString()}`));
    const raw = await rawSocket();
    const bytes = Buffer.concat([connectPacket('dribbler'), publishPacket('base/state/a', '1'), publishPacket('base/state/b', '22')]);
    for (const byte of bytes.subarray(0, 20)) {
      raw.socket.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    raw.socket.write(bytes.subarray(20));
    await waitFor(() => messages.length === 2, 'both publishes');
    expect(messages).toEqual(['dribbler base/state/a 1', 'dribbler base/state/b 22']);
  });

  test('300 random packets after CONNECT (seeded) never crash the process', async () => {
    const { broker } = await start({ connectTimeoutMs: 500 });
    const random = mulberry32(20240301);
    for (let round = 0; round < 300; round++) {
      const raw = await rawSocket();
      const length = Math.floor(random() * 40);
      const body = Array.from({ length }, () => Math.floor(random() * 256));
      const type = (Math.floor(random() * 16) << 4) | Math.floor(random() * 16);
      raw.socket.write(Buffer.concat([connectPacket(`fuzz-${round}`), Buffer.from([type, ...varint(length), ...body])]));
      raw.socket.end();
      await raw.closed;
    }
    await stillServes();
    expect(broker.stats().connections).toBeGreaterThanOrEqual(302);
  });

  test('close() ends connected clients and half-open sockets at once', async () => {
    const { broker } = await start();
    const client = await mqttClient('kettle-1');
    const clientClosed = new Promise<void>((resolve) => client.on('close', () => resolve()));
    const silent = await rawSocket();
    const started = Date.now();
    await broker.close();
    await Promise.all([clientClosed, silent.closed]);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(broker.publish('a/b', 'x')).rejects.toMatchObject({ code: 'closed' });
  });

  test('a port in use is one MqttBrokerError in both languages; the log option hears what the broker says', async () => {
    const lines: string[] = [];
    const { broker } = await start({ log: (line) => lines.push(`${line.level}: ${line.text.en}`) });
    expect(lines).toEqual([`info: The MQTT broker listens on 127.0.0.1:${broker.port}`]);
    const error = await createMqttBroker({ port: broker.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MqttBrokerError);
    expect(error).toMatchObject({ code: 'listen', text: { ru: expect.stringContaining('EADDRINUSE'), en: expect.stringContaining('EADDRINUSE') } });
    const raw = await rawSocket();
    raw.socket.write('GET / HTTP/1.1\r\n\r\n');
    await raw.closed;
    await waitFor(() => lines.length === 2, 'the warning');
    expect(lines[1]).toMatch(/^warn: An HTTP request arrived/);
  });

  test('a client that errs after CONNECT is named in the error', async () => {
    const { events } = await start();
    const raw = await rawSocket();
    raw.socket.write(connectPacket('kettle-1'));
    await waitFor(() => raw.received().length >= 4, 'CONNACK');
    raw.socket.write(Buffer.from([0x32, 0x03, 0x00, 0x05, 0x61]));
    await raw.closed;
    await waitFor(() => events.some((e) => e.kind === 'error'), 'the error');
    expect(events.map((e) => `${e.kind} ${e.clientId}`)).toEqual(['connect kettle-1', 'error kettle-1', 'disconnect kettle-1']);
  });

  test('publish() refuses topic names MQTT does not allow, in both languages', async () => {
    const { broker } = await start();
    for (const topic of ['', 'kettle/+', 'kettle/#', 'a\u0000b']) {
      const error = await broker.publish(topic, 'x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MqttBrokerError);
      expect(error).toMatchObject({ code: 'invalid-topic', text: { ru: expect.any(String), en: expect.any(String) } });
    }
  });
});

describe('the frame scanner', () => {
  const scanAll = (chunks: number[][], max = 100) => {
    const scanner = createFrameScanner(max);
    for (const c of chunks) {
      const problem = scanner.scan(Buffer.from(c));
      if (problem) return problem.code;
    }
    return null;
  };
  test.each([
    ['a CONNECT whole', [[0x10, 0x02, 0x00, 0x00]], null],
    ['a CONNECT in single bytes', [[0x10], [0x02], [0x00], [0x00]], null],
    ['two packets in one chunk', [[0x10, 0x01, 0x00, 0xc0, 0x00]], null],
    ['a length split across chunks', [[0x10, 0x80], [0x01], Array(128).fill(0)], 'too-large'],
    ['exactly the limit', [[0x10, 100], Array(100).fill(0)], null],
    ['one byte over the limit', [[0x10, 101]], 'too-large'],
    ['a zero-length packet then garbage type', [[0x10, 0x00, 0xff, 0x00]], null],
    ['a first byte that is not CONNECT', [[0x20, 0x02, 0x00, 0x00]], 'not-mqtt'],
    ['a fifth length byte', [[0x10, 0x80, 0x80, 0x80, 0x80]], 'bad-length'],
  ])('%s', (_name, chunks, expected) => {
    expect(scanAll(chunks)).toBe(expected);
  });
});
