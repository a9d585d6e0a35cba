// `smtp-lab fault add | list | remove | clear`: the running lab's lab-wide fault rules, through its
// admin API (/api/lab/admin/faults; the admin file says where and with which token). A rule is
// written on one line (server/faults/fault-spec.ts) or as JSON.
import { explainFault, EFFECT_NAMES, STAGE_NAMES } from '../faults/fault-explanations.js';
import { parseFaultSpec } from '../faults/fault-spec.js';
import type { FaultAttempts, FaultEffect, FaultRule, FaultsList } from '../wire/faults.js';
import { defineCommand, runCommand, UsageError, type CliIo } from './kit/command.js';
import type { Bilingual, Language } from './kit/language.js';
import { adminRequest, findRunningLab } from './kit/running-lab.js';

const HELP: Bilingual = {
  en: `Usage:
  smtp-lab fault add RULE [--json]     add a lab-wide fault rule; prints it
  smtp-lab fault list [--json]         the rules (students' too), their firings, the latest firings
  smtp-lab fault remove ID             remove a rule
  smtp-lab fault clear                 remove every rule

RULE is a preset, or STAGE=EFFECT with modifiers after ";" (lab/FAULTS.md):
  greylisting | mailbox-full | mailbox-full-permanent | rate-limited | rate-limited-soft |
  outage | unknown-recipient | slow-server | broken-tls
  "data=452 4.3.1 Insufficient system storage; rcptTo=ops@example.com; firings=1"
  "greeting=delay:40000"   "rcpt=disconnect; first=2"   "helo=throttle:200"   "connect=tls-failure"
Stages: connect, greeting, helo, starttls, auth, mail, rcpt, data, body, quit.
Modifiers: listener, user, clientAddress, helo, mailFrom, rcptTo (patterns with *);
  every, nth=N, first=N, everyNth=N, probability=P[/SEED|/random], greylist=SECONDS;
  firings=N, seconds=S; name=TEXT. Or the rule as JSON ({"stage":"rcpt","effect":{...}}).

Options:
  --data-dir DIR   the server's data dir (SMTP_LAB_DATA_DIR), where its admin.json is
  --json           print JSON
  --lang ru|en     language of the messages
`,
  ru: `Использование:
  smtp-lab fault add ПРАВИЛО [--json]  добавить правило сбоя для всей лаборатории; печатает его
  smtp-lab fault list [--json]         правила (и студентов тоже), их срабатывания, последние срабатывания
  smtp-lab fault remove ID             удалить правило
  smtp-lab fault clear                 удалить все правила

ПРАВИЛО — заготовка или ЭТАП=ДЕЙСТВИЕ с уточнениями после ";" (lab/FAULTS.md):
  greylisting | mailbox-full | mailbox-full-permanent | rate-limited | rate-limited-soft |
  outage | unknown-recipient | slow-server | broken-tls
  "data=452 4.3.1 Insufficient system storage; rcptTo=ops@example.com; firings=1"
  "greeting=delay:40000"   "rcpt=disconnect; first=2"   "helo=throttle:200"   "connect=tls-failure"
Этапы: connect, greeting, helo, starttls, auth, mail, rcpt, data, body, quit.
Уточнения: listener, user, clientAddress, helo, mailFrom, rcptTo (шаблоны со *);
  every, nth=N, first=N, everyNth=N, probability=P[/ЗЕРНО|/random], greylist=СЕКУНДЫ;
  firings=N, seconds=S; name=ТЕКСТ. Или правило в JSON ({"stage":"rcpt","effect":{...}}).

Параметры:
  --data-dir КАТАЛОГ  каталог данных сервера (SMTP_LAB_DATA_DIR), где лежит его admin.json
  --json              печатать JSON
  --lang ru|en        язык сообщений
`,
};

