// `smtp-lab account add | app-password | list | revoke`: lab accounts from the command line.
// With a server running, through its admin API (its admin file says where and with which
// token); with it stopped, straight in its --data-dir.
import { AccountError, createAccountStore, type AccountView, type NewAccountOptions } from '../accounts/account-store.js';
import { groupAppPassword } from '../accounts/password-hash.js';
import { defineCommand, runCommand, UsageError, type CliIo } from './kit/command.js';
import type { Bilingual, Language } from './kit/language.js';
import { adminRequest, findRunningLab, type RunningLab } from './kit/running-lab.js';
import { terminalSafe } from './kit/terminal-text.js';

const HELP: Bilingual = {
  en: `Usage:
  smtp-lab account add ADDRESS --password PASSWORD    create a lab account (a name alone becomes name@lab.local)
        [--instructor] [--name "FULL NAME"]         … an instructor's (the lab becomes a class), with a name
  smtp-lab account app-password ADDRESS [--label L]   generate an app password; prints it (only this once)
  smtp-lab account list [--json]                      the accounts and their app passwords (labels, not secrets)
  smtp-lab account revoke ADDRESS ID                  revoke an app password

Options:
  --instructor     add: an instructor, who sees the whole class (the Instructor page, smtp-lab class);
                   with one, the lab is a class: each student sees only their own mail
  --name NAME      add: the person's name
  --data-dir DIR   the server's data dir (SMTP_LAB_DATA_DIR); finds its admin.json, or edits its
                   accounts directly when the server is stopped
  --lang ru|en     language of the messages

With a server running, the command talks to it (its admin token is in <data-dir>/admin.json,
or ~/.config/smtp-lab/admin.json without a data dir). Accounts of a server without a data dir
live in its memory only.
`,
  ru: `Использование:
  smtp-lab account add АДРЕС --password ПАРОЛЬ        создать учётную запись лаборатории (имя без @ становится имя@lab.local)
        [--instructor] [--name "ИМЯ ФАМИЛИЯ"]       … преподавателя (лаборатория становится группой), с именем
  smtp-lab account app-password АДРЕС [--label ИМЯ]   создать пароль приложения; печатается только сейчас
  smtp-lab account list [--json]                      учётные записи и их пароли приложений (названия, не сами пароли)
  smtp-lab account revoke АДРЕС ID                    отозвать пароль приложения

Параметры:
  --instructor        add: преподаватель, который видит всю группу (страница «Преподаватель», smtp-lab class);
                      с ним лаборатория — группа: каждый студент видит только свои письма
  --name ИМЯ          add: имя человека
  --data-dir КАТАЛОГ  каталог данных сервера (SMTP_LAB_DATA_DIR); там его admin.json, а если сервер
                      остановлен — его учётные записи, которые тогда меняются напрямую
  --lang ru|en        язык сообщений

Если сервер запущен, команда обращается к нему (токен администратора — в <каталог данных>/admin.json,
без каталога данных — в ~/.config/smtp-lab/admin.json). Учётные записи сервера без каталога данных
живут только в его памяти.
`,
};

