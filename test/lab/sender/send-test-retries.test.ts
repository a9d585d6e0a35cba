// `smtp-lab send-test` with the sender's retries, as a student runs it: the built command in its
// own process against a lab (in this one) with greylisting on. Each retried attempt is on the
// terminal as it ends — its line, the reply, why, what the lab injected — before the next attempt
// starts; then the result. A 550 is one attempt; a bad --attempts is bad input.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runAccount } from '../../../server/cli/account-command.js';
import { runIntegration } from '../../../lab/integration/integration-command.js';
import { runSendTest } from '../../../lab/sender/send-test-command.js';
import { startLab } from '../../helpers/lab.js';
import { latinProse, withoutDialogueLines } from '../../helpers/latin-prose.js';
import { captureIo, tempConfigHome } from '../../server/cli/cli-fixtures.js';

const CLI = join(import.meta.dirname, '../../../dist/server/cli/main.js');

interface Chunk {
  at: number;
  text: string;
}

/** The built command; every chunk of its stderr with when it came. Never spawnSync: the lab answering it runs here. */
function runBuilt(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: Chunk[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    const stderr: Chunk[] = [];
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => stderr.push({ at: Date.now(), text: d.toString('utf8') }));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function studentLab() {
  const home = await tempConfigHome();
  const lab = await startLab({ adminFile: home.adminFile, tlsDir: join(home.dir, 'tls') });
  const cli = captureIo(home.env);
  expect(await runAccount(['add', 'student', '--password', 'account-password-1'], cli.io)).toBe(0);
  return { home, lab, cli };
}

describe('smtp-lab send-test retries', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
  });

  test('greylisting: attempt 1 on the terminal as it ends (451, why, injected by the lab), then attempt 2 and the success', async () => {
    const { home, lab, cli } = await studentLab();
    const rule = lab.faults.add({ preset: 'greylisting', attempts: { kind: 'greylist', retryAfterSeconds: 0.2 } });
    const set = ['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', 'account-password-1', '--attempts', '3', '--attempt-interval', '0.5'];
    expect(await runIntegration(set, cli.io)).toBe(0);

    const run = await runBuilt(['send-test', '--to', 'ops@example.com'], { ...home.env, LANG: 'ru_RU.UTF-8' });
    const stderr = run.stderr.map((c) => c.text).join('');
    expect(run.code, stderr).toBe(0);
    expect(stderr).toContain(
      'Попытка 1 из 3 не удалась: «451 4.7.1 Greylisted, please try again later»; следующая попытка через 0,5 с.\n  ← 451 4.7.1 Greylisted, please try again later\n',
    );
    expect(stderr).toMatch(/\n {2}Причина: Сервер применил грейлистинг \(451\)/);
    expect(stderr).toMatch(/\n {2}Повтор: Код 451 — временная ошибка \(4xx, RFC 5321 §4\.2\.1\)/);
    expect(stderr).toMatch(/\n {2}Подставлено лабораторией: Лаборатория подставила этот ответ \(правило «[^»]+», этап RCPT TO\)/);
    expect(stderr).toMatch(new RegExp(`\\n {2}Сторона сервера, вживую в браузере: ${lab.url}/sessions/\\w+\\n`));
    expect(stderr).toMatch(/Попытка 2 из 3: письмо принято — «250 [^»]+»\.\n/);
    expect(run.stdout).toMatch(/^Тестовое письмо успешно отправлено\n {2}Ответ сервера: ← 250 /);
    expect(run.stdout).toMatch(/\n {2}Доставлено за 2 попытки из 3: отправитель повторял после временных ошибок/);
    expect(run.stdout).toContain('Диалог последней попытки (сторона клиента)');
    // All of it Russian: only the replies (quoted, or after an arrow) and the library's notes are as they are.
    const prose = (stderr + run.stdout).replace(/Ответ сервера: ← .*/g, '');
    expect(latinProse(withoutDialogueLines(prose))).toEqual([]);

    // Live: the first attempt was on the terminal before the second one connected.
    const firstSaid = run.stderr.find((c) => c.text.includes('Попытка 1 из 3'))?.at ?? Infinity;
    const sessions = lab.sessions.list({ limit: 10 }).sessions.sort((a, b) => Date.parse(a.Started) - Date.parse(b.Started));
    expect(sessions).toHaveLength(2);
    expect(firstSaid).toBeLessThanOrEqual(Date.parse(sessions[1]!.Started));
    expect(rule.firings()).toHaveLength(1);
    expect((await lab.mailbox.waitFor('to:ops@example.com')).SessionID).toBe(sessions[1]!.ID);
  });

  test('550 (unknown recipient): one attempt, not retried, said so; --json carries every attempt', async () => {
    const { home, lab, cli } = await studentLab();
    lab.faults.add({ preset: 'unknown-recipient' });
    expect(await runIntegration(['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', 'account-password-1'], cli.io)).toBe(0);
    const en = captureIo(home.env);
    expect(await runSendTest(['--to', 'ops@example.com', '--attempt-interval', '0.1'], en.io)).toBe(1);
    expect(en.err()).toMatch(/^The test e-mail was not sent\n\nServer reply:\n {2}← 550 5\.1\.1 /);
    expect(en.err()).toContain('A permanent failure at the first attempt: the sender did not retry.');
    expect(en.err()).toMatch(/\nInjected by the lab: The lab injected this reply/);
    expect(en.err()).not.toMatch(/Attempt 1 of 3/);

    en.reset();
    expect(await runSendTest(['--to', 'ops@example.com', '--json'], en.io)).toBe(1);
    const json = JSON.parse(en.out());
    expect(json.attempts).toHaveLength(1);
    expect(json.attempts[0]).toMatchObject({ n: 1, of: 3, verdict: 'permanent', rule: 'reply-5xx', clientLog: expect.any(Array), injected: [{ code: 550 }] });
    expect(json.recipients).toMatchObject([{ address: 'ops@example.com', status: 'refused', code: 550 }]);
  });

  test('a wrong --attempts or --attempt-interval is bad input (exit 2), said at the flag', async () => {
    const { home, cli } = await studentLab();
    await runIntegration(['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', 'account-password-1'], cli.io);
    const ru = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runSendTest(['--to', 'ops@example.com', '--attempts', '0', '--attempt-interval', 'скоро'], ru.io)).toBe(2);
    expect(ru.err()).toMatch(/^smtp-lab send-test: Неверное значение --attempts или --attempt-interval:\n/);
    expect(ru.err()).toMatch(/Число попыток \(--attempts\) +Число попыток — целое число от 1 до 10/);
    expect(ru.err()).toMatch(/Интервал между попытками \(--attempt-interval\) +Интервал — число секунд/);
  });
});
