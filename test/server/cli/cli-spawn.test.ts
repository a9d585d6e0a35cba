// The built `smtp-lab` command as a student runs it (dist/, so `npm test` builds first): start a
// Gmail-like lab, then in other processes create an account and an app password, set the
// integration with the account password (534, exit 1), fix it (exit 0), and stop with Ctrl+C.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { CLI, runCli } from '../../helpers/built-cli.js';
import { eventually } from '../../helpers/lab.js';

test('account → app-password → integration set → send-test: 534 explained (1), then sent (0)', async () => {
  const home = await mkdtemp(join(tmpdir(), 'smtp-lab-spawn-'));
  onTestFinished(() => rm(home, { recursive: true, force: true }));
  const env = { XDG_CONFIG_HOME: home, LANG: 'C' };
  const adminFile = join(home, 'smtp-lab', 'admin.json');

  const server: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      CLI,
      'start',
      '--profile',
      'gmail',
      '--smtp-port',
      '0',
      '--smtps-port',
      '0',
      '--submission-port',
      '0',
      '--http-port',
      '0',
      '--mqtt-port',
      '0',
      '--telegram-port',
      '0',
      '--discord-port',
      '0',
      '--sms-port',
      '0',
      '--smpp-port',
      '0',
      '--quiet',
    ],
    { env: { PATH: process.env.PATH, ...env } },
  );
  onTestFinished(() => void server.kill('SIGKILL'));
  let serverOut = '';
  server.stdout.on('data', (chunk: Buffer) => (serverOut += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  await eventually(() => (existsSync(adminFile) && serverOut.includes('smtp-lab is running') ? true : undefined), 20_000, 'the server to start');

  expect(await runCli(['account', 'add', 'student', '--password', 'account password 1'], env)).toMatchObject({
    code: 0,
    stdout: 'Account student@lab.local created.\n',
  });
  const app = await runCli(['account', 'app-password', 'student@lab.local'], env);
  expect(app.code).toBe(0);
  const appPassword = app.stdout.trim();
  expect(appPassword).toMatch(/^[a-z]{16}$/);

  expect((await runCli(['integration', 'set', '--preset', 'lab', '--login', 'student@lab.local', '--password', 'account password 1'], env)).code).toBe(0);
  const failed = await runCli(['send-test', '--to', 'ops@example.com', '--json'], env);
  expect(failed.code).toBe(1);
  expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, explanation: { code: 'app-password-required', field: 'password' } });
  expect(JSON.parse(failed.stdout).reply).toMatch(/^534-5\.7\.9 Application-specific password required/);

  expect((await runCli(['integration', 'set', '--password', appPassword], env)).code).toBe(0);
  const shown = await runCli(['integration', 'show'], env);
  expect(shown.stdout).not.toContain(appPassword);
  const sent = await runCli(['send-test', '--to', 'ops@example.com'], env);
  expect(sent).toMatchObject({ code: 0 });
  expect(sent.stdout).toMatch(/^Test e-mail sent successfully\n/);

  expect((await runCli(['send-test'], env)).code).toBe(2);

  server.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(existsSync(adminFile)).toBe(false);
});
