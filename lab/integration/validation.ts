// Validation of the integration form and of the test e-mail, with a message per field in both
// languages. It checks what can be known without a server (syntax, ranges); a wrong password or
// a port that speaks another protocol is for the test send to find and explain. No Node imports:
// the browser validates with the same code before it saves.
import { isEmailAddress } from '../../server/wire/email-address.js';
import type {
  Bilingual,
  FieldErrors,
  IntegrationField,
  IntegrationSettings,
  IntegrationView,
  PresetId,
  Security,
  TestMail,
  TestMailField,
} from './integration-types.js';

export { isEmailAddress };

export type Validation<T, F extends string> = { ok: true; value: T } | { ok: false; errors: FieldErrors<F> };

export const SECURITIES: readonly Security[] = ['none', 'starttls', 'ssl'];
export const PRESET_IDS: readonly PresetId[] = ['gmail', 'yandex', 'mailru', 'lab', 'custom'];
export const MAX_BODY_LENGTH = 500_000;
const MAX_SUBJECT_LENGTH = 200;
const MAX_NAME_LENGTH = 100;
const MAX_PASSWORD_LENGTH = 256;

/** Zabbix's media type defaults: 3 attempts, 10 s apart (its range is 1–100 and 0–3600 s; a lab needs fewer). */
export const DEFAULT_ATTEMPTS = 3;
export const MAX_ATTEMPTS = 10;
export const DEFAULT_ATTEMPT_INTERVAL = 10;
export const MAX_ATTEMPT_INTERVAL = 3600;

export type TestMailLanguage = keyof Bilingual;

/** The test e-mail's subject and body when none is given, in the language the student uses. */
export const DEFAULT_TEST_SUBJECT: Bilingual = { ru: 'Тестовое письмо', en: 'Test e-mail' };
export const DEFAULT_TEST_BODY: Bilingual = {
  ru: 'Это тестовое письмо интеграции SMTP.',
  en: 'This is a test e-mail of the SMTP integration.',
};

/**
 * The form's security as the student may write it: the values (none, starttls, ssl) and the
 * names the form and the messages show (нет, STARTTLS, SSL/TLS), in either case.
 */
const SECURITY_ALIASES: Record<string, Security> = {
  none: 'none',
  нет: 'none',
  starttls: 'starttls',
  ssl: 'ssl',
  'ssl/tls': 'ssl',
};

export function parseSecurity(value: unknown): Security | undefined {
  const raw = text(value)?.trim().toLowerCase();
  return raw === undefined ? undefined : SECURITY_ALIASES[raw];
}

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const CONTROL = /[\x00-\x1f\x7f]/;

