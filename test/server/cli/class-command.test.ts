// `smtp-lab class import | report`, `account add --instructor` and `start --class` against a
// running lab (its admin file and API), in process: the roster's accounts with their first
// passwords printed once, a broken roster reported line by line with nothing created, the class
// report as a table, CSV and JSON; in English and in Russian.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runClass } from '../../../lab/class/class-command.js';
import type { ClassReport, RosterImportResult } from '../../../lab/class/class-wire.js';
import { runAccount } from '../../../server/cli/account-command.js';
import { runInbox } from '../../../server/cli/inbox-command.js';
import { parseStartArgs, START_OPTIONS, startHelp } from '../../../server/cli/start-options.js';
import { startLab } from '../../helpers/lab.js';
import { latinProse } from '../../helpers/latin-prose.js';
import { captureIo, tempConfigHome } from './cli-fixtures.js';

const RU = { LANG: 'ru_RU.UTF-8' };

async function labWithRoster(roster: string, options: { classMode?: boolean } = {}) {
  const home = await tempConfigHome();
  const lab = await startLab({ adminFile: home.adminFile, ...options });
  const file = join(home.dir, 'class.csv');
  await writeFile(file, roster);
  return { home, lab, file };
}

const expectRussian = (text: string, identifiers: string[] = []) => expect(latinProse(text, identifiers).map((f) => `${f.word} ← ${f.context}`)).toEqual([]);

describe('smtp-lab class import', () => {
  test('creates the accounts and prints each first password once, as a table; existing ones are listed', async () => {
    const { home, lab, file } = await labWithRoster('имя,адрес\nАнна Иванова,anna\n"Петров, Борис",boris@lab.local\nВера,vera\n', { classMode: true });
    await lab.accounts.create('vera', 'vera-own-password');
    const cli = captureIo(home.env);
    expect(await runClass(['import', file], cli.io)).toBe(0);
    const out = cli.out();
    expect(out).toMatch(/^Accounts created: 2\. Their first passwords are shown only now/);
    const rows = [...out.matchAll(/^ {2}(\S.*?) {2,}(\S+@\S+) {2,}([a-z2-9]{4}(?:-[a-z2-9]{4}){3})$/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['Анна Иванова', 'anna@lab.local'],
      ['Петров, Борис', 'boris@lab.local'],
    ]);
    expect(out).toMatch(/^ {2}Name +Address +First password$/m);
    expect(out).toContain('Already accounts, left as they were (1): vera@lab.local');
    expect(out).not.toContain('not a class');
    for (const [, address, password] of rows) expect(await lab.accounts.signIn(address as string, password as string)).toBeDefined();
    expect(await lab.accounts.signIn('vera', 'vera-own-password')).toBeDefined();

    cli.reset();
    expect(await runClass(['import', file, '--json'], cli.io)).toBe(0);
    expect(JSON.parse(cli.out()) as RosterImportResult).toMatchObject({
      created: [],
      existing: ['anna@lab.local', 'boris@lab.local', 'vera@lab.local'],
      classMode: true,
    });
  });

  test('a broken roster: every problem with its line, exit 1, nothing created; in Russian when LANG asks', async () => {
    const { home, lab, file } = await labWithRoster('name,address\nAnna,anna\nBoris\nVera,vera@\n');
    const cli = captureIo(home.env);
    expect(await runClass(['import', file], cli.io)).toBe(1);
    expect(cli.out()).toBe('');
    expect(cli.err()).toContain('smtp-lab class: The roster was not imported: 2 problem(s)');
    expect(cli.err()).toContain('  line 3: two columns are needed, the name and the address, separated by a comma; this line has one column\n');
    expect(cli.err()).toContain('  line 4: "vera@" is not an e-mail address');
    expect(lab.accounts.size()).toBe(0);

    const ru = captureIo({ ...home.env, ...RU });
    expect(await runClass(['import', file], ru.io)).toBe(1);
    expect(ru.err()).toContain('Список не импортирован: ошибок — 2');
    expect(ru.err()).toContain('  строка 3: нужно два столбца');
    expectRussian(ru.err(), ['class']);
    expect(lab.accounts.size()).toBe(0);
  });

  test('a roster saved by a Russian Excel (Windows-1251, semicolons) imports as it reads', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile, classMode: true });
    const file = join(home.dir, 'excel.csv');
    // «ФИО;Почта», «Глеб Орлов;gleb»
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from([0xd4, 0xc8, 0xce, 0x3b, 0xcf, 0xee, 0xf7, 0xf2, 0xe0, 0x0d, 0x0a, 0xc3, 0xeb, 0xe5, 0xe1, 0x20, 0xce, 0xf0, 0xeb, 0xee, 0xe2]),
        Buffer.from(';gleb\r\n'),
      ]),
    );
    const cli = captureIo(home.env);
    expect(await runClass(['import', file], cli.io)).toBe(0);
    expect(cli.out()).toMatch(/^ {2}Глеб Орлов +gleb@lab\.local +\S+$/m);
    expect(lab.accounts.get('gleb')?.name).toBe('Глеб Орлов');
  });

  test('a lab that is not a class yet: the import says so', async () => {
    const { home, file } = await labWithRoster('Anna,anna\n');
    const cli = captureIo(home.env);
    expect(await runClass(['import', file], cli.io)).toBe(0);
    expect(cli.out()).toContain("Note: this lab is not a class yet, so students see each other's mail.");
    const ru = await labWithRoster('Борис,boris\n');
    const cliRu = captureIo({ ...ru.home.env, ...RU });
    expect(await runClass(['import', ru.file], cliRu.io)).toBe(0);
    expect(cliRu.out()).toContain('Внимание: лаборатория ещё не в режиме группы');
    expectRussian(cliRu.out().replace(/^ {2}Борис .*$/m, ''), ['teacher', 'instructor']);
  });

  test.each([
    { argv: ['import'], code: 2, message: /the roster file is missing/ },
    { argv: ['import', '/no/such/roster.csv'], code: 2, message: /cannot read \/no\/such\/roster\.csv: there is no such file/ },
    { argv: ['report', '--csv', '--json'], code: 2, message: /choose one/ },
    { argv: ['grade'], code: 2, message: /unknown subcommand "grade"/ },
  ])('$argv → exit $code', async ({ argv, code, message }) => {
    const home = await tempConfigHome();
    await startLab({ adminFile: home.adminFile });
    const cli = captureIo(home.env);
    expect(await runClass(argv, cli.io)).toBe(code);
    expect(cli.err()).toMatch(message);
  });

  test('no server: exit 1 and what to do', async () => {
    const home = await tempConfigHome();
    const cli = captureIo(home.env);
    expect(await runClass(['report'], cli.io)).toBe(1);
    expect(cli.err()).toMatch(/No running smtp-lab answers .*smtp-lab start --class/);
  });
});

