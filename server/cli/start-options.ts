// Every setting of `smtp-lab start`: a flag, an environment variable, a default, a description.
// The table is the single source for parsing and for --help.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { adminFilePath } from '../accounts/admin-file.js';
import { configDir } from '../common/hosts.js';
import type { LabServerOptions } from '../lab-server.js';
import { isTlsProfileName, TLS_PROFILES } from '../smtp/profiles/tls-profiles.js';
import { checkFaultRule } from '../faults/fault-rule-check.js';
import { parseFaultSpec } from '../faults/fault-spec.js';
import type { FaultRuleInput } from '../wire/faults.js';
import { argsProblem } from './kit/args.js';
import { UsageError, type OptionTable } from './kit/command.js';
import type { Bilingual, Language } from './kit/language.js';

export { UsageError };

type Kind = 'text' | 'port' | 'port-or-off' | 'count' | 'bytes' | 'seconds' | 'ms' | 'flag' | 'list' | 'faults';

interface OptionSpec {
  flag: string;
  env: string;
  kind: Kind;
  /** The value when neither flag nor variable is given; none when absent. */
  default?: string;
  /** What --help shows as the default, when it is not `default` itself. */
  shown?: Bilingual;
  help: Bilingual;
}

export const START_OPTIONS: readonly OptionSpec[] = [
  {
    flag: 'host',
    env: 'SMTP_LAB_HOST',
    kind: 'text',
    default: '127.0.0.1',
    help: { en: 'address every listener binds to (0.0.0.0 opens it to the network)', ru: 'адрес, на котором слушают все порты (0.0.0.0 открывает их в сеть)' },
  },
  {
    flag: 'smtp-port',
    env: 'SMTP_LAB_SMTP_PORT',
    kind: 'port',
    default: '1025',
    help: { en: 'plain SMTP, open: any sender, AUTH optional', ru: 'SMTP без шифрования, открытый: любой отправитель, AUTH по желанию' },
  },
  {
    flag: 'smtps-port',
    env: 'SMTP_LAB_SMTPS_PORT',
    kind: 'port-or-off',
    default: '1465',
    help: { en: 'implicit TLS, AUTH required ("off" to disable)', ru: 'сразу TLS (как порт 465), AUTH обязателен ("off" — выключить)' },
  },
  {
    flag: 'submission-port',
    env: 'SMTP_LAB_SUBMISSION_PORT',
    kind: 'port-or-off',
    default: '1587',
    help: { en: 'STARTTLS required, then AUTH ("off" to disable)', ru: 'обязателен STARTTLS, затем AUTH (как порт 587; "off" — выключить)' },
  },
  {
    flag: 'profile',
    env: 'SMTP_LAB_PROFILE',
    kind: 'text',
    default: 'lab',
    help: {
      en: `profile of the TLS listeners (smtps and submission; smtp stays open): ${TLS_PROFILES.join(', ')}; gmail, yandex and mailru answer like the provider and take only app passwords`,
      ru: `профиль TLS-портов (smtps и submission; smtp остаётся открытым): ${TLS_PROFILES.join(', ')}; gmail, yandex и mailru отвечают как провайдер и принимают только пароли приложений`,
    },
  },
  {
    flag: 'mqtt-port',
    env: 'SMTP_LAB_MQTT_PORT',
    kind: 'port-or-off',
    default: '1883',
    help: {
      en: 'MQTT broker for the objects\' telemetry (mosquitto_pub -i <object id> …; "off" to disable)',
      ru: 'MQTT-брокер для телеметрии объектов (mosquitto_pub -i <id объекта> …; "off" — выключить)',
    },
  },
  {
    flag: 'telegram-port',
    env: 'SMTP_LAB_TELEGRAM_PORT',
    kind: 'port-or-off',
    default: '8026',
    help: {
      en: 'Telegram Bot API simulator: a bot\'s apiRoot is http://<host>:<port> ("off" to disable)',
      ru: 'имитатор Telegram Bot API: apiRoot бота — http://<адрес>:<порт> ("off" — выключить)',
    },
  },
  {
    flag: 'discord-port',
    env: 'SMTP_LAB_DISCORD_PORT',
    kind: 'port-or-off',
    default: '8027',
    help: {
      en: 'Discord webhooks simulator (POST /api/webhooks/<id>/<token>; "off" to disable)',
      ru: 'имитатор вебхуков Discord (POST /api/webhooks/<ид>/<токен>; "off" — выключить)',
    },
  },
  {
    flag: 'sms-port',
    env: 'SMTP_LAB_SMS_PORT',
    kind: 'port-or-off',
    default: '8028',
    help: { en: 'HTTP SMS gateway shaped like SMS.ru (/sms/send; "off" to disable)', ru: 'HTTP-шлюз SMS, как у SMS.ru (/sms/send; "off" — выключить)' },
  },
  {
    flag: 'smpp-port',
    env: 'SMTP_LAB_SMPP_PORT',
    kind: 'port-or-off',
    default: '2775',
    help: {
      en: 'SMPP 3.4 SMS centre (bind_transceiver, submit_sm, receipts; "off" to disable)',
      ru: 'SMS-центр SMPP 3.4 (bind_transceiver, submit_sm, отчёты о доставке; "off" — выключить)',
    },
  },
  {
    flag: 'http-port',
    env: 'SMTP_LAB_HTTP_PORT',
    kind: 'port',
    default: '8025',
    help: { en: 'web client, REST API and live events', ru: 'веб-клиент, REST API и живые события' },
  },
  {
    flag: 'max-messages',
    env: 'SMTP_LAB_MAX_MESSAGES',
    kind: 'count',
    default: '20000',
    help: { en: 'mails kept; the oldest are dropped (and counted) beyond it', ru: 'сколько писем хранить; сверх этого старые удаляются (и считаются)' },
  },
  {
    flag: 'max-mailbox-bytes',
    env: 'SMTP_LAB_MAX_MAILBOX_BYTES',
    kind: 'bytes',
    default: '512MB',
    help: {
      en: 'raw mail kept in all; the oldest mails are dropped (and counted) beyond it',
      ru: 'сколько байт писем хранить всего; сверх этого старые удаляются (и считаются)',
    },
  },
  {
    flag: 'max-sessions',
    env: 'SMTP_LAB_MAX_SESSIONS',
    kind: 'count',
    default: '10000',
    help: {
      en: 'SMTP sessions kept with their dialogue; the oldest are dropped beyond it',
      ru: 'сколько SMTP-сессий с диалогами хранить; сверх этого старые удаляются',
    },
  },
  {
    flag: 'max-session-bytes',
    env: 'SMTP_LAB_MAX_SESSION_BYTES',
    kind: 'bytes',
    default: '1MB',
    help: {
      en: 'dialogue kept per session; older lines of a longer one are counted, not kept',
      ru: 'сколько байт диалога хранить на сессию; более старые строки длинной сессии считаются, но не хранятся',
    },
  },
  {
    flag: 'max-transcript-bytes',
    env: 'SMTP_LAB_MAX_TRANSCRIPT_BYTES',
    kind: 'bytes',
    default: '256MB',
    help: {
      en: 'dialogue kept in all sessions; the oldest closed sessions are dropped beyond it',
      ru: 'сколько байт диалогов хранить всего; сверх этого удаляются самые старые закрытые сессии',
    },
  },
  {
    flag: 'max-message-size',
    env: 'SMTP_LAB_MAX_MESSAGE_SIZE',
    kind: 'bytes',
    default: '25MB',
    help: { en: 'largest mail accepted (larger gets 552)', ru: 'наибольший размер письма (больше — ответ 552)' },
  },
  {
    flag: 'max-recipients',
    env: 'SMTP_LAB_MAX_RECIPIENTS',
    kind: 'count',
    default: '100',
    help: { en: 'RCPT TO per mail (more get 452)', ru: 'получателей на письмо (больше — ответ 452)' },
  },
  {
    flag: 'max-clients',
    env: 'SMTP_LAB_MAX_CLIENTS',
    kind: 'count',
    default: '1000',
    help: { en: 'simultaneous SMTP connections per listener', ru: 'одновременных SMTP-соединений на порт' },
  },
  {
    flag: 'idle-timeout',
    env: 'SMTP_LAB_IDLE_TIMEOUT',
    kind: 'seconds',
    default: '300',
    help: { en: 'seconds of silence before 421 and disconnect', ru: 'секунд тишины до ответа 421 и разрыва' },
  },
  {
    flag: 'greeting-delay',
    env: 'SMTP_LAB_GREETING_DELAY',
    kind: 'ms',
    default: '0',
    help: {
      en: 'milliseconds before the 220 greeting (smtp-server uses 100 to catch early talkers)',
      ru: 'миллисекунд до приветствия 220 (smtp-server ждёт 100, чтобы ловить торопливых клиентов)',
    },
  },
  {
    flag: 'reverse-dns',
    env: 'SMTP_LAB_REVERSE_DNS',
    kind: 'flag',
    default: 'off',
    help: { en: "look up each client's host name", ru: 'определять имя хоста каждого клиента' },
  },
  {
    flag: 'class',
    env: 'SMTP_LAB_CLASS',
    kind: 'flag',
    default: 'off',
    help: {
      en: 'a class: each student signs in and sees only their own mail; an instructor sees everyone (on anyway once an instructor account exists: smtp-lab account add … --instructor)',
      ru: 'режим группы: каждый студент входит и видит только свои письма, преподаватель — всех (включается и сам, когда есть учётная запись преподавателя: smtp-lab account add … --instructor)',
    },
  },
  {
    flag: 'data-dir',
    env: 'SMTP_LAB_DATA_DIR',
    kind: 'text',
    shown: { en: 'none: kept in memory only', ru: 'нет: только в памяти' },
    help: { en: 'keep mails and sessions on disk here, across restarts', ru: 'хранить письма и сессии на диске в этом каталоге между перезапусками' },
  },
  {
    flag: 'tls-dir',
    env: 'SMTP_LAB_TLS_DIR',
    kind: 'text',
    shown: { en: '<data-dir>/tls, or ~/.config/smtp-lab/tls', ru: '<data-dir>/tls или ~/.config/smtp-lab/tls' },
    help: { en: 'where the generated TLS certificate is kept', ru: 'где хранится созданный TLS-сертификат' },
  },
  {
    flag: 'hostname',
    env: 'SMTP_LAB_HOSTNAME',
    kind: 'text',
    default: 'smtp-lab',
    help: { en: 'the name the server gives in its greeting', ru: 'имя сервера в приветствии' },
  },
  {
    flag: 'allowed-hosts',
    env: 'SMTP_LAB_ALLOWED_HOSTS',
    kind: 'list',
    help: {
      en: 'more host names the web server answers to (comma-separated); loopback and the --host address always work',
      ru: 'другие имена хоста, на которые отвечает веб-сервер, через запятую; локальные адреса (127.0.0.1, localhost, ::1) и адрес --host работают всегда',
    },
  },
  {
    flag: 'allow-origin',
    env: 'SMTP_LAB_ALLOW_ORIGIN',
    kind: 'list',
    help: {
      en: 'other web origins allowed to open /api/events (comma-separated)',
      ru: 'другие источники (заголовок «Origin»), которым можно открыть /api/events, через запятую',
    },
  },
  {
    flag: 'fault',
    env: 'SMTP_LAB_FAULTS',
    kind: 'faults',
    help: {
      en: 'a lab-wide fault rule from the start, repeatable: a preset (greylisting, outage, …) or STAGE=EFFECT[; modifier…], e.g. "rcpt=550 5.1.1 No such user; rcptTo=nobody@*" (lab/FAULTS.md; the variable takes rules separated by " | ")',
      ru: 'правило сбоя для всей лаборатории с самого запуска, можно несколько раз: заготовка («greylisting», «outage», …) или ЭТАП=ДЕЙСТВИЕ[; уточнение…], например "rcpt=550 5.1.1 No such user; rcptTo=nobody@*" (lab/FAULTS.md; в переменной правила разделяются " | ")',
    },
  },
  {
    flag: 'verbose',
    env: 'SMTP_LAB_VERBOSE',
    kind: 'flag',
    default: 'off',
    help: { en: 'print every line of every SMTP dialogue (secrets masked)', ru: 'печатать каждую строку каждого SMTP-диалога (секреты скрыты)' },
  },
  {
    flag: 'quiet',
    env: 'SMTP_LAB_QUIET',
    kind: 'flag',
    default: 'off',
    help: { en: 'print only the start-up summary and errors', ru: 'печатать только сводку при запуске и ошибки' },
  },
  {
    flag: 'lang',
    env: 'SMTP_LAB_LANG',
    kind: 'text',
    shown: { en: 'from LANG', ru: 'по LANG' },
    help: { en: 'language of the messages: ru or en', ru: 'язык сообщений: ru или en' },
  },
];

