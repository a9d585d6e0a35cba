// `smtp-lab scenario list | start ID | check ID | reset ID | report`: the lab scenarios of the
// running lab from a terminal, through its admin API, for the one person at this computer (or
// `--student ADDRESS`). `check` exits 0 when every step has passed, 1 while some are pending or
// failed, 2 on bad input.
import { defineCommand, runCommand, UsageError, type CliIo } from '../../server/cli/kit/command.js';
import type { Bilingual, Language } from '../../server/cli/kit/language.js';
import { adminRequest, findRunningLab } from '../../server/cli/kit/running-lab.js';
import { terminalSafe } from '../../server/cli/kit/terminal-text.js';
import type { Scenario, ScenarioCatalogue, ScenarioProgress, ScenarioReport, StepProgress } from './scenario-types.js';

const HELP: Bilingual = {
  en: `Usage:
  smtp-lab scenario list [--json]          the scenarios, and how far you are in each
  smtp-lab scenario start ID               start one: its setup is applied, its steps are shown
  smtp-lab scenario check ID [--json]      check it against what the server recorded (exit 0: all passed)
  smtp-lab scenario reset ID               forget your progress in it (and undo its setup)
  smtp-lab scenario report [--json]        every scenario, every step: when it passed, attempts, hints

Options:
  --student ADDRESS  whose progress (a lab account); without it, the one person at this computer
  --data-dir DIR     the server's data dir (SMTP_LAB_DATA_DIR), where its admin.json is
  --json             print JSON
  --lang ru|en       language of the messages
Exit codes: 0 done (check: every step passed), 1 not yet or it failed, 2 bad input.
`,
  ru: `Использование:
  smtp-lab scenario list [--json]          сценарии и насколько вы продвинулись в каждом
  smtp-lab scenario start ID               начать сценарий: настройка применяется, шаги показываются
  smtp-lab scenario check ID [--json]      проверить по тому, что записал сервер (код 0 — всё пройдено)
  smtp-lab scenario reset ID               забыть прогресс в нём (и отменить его настройку)
  smtp-lab scenario report [--json]        все сценарии и шаги: когда пройден, попытки, подсказки

Параметры:
  --student АДРЕС     чей прогресс (учётная запись лаборатории); без него — того, кто за этим компьютером
  --data-dir КАТАЛОГ  каталог данных сервера (SMTP_LAB_DATA_DIR), где лежит его admin.json
  --json              печатать JSON
  --lang ru|en        язык сообщений
Коды выхода: 0 — готово (check: все шаги пройдены), 1 — ещё нет или не вышло, 2 — ошибка в команде.
`,
};

const T = {
  noServer: {
    en: 'No running smtp-lab answers (admin file %s). Start it: npm start',
    ru: 'Запущенный smtp-lab не отвечает (файл администратора %s). Запустите его: npm start',
  },
  missingId: { en: 'the scenario id is missing (see smtp-lab scenario list)', ru: 'не указан ID сценария (см. smtp-lab scenario list)' },
  unknown: { en: 'unknown subcommand "%s"', ru: 'неизвестная подкоманда «%s»' },
  notStarted: { en: 'not started', ru: 'не начат' },
  done: { en: 'done', ru: 'пройден' },
  steps: { en: '%s of %s steps', ru: 'шагов пройдено: %s из %s' },
  started: { en: 'Scenario «%s» started. Its steps:', ru: 'Сценарий «%s» начат. Его шаги:' },
  reset: { en: 'Progress in «%s» forgotten.', ru: 'Прогресс в сценарии «%s» забыт.' },
  nextCheck: { en: 'Check your work: smtp-lab scenario check %s', ru: 'Проверить работу: smtp-lab scenario check %s' },
  notStartedCheck: { en: 'Scenario «%s» is not started: smtp-lab scenario start %s', ru: 'Сценарий «%s» не начат: smtp-lab scenario start %s' },
  hint: { en: 'Hint', ru: 'Подсказка' },
  why: { en: 'What went wrong', ru: 'Что не так' },
  attempts: { en: 'attempts: %s', ru: 'попыток: %s' },
  allPassed: { en: 'Every step passed.', ru: 'Все шаги пройдены.' },
  reportOf: { en: 'Report for %s, %s', ru: 'Отчёт: %s, %s' },
  local: { en: 'this computer', ru: 'этот компьютер' },
} satisfies Record<string, Bilingual>;

const MARK: Record<StepProgress['state'], string> = { passed: '✓', failed: '✗', pending: '·' };
const STATE_WORDS: Record<StepProgress['state'], Bilingual> = {
  passed: { en: 'passed', ru: 'пройден' },
  failed: { en: 'failed', ru: 'не пройден' },
  pending: { en: 'waiting', ru: 'ждёт' },
};

function describeSteps(
  scenario: Scenario,
  progress: ScenarioProgress | null,
  language: Language,
  say: (t: Bilingual, ...v: string[]) => string,
  verbose: boolean,
): string {
  const lines: string[] = [];
  scenario.steps.forEach((step, i) => {
    const p = progress?.steps[i];
    const state = p?.state ?? 'pending';
    lines.push(
      `  ${MARK[state]} ${i + 1}. ${step.title[language]} — ${STATE_WORDS[state][language]}${p && p.attempts > 0 ? ` (${say(T.attempts, String(p.attempts))})` : ''}`,
    );
    if (verbose && state !== 'passed') {
      for (const line of step.instructions[language].trim().split('\n')) lines.push(`       ${line}`);
      if (p?.reason) lines.push(`       ${say(T.why)}: ${terminalSafe(p.reason[language])}`);
      const hint = p?.hints.at(-1);
      if (hint) lines.push(`       ${say(T.hint)}: ${hint[language]}`);
    }
  });
  return lines.join('\n');
}