const T = {
  added: { en: 'Rule %s added: %s.', ru: 'Правило %s добавлено: %s.' },
  removed: { en: 'Rule %s removed.', ru: 'Правило %s удалено.' },
  cleared: { en: 'Every fault rule removed.', ru: 'Все правила сбоев удалены.' },
  none: { en: 'No fault rules. Add one: smtp-lab fault add greylisting', ru: 'Правил сбоев нет. Добавьте: smtp-lab fault add greylisting' },
  firings: { en: 'Latest firings:', ru: 'Последние срабатывания:' },
  noServer: {
    en: 'No running smtp-lab answers (admin file %s): fault rules live in a running server. Start it (smtp-lab start), or give rules at start with --fault.',
    ru: 'Запущенный smtp-lab не отвечает (файл администратора %s): правила сбоев живут в работающем сервере. Запустите его (smtp-lab start) или задайте правила при запуске через --fault.',
  },
  missingRule: {
    en: 'the rule is missing (a preset such as greylisting, or STAGE=EFFECT)',
    ru: 'не указано правило (заготовка, например greylisting, или ЭТАП=ДЕЙСТВИЕ)',
  },
  missingId: { en: 'the rule id is missing (see smtp-lab fault list)', ru: 'не указан ID правила (см. smtp-lab fault list)' },
  unknown: { en: 'unknown subcommand "%s"', ru: 'неизвестная подкоманда «%s»' },
  fired: { en: 'fired %s of %s', ru: 'сработало %s из %s' },
  off: { en: 'off', ru: 'выключено' },
  scopeLab: { en: 'the whole lab', ru: 'вся лаборатория' },
  scopeStudent: { en: 'student %s', ru: 'студент %s' },
  scopeTest: { en: 'test %s', ru: 'тест %s' },
} satisfies Record<string, Bilingual>;

function effectWords(effect: FaultEffect, language: Language): string {
  const ms = language === 'ru' ? 'мс' : 'ms';
  switch (effect.kind) {
    case 'reply':
      // The reply is verbatim, as the server sends it: quoted, never translated.
      return `«${effect.code}${effect.enhanced ? ` ${effect.enhanced}` : ''} ${effect.text}»${effect.delayMs ? ` (+${effect.delayMs} ${ms})` : ''}`;
    case 'delay':
      return `${EFFECT_NAMES.delay[language]} ${effect.ms} ${ms}`;
    case 'disconnect':
      return EFFECT_NAMES.disconnect[language];
    case 'throttle':
      return `${EFFECT_NAMES.throttle[language]} ${effect.bytesPerSecond} ${language === 'ru' ? 'Б/с' : 'B/s'}`;
    case 'tls-failure':
      return EFFECT_NAMES['tls-failure'][language];
  }
}

function attemptsWords(attempts: FaultAttempts): string {
  switch (attempts.kind) {
    case 'every':
      return 'every';
    case 'probability':
      return `probability=${attempts.percent}/${attempts.seed ?? 'random'}`;
    case 'greylist':
      return `greylist=${attempts.retryAfterSeconds}`;
    case 'every-nth':
      return `everyNth=${attempts.n}`;
    default:
      return `${attempts.kind}=${attempts.n}`;
  }
}

export function ruleLine(rule: FaultRule, language: Language, say: (text: Bilingual, ...values: string[]) => string): string {
  const scope =
    rule.scope.kind === 'lab' ? say(T.scopeLab) : rule.scope.kind === 'student' ? say(T.scopeStudent, rule.scope.address) : say(T.scopeTest, rule.scope.name);
  const match = Object.entries(rule.match).map(([k, v]) => `${k}=${v}`);
  const parts = [
    rule.id,
    `«${rule.name}»`,
    `${STAGE_NAMES[rule.stage][language]}: ${effectWords(rule.effect, language)}`,
    attemptsWords(rule.attempts),
    ...match,
    ...(rule.lifetime.firings !== undefined ? [`firings=${rule.lifetime.firings}`] : []),
    ...(rule.expiresAt ? [`→ ${rule.expiresAt}`] : []),
    say(T.fired, String(rule.fired), String(rule.attempted)),
    scope,
    ...(rule.enabled ? [] : [say(T.off)]),
  ];
  return parts.join('  ');
}