export interface StartSettings {
  server: LabServerOptions;
  verbose: boolean;
  quiet: boolean;
  lang: string | undefined;
  help: boolean;
}

const SIZE_UNITS: Record<string, number> = { '': 1, B: 1, KB: 1024, K: 1024, MB: 1024 ** 2, M: 1024 ** 2, GB: 1024 ** 3, G: 1024 ** 3 };

function convert(spec: OptionSpec, raw: string, source: string): string | number | boolean | string[] {
  const fail = (expected: Bilingual): never => {
    throw new UsageError({ en: `${source}: "${raw}" is not ${expected.en}`, ru: `${source}: «${raw}» — не ${expected.ru}` });
  };
  switch (spec.kind) {
    case 'text':
      return raw;
    case 'faults':
      return raw
        .split(' | ')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((spec) => {
          const parsed = parseFaultSpec(spec);
          if (!parsed.ok) throw new UsageError({ en: `${source}: ${parsed.problem.en}`, ru: `${source}: ${parsed.problem.ru}` });
          const checked = checkFaultRule(parsed.input, { kind: 'lab' });
          if (!checked.ok) {
            const fields = Object.entries(checked.fields);
            throw new UsageError({
              en: `${source}: "${spec}": ${fields.map(([f, m]) => `${f}: ${m?.en}`).join('; ')}`,
              ru: `${source}: «${spec}»: ${fields.map(([f, m]) => `${f}: ${m?.ru}`).join('; ')}`,
            });
          }
          return JSON.stringify(parsed.input);
        });
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'flag':
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      return fail({ en: 'on or off', ru: 'on или off' });
    case 'port':
    case 'port-or-off': {
      if (spec.kind === 'port-or-off' && /^(off|false|no)$/i.test(raw)) return 'off';
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n > 65535) fail({ en: 'a port number (0–65535)', ru: 'номер порта (0–65535)' });
      return n;
    }
    case 'count':
    case 'seconds':
    case 'ms': {
      if (!/^\d+$/.test(raw)) fail({ en: 'a whole number', ru: 'целое число' });
      return Number(raw);
    }
    case 'bytes': {
      const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(raw);
      const unit = SIZE_UNITS[(match?.[2] ?? '').toUpperCase()];
      if (!match || unit === undefined) return fail({ en: 'a size such as 25MB or 1048576', ru: 'размер, например 25MB или 1048576' });
      return Math.floor(Number(match[1]) * unit);
    }
  }
}

