// `smtp-lab send-test`: the practical work's loop from the command line against the Gmail-like
// lab: account and app password by CLI, integration set with the account password → 534 explained
// (exit 1), fixed with the app password → "Тестовое письмо успешно отправлено" (exit 0).
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runAccount } from '../../../server/cli/account-command.js';
import { runIntegration } from '../../../lab/integration/integration-command.js';
import { runSendTest } from '../../../lab/sender/send-test-command.js';
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
    expect(failure).toContain(
      '  ← 534-5.7.9 Application-specific password required. For more information, go to\n  ← 534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor ',
    );
    expect(failure).toMatch(/Причина: Пароль верный, но это пароль от учётной записи/);
    expect(failure).toMatch(/Исправьте поле: Пароль \(--password\)\n/);
    // The advice is for the command line: the flag and the command, not the browser's form.
    const advice = /Что сделать: (.*)/.exec(failure)?.[1] ?? '';
    expect(advice).toMatch(/укажите его в --password/);
    expect(advice).toMatch(/smtp-lab integration set --password ПАРОЛЬ_ПРИЛОЖЕНИЯ, затем отправьте снова: smtp-lab send-test --to АДРЕС/);
    expect(advice).not.toMatch(/в поле|Сохранить|Сохраните/);
    // nodemailer's codes said for a student, the codes kept in a details line.
    expect(failure).toContain(
      'Библиотека-отправитель сообщает: вход на сервер (AUTH) не удался на команде AUTH PLAIN.\n  Подробности: nodemailer, код EAUTH, шаг AUTH PLAIN',
    );
    expect(failure).toContain('  → AUTH PLAIN ••••••••');
    // The library's own notes: quoted verbatim, explained in Russian under each.
    expect(failure).toMatch(
      / {2}nodemailer: «Secure connection established to 127\.0\.0\.1:\d+»\n {6}— Соединение с 127\.0\.0\.1:\d+ установлено сразу по TLS/,
    );
    expect(failure).toMatch(/ {2}nodemailer: «User "student@lab\.local" failed to authenticate»\n {6}— Вход не удался/);
    expect(failure).not.toContain('account-password-1');
    expect(failure).toMatch(new RegExp(`Сторона сервера, вживую в браузере: ${lab.url}/sessions/\\w+`));

    const en = captureIo(home.env);
    expect(await runSendTest(['--to', 'ops@example.com', '--json'], en.io)).toBe(1);
    const json = JSON.parse(en.out());
    expect(json).toMatchObject({
      ok: false,
      explanation: { code: 'app-password-required', field: 'password' },
      error: { code: 'EAUTH' },
      sessionId: expect.any(String),
    });
    expect(lab.sessions.get(json.sessionId)?.Lines.some((l) => l.Code === 534)).toBe(true);

    expect(await runIntegration(['set', '--password', appPassword], en.io)).toBe(0);
    ru.reset();
    expect(await runSendTest(['--to', 'ops@example.com', '--subject', 'Авария', '--body', 'Температура выше нормы'], ru.io)).toBe(0);
    expect(ru.out()).toMatch(/^Тестовое письмо успешно отправлено\n {2}Ответ сервера: ← 250 2\.0\.0 OK\n/);
    const mail = await lab.mailbox.waitFor('subject:Авария');
    expect(mail.From?.Address).toBe('student@lab.local');
  });

  test("the lab preset without the lab's certificate: untrusted, explained (exit 1)", async () => {
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
    {
      name: 'no integration saved',
      setup: false,
      argv: ['--to', 'ops@example.com'],
      message: /No SMTP integration saved.*--preset lab --login student@lab\.local/,
    },
    { name: 'no recipient', setup: true, argv: [], message: /Recipient \(--to\) +Enter the test e-mail's recipient/ },
    { name: 'a bad recipient', setup: true, argv: ['--to', 'ops at example.com'], message: /Recipient \(--to\) +A recipient looks like name@domain/ },
    { name: 'an unknown option', setup: true, argv: ['--to', 'ops@example.com', '--cc', 'x'], message: /unknown option "--cc"/ },
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

  // Issue 8, point 3, from the command line: the lab knows the login has no account.
  test('a login with a typo: the field to fix is the login (--login)', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile, profile: 'gmail', tlsDir: join(home.dir, 'tls') });
    await lab.accounts.create('student', 'account-password-1');
    const { password } = await lab.accounts.createAppPassword('student', 'cli');
    const ru = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runIntegration(['set', '--preset', 'lab', '--login', 'studnet@lab.local', '--password', password, '--from', 'student@lab.local'], ru.io)).toBe(
      0,
    );
    ru.reset();
    expect(await runSendTest(['--to', 'ops@example.com'], ru.io)).toBe(1);
    expect(ru.err()).toMatch(/Причина: В лаборатории нет учётной записи с логином «studnet@lab\.local»/);
    expect(ru.err()).toMatch(/Исправьте поле: Логин \(--login\)\n/);
    expect(ru.err()).toMatch(/smtp-lab integration set --login АДРЕС/);
  });

  test('an unknown option is reported in the language of LANG', async () => {
    const home = await tempConfigHome();
    const ru = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runSendTest(['--bogus'], ru.io)).toBe(2);
    expect(ru.err()).toMatch(/^smtp-lab send-test: неизвестный параметр «--bogus» \(см\. --help\)\n/);
    expect(ru.err()).not.toMatch(/Unknown option/);
    ru.reset();
    expect(await runSendTest(['--to'], ru.io)).toBe(2);
    expect(ru.err()).toMatch(/^smtp-lab send-test: параметру «--to» нужно значение/);
  });

  test('an unknown --profile is a usage error', () => {
    expect(() => parseStartArgs(['--profile', 'hotmail'], {})).toThrow(/--profile: "hotmail" is not one of lab, gmail, yandex, mailru/);
  });
});
