// `smtp-lab integration set | show`: the platform's SMTP integration form on the command line,
// with the same presets and the same per-field validation as the Lab page. The password is
// never printed.
import { FIELD_NAMES, SECURITY_NAMES } from './field-names.js';
import type { FieldErrors, IntegrationField, IntegrationSettings, Preset, PresetId } from './integration-types.js';
import { findPreset, labPreset } from './presets.js';
import { DEFAULT_ATTEMPT_INTERVAL, DEFAULT_ATTEMPTS, integrationView, PRESET_IDS, validateIntegration } from './validation.js';
import { seconds } from '../sender/delivery-words.js';
import { CLI_FLAGS, type Field } from '../sender/explain-wording.js';
import { defineCommand, runCommand, UsageError, type CliIo, type OptionTable, type OptionValues } from '../../server/cli/kit/command.js';
import type { Bilingual, Language } from '../../server/cli/kit/language.js';
import { integrationFilePath, loadIntegration, saveIntegration } from './integration-file.js';
import { findRunningLab } from '../../server/cli/kit/running-lab.js';
import { CHANNEL_OPTIONS, channelHelp, channelIntegration } from '../channels/channel-cli.js';

const HELP: Bilingual = {
  en: `Usage:
  smtp-lab integration set [--preset ${PRESET_IDS.join('|')}] [--login L] [--password P]
                           [--host H] [--port N] [--security none|starttls|ssl] [--from ADDRESS] [--from-name NAME]
                           [--attempts N] [--attempt-interval S]
  smtp-lab integration show [--json]

--attempts (1-10, default 3) and --attempt-interval (seconds, or 10s, 1m; default 10) are the
sender's retries, as Zabbix's media type has them: a transient failure is tried again after the
interval, doubled each time; a permanent one is not.
--security also takes the names the form shows: SSL/TLS (= ssl), STARTTLS, нет (= none).
The SMTP integration of the practical work (Administration → Project settings → Integrations → SMTP).
A preset fills host, port and security; the other options change one field each; what is not
given keeps its saved value (the password too). "lab" is the running lab server's own TLS
listener, with its certificate trusted.

Options:
  --config FILE    where the integration is kept (SMTP_LAB_CONFIG; ~/.config/smtp-lab/integration.json),
                   mode 0600: it holds the password
  --data-dir DIR   the lab server's data dir, to find it for the lab preset (SMTP_LAB_DATA_DIR)
  --lang ru|en     language of the messages
Exit codes: 0 saved / shown, 1 nothing saved yet (show), 2 a field is wrong.
`,
  ru: `Использование:
  smtp-lab integration set [--preset ${PRESET_IDS.join('|')}] [--login ЛОГИН] [--password ПАРОЛЬ]
                           [--host СЕРВЕР] [--port ПОРТ] [--security нет|starttls|ssl] [--from АДРЕС] [--from-name ИМЯ]
                           [--attempts N] [--attempt-interval С]
  smtp-lab integration show [--json]

--attempts (1–10, по умолчанию 3) и --attempt-interval (секунды, или 10s, 1m; по умолчанию 10) —
повторы отправителя, как в способе оповещения «Zabbix»: временную ошибку он повторяет через интервал,
каждый раз вдвое дольше; окончательную не повторяет.

--security принимает и названия из формы: SSL/TLS (= ssl), STARTTLS, нет (= none).
Интеграция SMTP из практической работы (Администрирование → Настройки проекта → Интеграции → SMTP).
Шаблон заполняет сервер, порт и защиту; остальные параметры меняют по одному полю; что не указано,
остаётся сохранённым (и пароль тоже). «lab» — TLS-порт запущенного сервера лаборатории, его
сертификат считается доверенным.

Параметры:
  --config ФАЙЛ       где хранится интеграция (SMTP_LAB_CONFIG; ~/.config/smtp-lab/integration.json),
                      права 0600: в нём пароль
  --data-dir КАТАЛОГ  каталог данных сервера лаборатории — чтобы найти его для шаблона lab (SMTP_LAB_DATA_DIR)
  --lang ru|en        язык сообщений
Коды выхода: 0 — сохранено / показано, 1 — ещё ничего не сохранено (show), 2 — ошибка в поле.
`,
};