function defaultTlsDir(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'tls');
}

/** What parseArgs gives for the table: text for values, true/false for flags. */
export type StartValues = Record<string, string | string[] | boolean | undefined>;

/** The parseArgs options of `start`, from the table. */
export const START_PARSE_OPTIONS: OptionTable = Object.fromEntries(
  START_OPTIONS.map((spec) => [spec.flag, { type: spec.kind === 'flag' ? 'boolean' : 'string', ...(spec.kind === 'faults' ? { multiple: true } : {}) }]),
);

/** The command line of `start` read with its table (for tests and scripts; the CLI goes through runCommand). */
export function parseStartArgs(argv: string[], env: NodeJS.ProcessEnv): StartSettings {
  let values: StartValues;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { ...START_PARSE_OPTIONS, help: { type: 'boolean' } },
      allowPositionals: false,
      strict: true,
    }) as unknown as {
      values: StartValues;
    });
  } catch (err) {
    throw new UsageError({ en: argsProblem(err, 'en'), ru: argsProblem(err, 'ru') });
  }
  return startSettings(values, env);
}

/** Flags first, then environment variables, then defaults; every value checked and converted. */
export function startSettings(values: StartValues, env: NodeJS.ProcessEnv): StartSettings {
  const settings: Record<string, string | number | boolean | string[]> = {};
  for (const spec of START_OPTIONS) {
    const fromFlag = values[spec.flag];
    if (Array.isArray(fromFlag)) {
      settings[spec.flag] = fromFlag.flatMap((one) => convert(spec, one, `--${spec.flag}`) as string[]);
    } else if (fromFlag !== undefined) {
      settings[spec.flag] = typeof fromFlag === 'boolean' ? fromFlag : convert(spec, fromFlag, `--${spec.flag}`);
    } else if (env[spec.env] !== undefined && env[spec.env] !== '') {
      settings[spec.flag] = convert(spec, env[spec.env] as string, spec.env);
    } else if (spec.default !== undefined) {
      settings[spec.flag] = convert(spec, spec.default, 'default');
    }
  }
  const port = (flag: string): number | false => (settings[flag] === 'off' ? false : (settings[flag] as number));
  const dataDir = settings['data-dir'] as string | undefined;
  const profile = settings.profile as string;
  if (!isTlsProfileName(profile)) {
    throw new UsageError({
      en: `--profile: "${profile}" is not one of ${TLS_PROFILES.join(', ')}`,
      ru: `--profile: «${profile}» — не один из профилей ${TLS_PROFILES.join(', ')}`,
    });
  }
  const server: LabServerOptions = {
    host: settings.host as string,
    smtpPort: settings['smtp-port'] as number,
    smtpsPort: port('smtps-port'),
    submissionPort: port('submission-port'),
    httpPort: settings['http-port'] as number,
    mqttPort: port('mqtt-port'),
    telegramPort: port('telegram-port'),
    discordPort: port('discord-port'),
    smsPort: port('sms-port'),
    smppPort: port('smpp-port'),
    maxMessages: settings['max-messages'] as number,
    maxMailboxBytes: settings['max-mailbox-bytes'] as number,
    maxSessions: settings['max-sessions'] as number,
    maxSessionBytes: settings['max-session-bytes'] as number,
    maxTranscriptBytes: settings['max-transcript-bytes'] as number,
    maxMessageSize: settings['max-message-size'] as number,
    maxRecipients: settings['max-recipients'] as number,
    maxClients: settings['max-clients'] as number,
    idleTimeoutMs: (settings['idle-timeout'] as number) * 1000,
    greetingDelayMs: settings['greeting-delay'] as number,
    reverseDns: settings['reverse-dns'] as boolean,
    hostname: settings.hostname as string,
    allowedOrigins: (settings['allow-origin'] as string[] | undefined) ?? [],
    allowedHosts: (settings['allowed-hosts'] as string[] | undefined) ?? [],
    tlsDir: (settings['tls-dir'] as string | undefined) ?? (dataDir ? join(dataDir, 'tls') : defaultTlsDir(env)),
    profile,
    classMode: settings.class === true,
    faults: ((settings.fault as string[] | undefined) ?? []).map((json) => JSON.parse(json) as FaultRuleInput),
    adminFile: adminFilePath(dataDir, env),
    ...(dataDir ? { dataDir } : {}),
  };
  return {
    server,
    verbose: settings.verbose === true,
    quiet: settings.quiet === true,
    lang: settings.lang as string | undefined,
    help: values.help === true,
  };
}