const T = {
  created: { en: 'Account %s created.', ru: 'Учётная запись %s создана.' },
  instructorCreated: {
    en: 'Instructor account %s created. The lab is a class now: each student sees only their own mail; sign in as %s to see everyone.',
    ru: 'Учётная запись преподавателя %s создана. Теперь лаборатория — группа: каждый студент видит только свои письма; войдите как %s, чтобы видеть всех.',
  },
  nameElsewhere: { en: '--instructor and --name are for add', ru: '--instructor и --name — только для add' },
  appPassword: {
    en: 'New app password for %s (label "%s", ID "%s"): «%s»\nEnter it without spaces. It is shown only now.',
    ru: 'Новый пароль приложения для %s (название «%s», ID «%s»): «%s»\nВводите его без пробелов. Он показан только сейчас.',
  },
  revoked: { en: 'App password %s of %s revoked.', ru: 'Пароль приложения %s учётной записи %s отозван.' },
  noSuchAppPassword: { en: '%s has no app password %s', ru: 'у %s нет пароля приложения %s' },
  none: {
    en: 'No accounts yet. Create one: smtp-lab account add NAME --password PASSWORD',
    ru: 'Учётных записей пока нет. Создайте: smtp-lab account add ИМЯ --password ПАРОЛЬ',
  },
  noServer: {
    en: 'No running smtp-lab answers (admin file %s). Start it (smtp-lab start), or pass --data-dir to change the accounts of a stopped server.',
    ru: 'Запущенный smtp-lab не отвечает (файл администратора %s). Запустите его (smtp-lab start) или укажите --data-dir, чтобы изменить учётные записи остановленного сервера.',
  },
  missingAddress: { en: 'the address is missing', ru: 'не указан адрес' },
  missingPassword: { en: '--password is missing', ru: 'не указан --password' },
  missingId: { en: 'the app password id is missing (see smtp-lab account list)', ru: 'не указан id пароля приложения (см. smtp-lab account list)' },
  unknown: { en: 'unknown subcommand "%s"', ru: 'неизвестная подкоманда «%s»' },
} satisfies Record<string, Bilingual>;

/** One account operation, run against the server's API or the data dir. */
interface Accounts {
  add(address: string, password: string, options: NewAccountOptions): Promise<AccountView>;
  appPassword(address: string, label: string): Promise<{ appPassword: { id: string; label: string }; password: string }>;
  list(): Promise<AccountView[]>;
  revoke(address: string, id: string): Promise<boolean>;
  close(): Promise<void>;
}

function throwAnswer(answer: { status: number; body: any }): never {
  const text = answer.body?.error?.text as Bilingual | undefined;
  const code = String(answer.body?.error?.code ?? 'error').replace(/_/g, '-');
  throw new AccountError(code as AccountError['code'], text ?? { en: `the server answered ${answer.status}`, ru: `сервер ответил ${answer.status}` });
}

function throughServer(running: Extract<RunningLab, { state: 'running' }>): Accounts {
  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await adminRequest(running.admin, method, path, body);
    if (answer.status >= 400 && answer.status !== 404) throwAnswer(answer);
    return answer;
  };
  const at = (address: string) => `/api/lab/admin/accounts/${encodeURIComponent(address)}`;
  return {
    async add(address, password, options) {
      return (await call('POST', '/api/lab/admin/accounts', { address, password, ...options })).body.account;
    },
    async appPassword(address, label) {
      const answer = await call('POST', `${at(address)}/app-passwords`, { label });
      if (answer.status === 404) throwAnswer(answer);
      return answer.body;
    },
    async list() {
      return (await call('GET', '/api/lab/admin/accounts')).body.accounts;
    },
    async revoke(address, id) {
      const answer = await call('DELETE', `${at(address)}/app-passwords/${encodeURIComponent(id)}`);
      if (answer.status === 404 && answer.body?.error?.code === 'no_account') throwAnswer(answer);
      return answer.status === 204;
    },
    async close() {},
  };
}

async function inDataDir(dataDir: string): Promise<Accounts> {
  const store = await createAccountStore({ dataDir });
  return {
    add: (address, password, options) => store.create(address, password, options),
    appPassword: (address, label) => store.createAppPassword(address, label),
    list: async () => store.list(),
    revoke: (address, id) => store.revokeAppPassword(address, id),
    close: () => store.close(),
  };
}

