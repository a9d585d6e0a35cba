// `smtp-lab send-test`: the practical work's loop from the command line against the Gmail-like
// lab: account and app password by CLI, integration set with the account password → 534 explained
// (exit 1), fixed with the app password → "Тестовое письмо успешно отправлено" (exit 0).
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runAccount } from '../../../server/cli/account-command.js';
import { runIntegration } from '../../../server/cli/integration-command.js';
import { runSendTest } from '../../../server/cli/send-test-command.js';
import { parseStartArgs } from '../../../server/cli/start-options.js';
import { startLab } from '../../helpers/lab.js';
import { captureIo, tempConfigHome } from './cli-fixtures.js';

describe('smtp-lab send-test', () => {
  test('534 with the account password, explained; the app password sends', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile, profile: 'gmail', tlsDir: join(home.dir, 'tls') });
    const ru = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runAccount(['add', 'student', '--password', 'account-password-1'], ru.io)).toBe(0);
    expect(await runAccount(['app-password', 'student@lab.local'], ru.io)).toBe(0);
    const appPassword = ru.out().trim().split('\n').at(-1) as string;
    expect(await runIntegration(['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', 'account-password-1'], ru.io)).toBe(0);

    ru.reset();
    expect(await runSendTest(['--to', 'ops@example.com'], ru.io)).toBe(1);
    const failure = ru.err();
    expect(failure).toMatch(/^Тестовое письмо не отправлено\n/);
    expect(failure).toContain('  534-5.7.9 Application-specific password required. For more information, go to\n  534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor ');
    expect(failure).toMatch(/Причина: Сервер узнал пароль/);
    expect(failure).toMatch(/Исправьте поле: Пароль\n/);
    expect(failure).toContain('C: AUTH PLAIN ••••••••');
    expect(failure).not.toContain('account-password-1');
    expect(failure).toMatch(new RegExp(`Сторона сервера, вживую в браузере: ${lab.url}/sessions/\\w+`));

    const en = captureIo(home.env);
    expect(await runSendTest(['--to', 'ops@example.com', '--json'], en.io)).toBe(1);
    const json = JSON.parse(en.out());
    expect(json).toMatchObject({ ok: false, explanation: { code: 'app-password-required', field: 'password' }, error: { code: 'EAUTH' }, sessionId: expect.any(String) });
    expect(lab.sessions.get(json.sessionId)?.Lines.some((l) => l.Code === 534)).toBe(true);

    expect(await runIntegration(['set', '--password', appPassword], en.io)).toBe(0);
    ru.reset();
    expect(await runSendTest(['--to', 'ops@example.com', '--subject', 'Авария', '--body', 'Температура выше нормы'], ru.io)).toBe(0);
    expect(ru.out()).toMatch(/^Тестовое письмо успешно отправлено\n {2}Ответ сервера: 250 2\.0\.0 OK\n/);
    const mail = await lab.mailbox.waitFor('subject:Авария');
    expect(mail.From?.Address).toBe('student@lab.local');
  });

  test('the lab preset without the lab\'s certificate: untrusted, explained (exit 1)', async () => {
    const home = await tempConfigHome();
    // No tlsDir: the certificate is this run's only, and the CLI cannot find it.
    const lab = await startLab({ adminFile: home.adminFile });
    await lab.accounts.create('student', 'account-password-1');
    const cli = captureIo(home.env);
    await runIntegration(['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', 'account-password-1'], cli.io);
    cli.reset();
    expect(await runSendTest(['--to', 'ops@example.com', '--json'], cli.io)).toBe(1);
    expect(cli.err()).toMatch(/certificate was not found/);
    expect(JSON.parse(cli.out())).toMatchObject({ ok: false, error: { code: 'ESOCKET' }, explanation: { code: 'untrusted-certificate', field: 'host' } });
  });

  test.each([
    { name: 'no integration saved', setup: false, argv: ['--to', 'ops@example.com'], message: /No SMTP integration saved/ },
    { name: 'no recipient', setup: true, argv: [], message: /Recipient +Enter the test e-mail's recipient/ },
    { name: 'a bad recipient', setup: true, argv: ['--to', 'ops at example.com'], message: /Recipient +The recipient looks like name@domain/ },
    { name: 'an unknown option', setup: true, argv: ['--to', 'ops@example.com', '--cc', 'x'], message: /Unknown option '--cc'/ },
  ])('bad input ($name): exit 2', async ({ setup, argv, message }) => {
    const home = await tempConfigHome();
    const cli = captureIo(home.env);
    if (setup) await runIntegration(['set', '--preset', 'gmail', '--login', 'a@gmail.com', '--password', 'p'], cli.io);
    cli.reset();
    expect(await runSendTest(argv, cli.io)).toBe(2);
    expect(cli.err()).toMatch(message);
  });

  test('--json on bad input still prints JSON', async () => {
    const home = await tempConfigHome();
    const cli = captureIo(home.env);
    expect(await runSendTest(['--to', 'ops@example.com', '--json'], cli.io)).toBe(2);
    expect(JSON.parse(cli.out())).toEqual({ ok: false, error: { code: 'integration_not_saved' } });
  });

  test("the README's flow with `smtp-lab start --profile gmail` defaults: admin file and certificate in ~/.config/smtp-lab", async () => {
    const home = await tempConfigHome();
    const ports = ['--smtp-port', '0', '--smtps-port', '0', '--submission-port', '0', '--http-port', '0'];
    const settings = parseStartArgs(['--profile', 'gmail', ...ports], home.env);
    expect(settings.server).toMatchObject({ profile: 'gmail', adminFile: home.adminFile, tlsDir: join(home.dir, 'smtp-lab', 'tls') });
    const lab = await startLab(settings.server);
    const cli = captureIo(home.env);
    expect(await runAccount(['add', 'student', '--password', 'account-password-1'], cli.io)).toBe(0);
    cli.reset();
    expect(await runAccount(['app-password', 'student@lab.local'], cli.io)).toBe(0);
    const appPassword = cli.out().trim();
    expect(await runIntegration(['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', appPassword], cli.io)).toBe(0);
    cli.reset();
    expect(await runSendTest(['--to', 'ops@example.com'], cli.io)).toBe(0);
    expect(cli.out()).toMatch(/^Test e-mail sent successfully\n/);
    expect(cli.err()).toBe('');
    expect((await lab.mailbox.waitFor('to:ops@example.com')).SessionID).toBeTruthy();
  });

  test('an unknown --profile is a usage error', () => {
    expect(() => parseStartArgs(['--profile', 'hotmail'], {})).toThrow(/--profile: "hotmail" is not one of lab, gmail, yandex, mailru/);
  });
});