/** What a value of each kind looks like, in --help. */
const VALUE_NAMES: Record<Kind, Bilingual> = {
  text: { en: '<value>', ru: '<значение>' },
  port: { en: '<port>', ru: '<порт>' },
  'port-or-off': { en: '<port|off>', ru: '<порт|off>' },
  count: { en: '<number>', ru: '<число>' },
  bytes: { en: '<size>', ru: '<размер>' },
  seconds: { en: '<seconds>', ru: '<секунды>' },
  ms: { en: '<ms>', ru: '<мс>' },
  flag: { en: '', ru: '' },
  list: { en: '<list>', ru: '<список>' },
  faults: { en: '<rule>', ru: '<правило>' },
};

const VALUE_NAMES_BY_FLAG: Record<string, Bilingual> = {
  'data-dir': { en: '<dir>', ru: '<каталог>' },
  'tls-dir': { en: '<dir>', ru: '<каталог>' },
  host: { en: '<address>', ru: '<адрес>' },
  hostname: { en: '<name>', ru: '<имя>' },
  profile: { en: '<profile>', ru: '<профиль>' },
  lang: { en: '<ru|en>', ru: '<ru|en>' },
};

export function startHelp(language: Language): string {
  const lines = [
    language === 'ru'
      ? 'Использование: smtp-lab start [параметры]\n\nЗапускает лабораторный SMTP-сервер, веб-клиент и API. Каждый параметр можно задать флагом или переменной окружения.\n'
      : 'Usage: smtp-lab start [options]\n\nRuns the lab SMTP server, the web client and the API. Every option is a flag or an environment variable.\n',
  ];
  const usage = (spec: OptionSpec) => {
    const value = (VALUE_NAMES_BY_FLAG[spec.flag] ?? VALUE_NAMES[spec.kind])[language];
    return `  --${spec.flag}${value ? ` ${value}` : ''}`;
  };
  const width = Math.max(...START_OPTIONS.map((spec) => usage(spec).length)) + 2;
  const none = language === 'ru' ? 'нет' : 'none';
  for (const spec of START_OPTIONS) {
    lines.push(usage(spec).padEnd(width) + spec.env);
    const shown = spec.shown?.[language] ?? spec.default ?? none;
    lines.push(`      ${spec.help[language]} [${language === 'ru' ? 'по умолчанию' : 'default'}: ${shown}]`);
  }
  lines.push(`  --help`.padEnd(width) + (language === 'ru' ? 'эта справка' : 'this help'));
  return lines.join('\n') + '\n';
}