const T = {
  saved: { en: 'Saved to %s.', ru: 'Сохранено в %s.' },
  title: { en: 'SMTP integration (%s)', ru: 'Интеграция SMTP (%s)' },
  notSaved: {
    en: 'No SMTP integration saved in %s yet. For the lab: smtp-lab integration set --preset lab --login student@lab.local --password APP_PASSWORD (the real Gmail, which needs the internet and a Google account: --preset gmail)',
    ru: 'Интеграция SMTP в %s ещё не сохранена. Для лаборатории: smtp-lab integration set --preset lab --login student@lab.local --password ПАРОЛЬ_ПРИЛОЖЕНИЯ (настоящий Gmail, которому нужны интернет и аккаунт Google: --preset gmail)',
  },
  invalid: { en: 'Not saved: fix these fields', ru: 'Не сохранено: исправьте поля' },
  passwordSet: { en: '•••••••• (set, never shown)', ru: '•••••••• (задан, не показывается)' },
  passwordUnset: { en: '(not set)', ru: '(не задан)' },
  unknown: { en: 'unknown subcommand "%s"', ru: 'неизвестная подкоманда «%s»' },
  unreadable: { en: '%s is not a JSON integration file: %s', ru: '%s — не файл интеграции в JSON: %s' },
} satisfies Record<string, Bilingual>;

/** The lab preset of the running server (its host, port and profile), or the defaults. */
async function currentLabPreset(dataDir: string | undefined, env: NodeJS.ProcessEnv): Promise<Preset> {
  const running = await findRunningLab(dataDir, env);
  if (running.state !== 'running') return labPreset();
  try {
    const res = await fetch(`${running.admin.url}/api/lab/integration/presets`);
    const body = (await res.json()) as { presets?: Preset[] };
    return body.presets?.find((p) => p.id === 'lab') ?? labPreset();
  } catch {
    return labPreset();
  }
}

/** Each wrong field by its name and the flag that sets it, then what is wrong. */
export function describeFieldErrors(errors: FieldErrors<string>, language: Language): string {
  const label = (field: string) => {
    const name = FIELD_NAMES[field as Field]?.[language] ?? field;
    const flag = CLI_FLAGS[field as Field];
    return flag ? `${name} (${flag})` : name;
  };
  const width = Math.max(0, ...Object.keys(errors).map((field) => label(field).length));
  return Object.entries(errors)
    .map(([field, text]) => `  ${label(field).padEnd(width)}  ${text?.[language] ?? ''}`)
    .join('\n');
}

export function describeIntegration(settings: IntegrationSettings, language: Language): string {
  const view = integrationView(settings);
  const width = Math.max(22, ...Object.values(FIELD_NAMES).map((name) => name[language].length));
  const row = (field: IntegrationField, value: string) => `  ${FIELD_NAMES[field][language].padEnd(width)} ${value}`;
  return [
    row('preset', view.preset),
    row('host', view.host),
    row('port', String(view.port)),
    row('security', SECURITY_NAMES[view.security]?.[language] ?? view.security),
    row('login', view.login),
    row('password', view.passwordSet ? T.passwordSet[language] : T.passwordUnset[language]),
    row('fromAddress', view.fromAddress),
    row('fromName', view.fromName),
    row('attempts', String(view.attempts ?? DEFAULT_ATTEMPTS)),
    row('attemptInterval', seconds(view.attemptInterval ?? DEFAULT_ATTEMPT_INTERVAL)[language]),
  ].join('\n');
}

const OPTIONS = {
  preset: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  security: { type: 'string' },
  login: { type: 'string' },
  password: { type: 'string' },
  from: { type: 'string' },
  'from-name': { type: 'string' },
  attempts: { type: 'string' },
  'attempt-interval': { type: 'string' },
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
} satisfies OptionTable;

