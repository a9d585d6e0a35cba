// `smtp-lab scenario` against a running lab (its admin file), as a student runs it at this
// computer: list, start with the instructions shown, check (1 while pending, 0 when passed), the
// report (text and JSON), reset, and the exit codes of bad input and of no server.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../lab/scenarios/scenario-command.js';
import { connectSmtp } from '../../helpers/smtp-dialogue.js';
import { startLab } from '../../helpers/lab.js';
import { captureIo, tempConfigHome } from '../../server/cli/cli-fixtures.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('smtp-lab scenario', () => {
  it('list → start → check (pending: 1) → the dialogue by hand → check (0) → report → reset', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile, smtpsPort: false, submissionPort: false });
    const cli = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    const run = async (...argv: string[]) => {
      cli.reset();
      return { code: await runScenario(argv, cli.io), out: cli.out(), err: cli.err() };
    };

    const list = await run('list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^ 1\. smtp-by-hand +SMTP-диалог вручную — не начат$/m);
    expect(list.out.trim().split('\n').length).toBeGreaterThanOrEqual(8);

    const started = await run('start', 'smtp-by-hand');
    expect(started.code).toBe(0);
    expect(started.out).toContain('Сценарий «SMTP-диалог вручную» начат.');
    expect(started.out).toContain('nc -C 127.0.0.1 1025');
    expect(started.out).toContain('Проверить работу: smtp-lab scenario check smtp-by-hand');
    expect((await run('check', 'smtp-by-hand')).code).toBe(1);

    const conn = await connectSmtp(lab.smtpPort);
    await conn.read();
    for (const line of ['EHLO student', 'MAIL FROM:<student@lab.local>', 'RCPT TO:<ops@lab.local>', 'DATA']) {
      await pause(350);
      conn.send(line);
      await conn.read();
    }
    conn.send('Subject: x\r\n\r\nby hand\r\n.');
    await conn.read();
    conn.send('QUIT');
    await conn.read();

    const checked = await run('check', 'smtp-by-hand');
    expect(checked.out).toContain('Все шаги пройдены.');
    expect(checked.out).toMatch(/✓ 2\. Три обязательные команды и письмо — пройден/);
    expect(checked.code).toBe(0);
    const json = await run('check', 'smtp-by-hand', '--json');
    expect(JSON.parse(json.out).progress.completedAt).not.toBeNull();

    const report = await run('report');
    expect(report.out).toMatch(/^Отчёт: этот компьютер, /);
    expect(report.out).toContain('SMTP-диалог вручную — пройден');
    const reportJson = JSON.parse((await run('report', '--json')).out);
    expect(reportJson.scenarios.find((s: { id: string }) => s.id === 'smtp-by-hand').progress.steps.every((s: { passedAt: string | null }) => s.passedAt)).toBe(
      true,
    );

    expect(await run('reset', 'smtp-by-hand')).toMatchObject({ code: 0, out: 'Прогресс в сценарии «smtp-by-hand» забыт.\n' });
    expect((await run('check', 'smtp-by-hand')).code).toBe(1);
    expect((await run('start', 'no-such-scenario')).code).toBe(2);
    expect((await run('start')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('a scenario that needs an account, for the one at this computer: 1 with what to do; no server: 1', async () => {
    const home = await tempConfigHome();
    const cli = captureIo({ ...home.env, LANG: 'C' });
    expect(await runScenario(['list'], cli.io)).toBe(1);
    expect(cli.err()).toContain('No running smtp-lab answers');
    await startLab({ adminFile: home.adminFile });
    cli.reset();
    expect(await runScenario(['start', 'integration-errors'], cli.io)).toBe(1);
    expect(cli.err()).toContain('This scenario needs a lab account');
  });
});
