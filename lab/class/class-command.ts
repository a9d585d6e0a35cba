// `smtp-lab class import FILE | report [--csv|--json]`: the instructor's class from a terminal,
// through the running lab's admin API. `import` prints each created account's first password
// this once; a roster with a broken line prints every problem with its line and creates nothing
// (exit 1). `report` is a table for the terminal, or the same CSV / JSON the Instructor page
// downloads.
import { readFile } from 'node:fs/promises';
import { defineCommand, runCommand, UsageError, type CliIo } from '../../server/cli/kit/command.js';
import { fileProblem } from '../../server/cli/kit/file-problem.js';
import { fill, type Bilingual, type Language } from '../../server/cli/kit/language.js';
import { adminRequest, findRunningLab, type ApiAnswer } from '../../server/cli/kit/running-lab.js';
import { terminalSafe } from '../../server/cli/kit/terminal-text.js';
import type { ClassReport, RosterImportResult, RosterInvalid, StudentScenario } from './class-wire.js';
import { decodeRoster } from './roster-csv.js';

const HELP: Bilingual = {
  en: `Usage:
  smtp-lab class import FILE [--json]     create the accounts of a roster (CSV: name,address a line);
                                          prints each first password, only this once
  smtp-lab class report [--csv|--json]    every student, every scenario: a table, or CSV / JSON

The roster: one student a line, "name,address" (a header line "name,address" or "имя,адрес" may
come first; a name with a comma in quotes; an address without @ becomes name@lab.local; ";" and
Windows-1251, as a Russian Excel saves "CSV", work too). Every line is checked first: if one is
broken, each problem is printed with its line and nothing is created. Addresses that already
have an account are left as they are.

Options:
  --data-dir DIR   the server's data dir (SMTP_LAB_DATA_DIR), where its admin.json is
  --csv            report: CSV (one row per student and scenario), as the Instructor page downloads it
  --json           print JSON
  --lang ru|en     language of the messages
Exit codes: 0 done, 1 it failed (a broken roster, no server), 2 bad input.
`,
  ru: `Использование:
  smtp-lab class import ФАЙЛ [--json]     создать учётные записи по списку группы (CSV: имя,адрес в строке);
                                          печатает первые пароли — только сейчас
  smtp-lab class report [--csv|--json]    все студенты и все сценарии: таблица, CSV или JSON

Список: по студенту в строке, «имя,адрес» (первой может идти строка заголовка «имя,адрес» или
«name,address»; имя с запятой — в кавычках; адрес без @ становится имя@lab.local; «;» и кодировка
Windows-1251, как сохраняет CSV русский Excel, тоже подходят). Сначала проверяются все строки:
если хоть одна с ошибкой, печатается каждая ошибка с номером строки и ничего не создаётся. Адреса,
у которых уже есть учётная запись, не меняются.

Параметры:
  --data-dir КАТАЛОГ  каталог данных сервера (SMTP_LAB_DATA_DIR), где лежит его admin.json
  --csv               report: CSV (строка на студента и сценарий), как его скачивает страница «Преподаватель»
  --json              печатать JSON
  --lang ru|en        язык сообщений
Коды выхода: 0 — готово, 1 — не вышло (ошибки в списке, нет сервера), 2 — ошибка в команде.
`,
};

const T = {
  noServer: {
    en: 'No running smtp-lab answers (admin file %s). Start it: smtp-lab start --class',
    ru: 'Запущенный smtp-lab не отвечает (файл администратора %s). Запустите его: smtp-lab start --class',
  },
  unknown: { en: 'unknown subcommand "%s"', ru: 'неизвестная подкоманда «%s»' },
  missingFile: { en: 'the roster file is missing: smtp-lab class import FILE', ru: 'не указан файл списка: smtp-lab class import ФАЙЛ' },
  unreadable: { en: 'cannot read %s: %s', ru: 'не удаётся прочитать %s: %s' },
  bothFormats: { en: '--csv and --json: choose one', ru: '--csv и --json: выберите одно' },
  created: {
    en: 'Accounts created: %s. Their first passwords are shown only now — hand them out and keep this list safe:',
    ru: 'Создано учётных записей: %s. Первые пароли показаны только сейчас — раздайте их и храните список в надёжном месте:',
  },
  noneCreated: { en: 'No account created.', ru: 'Ни одной учётной записи не создано.' },
  existing: { en: 'Already accounts, left as they were (%s): %s', ru: 'Уже есть, оставлены как были (%s): %s' },
  notCreated: { en: 'Not created: %s — %s', ru: 'Не создана: %s — %s' },
  notClass: {
    en: "Note: this lab is not a class yet, so students see each other's mail. Start it with --class, or add an instructor: smtp-lab account add teacher --password PASSWORD --instructor",
    ru: 'Внимание: лаборатория ещё не в режиме группы, и студенты видят письма друг друга. Запустите её с --class или добавьте преподавателя: smtp-lab account add teacher --password ПАРОЛЬ --instructor',
  },
  line: { en: 'line %s: %s', ru: 'строка %s: %s' },
  name: { en: 'Name', ru: 'Имя' },
  address: { en: 'Address', ru: 'Адрес' },
  password: { en: 'First password', ru: 'Первый пароль' },
  student: { en: 'Student', ru: 'Студент' },
  done: { en: 'Done', ru: 'Пройдено' },
  reportOf: { en: 'Class report, %s: students %s, scenarios %s', ru: 'Отчёт по группе, %s: студентов %s, сценариев %s' },
  noStudents: {
    en: 'No students yet. Import a roster: smtp-lab class import FILE',
    ru: 'Студентов пока нет. Импортируйте список: smtp-lab class import ФАЙЛ',
  },
  legend: { en: '✓ done, N/M steps passed, · not started. Scenarios:', ru: '✓ пройден, N/M — пройдено шагов, · не начат. Сценарии:' },
} satisfies Record<string, Bilingual>;

