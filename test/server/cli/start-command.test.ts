// `smtp-lab start` as a user runs it: the real built command in a child process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { START_OPTIONS } from '../../../server/cli/start-options.js';
import { eventually, getJson } from '../../helpers/lab.js';
import { expectReply, openSession } from '../../helpers/smtp-dialogue.js';
import { labTransport } from '../../helpers/send-mail.js';

const CLI = join(import.meta.dirname, '../../../dist/server/cli/main.js');

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', XDG_CONFIG_HOME: join(tmpdir(), 'smtp-lab-cli-test-config'), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

const ZERO_PORTS = [
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
];

async function started(running: Running): Promise<{ url: string; smtpPort: number }> {
  return eventually(
    () => {
      const out = running.stdout();
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const smtp = /SMTP, open[^\n]*127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      return url && smtp ? { url, smtpPort: Number(smtp) } : undefined;
    },
    15_000,
    `the start-up summary (stdout: ${running.stdout()} stderr: ${running.stderr()})`,
  );
}

describe('smtp-lab start', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  });

  it('--help lists every flag with its environment variable, in English and in Russian', async () => {
    const en = run(['start', '--help']);
    expect(await en.exited).toBe(0);
    for (const option of START_OPTIONS) {
      expect(en.stdout()).toContain(`--${option.flag}`);
      expect(en.stdout()).toContain(option.env);
      expect(en.stdout()).toContain(option.help.en);
    }
    const ru = run(['start', '--help'], { LANG: 'ru_RU.UTF-8' });
    expect(await ru.exited).toBe(0);
    expect(ru.stdout()).toContain('Использование: smtp-lab start');
    for (const option of START_OPTIONS) expect(ru.stdout()).toContain(option.help.ru);
    // Issue 8, point 14: the Russian help has Russian placeholders and defaults.
    expect(ru.stdout()).not.toMatch(/<value>|\(memory\)| or ~|\[по умолчанию: —\]/);
    expect(ru.stdout()).toContain('--data-dir <каталог>');
    expect(ru.stdout()).toContain('[по умолчанию: нет: только в памяти]');
    expect(ru.stdout()).toContain('[по умолчанию: <data-dir>/tls или ~/.config/smtp-lab/tls]');
    // Every variable name starts in the same column.
    const columns = ru
      .stdout()
      .split('\n')
      .filter((line) => /^ {2}--\S/.test(line) && /SMTP_LAB_/.test(line))
      .map((line) => line.indexOf('SMTP_LAB_'));
    expect(new Set(columns).size).toBe(1);
  });

  it('refuses a bad flag value with exit code 2 and says why', async () => {
    const bad = run(['start', '--smtp-port', 'seventy']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain('--smtp-port: "seventy" is not a port number');
    const unknown = run(['start', '--no-such-flag']);
    expect(await unknown.exited).toBe(2);
    const ru = run(['start', '--smtp-port', 'seventy'], { LANG: 'ru_RU.UTF-8' });
    expect(await ru.exited).toBe(2);
    expect(ru.stderr()).toContain('--smtp-port: «seventy» — не номер порта (0–65535)');
    const unknownRu = run(['start', '--bogus'], { LANG: 'ru_RU.UTF-8' });
    expect(await unknownRu.exited).toBe(2);
    expect(unknownRu.stderr()).toMatch(/^smtp-lab start: неизвестный параметр «--bogus»/);
  });

  it('runs, prints where everything is, captures mail, and on Ctrl+C sends 421 to open sessions and exits 0', async () => {
    const lab = run(['start', ...ZERO_PORTS]);
    const { url, smtpPort } = await started(lab);
    expect(lab.stdout()).toMatch(/SMTP over TLS \(implicit\), AUTH required\s+127\.0\.0\.1:\d+ \(profile lab\)/);
    expect(lab.stdout()).toMatch(/SMTP with STARTTLS, then AUTH\s+127\.0\.0\.1:\d+ \(profile lab\)/);
    await labTransport(smtpPort).sendMail({ from: 'cli@lab.local', to: 'student@lab.local', subject: 'via the CLI', text: 'x' });
    const { body } = await getJson<{ messages: Array<{ Subject: string }> }>(`${url}/api/v1/messages`);
    expect(body.messages[0]?.Subject).toBe('via the CLI');
    await eventually(() => (/via the CLI/.test(lab.stdout()) ? true : undefined));

    const open = await openSession(smtpPort);
    await expectReply(open, 'MAIL FROM:<a@lab.local>', 250);
    lab.child.kill('SIGINT');
    const goodbye = await open.read(10_000);
    expect(goodbye.code).toBe(421);
    expect(await lab.exited).toBe(0);
    expect(lab.stdout()).toContain('Stopped.');
  });

  it('takes its settings from environment variables', async () => {
    const lab = run(['start'], {
      SMTP_LAB_SMTP_PORT: '0',
      SMTP_LAB_SMTPS_PORT: 'off',
      SMTP_LAB_SUBMISSION_PORT: 'off',
      SMTP_LAB_HTTP_PORT: '0',
      SMTP_LAB_MQTT_PORT: '0',
      SMTP_LAB_TELEGRAM_PORT: '0',
      SMTP_LAB_DISCORD_PORT: '0',
      SMTP_LAB_SMS_PORT: 'off',
      SMTP_LAB_SMPP_PORT: 'off',
      SMTP_LAB_MAX_MESSAGES: '7',
    });
    const { url } = await started(lab);
    expect(lab.stdout()).not.toContain('STARTTLS');
    expect(lab.stdout()).toContain('in memory only, lost when the lab stops; at most 7 mails');
    const { body } = await getJson<{ Lab: { MaxMessages: number; Listeners: unknown[] } }>(`${url}/api/v1/info`);
    expect(body.Lab.MaxMessages).toBe(7);
    expect(body.Lab.Listeners).toHaveLength(1);
    lab.child.kill('SIGTERM');
    expect(await lab.exited).toBe(0);
  });

  // Issue 8, point 14: the terminal speaks Russian under a Russian LANG, in aligned columns, and
  // says truthfully what happens to the data on stop.
  it('in Russian: the summary in one column, the mail line in Russian, no claim that memory is saved', async () => {
    const lab = run(['start', ...ZERO_PORTS], { LANG: 'ru_RU.UTF-8' });
    const out = await eventually(() => (/Ctrl\+C/.test(lab.stdout()) ? lab.stdout() : undefined), 15_000, 'the summary');
    const rows = out.split('\n').filter((line) => /^ {2}\S/.test(line));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const column = (line: string) => line.search(/ {2}(?:http|smpp:|127\.0\.0\.1|\/|только|на диске)/) + 2;
    expect(new Set(rows.map(column)).size).toBe(1);
    expect(out).toContain('только в памяти, при остановке теряется; не больше 20');
    const smtpPort = Number(/SMTP, открытый[^\n]*127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
    // A mail without a From header, from a null sender: nothing in English, no bare "<>".
    const conn = await openSession(smtpPort);
    await expectReply(conn, 'MAIL FROM:<>', 250);
    await expectReply(conn, 'RCPT TO:<ops@lab.local>', 250);
    await expectReply(conn, 'DATA', 354);
    await expectReply(conn, 'Subject: Котёл 7\r\n\r\nТемпература 97\r\n.', 250);
    const line = await eventually(() => /^\d\d:\d\d:\d\d письмо .*$/m.exec(lab.stdout())?.[0], 10_000, 'the mail line');
    expect(line).toMatch(/письмо \S+ от \(нет заголовка «From»\) → ops@lab\.local «Котёл 7» \(\d+ Б, сессия \S+\)$/);
    expect(line).not.toMatch(/session|\bB\b|<>/);
    lab.child.kill('SIGINT');
    expect(await lab.exited).toBe(0);
    expect(lab.stdout()).toContain('письма и сессии были только в памяти и не сохраняются');
    expect(lab.stdout()).not.toContain('данные сохраняются');
  });

  it('keeps mails and sessions across a restart with --data-dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smtp-lab-cli-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const first = run(['start', ...ZERO_PORTS, '--data-dir', dir]);
    const one = await started(first);
    await labTransport(one.smtpPort).sendMail({ from: 'a@lab.local', to: 'b@lab.local', subject: 'kept', text: 'kept body' });
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain('mails and sessions are written to disk');

    const second = run(['start', ...ZERO_PORTS, '--data-dir', dir]);
    const two = await started(second);
    expect(second.stdout()).toContain(dir);
    const { body: list } = await getJson<{ messages: Array<{ ID: string; Subject: string; SessionID: string }> }>(`${two.url}/api/v1/messages`);
    expect(list.messages.map((m) => m.Subject)).toEqual(['kept']);
    const { status, body: session } = await getJson<{ State: string; MessageIDs: string[] }>(`${two.url}/api/lab/sessions/${list.messages[0]?.SessionID}`);
    expect(status).toBe(200);
    expect(session.MessageIDs).toEqual([list.messages[0]?.ID]);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('prints every dialogue line with --verbose, secrets masked', async () => {
    const lab = run(['start', ...ZERO_PORTS, '--verbose']);
    const { smtpPort } = await started(lab);
    await labTransport(smtpPort, { auth: { user: 'verbose-user', pass: 'Verbose-Secret-42' } }).sendMail({
      from: 'a@lab.local',
      to: 'b@lab.local',
      subject: 'v',
      text: 'x',
    });
    await eventually(() => (/S: 250 2\.6\.0 OK: queued as/.test(lab.stdout()) ? true : undefined));
    expect(lab.stdout()).toMatch(/C: AUTH PLAIN ••••••••/);
    expect(lab.stdout() + lab.stderr()).not.toContain('Verbose-Secret-42');
    expect(lab.stdout() + lab.stderr()).not.toContain(Buffer.from('\0verbose-user\0Verbose-Secret-42').toString('base64'));
    lab.child.kill('SIGINT');
    expect(await lab.exited).toBe(0);
  });

  it('says why it cannot start when a port is taken', async () => {
    const first = run(['start', ...ZERO_PORTS]);
    const { url } = await started(first);
    const taken = new URL(url).port;
    const second = run([
      'start',
      '--smtp-port',
      '0',
      '--smtps-port',
      'off',
      '--submission-port',
      'off',
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
      '--http-port',
      taken,
    ]);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(new RegExp(`HTTP cannot listen on 127\\.0\\.0\\.1:${taken}: .*EADDRINUSE`));
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
  });
});
