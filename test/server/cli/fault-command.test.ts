// `smtp-lab fault` and `start --fault` as a test author or instructor runs them (the built CLI in
// child processes): rules given at start are there and fire; add (a preset, a line, JSON), list
// with firings explained in the reader's language, remove, clear; a rule that makes no sense
// exits 2 naming its field; no server: exit 1 with what to do.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { expect, onTestFinished, test } from 'vitest';
import { CLI, runCli } from '../../helpers/built-cli.js';
import { eventually } from '../../helpers/lab.js';

test('start --fault, then fault add | list | remove | clear against the running lab', async () => {
  const home = await mkdtemp(join(tmpdir(), 'smtp-lab-fault-'));
  onTestFinished(() => rm(home, { recursive: true, force: true }));
  const env = { XDG_CONFIG_HOME: home, LANG: 'C' };
  const ru = { ...env, LANG: 'ru_RU.UTF-8' };
  const adminFile = join(home, 'smtp-lab', 'admin.json');

  expect(await runCli(['fault', 'list'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('No running smtp-lab answers') });
  const refused = await runCli(['start', '--fault', 'rcpt=700 nope', '--http-port', '0'], env);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('effect.code');

  const server: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      CLI,
      'start',
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
      '--fault',
      'unknown-recipient; rcptTo=nobody@*',
    ],
    { env: { PATH: process.env.PATH, ...env } },
  );
  onTestFinished(() => void server.kill('SIGKILL'));
  let serverOut = '';
  server.stdout.on('data', (chunk: Buffer) => (serverOut += chunk.toString('utf8')));
  await eventually(() => (existsSync(adminFile) && serverOut.includes('smtp-lab is running') ? true : undefined), 20_000, 'the server to start');
  expect(serverOut).toMatch(/Fault rules +1 lab-wide \(smtp-lab fault list\): unknown-recipient/);
  const smtpPort = Number(/SMTP, open[^\n]*:(\d+)/.exec(serverOut)?.[1]);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  const info = await transport.sendMail({ from: 'app@example.com', to: ['ops@example.com', 'nobody@example.com'], subject: 's', text: 't' });
  expect(info.rejected).toEqual(['nobody@example.com']);

  const listed = await runCli(['fault', 'list'], ru);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(/«unknown-recipient»  RCPT TO: «550 5\.1\.1 .*rcptTo=nobody@\*  сработало 1 из 1  вся лаборатория/);
  expect(listed.stdout).toContain('Последние срабатывания:');
  expect(listed.stdout).toMatch(/Лаборатория подставила этот ответ \(правило «Нет такого получателя», этап RCPT TO\), чтобы показать/);

  const added = await runCli(['fault', 'add', 'data=452 4.3.1 Insufficient system storage; rcptTo=ops@example.com; firings=1', '--json'], env);
  expect(added.code).toBe(0);
  const rule = JSON.parse(added.stdout) as { id: string; stage: string; lifetime: { firings: number } };
  expect(rule).toMatchObject({ stage: 'data', lifetime: { firings: 1 }, effect: { code: 452, enhanced: '4.3.1', text: 'Insufficient system storage' } });
  await expect(transport.sendMail({ from: 'app@example.com', to: 'ops@example.com', subject: 's', text: 't' })).rejects.toMatchObject({
    responseCode: 452,
    command: 'DATA',
  });
  // It fired once and is gone.
  expect(JSON.parse((await runCli(['fault', 'list', '--json'], env)).stdout).rules.map((r: { id: string }) => r.id)).not.toContain(rule.id);

  const json = await runCli(['fault', 'add', '{"stage":"mail","effect":{"kind":"disconnect"},"name":"drop MAIL"}'], env);
  expect(json).toMatchObject({ code: 0, stdout: expect.stringContaining('«drop MAIL»') });
  const bad = await runCli(['fault', 'add', 'helo=disconnect; mailFrom=x@y'], ru);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('match.mailFrom: На этапе «helo» это ещё неизвестно');
  expect((await runCli(['fault', 'add', 'no-such-thing'], env)).code).toBe(2);

  const id = JSON.parse((await runCli(['fault', 'list', '--json'], env)).stdout).rules[0].id as string;
  expect(await runCli(['fault', 'remove', id], env)).toMatchObject({ code: 0, stdout: `Rule ${id} removed.\n` });
  expect((await runCli(['fault', 'remove', id], env)).code).toBe(1);
  expect(await runCli(['fault', 'clear'], ru)).toMatchObject({ code: 0, stdout: 'Все правила сбоев удалены.\n' });
  expect((await runCli(['fault', 'list'], env)).stdout).toContain('No fault rules.');
  expect(JSON.parse(await readFile(adminFile, 'utf8')).token).toBeTruthy();
});
