// kill -9 in the middle of load with --data-dir: every mail the server answered 250 for comes
// back after a restart byte for byte, under its id; the restarted server starts cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { eventually, getJson } from '../helpers/lab.js';
import { labTransport } from '../helpers/send-mail.js';

const CLI = join(import.meta.dirname, '../../dist/server/cli/main.js');

interface Started {
  child: ChildProcess;
  exited: Promise<unknown>;
  url: string;
  smtpPort: number;
  output: () => string;
}

async function start(dataDir: string): Promise<Started> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'start',
      '--data-dir',
      dataDir,
      '--smtp-port',
      '0',
      '--smtps-port',
      'off',
      '--submission-port',
      'off',
      '--http-port',
      '0',
      '--mqtt-port',
      'off',
      '--telegram-port',
      'off',
      '--discord-port',
      'off',
      '--sms-port',
      'off',
      '--smpp-port',
      'off',
      '--quiet',
    ],
    { env: { ...process.env, LANG: 'C' } },
  );
  onTestFinished(() => void child.kill('SIGKILL'));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await eventually(() => /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], 15_000, 'the start-up summary');
  const { body } = await getJson<{ Lab: { Listeners: Array<{ Name: string; Port: number }> } }>(`${url}/api/v1/info`);
  return { child, exited, url, smtpPort: body.Lab.Listeners.find((l) => l.Name === 'smtp')?.Port as number, output: () => out };
}

function randomMail(n: number): Buffer {
  // Text with lines that need dot-stuffing, 8-bit bytes, and a size from 200 B to 20 KB.
  const size = 200 + ((n * 7919) % 20_000);
  const body = randomBytes(size)
    .toString('base64')
    .replace(/(.{76})/g, '$1\r\n.');
  return Buffer.concat([Buffer.from(`From: a@lab.test\r\nTo: b@lab.test\r\nSubject: load ${n}\r\n\r\n`), Buffer.from(body), Buffer.from([0xe9, 0x0d, 0x0a])]);
}

describe('crash safety', () => {
  it('kill -9 under load: every mail answered 250 is back byte for byte', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    const dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-kill9-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const first = await start(dataDir);
    const accepted = new Map<string, Buffer>();
    let killed = false;
    const sender = async (lane: number) => {
      const transport = labTransport(first.smtpPort);
      for (let n = lane; !killed; n += 4) {
        const raw = randomMail(n);
        try {
          const info = await transport.sendMail({ envelope: { from: 'a@lab.test', to: ['b@lab.test'] }, raw });
          const id = /queued as (\S+)/.exec(info.response)?.[1];
          if (id) accepted.set(id, raw);
        } catch {
          // The kill: this one was not answered 250, so nothing is promised for it.
        }
        if (accepted.size >= 300 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
      transport.close();
    };
    await Promise.all([0, 1, 2, 3].map(sender));
    await first.exited;

    const second = await start(dataDir);
    const { body } = await getJson<{ total: number }>(`${second.url}/api/v1/messages?limit=0`);
    expect(body.total).toBeGreaterThanOrEqual(accepted.size);
    for (const [id, raw] of accepted) {
      const res = await fetch(`${second.url}/api/v1/message/${id}/raw`);
      expect(res.status, `mail ${id}`).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(raw), `mail ${id} byte for byte`).toBe(true);
    }
    expect(second.output()).not.toMatch(/error/i);
  }, 120_000);
});
