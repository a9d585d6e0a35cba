// The load generator of the objects bench: N devices, each one MQTT connection whose client id is
// its object's id, publishing plain temperatures on base/state/temperatureC at QoS 0, as
// `mosquitto_pub -i ID -t base/state/temperatureC -m 23` does. Packets are built once with
// mqtt-packet (the encoder the mqtt client and aedes use) and written straight to the sockets, so
// that one core can drive more than the server under test can take.
import { connect, type Socket } from 'node:net';
import mqttPacket from 'mqtt-packet';

const TOPIC = 'base/state/temperatureC';

export interface Devices {
  readonly ids: readonly string[];
  /**
   * Publishes `rate` messages a second in all, spread evenly over the devices, for `seconds`.
   * Every `cycle`-th message of a device is an overheat (above 99: the object enters OFF and
   * mails its alert), and the next one a cool-down (below 80: back to ON, so that every overheat
   * finds the object in ON). The devices' cycles are staggered, so overheats come evenly.
   */
  publish(options: { rate: number; seconds: number; cycle: number }): Promise<PublishRun>;
  close(): void;
}

export interface PublishRun {
  sent: number;
  /** Overheats sent: each is one alert the lab owes. */
  overheats: number;
  /** Date.now() when each overheat went out, by `alertKey(temperature, objectId)`. */
  overheatTimes: Map<string, number>;
  /** Seconds the publishing took (the rate achieved is sent ÷ this). */
  elapsed: number;
}

const packet = (value: string) => mqttPacket.generate({ cmd: 'publish', topic: TOPIC, payload: value, qos: 0, retain: false, dup: false, messageId: 0 });

/** An overheat's temperature repeats only every 50 cycles, so its alert's subject names it. */
const overheatValue = (cycleIndex: number) => 100 + (cycleIndex % 50);

/** What names an overheat and its alert: the temperature and the object. */
export const alertKey = (temperature: number, objectId: string) => `${temperature}|${objectId}`;

export async function connectDevices(port: number, ids: readonly string[]): Promise<Devices> {
  const sockets: Socket[] = [];
  // A device's message index, across publish runs, so its cycle carries on.
  const counters = new Array<number>(ids.length).fill(0);
  const overheatsOf = new Array<number>(ids.length).fill(0);
  const hot = new Array<boolean>(ids.length).fill(false);
  const normal = Array.from({ length: 14 }, (_, i) => packet(String(85 + i)));
  const coolDown = packet('75');
  const overheats = Array.from({ length: 50 }, (_, i) => packet(String(overheatValue(i))));

  await Promise.all(
    ids.map(
      (id, i) =>
        new Promise<void>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1');
          socket.setNoDelay(true);
          sockets[i] = socket;
          socket.once('error', reject);
          socket.once('connect', () =>
            socket.write(mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: id, clean: true, keepalive: 0 })),
          );
          // CONNACK (4 bytes, perhaps in pieces) is the first thing the broker says; nothing else comes.
          let connack = Buffer.alloc(0);
          const onData = (data: Buffer) => {
            connack = Buffer.concat([connack, data]);
            if (connack.length < 4) return;
            socket.off('data', onData);
            if (connack[0] === 0x20 && connack[3] === 0) resolve();
            else reject(new Error(`device ${id}: connection refused (${connack.toString('hex')})`));
          };
          socket.on('data', onData);
        }),
    ),
  );

  return {
    ids,
    async publish({ rate, seconds, cycle }) {
      const run: PublishRun = { sent: 0, overheats: 0, overheatTimes: new Map(), elapsed: 0 };
      const total = Math.round(rate * seconds);
      const started = performance.now();
      let next = 0;
      while (run.sent < total) {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
        if (due > run.sent) {
          const batches = new Map<number, Buffer[]>();
          for (; run.sent < due; run.sent++) {
            const device = next;
            next = (next + 1) % ids.length;
            const k = counters[device]!++;
            const phase = (k + Math.floor((device * cycle) / ids.length)) % cycle;
            let buffer: Buffer;
            if (hot[device]) {
              // Right after an overheat, a cool-down: the object is back in ON before its next
              // overheat whatever the cycle of the next step.
              buffer = coolDown;
              hot[device] = false;
            } else if (phase === cycle - 1) {
              const value = overheatValue(overheatsOf[device]!++);
              buffer = overheats[value - 100]!;
              hot[device] = true;
              run.overheats++;
              run.overheatTimes.set(alertKey(value, ids[device]!), Date.now());
            } else buffer = normal[k % normal.length]!;
            let list = batches.get(device);
            if (!list) batches.set(device, (list = []));
            list.push(buffer);
          }
          for (const [device, list] of batches) sockets[device]!.write(list.length === 1 ? list[0]! : Buffer.concat(list));
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      run.elapsed = (performance.now() - started) / 1000;
      return run;
    },
    close() {
      for (const socket of sockets) socket.destroy();
    },
  };
}
