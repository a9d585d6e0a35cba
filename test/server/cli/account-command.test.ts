// `smtp-lab account add | app-password | list | revoke` against a running lab (through its admin
// file and API) and against a stopped one (its data dir).
import { stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runAccount } from '../../../server/cli/account-command.js';
import { createLabServer } from '../../../server/index.js';
import { startLab } from '../../helpers/lab.js';
import { captureIo, tempConfigHome } from './cli-fixtures.js';

describe('with a running server', () => {
  test('add, app-password (printed alone on stdout), list, revoke', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile });
    expect((await stat(home.adminFile)).mode & 0o777).toBe(0o600);
    const cli = captureIo(home.env);

    expect(await runAccount(['add', 'student', '--password', 'password-1'], cli.io)).toBe(0);
    expect(cli.out()).toBe('Account student@lab.local created.\n');
    expect(lab.accounts.get('student@lab.local')).toBeDefined();

    cli.reset();
    expect(await runAccount(['app-password', 'student@lab.local', '--label', 'platform'], cli.io)).toBe(0);
    const password = cli.out().trim();
    expect(password).toMatch(/^[a-z]{16}$/);
    expect(cli.err()).toMatch(/shown only now/);
    expect(await lab.accounts.verifySmtp('student@lab.local', password)).toMatchObject({ result: 'app-password' });

    cli.reset();
    expect(await runAccount(['list'], cli.io)).toBe(0);
    expect(cli.out()).toMatch(/^student@lab\.local {2}\(\d{4}-\d\d-\d\d\)\n {4}ID "\S+" {2}"platform" /);
    expect(cli.out()).not.toContain(password);

    cli.reset();
    expect(await runAccount(['list', '--json'], cli.io)).toBe(0);
    const listed = JSON.parse(cli.out()) as { accounts: Array<{ appPasswords: Array<{ id: string }> }> };
    const id = listed.accounts[0]?.appPasswords[0]?.id as string;

    cli.reset();
    expect(await runAccount(['revoke', 'student@lab.local', id], cli.io)).toBe(0);
    expect(await lab.accounts.verifySmtp('student@lab.local', password)).toEqual({ result: 'wrong' });
    expect(await runAccount(['revoke', 'student@lab.local', id], cli.io)).toBe(1);
  });

  test.each([
    { argv: ['add', 'student'], code: 2, message: /--password is missing/ },
    { argv: ['add', 'two words', '--password', 'password-1'], code: 2, message: /not an e-mail address/ },
    { argv: ['add', 'student', '--password', 'short'], code: 2, message: /at least 8 characters/ },
    { argv: ['app-password', 'nobody'], code: 1, message: /no account nobody@lab\.local/ },
    { argv: ['frobnicate'], code: 2, message: /unknown subcommand/ },
    { argv: ['add', 'student', '--password'], code: 2, message: /the option "--password" needs a value/ },
    { argv: ['list', '--bogus'], code: 2, message: /unknown option "--bogus"/ },
  ])('$argv → exit $code', async ({ argv, code, message }) => {
    const home = await tempConfigHome();
    await startLab({ adminFile: home.adminFile });
    const cli = captureIo(home.env);
    expect(await runAccount(argv, cli.io)).toBe(code);
    expect(cli.err()).toMatch(message);
  });

  test('a bad command line is reported in Russian when LANG asks', async () => {
    const home = await tempConfigHome();
    const cli = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runAccount(['list', '--bogus'], cli.io)).toBe(2);
    expect(cli.err()).toMatch(/^smtp-lab account: неизвестный параметр «--bogus»/);
    expect(cli.err()).not.toMatch(/Unknown option/);
  });

  test('an address already taken: exit 1, in Russian when LANG asks', async () => {
    const home = await tempConfigHome();
    await startLab({ adminFile: home.adminFile });
    const cli = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runAccount(['add', 'student', '--password', 'password-1'], cli.io)).toBe(0);
    expect(cli.out()).toBe('Учётная запись student@lab.local создана.\n');
    expect(await runAccount(['add', 'student', '--password', 'password-1'], cli.io)).toBe(1);
    expect(cli.err()).toMatch(/учётная запись student@lab\.local уже есть/);
  });
});

describe('without a running server', () => {
  test('no server and no data dir: exit 1, says how to go on', async () => {
    const home = await tempConfigHome();
    const cli = captureIo(home.env);
    expect(await runAccount(['list'], cli.io)).toBe(1);
    expect(cli.err()).toMatch(/No running smtp-lab answers .*smtp-lab start.*--data-dir/);
  });

  test('--data-dir of a stopped server: the accounts are there when it starts again', async () => {
    const home = await tempConfigHome();
    const dataDir = join(home.dir, 'data');
    const first = await createLabServer({ dataDir, adminFile: join(dataDir, 'admin.json') });
    await first.close();
    const cli = captureIo(home.env);
    expect(await runAccount(['add', 'student', '--password', 'password-1', '--data-dir', dataDir], cli.io)).toBe(0);
    expect(await runAccount(['app-password', 'student', '--data-dir', dataDir], cli.io)).toBe(0);
    const password = cli.out().trim().split('\n').at(-1) as string;

    const again = await startLab({ dataDir });
    expect(await again.accounts.verifySmtp('student@lab.local', password)).toMatchObject({ result: 'app-password' });
  });

  test('an admin file left by a server that died is not trusted; the data dir is used', async () => {
    const home = await tempConfigHome();
    const dataDir = join(home.dir, 'data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'admin.json'), JSON.stringify({ url: 'http://127.0.0.1:1', token: 'stale', pid: 1 }));
    const cli = captureIo({ ...home.env, SMTP_LAB_DATA_DIR: dataDir });
    expect(await runAccount(['add', 'student', '--password', 'password-1'], cli.io)).toBe(0);
    const lab = await startLab({ dataDir });
    expect(lab.accounts.get('student')).toBeDefined();
  });
});
