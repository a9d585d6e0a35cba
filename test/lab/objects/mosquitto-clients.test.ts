// The platform's own instructions, unchanged, against the lab's broker: Debian's mosquitto_pub and
// mosquitto_sub (package mosquitto-clients). Skipped, saying so, where they are not installed.
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { loadKettle, startLab, temperatureControlWithMail, waitFor, type Lab } from './objects-helpers.js';

const run = promisify(execFile);

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // Not in this directory.
    }
  }
  return null;
}

const pub = which('mosquitto_pub');
const sub = which('mosquitto_sub');
const missing = pub === null || sub === null;
const title = missing
  ? 'mosquitto_pub / mosquitto_sub — SKIPPED: mosquitto-clients is not installed (apt-get install mosquitto-clients)'
  : 'mosquitto_pub / mosquitto_sub against the lab broker';

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

describe.skipIf(missing)(title, () => {
  test('mosquitto_pub -i <object id> -t base/state/temperatureC moves the object; mosquitto_sub sees kettle_off', async () => {
    lab = await startLab();
    const port = String(lab.broker!.port);
    lab.registry.create({ id: 'kettle-1', automaton: temperatureControlWithMail(), model: loadKettle(), owner: 'cli', source: 'mqtt' });

    // Connected is not yet subscribed: wait for the SUBSCRIBE itself.
    const subscribed = new Promise<void>((resolve) => {
      const off = lab!.broker!.onClientEvent((e) => {
        if (e.kind === 'subscribe' && e.clientId === 'watcher') resolve(off());
      });
    });
    const watcher = spawn(sub!, ['-h', '127.0.0.1', '-p', port, '-i', 'watcher', '-t', 'kettle/actions', '-v', '-C', '1', '-W', '15']);
    let seen = '';
    watcher.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => watcher.on('close', resolve));
    await subscribed;

    await run(pub!, ['-h', '127.0.0.1', '-p', port, '-i', 'kettle-1', '-t', 'base/state/temperatureC', '-m', '23']);
    await run(pub!, ['-h', '127.0.0.1', '-p', port, '-i', 'kettle-1', '-t', 'base/state/temperatureC', '-m', '101', '-q', '1']);
    expect(await exited).toBe(0);
    expect(seen).toBe('kettle/actions {"on":false}\n');

    await lab.registry.idle();
    const snapshot = lab.registry.get('kettle-1');
    expect(snapshot.state?.name).toBe('OFF');
    expect(lab.mails.map((m) => m.mail.subject)).toEqual(['Overheat: 101 °C on kettle-1']);
    const mqttKinds = lab.registry
      .log('kettle-1')
      .entries.filter((e) => e.kind.startsWith('mqtt-'))
      .map((e) => e.kind);
    expect(mqttKinds).toEqual(['mqtt-connect', 'mqtt-publish', 'mqtt-disconnect', 'mqtt-connect', 'mqtt-publish', 'mqtt-disconnect']);
  });

  test('a JSON object with mosquitto_pub -q 2, and the broker publishing to mosquitto_sub', async () => {
    lab = await startLab();
    const port = String(lab.broker!.port);
    lab.registry.create({ id: 'kettle-1', automaton: temperatureControlWithMail(), model: loadKettle(), owner: 'cli', source: 'mqtt' });
    await run(pub!, ['-h', '127.0.0.1', '-p', port, '-i', 'kettle-1', '-t', 'base/state', '-m', '{"temperatureC": 100}', '-q', '2']);
    await waitFor(() => lab!.registry.get('kettle-1').state?.name === 'OFF', 'OFF');

    const subscribed = new Promise<void>((resolve) => {
      const off = lab!.broker!.onClientEvent((e) => {
        if (e.kind === 'subscribe' && e.topics.some((t) => t.topic === 'lab/#')) resolve(off());
      });
    });
    const watcher = run(sub!, ['-h', '127.0.0.1', '-p', port, '-t', 'lab/#', '-C', '1', '-W', '15']);
    await subscribed;
    await lab.broker!.publish('lab/hello', 'привет');
    expect((await watcher).stdout).toBe('привет\n');
  });

  test('mosquitto_pub -V mqttv5 is refused with a reason a student can act on', async () => {
    lab = await startLab();
    const port = String(lab.broker!.port);
    const errors: string[] = [];
    lab.broker!.onClientEvent((e) => {
      if (e.kind === 'error') errors.push(`${e.code}: ${e.text.en}`);
    });
    const attempt = await run(pub!, ['-h', '127.0.0.1', '-p', port, '-i', 'kettle-1', '-V', 'mqttv5', '-t', 'base/state/temperatureC', '-m', '23']).then(
      () => 'exit 0',
      (error: { code?: number; stderr?: string }) => `exit ${error.code}: ${error.stderr ?? ''}`,
    );
    expect(attempt).not.toBe('exit 0');
    await waitFor(() => errors.length > 0, 'the error event');
    expect(errors[0]).toMatch(/^protocol-version: .*mosquitto_pub -V mqttv311/);
  });
});
