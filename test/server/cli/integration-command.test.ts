// `smtp-lab integration set | show`: presets, per-field validation (exit 2), the password kept
// in a 0600 file and never printed.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runIntegration } from '../../../lab/integration/integration-command.js';
import { startLab } from '../../helpers/lab.js';
import { captureIo, tempConfigHome } from './cli-fixtures.js';

describe('smtp-lab integration', () => {
  test('set --preset gmail fills host, port and security; show masks the password', async () => {
    const home = await tempConfigHome();
    const cli = captureIo(home.env);
    const code = await runIntegration(['set', '--preset', 'gmail', '--login', 'student@gmail.com', '--password', 'abcdefghijklmnop'], cli.io);
    expect(code).toBe(0);
    const file = join(home.dir, 'smtp-lab', 'integration.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      preset: 'gmail',
      host: 'smtp.gmail.com',
      port: 465,
      security: 'ssl',
      login: 'student@gmail.com',
      password: 'abcdefghijklmnop',
      fromAddress: 'student@gmail.com',
      fromName: '',
    });

    cli.reset();
    expect(await runIntegration(['show'], cli.io)).toBe(0);
    expect(cli.out()).toContain('SMTP server            smtp.gmail.com');
    expect(cli.out()).toContain('Password               •••••••• (set, never shown)');
    expect(cli.out()).not.toContain('abcdefghijklmnop');

    cli.reset();
    expect(await runIntegration(['show', '--json'], cli.io)).toBe(0);
    expect(JSON.parse(cli.out())).toMatchObject({ host: 'smtp.gmail.com', passwordSet: true });
    expect(cli.out()).not.toContain('abcdefghijklmnop');
  });

  test('set changes one field and keeps the rest, the password included', async () => {
    const home = await tempConfigHome();
    const cli = captureIo(home.env);
    await runIntegration(['set', '--preset', 'yandex', '--login', 'student@yandex.ru', '--password', 'secret-app-pass'], cli.io);
    expect(await runIntegration(['set', '--port', '587', '--security', 'starttls'], cli.io)).toBe(0);
    const saved = JSON.parse(await readFile(join(home.dir, 'smtp-lab', 'integration.json'), 'utf8'));
    expect(saved).toMatchObject({ host: 'smtp.yandex.ru', port: 587, security: 'starttls', password: 'secret-app-pass' });
  });

  test('wrong fields: exit 2, a message per field, nothing saved', async () => {
    const home = await tempConfigHome();
    const cli = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    const code = await runIntegration(
      ['set', '--preset', 'custom', '--host', 'smtp://mail.example.com', '--port', '99999', '--security', 'tls', '--login', 'me@example.com'],
      cli.io,
    );
    expect(code).toBe(2);
    expect(cli.err()).toMatch(/SMTP-сервер \(--host\) +Только имя сервера/);
    expect(cli.err()).toMatch(/Порт \(--port\) +Порт — целое число/);
    expect(cli.err()).toMatch(/Защита соединения \(--security\) +Выберите защиту/);
    expect(cli.err()).toMatch(/Пароль \(--password\) +Укажите пароль/);
    await expect(stat(join(home.dir, 'smtp-lab', 'integration.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  // Issue 8, point 9: with nothing saved, the suggestion is the lab, not the real Google.
  test('show before any set: exit 1 with how to set it, for the lab', async () => {
    const home = await tempConfigHome();
    const cli = captureIo(home.env);
    expect(await runIntegration(['show'], cli.io)).toBe(1);
    expect(cli.err()).toMatch(/For the lab: smtp-lab integration set --preset lab --login student@lab\.local --password APP_PASSWORD/);
    expect(cli.err()).not.toMatch(/set --preset gmail/);
    const ru = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runIntegration(['show'], ru.io)).toBe(1);
    expect(ru.err()).toMatch(/Для лаборатории: smtp-lab integration set --preset lab/);
    expect(ru.err()).toMatch(/настоящий Gmail, которому нужны интернет и аккаунт Google/);
  });

  // Issue 8, point 13: the message names «нет, STARTTLS или SSL/TLS»; each of them is taken.
  test.each([
    ['SSL/TLS', 'ssl'],
    ['нет', 'none'],
    ['STARTTLS', 'starttls'],
  ])('--security %s is taken, as the form and the message name it', async (typed, security) => {
    const home = await tempConfigHome();
    const cli = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(
      await runIntegration(
        ['set', '--preset', 'custom', '--host', 'mail.example.com', '--port', '2525', '--security', typed, '--login', 'me@example.com', '--password', 'x'],
        cli.io,
      ),
    ).toBe(0);
    const saved = JSON.parse(await readFile(join(home.dir, 'smtp-lab', 'integration.json'), 'utf8'));
    expect(saved.security).toBe(security);
  });

  test('an unknown option is reported in Russian under a Russian LANG', async () => {
    const home = await tempConfigHome();
    const ru = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runIntegration(['set', '--bogus'], ru.io)).toBe(2);
    expect(ru.err()).toMatch(/^smtp-lab integration: неизвестный параметр «--bogus»/);
    const en = captureIo(home.env);
    expect(await runIntegration(['set', '--bogus'], en.io)).toBe(2);
    expect(en.err()).toMatch(/^smtp-lab integration: unknown option "--bogus"/);
  });

  test("--preset lab takes the running server's TLS port", async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile, profile: 'gmail' });
    const cli = captureIo(home.env);
    expect(await runIntegration(['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', 'x'], cli.io)).toBe(0);
    const saved = JSON.parse(await readFile(join(home.dir, 'smtp-lab', 'integration.json'), 'utf8'));
    expect(saved).toMatchObject({ preset: 'lab', host: '127.0.0.1', port: lab.smtpsPort, security: 'ssl' });
  });

  test('--config puts the file elsewhere', async () => {
    const home = await tempConfigHome();
    const cli = captureIo(home.env);
    const config = join(home.dir, 'other.json');
    expect(await runIntegration(['set', '--config', config, '--preset', 'mailru', '--login', 'a@mail.ru', '--password', 'p'], cli.io)).toBe(0);
    expect(JSON.parse(await readFile(config, 'utf8')).host).toBe('smtp.mail.ru');
  });
});