export const faultCommand = defineCommand({
  name: 'fault',
  summary: { en: 'fault rules of the running lab: add, list, remove, clear', ru: 'правила сбоев запущенной лаборатории: добавить, список, удалить, очистить' },
  help: HELP,
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  subcommands: true,
  async run({ values, positionals, io, say, language }) {
    const [sub, ...args] = positionals;
    if (!['add', 'list', 'remove', 'clear'].includes(sub ?? ''))
      throw new UsageError({ en: say(T.unknown, sub ?? ''), ru: T.unknown.ru.replace('%s', sub ?? '') });
    if (sub === 'add' && args.length === 0) throw new UsageError(T.missingRule);
    if (sub === 'remove' && !args[0]) throw new UsageError(T.missingId);
    let input: unknown;
    if (sub === 'add') {
      const parsed = parseFaultSpec(args.join(' '));
      if (!parsed.ok) throw new UsageError(parsed.problem);
      input = parsed.input;
    }
    const running = await findRunningLab(values['data-dir'] ?? io.env.SMTP_LAB_DATA_DIR, io.env);
    if (running.state !== 'running') {
      io.err(`smtp-lab fault: ${say(T.noServer, running.adminFile)}\n`);
      return 1;
    }
    const base = '/api/lab/admin/faults';
    const fail = (answer: { status: number; body: any }): number => {
      const error = answer.body?.error;
      const fields = error?.fields ? Object.entries(error.fields as Record<string, Bilingual>).map(([f, m]) => `  ${f}: ${m[language]}`) : [];
      io.err(
        `smtp-lab fault: ${(error?.text as Bilingual | undefined)?.[language] ?? error?.message ?? answer.status}\n${fields.join('\n')}${fields.length ? '\n' : ''}`,
      );
      return answer.status === 400 ? 2 : 1;
    };
    if (sub === 'add') {
      const answer = await adminRequest(running.admin, 'POST', base, input);
      if (answer.status !== 201) return fail(answer);
      const rule = answer.body as FaultRule;
      io.out(values.json ? `${JSON.stringify(rule, null, 2)}\n` : `${say(T.added, rule.id, ruleLine(rule, language, say))}\n`);
      return 0;
    }
    if (sub === 'remove') {
      const answer = await adminRequest(running.admin, 'DELETE', `${base}/${encodeURIComponent(args[0] as string)}`);
      if (answer.status !== 204) return fail(answer);
      io.out(`${say(T.removed, args[0] as string)}\n`);
      return 0;
    }
    if (sub === 'clear') {
      const answer = await adminRequest(running.admin, 'DELETE', base);
      if (answer.status !== 204) return fail(answer);
      io.out(`${say(T.cleared)}\n`);
      return 0;
    }
    const answer = await adminRequest(running.admin, 'GET', base);
    if (answer.status !== 200) return fail(answer);
    const list = answer.body as FaultsList;
    if (values.json) {
      io.out(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    if (list.rules.length === 0) io.out(`${say(T.none)}\n`);
    for (const rule of list.rules) io.out(`${ruleLine(rule, language, say)}\n`);
    if (list.firings.length > 0) {
      io.out(`\n${say(T.firings)}\n`);
      for (const f of list.firings.slice(0, 10)) {
        io.out(
          `  ${f.at}  ${f.ruleId}  ${STAGE_NAMES[f.stage][language]}  ${f.reply ? `«${f.reply}»` : EFFECT_NAMES[f.effect][language]}  ${language === 'ru' ? 'сессия' : 'session'} ${f.sessionId}\n`,
        );
        io.out(`    ${explainFault(f, f.reply ? Number(f.reply.slice(0, 3)) : undefined)[language]}\n`);
      }
    }
    return 0;
  },
});

export const runFault = (argv: string[], io: CliIo): Promise<number> => runCommand(faultCommand, argv, io);