type Values = OptionValues<typeof OPTIONS>;
const ALL_OPTIONS: OptionTable = { ...CHANNEL_OPTIONS, ...OPTIONS };

export const integrationCommand = defineCommand({
  name: 'integration',
  summary: { en: 'the SMTP integration of the practical work: set, show', ru: 'интеграция SMTP из практической работы: set, show' },
  help: (language) => HELP[language] + channelHelp(language, 'integration'),
  positionals: true,
  subcommands: true,
  options: ALL_OPTIONS,
  run: ({ values, positionals, language, io, say }) => {
    const sub = positionals[0] ?? '';
    if (values.channel !== undefined && (sub === 'set' || sub === 'show'))
      return channelIntegration(sub, values, integrationFilePath(values.config as string | undefined, io.env), language, io);
    return integrate(values as Values, sub, language, io, (key, ...args) => say(T[key], ...args));
  },
});

export const runIntegration = (argv: string[], io: CliIo): Promise<number> => runCommand(integrationCommand, argv, io);

async function integrate(values: Values, sub: string, language: Language, io: CliIo, t: (key: keyof typeof T, ...args: string[]) => string): Promise<number> {
  const path = integrationFilePath(values.config, io.env);
  let saved: Record<string, unknown> | undefined;
  try {
    saved = await loadIntegration(path);
  } catch (err) {
    io.err(`smtp-lab integration: ${t('unreadable', path, (err as Error).message)}\n`);
    return 2;
  }

  if (sub === 'show') {
    const valid = saved ? validateIntegration(saved) : undefined;
    if (!saved || !valid) {
      io.err(`${t('notSaved', path)}\n`);
      return 1;
    }
    if (!valid.ok) {
      io.err(`${t('invalid')}:\n${describeFieldErrors(valid.errors, language)}\n`);
      return 2;
    }
    io.out(values.json ? JSON.stringify(integrationView(valid.value), null, 2) + '\n' : `${t('title', path)}\n${describeIntegration(valid.value, language)}\n`);
    return 0;
  }
  if (sub !== 'set') throw new UsageError(t('unknown', sub));

  const merged: Record<string, unknown> = { ...saved };
  if (values.preset !== undefined) {
    merged.preset = values.preset;
    const dataDir = values['data-dir'] ?? (io.env.SMTP_LAB_DATA_DIR || undefined);
    const preset = PRESET_IDS.includes(values.preset as PresetId)
      ? findPreset(values.preset as PresetId, values.preset === 'lab' ? await currentLabPreset(dataDir, io.env) : undefined)
      : undefined;
    if (preset) Object.assign(merged, { host: preset.host, port: preset.port, security: preset.security });
  }
  const flags: Array<[string | undefined, IntegrationField]> = [
    [values.host, 'host'],
    [values.port, 'port'],
    [values.security, 'security'],
    [values.login, 'login'],
    [values.from, 'fromAddress'],
    [values['from-name'], 'fromName'],
    [values.attempts, 'attempts'],
    [values['attempt-interval'], 'attemptInterval'],
  ];
  for (const [value, field] of flags) if (value !== undefined) merged[field] = value;
  // The sender is the login by default: a provider refuses any other (Yandex 553, Mail.ru 501).
  if (merged.fromAddress === undefined && typeof merged.login === 'string' && merged.login.includes('@')) merged.fromAddress = merged.login;
  merged.password = values.password;
  const savedPassword = typeof saved?.password === 'string' ? saved.password : undefined;
  const result = validateIntegration(merged, savedPassword ? { savedPassword } : {});
  if (!result.ok) {
    io.err(`smtp-lab integration: ${t('invalid')}:\n${describeFieldErrors(result.errors, language)}\n`);
    return 2;
  }
  await saveIntegration(path, result.value);
  io.out(`${t('saved', path)}\n${describeIntegration(result.value, language)}\n`);
  return 0;
}
