// `smtp-lab inbox create [--name N] | list | delete ID`: throw-away inboxes of the running lab
// for a test suite (README "Inboxes and class mode"), through its admin API. `create` prints the
// token once, with the inbox's Mailpit URL (mailpit-api works unchanged against it) and the
// addresses whose mail lands there without AUTH.
import { defineCommand, runCommand, UsageError, type CliIo } from './kit/command.js';
import { fill, type Bilingual, type Language } from './kit/language.js';
import { adminRequest, findRunningLab, type ApiAnswer } from './kit/running-lab.js';
import { terminalSafe } from './kit/terminal-text.js';
import type { InboxesList, InboxView, NewInboxResponse } from '../wire/inboxes.js';

const HELP: Bilingual = {
  en: `Usage:
  smtp-lab inbox create [--name NAME] [--json]   a throw-away inbox; prints its token (only this once)
  smtp-lab inbox list [--json]                   every inbox: the accounts', the throw-away ones, shared
  smtp-lab inbox delete ID                       delete a throw-away inbox with its mail and sessions

A throw-away inbox gets the mail sent to inbox+ID@lab.local or to any address @ID.lab.local, and
the sessions that say EHLO ID. Its Mailpit API is <lab>/inbox/<token>/api/v1/… (or Basic auth
ID:token, or the header X-Inbox-Token), so a Mailpit client sees only it.

Options:
  --name NAME      the inbox's name (letters, digits, -), else one is made up
  --data-dir DIR   the server's data dir (SMTP_LAB_DATA_DIR), where its admin.json is
  --json           print JSON
  --lang ru|en     language of the messages
Exit codes: 0 done, 1 it failed (no such inbox, no server), 2 bad input.
`,
  ru: `Использование:
  smtp-lab inbox create [--name ИМЯ] [--json]    временный ящик; печатает его токен (только сейчас)
  smtp-lab inbox list [--json]                   все ящики: учётных записей, временные, общий
  smtp-lab inbox delete ID                       удалить временный ящик с его письмами и сессиями

Во временный ящик попадают письма на inbox+ID@lab.local и на любой адрес @ID.lab.local, а также
сессии с EHLO ID. Его API Mailpit — <лаборатория>/inbox/<токен>/api/v1/… (или Basic-авторизация
ID:токен, или заголовок X-Inbox-Token): клиент Mailpit видит только этот ящик.

Параметры:
  --name ИМЯ          имя ящика (буквы, цифры, -); без него придумывается
  --data-dir КАТАЛОГ  каталог данных сервера (SMTP_LAB_DATA_DIR), где лежит его admin.json
  --json              печатать JSON
  --lang ru|en        язык сообщений
Коды выхода: 0 — готово, 1 — не вышло (нет такого ящика, нет сервера), 2 — ошибка в команде.
`,
};

const T = {
  noServer: {
    en: 'No running smtp-lab answers (admin file %s). Start it: smtp-lab start',
    ru: 'Запущенный smtp-lab не отвечает (файл администратора %s). Запустите его: smtp-lab start',
  },
  unknown: { en: 'unknown subcommand "%s"', ru: 'неизвестная подкоманда «%s»' },
  missingId: { en: 'the inbox id is missing (see smtp-lab inbox list)', ru: 'не указан ID ящика (см. smtp-lab inbox list)' },
  nameElsewhere: { en: '--name is for create', ru: '--name — только для create' },
  created: { en: 'Inbox %s created. Its token is shown only now:', ru: 'Ящик %s создан. Его токен показан только сейчас:' },
  id: { en: 'ID', ru: 'ID' },
  token: { en: 'Token', ru: 'Токен' },
  mailpit: { en: 'Mailpit API', ru: 'API Mailpit' },
  plus: { en: 'Address', ru: 'Адрес' },
  domain: { en: 'Domain', ru: 'Домен' },
  deleteWhenDone: { en: 'Delete it when done: smtp-lab inbox delete %s', ru: 'Удалите его, когда закончите: smtp-lab inbox delete %s' },
  noInbox: { en: 'there is no inbox %s (see smtp-lab inbox list)', ru: 'ящика %s нет (см. smtp-lab inbox list)' },
  deleted: { en: 'Inbox %s deleted with its mail and sessions.', ru: 'Ящик %s удалён вместе с письмами и сессиями.' },
  kind: { en: 'Kind', ru: 'Вид' },
  messages: { en: 'Mails', ru: 'Писем' },
  account: { en: 'account', ru: 'учётная запись' },
  throwAway: { en: 'throw-away', ru: 'временный' },
  shared: { en: 'shared', ru: 'общий' },
} satisfies Record<string, Bilingual>;