function isHostName(value: string): boolean {
  if (IPV4.test(value)) return true;
  if (value.startsWith('[') && value.endsWith(']')) return /^[0-9a-f:.]+$/i.test(value.slice(1, -1));
  if (/^[0-9a-f:]+$/i.test(value) && value.includes(':')) return true;
  return (
    value.length <= 253 &&
    value
      .replace(/\.$/, '')
      .split('.')
      .every((label) => HOST_LABEL.test(label))
  );
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

const M = {
  presetUnknown: { ru: `Неизвестный шаблон; допустимы: ${PRESET_IDS.join(', ')}`, en: `Unknown preset; one of: ${PRESET_IDS.join(', ')}` },
  hostMissing: { ru: 'Укажите адрес SMTP-сервера, например, smtp.gmail.com', en: "Enter the SMTP server's host name, e.g. smtp.gmail.com" },
  hostScheme: { ru: 'Только имя сервера, без smtp:// и без пути', en: 'The host name only, without smtp:// or a path' },
  hostPort: { ru: 'Порт указывается в поле «Порт», а не в адресе сервера', en: 'Put the port in the Port field, not in the host' },
  hostInvalid: {
    ru: 'Это не имя сервера: латинские буквы, цифры, точки и дефисы (или IP-адрес), без пробелов',
    en: 'Not a host name: letters, digits, dots and hyphens (or an IP address), no spaces',
  },
  portInvalid: { ru: 'Порт — целое число от 1 до 65535 (обычно 465 или 587)', en: 'The port is a whole number from 1 to 65535 (usually 465 or 587)' },
  securityInvalid: {
    ru: 'Выберите защиту соединения: нет, STARTTLS или SSL/TLS',
    en: 'Choose the connection security: none, STARTTLS or SSL/TLS',
  },
  loginMissing: { ru: 'Укажите логин — обычно полный адрес почты', en: 'Enter the login, usually the full e-mail address' },
  loginInvalid: {
    ru: 'Логин — без пробелов и управляющих символов, не длиннее 254 символов',
    en: 'The login has no spaces or control characters and at most 254 characters',
  },
  passwordMissing: {
    ru: 'Укажите пароль (для Gmail, Яндекса и Mail.ru — пароль приложения)',
    en: 'Enter the password (for Gmail, Yandex and Mail.ru an app password)',
  },
  passwordInvalid: {
    ru: `Пароль — не длиннее ${MAX_PASSWORD_LENGTH} символов, в одну строку`,
    en: `The password is at most ${MAX_PASSWORD_LENGTH} characters, on one line`,
  },
  fromMissing: {
    ru: 'Укажите адрес отправителя (заголовок «From»), например, alerts@example.com',
    en: 'Enter the sender address (the From header), e.g. alerts@example.com',
  },
  fromInvalid: { ru: 'Адрес отправителя — вида имя@домен, без пробелов', en: 'The sender address looks like name@domain, without spaces' },
  nameInvalid: {
    ru: `Имя отправителя — не длиннее ${MAX_NAME_LENGTH} символов, в одну строку`,
    en: `The sender name is at most ${MAX_NAME_LENGTH} characters, on one line`,
  },
  toMissing: { ru: 'Укажите адрес получателя тестового письма', en: "Enter the test e-mail's recipient" },
  toInvalid: {
    ru: 'Адрес получателя — вида имя@домен; несколько — через запятую (до 10)',
    en: 'A recipient looks like name@domain; several go comma-separated (up to 10)',
  },
  subjectInvalid: {
    ru: `Тема — не длиннее ${MAX_SUBJECT_LENGTH} символов, в одну строку`,
    en: `The subject is at most ${MAX_SUBJECT_LENGTH} characters, on one line`,
  },
  bodyInvalid: { ru: `Текст письма — не длиннее ${MAX_BODY_LENGTH} символов`, en: `The body is at most ${MAX_BODY_LENGTH} characters` },
  attemptsInvalid: {
    ru: `Число попыток — целое число от 1 до ${MAX_ATTEMPTS} (1 — без повторов; по умолчанию ${DEFAULT_ATTEMPTS})`,
    en: `Attempts is a whole number from 1 to ${MAX_ATTEMPTS} (1: no retry; ${DEFAULT_ATTEMPTS} by default)`,
  },
  intervalInvalid: {
    ru: `Интервал — число секунд от 0 до ${MAX_ATTEMPT_INTERVAL}, например 10 (можно 10s, 1m; по умолчанию ${DEFAULT_ATTEMPT_INTERVAL})`,
    en: `The interval is a number of seconds from 0 to ${MAX_ATTEMPT_INTERVAL}, e.g. 10 (or 10s, 1m; ${DEFAULT_ATTEMPT_INTERVAL} by default)`,
  },
  notText: { ru: 'Ожидается текст', en: 'Text expected' },
} satisfies Record<string, Bilingual>;

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The number of attempts as typed (text or a number); undefined when it is not one. */
export function parseAttempts(value: unknown): number | undefined {
  if (blank(value)) return DEFAULT_ATTEMPTS;
  const raw = (text(value) ?? '').trim();
  const n = Number(raw);
  return /^\d{1,2}$/.test(raw) && n >= 1 && n <= MAX_ATTEMPTS ? n : undefined;
}

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, с: 1, сек: 1, m: 60, м: 60, мин: 60, h: 3600, ч: 3600 };

/**
 * The attempt interval as typed, in seconds: a number (a decimal comma too, as Russian writes it),
 * or with Zabbix's suffixes — 10s, 1m, 1h (and с, мин, ч). Undefined when it is not one.
 */
export function parseAttemptInterval(value: unknown): number | undefined {
  if (blank(value)) return DEFAULT_ATTEMPT_INTERVAL;
  const match = /^(\d{1,4}(?:[.,]\d{1,3})?)\s*([a-zа-я]*)$/i.exec((text(value) ?? '').trim());
  const suffix = match?.[2]?.toLowerCase() ?? '';
  const unit = match && Object.hasOwn(UNIT_SECONDS, suffix) ? UNIT_SECONDS[suffix] : undefined;
  if (!match || unit === undefined) return undefined;
  const seconds = Number(match[1]!.replace(',', '.')) * unit;
  return seconds <= MAX_ATTEMPT_INTERVAL ? seconds : undefined;
}

export interface IntegrationValidationOptions {
  /** The saved password, kept when the input leaves the password out (it is write-only). */
  savedPassword?: string;
}