export const scenarioCommand = defineCommand({
  name: 'scenario',
  summary: { en: 'the lab scenarios: list, start, check, reset, report', ru: 'сценарии лаборатории: список, начать, проверить, сбросить, отчёт' },
  help: HELP,
  options: { student: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  subcommands: true,
  async run({ values, positionals, io, say, language }) {
    const [sub, id] = positionals;
    if (!['list', 'start', 'check', 'reset', 'report'].includes(sub ?? ''))
      throw new UsageError({ en: say(T.unknown, sub ?? ''), ru: T.unknown.ru.replace('%s', sub ?? '') });
    if (['start', 'check', 'reset'].includes(sub as string) && !id) throw new UsageError(T.missingId);
    const running = await findRunningLab(values['data-dir'] ?? io.env.SMTP_LAB_DATA_DIR, io.env);
    if (running.state !== 'running') {
      io.err(`smtp-lab scenario: ${say(T.noServer, running.adminFile)}\n`);
      return 1;
    }
    const query = values.student ? `?student=${encodeURIComponent(values.student)}` : '';
    const base = '/api/lab/admin/scenarios';
    const fail = (answer: { status: number; body: any }): number => {
      const text = answer.body?.error?.text as Bilingual | undefined;
      io.err(`smtp-lab scenario: ${text?.[language] ?? answer.body?.error?.message ?? answer.status}\n`);
      return answer.status === 404 || answer.status === 400 ? 2 : 1;
    };
    if (sub === 'list') {
      const answer = await adminRequest(running.admin, 'GET', `${base}${query}`);
      if (answer.status !== 200) return fail(answer);
      const catalogue = answer.body as ScenarioCatalogue;
      if (values.json) {
        io.out(`${JSON.stringify(catalogue, null, 2)}\n`);
        return 0;
      }
      for (const { scenario, progress } of catalogue.scenarios) {
        const passed = progress?.steps.filter((s) => s.state === 'passed').length ?? 0;
        const state = !progress ? say(T.notStarted) : progress.completedAt ? say(T.done) : say(T.steps, String(passed), String(scenario.steps.length));
        io.out(`${String(scenario.order).padStart(2)}. ${scenario.id.padEnd(24)} ${scenario.title[language]} — ${state}\n`);
      }
      return 0;
    }
    if (sub === 'report') {
      const answer = await adminRequest(running.admin, 'GET', `${base}/report${query}`);
      if (answer.status !== 200) return fail(answer);
      const report = answer.body as ScenarioReport;
      if (values.json) {
        io.out(`${JSON.stringify(report, null, 2)}\n`);
        return 0;
      }
      io.out(`${say(T.reportOf, report.student === 'local' ? say(T.local) : report.student, report.generatedAt)}\n`);
      for (const s of report.scenarios) {
        io.out(`\n${s.title[language]} — ${!s.progress ? say(T.notStarted) : s.progress.completedAt ? say(T.done) : ''}\n`);
        s.steps.forEach((step, i) => {
          const p = s.progress?.steps[i];
          io.out(
            `  ${MARK[p?.state ?? 'pending']} ${step.title[language]}${p?.passedAt ? `  ${p.passedAt}` : ''}${p && p.attempts > 0 ? `  ${say(T.attempts, String(p.attempts))}` : ''}\n`,
          );
          for (const hint of p?.hints ?? []) io.out(`      ${say(T.hint)}: ${hint[language]}\n`);
        });
      }
      return 0;
    }
    const path = `${base}/${encodeURIComponent(id as string)}`;
    if (sub === 'reset') {
      const answer = await adminRequest(running.admin, 'POST', `${path}/reset${query}`);
      if (answer.status !== 204) return fail(answer);
      io.out(`${say(T.reset, id as string)}\n`);
      return 0;
    }
    if (sub === 'start') {
      const answer = await adminRequest(running.admin, 'POST', `${path}/start${query}`);
      if (answer.status !== 201) return fail(answer);
      const got = await adminRequest(running.admin, 'GET', `${path}${query}`);
      const { scenario } = got.body as { scenario: Scenario };
      io.out(
        `${say(T.started, scenario.title[language])}\n${scenario.goal[language]}\n\n${describeSteps(scenario, answer.body as ScenarioProgress, language, say, true)}\n\n${say(T.nextCheck, scenario.id)}\n`,
      );
      return 0;
    }
    const answer = await adminRequest(running.admin, 'GET', `${path}${query}`);
    if (answer.status !== 200) return fail(answer);
    const { scenario, progress } = answer.body as { scenario: Scenario; progress: ScenarioProgress | null };
    if (values.json) {
      io.out(`${JSON.stringify({ scenario: scenario.id, progress }, null, 2)}\n`);
      return progress?.completedAt ? 0 : 1;
    }
    if (!progress) {
      io.out(`${say(T.notStartedCheck, scenario.title[language], scenario.id)}\n`);
      return 1;
    }
    io.out(`${scenario.title[language]}\n${describeSteps(scenario, progress, language, say, true)}\n${progress.completedAt ? `\n${say(T.allPassed)}\n` : ''}`);
    return progress.completedAt ? 0 : 1;
  },
});

export const runScenario = (argv: string[], io: CliIo): Promise<number> => runCommand(scenarioCommand, argv, io);