describe('smtp-lab class report', () => {
  test('a table for the terminal, CSV, JSON; Russian', async () => {
    const { home, lab, file } = await labWithRoster('Анна,anna\nБорис,boris\n', { classMode: true });
    const cli = captureIo(home.env);
    expect(await runClass(['import', file], cli.io)).toBe(0);
    await lab.scenarios.start('anna@lab.local', 'account-app-password');
    const scenarios = lab.scenarios.scenarios();
    const position = scenarios.findIndex((s) => s.id === 'account-app-password') + 1;

    cli.reset();
    expect(await runClass(['report'], cli.io)).toBe(0);
    const out = cli.out();
    expect(out).toMatch(/^Class report, \d{4}-\d\d-\d\d \d\d:\d\d: students 2, scenarios \d+\n/);
    const header = out.split('\n').find((l) => l.startsWith('  Student')) as string;
    expect(header).toMatch(/^ {2}Student +Address +1 +2 .* Done$/);
    const anna = out.split('\n').find((l) => l.startsWith('  Анна')) as string;
    const cells = anna.trim().split(/\s+/);
    expect(cells.slice(0, 2)).toEqual(['Анна', 'anna@lab.local']);
    expect(cells[1 + position]).toBe('1/3');
    expect(cells.at(-1)).toBe(`0/${scenarios.length}`);
    expect(out).toContain(`  ${position}. ${scenarios[position - 1]?.title.en} (account-app-password)`);
    expect(out).toContain('✓ done, N/M steps passed, · not started.');

    cli.reset();
    expect(await runClass(['report', '--csv'], cli.io)).toBe(0);
    const lines = cli
      .out()
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('address,name,scenario,status,steps_passed,steps_total,completed_at');
    expect(lines).toContain('anna@lab.local,Анна,account-app-password,in-progress,1,3,');
    expect(lines).toHaveLength(1 + 2 * scenarios.length);

    cli.reset();
    expect(await runClass(['report', '--json'], cli.io)).toBe(0);
    const report = JSON.parse(cli.out()) as ClassReport;
    expect(report.students.map((s) => s.address)).toEqual(['anna@lab.local', 'boris@lab.local']);

    const ru = captureIo({ ...home.env, ...RU });
    expect(await runClass(['report'], ru.io)).toBe(0);
    expect(ru.out()).toMatch(/^Отчёт по группе, .*: студентов 2, сценариев \d+/);
    expect(ru.out()).toContain('✓ пройден, N/M — пройдено шагов, · не начат. Сценарии:');
    expectRussian(ru.out(), [...scenarios.map((s) => s.id), 'N/M', 'ID']);
  });
});