export function validateIntegration(input: unknown, options: IntegrationValidationOptions = {}): Validation<IntegrationSettings, IntegrationField> {
  const source = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const errors: FieldErrors<IntegrationField> = {};

  const presetText = text(source.preset)?.trim() || 'custom';
  const preset = PRESET_IDS.includes(presetText as PresetId) ? (presetText as PresetId) : undefined;
  if (!preset) errors.preset = M.presetUnknown;

  const host = (text(source.host) ?? '').trim();
  if (!host) errors.host = M.hostMissing;
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host) || host.includes('/')) errors.host = M.hostScheme;
  else if (/^[^:[\]]+:\d+$/.test(host)) errors.host = M.hostPort;
  else if (!isHostName(host)) errors.host = M.hostInvalid;

  const portText = (text(source.port) ?? '').trim();
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) errors.port = M.portInvalid;

  const security = parseSecurity(source.security) as Security;
  if (!security) errors.security = M.securityInvalid;

  const login = (text(source.login) ?? '').trim();
  if (!login) errors.login = M.loginMissing;
  else if (/\s/.test(login) || CONTROL.test(login) || login.length > 254) errors.login = M.loginInvalid;

  // Spaces inside are kept: an app password pasted with its display spaces is a mistake the
  // server's reply (Gmail: 535) and the explanation teach, not one the form hides.
  let password = source.password === undefined || source.password === null ? undefined : text(source.password);
  if (source.password !== undefined && source.password !== null && password === undefined) errors.password = M.notText;
  if (password === undefined || password === '') password = options.savedPassword;
  if (!password) errors.password ??= M.passwordMissing;
  else if (password.length > MAX_PASSWORD_LENGTH || /[\r\n\x00]/.test(password)) errors.password = M.passwordInvalid;

  const fromAddress = (text(source.fromAddress) ?? '').trim();
  if (!fromAddress) errors.fromAddress = M.fromMissing;
  else if (!isEmailAddress(fromAddress)) errors.fromAddress = M.fromInvalid;

  const fromName = (text(source.fromName) ?? '').trim();
  if (fromName.length > MAX_NAME_LENGTH || CONTROL.test(fromName)) errors.fromName = M.nameInvalid;

  // Left out (a client or a file from before these fields), they stay out and mean Zabbix's
  // defaults; given empty, they are the defaults.
  const attempts = source.attempts === undefined ? undefined : parseAttempts(source.attempts);
  if (source.attempts !== undefined && attempts === undefined) errors.attempts = M.attemptsInvalid;
  const attemptInterval = source.attemptInterval === undefined ? undefined : parseAttemptInterval(source.attemptInterval);
  if (source.attemptInterval !== undefined && attemptInterval === undefined) errors.attemptInterval = M.intervalInvalid;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      preset: preset as PresetId,
      host,
      port,
      security,
      login,
      password: password as string,
      fromAddress,
      fromName,
      ...(attempts !== undefined ? { attempts } : {}),
      ...(attemptInterval !== undefined ? { attemptInterval } : {}),
    },
  };
}

export function validateTestMail(input: unknown, lang: TestMailLanguage = 'ru'): Validation<TestMail, TestMailField> {
  const source = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const errors: FieldErrors<TestMailField> = {};

  // Several recipients, comma-separated, as the platform's e-mail fields take them: the sender
  // reports each one's outcome (a partial delivery is one lesson of the fault scenarios).
  const recipients = (text(source.to) ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const to = recipients.join(', ');
  if (recipients.length === 0) errors.to = M.toMissing;
  else if (recipients.length > 10 || !recipients.every(isEmailAddress)) errors.to = M.toInvalid;

  const subjectRaw = source.subject ?? '';
  const subject = typeof subjectRaw === 'string' ? subjectRaw.trim() : undefined;
  if (subject === undefined) errors.subject = M.notText;
  else if (subject.length > MAX_SUBJECT_LENGTH || CONTROL.test(subject)) errors.subject = M.subjectInvalid;

  const bodyRaw = source.body ?? '';
  const body = typeof bodyRaw === 'string' ? bodyRaw : undefined;
  if (body === undefined) errors.body = M.notText;
  else if (body.length > MAX_BODY_LENGTH) errors.body = M.bodyInvalid;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { to, subject: subject || DEFAULT_TEST_SUBJECT[lang], body: body?.trim() ? (body as string) : DEFAULT_TEST_BODY[lang] },
  };
}

/** A saved integration as a client may see it: the password replaced by whether there is one. */
export function integrationView(settings: IntegrationSettings): IntegrationView {
  const { password, ...rest } = settings;
  return { ...rest, passwordSet: password.length > 0 };
}