/** Columns padded to their widest cell (the terminal shows Cyrillic one cell a letter). */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return (
    rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  ')}`.trimEnd()).join('\n') +
    '\n'
  );
}

const mark = (s: StudentScenario) => (s.status === 'done' ? '✓' : s.status === 'not-started' ? '·' : `${s.stepsPassed}/${s.stepsTotal}`);

export function describeReport(report: ClassReport, language: Language): string {
  const say = (t: Bilingual, ...v: string[]) => fill(t[language], ...v);
  const head = say(T.reportOf, report.generatedAt.slice(0, 16).replace('T', ' '), String(report.students.length), String(report.scenarios.length));
  if (report.students.length === 0) return `${head}\n\n${say(T.noStudents)}\n`;
  const rows = [[say(T.student), say(T.address), ...report.scenarios.map((_, i) => String(i + 1)), say(T.done)]];
  for (const s of report.students) {
    const done = s.scenarios.filter((x) => x.status === 'done').length;
    rows.push([terminalSafe(s.name ?? ''), terminalSafe(s.address), ...s.scenarios.map(mark), `${done}/${s.scenarios.length}`]);
  }
  const legend = report.scenarios.map((s, i) => `  ${i + 1}. ${s.title[language]} (${s.id})`).join('\n');
  return `${head}\n\n${table(rows)}\n${say(T.legend)}\n${legend}\n`;
}

function describeImport(result: RosterImportResult, language: Language): string {
  const say = (t: Bilingual, ...v: string[]) => fill(t[language], ...v);
  let out = '';
  if (result.created.length > 0) {
    out += `${say(T.created, String(result.created.length))}\n\n`;
    out += table([[say(T.name), say(T.address), say(T.password)], ...result.created.map((c) => [terminalSafe(c.name), terminalSafe(c.address), c.password])]);
  } else out += `${say(T.noneCreated)}\n`;
  if (result.existing.length > 0) out += `\n${say(T.existing, String(result.existing.length), result.existing.map(terminalSafe).join(', '))}\n`;
  for (const failed of result.notCreated ?? []) out += `${say(T.notCreated, terminalSafe(failed.address), failed.text[language])}\n`;
  if (!result.classMode) out += `\n${say(T.notClass)}\n`;
  return out;
}

export const classCommand = defineCommand({
  name: 'class',
  summary: { en: 'the class: import a roster, the class report', ru: 'группа: импорт списка, отчёт по группе' },
  help: HELP,
  options: { 'data-dir': { type: 'string' }, csv: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: true,
  subcommands: true,
  async run({ values, positionals, io, say, language }) {
    const [sub, file] = positionals;
    if (sub !== 'import' && sub !== 'report') throw new UsageError({ en: fill(T.unknown.en, sub ?? ''), ru: fill(T.unknown.ru, sub ?? '') });
    if (sub === 'import' && !file) throw new UsageError(T.missingFile);
    if (values.csv && values.json) throw new UsageError(T.bothFormats);
    let csv = '';
    if (sub === 'import') {
      try {
        csv = decodeRoster(await readFile(file as string));
      } catch (err) {
        const why = fileProblem(err);
        throw new UsageError({ en: fill(T.unreadable.en, file as string, why.en), ru: fill(T.unreadable.ru, file as string, why.ru) });
      }
    }
    const running = await findRunningLab(values['data-dir'] ?? (io.env.SMTP_LAB_DATA_DIR || undefined), io.env);
    if (running.state !== 'running') {
      io.err(`smtp-lab class: ${say(T.noServer, running.adminFile)}\n`);
      return 1;
    }
    const fail = (answer: ApiAnswer): number => {
      const text = answer.body?.error?.text as Bilingual | undefined;
      io.err(`smtp-lab class: ${text?.[language] ?? answer.body?.error?.message ?? answer.status}\n`);
      return 1;
    };
    if (sub === 'import') {
      const answer = await adminRequest(running.admin, 'POST', '/api/lab/class/roster', { csv });
      if (answer.status === 400 && answer.body?.error?.code === 'roster_invalid') {
        const { problems } = answer.body as RosterInvalid;
        if (values.json) io.out(`${JSON.stringify(answer.body, null, 2)}\n`);
        fail(answer);
        for (const p of problems) io.err(`  ${say(T.line, String(p.line), p.text[language])}\n`);
        return 1;
      }
      if (answer.status !== 201) return fail(answer);
      const result = answer.body as RosterImportResult;
      io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : describeImport(result, language));
      return 0;
    }
    if (values.csv) {
      const answer = await adminRequest(running.admin, 'GET', '/api/lab/class/report.csv');
      if (answer.status !== 200) return fail(answer);
      io.out(String(answer.body));
      return 0;
    }
    const answer = await adminRequest(running.admin, 'GET', '/api/lab/class/report');
    if (answer.status !== 200) return fail(answer);
    io.out(values.json ? `${JSON.stringify(answer.body, null, 2)}\n` : describeReport(answer.body as ClassReport, language));
    return 0;
  },
});

export const runClass = (argv: string[], io: CliIo): Promise<number> => runCommand(classCommand, argv, io);