describe('smtp-lab account add --instructor, start --class', () => {
  test('an instructor account (with a name) makes the lab a class; list shows who is who', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile });
    expect(lab.classMode()).toBe(false);
    const cli = captureIo(home.env);
    expect(await runAccount(['add', 'teacher', '--password', 'teacher-password-1', '--instructor', '--name', 'Мария Ивановна'], cli.io)).toBe(0);
    expect(cli.out()).toMatch(/^Instructor account teacher@lab\.local created\. The lab is a class now/);
    expect(lab.accounts.get('teacher')).toMatchObject({ role: 'instructor', name: 'Мария Ивановна' });
    expect(lab.classMode()).toBe(true);
    cli.reset();
    expect(await runAccount(['list'], cli.io)).toBe(0);
    expect(cli.out()).toMatch(/^teacher@lab\.local {2}"Мария Ивановна" {2}instructor {2}\(\d{4}-/);

    const ru = captureIo({ ...home.env, ...RU });
    expect(await runAccount(['add', 'assistant', '--password', 'assistant-password-1', '--instructor'], ru.io)).toBe(0);
    expect(ru.out()).toMatch(/^Учётная запись преподавателя assistant@lab\.local создана/);
    expect(await runAccount(['list', '--instructor'], cli.io)).toBe(2);
  });

  test("in a stopped lab's data dir too", async () => {
    const home = await tempConfigHome();
    const dataDir = join(home.dir, 'data');
    const cli = captureIo(home.env);
    expect(await runAccount(['add', 'teacher', '--password', 'teacher-password-1', '--instructor', '--data-dir', dataDir], cli.io)).toBe(0);
    const lab = await startLab({ dataDir });
    expect(lab.accounts.get('teacher')?.role).toBe('instructor');
    expect(lab.classMode()).toBe(true);
  });

  test('--class and SMTP_LAB_CLASS set classMode; off by default; its help in both languages', () => {
    expect(parseStartArgs([], {}).server.classMode).toBe(false);
    expect(parseStartArgs(['--class'], {}).server.classMode).toBe(true);
    expect(parseStartArgs([], { SMTP_LAB_CLASS: 'on' }).server.classMode).toBe(true);
    expect(parseStartArgs([], { SMTP_LAB_CLASS: 'off' }).server.classMode).toBe(false);
    expect(() => parseStartArgs([], { SMTP_LAB_CLASS: 'maybe' })).toThrow(/SMTP_LAB_CLASS: "maybe" is not on or off/);
    expect(startHelp('en')).toMatch(/--class +SMTP_LAB_CLASS\n +a class: each student signs in/);
    expect(startHelp('ru')).toMatch(/--class +SMTP_LAB_CLASS\n +режим группы/);
    expectRussian(START_OPTIONS.find((o) => o.flag === 'class')?.help.ru ?? '', ['instructor']);
  });
});

test('the help of class, inbox and account, in Russian, holds no English prose', async () => {
  for (const run of [runClass, runInbox, runAccount]) {
    const cli = captureIo(RU);
    expect(await run(['--help'], cli.io)).toBe(0);
    expect(cli.out()).toMatch(/^Использование:/);
    expectRussian(cli.out(), ['class', 'inbox', 'import', 'report', 'create', 'list', 'delete', 'add', 'app-password', 'revoke', 'Excel']);
  }
});