export const accountCommand = defineCommand({
  name: 'account',
  summary: {
    en: 'lab accounts and their app passwords: add, app-password, list, revoke',
    ru: 'учётные записи лаборатории и пароли приложений: add, app-password, list, revoke',
  },
  help: HELP,
  positionals: true,
  subcommands: true,
  options: {
    password: { type: 'string' },
    label: { type: 'string' },
    instructor: { type: 'boolean' },
    name: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals, language, io, say }) {
    const t = (key: keyof typeof T, ...args: string[]) => say(T[key], ...args);
    const [sub = '', address, id] = positionals;
    if (!['add', 'app-password', 'list', 'revoke'].includes(sub)) throw new UsageError(say(T.unknown, sub));
    if (sub !== 'list' && !address) throw new UsageError(T.missingAddress);
    if (sub === 'add' && !values.password) throw new UsageError(T.missingPassword);
    if (sub === 'revoke' && !id) throw new UsageError(T.missingId);
    if (sub !== 'add' && (values.instructor || values.name !== undefined)) throw new UsageError(T.nameElsewhere);

    const dataDir = values['data-dir'] ?? (io.env.SMTP_LAB_DATA_DIR || undefined);
    let accounts: Accounts | undefined;
    try {
      const running = await findRunningLab(dataDir, io.env);
      if (running.state === 'running') accounts = throughServer(running);
      else if (dataDir) accounts = await inDataDir(dataDir);
      else {
        io.err(`smtp-lab account: ${t('noServer', running.adminFile)}\n`);
        return 1;
      }
      switch (sub) {
        case 'add': {
          const options: NewAccountOptions = { ...(values.instructor ? { role: 'instructor' as const } : {}), ...(values.name ? { name: values.name } : {}) };
          const account = await accounts.add(address as string, values.password as string, options);
          io.out(`${account.role === 'instructor' ? t('instructorCreated', account.address, account.address) : t('created', account.address)}\n`);
          return 0;
        }
        case 'app-password': {
          const created = await accounts.appPassword(address as string, values.label ?? 'cli');
          if (values.json) {
            io.out(JSON.stringify({ address: address as string, ...created.appPassword, password: created.password }) + '\n');
          } else {
            // The password alone on stdout, so that a script can take it; the rest for the reader.
            io.out(`${created.password}\n`);
            io.err(`${t('appPassword', address as string, created.appPassword.label, created.appPassword.id, groupAppPassword(created.password))}\n`);
          }
          return 0;
        }
        case 'list': {
          const list = await accounts.list();
          if (values.json) io.out(JSON.stringify({ accounts: list }, null, 2) + '\n');
          else io.out(list.length === 0 ? `${t('none')}\n` : describeAccounts(list, language));
          return 0;
        }
        default: {
          if (!(await accounts.revoke(address as string, id as string))) {
            io.err(`smtp-lab account: ${t('noSuchAppPassword', address as string, id as string)}\n`);
            return 1;
          }
          io.out(`${t('revoked', id as string, address as string)}\n`);
          return 0;
        }
      }
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      io.err(`smtp-lab account: ${err.text[language]}\n`);
      return err.code.startsWith('invalid') ? 2 : 1;
    } finally {
      await accounts?.close();
    }
  },
});

export const runAccount = (argv: string[], io: CliIo): Promise<number> => runCommand(accountCommand, argv, io);

function describeAccounts(list: AccountView[], language: Language): string {
  const none = language === 'ru' ? 'нет паролей приложений' : 'no app passwords';
  const quote = (value: string) => (language === 'ru' ? `«${value}»` : `"${value}"`);
  const lines: string[] = [];
  for (const account of list) {
    const role = account.role === 'instructor' ? (language === 'ru' ? '  преподаватель' : '  instructor') : '';
    const name = account.name ? `  ${quote(terminalSafe(account.name))}` : '';
    lines.push(`${account.address}${name}${role}  (${account.createdAt.slice(0, 10)})`);
    if (account.appPasswords.length === 0) lines.push(`    ${none}`);
    // The ID (for revoke) and the label are values: quoted, whatever letters they hold.
    for (const app of account.appPasswords) lines.push(`    ID ${quote(app.id)}  ${quote(app.label)}  ${app.createdAt.slice(0, 16).replace('T', ' ')}`);
  }
  return lines.join('\n') + '\n';
}