const KIND: Record<InboxView['kind'], keyof typeof T> = { account: 'account', token: 'throwAway', shared: 'shared' };

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return (
    rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  ')}`.trimEnd()).join('\n') +
    '\n'
  );
}

function describeList(list: InboxView[], language: Language): string {
  const say = (t: Bilingual) => t[language];
  const rows = [[say(T.id), say(T.kind), say(T.messages), say(T.plus), say(T.domain)]];
  for (const inbox of list)
    rows.push([
      terminalSafe(inbox.id),
      say(T[KIND[inbox.kind]]),
      String(inbox.messages),
      terminalSafe(inbox.address ?? '—'),
      terminalSafe(inbox.domain ?? '—'),
    ]);
  return table(rows);
}

export const inboxCommand = defineCommand({
  name: 'inbox',
  summary: { en: 'throw-away inboxes for a test suite: create, list, delete', ru: 'временные ящики для тестов: create, list, delete' },
  help: HELP,
  options: { name: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  subcommands: true,
  async run({ values, positionals, io, say, language }) {
    const [sub, id] = positionals;
    if (!['create', 'list', 'delete'].includes(sub ?? '')) throw new UsageError({ en: fill(T.unknown.en, sub ?? ''), ru: fill(T.unknown.ru, sub ?? '') });
    if (sub === 'delete' && !id) throw new UsageError(T.missingId);
    if (sub !== 'create' && values.name !== undefined) throw new UsageError(T.nameElsewhere);
    const running = await findRunningLab(values['data-dir'] ?? (io.env.SMTP_LAB_DATA_DIR || undefined), io.env);
    if (running.state !== 'running') {
      io.err(`smtp-lab inbox: ${say(T.noServer, running.adminFile)}\n`);
      return 1;
    }
    const fail = (answer: ApiAnswer): number => {
      const text = answer.body?.error?.text as Bilingual | undefined;
      io.err(`smtp-lab inbox: ${text?.[language] ?? answer.body?.error?.message ?? answer.status}\n`);
      return answer.status === 400 && answer.body?.error?.code === 'invalid_name' ? 2 : 1;
    };
    if (sub === 'create') {
      const answer = await adminRequest(running.admin, 'POST', '/api/lab/inboxes', values.name !== undefined ? { name: values.name } : {});
      if (answer.status !== 201) return fail(answer);
      const created = answer.body as NewInboxResponse;
      if (values.json) {
        io.out(`${JSON.stringify(created, null, 2)}\n`);
        return 0;
      }
      const { inbox } = created;
      io.out(
        `${say(T.created, terminalSafe(inbox.id))}\n\n` +
          table([
            [say(T.id), terminalSafe(inbox.id)],
            [say(T.token), created.token],
            [say(T.mailpit), terminalSafe(created.mailpitUrl)],
            [say(T.plus), terminalSafe(inbox.address ?? '—')],
            [say(T.domain), terminalSafe(inbox.domain ?? '—')],
          ]) +
          `\n${say(T.deleteWhenDone, terminalSafe(inbox.id))}\n`,
      );
      return 0;
    }
    if (sub === 'list') {
      const answer = await adminRequest(running.admin, 'GET', '/api/lab/inboxes');
      if (answer.status !== 200) return fail(answer);
      const { inboxes } = answer.body as InboxesList;
      io.out(values.json ? `${JSON.stringify(answer.body, null, 2)}\n` : describeList(inboxes, language));
      return 0;
    }
    const answer = await adminRequest(running.admin, 'DELETE', `/api/lab/inboxes/${encodeURIComponent(id as string)}`);
    if (answer.status === 404) {
      io.err(`smtp-lab inbox: ${say(T.noInbox, terminalSafe(id as string))}\n`);
      return 1;
    }
    if (answer.status !== 204) return fail(answer);
    io.out(`${say(T.deleted, terminalSafe(id as string))}\n`);
    return 0;
  },
});

export const runInbox = (argv: string[], io: CliIo): Promise<number> => runCommand(inboxCommand, argv, io);
