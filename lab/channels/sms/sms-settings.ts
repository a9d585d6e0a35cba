// The SMS integration's form: two protocols (SMPP to an SMS centre; SMS.ru's HTTP API), four
// presets (the lab's centre and gateway, SMS.ru, a real centre), validation of the chosen
// protocol's fields with a message per field, and the test SMS's number. The SMPP password and
// the api_id are write-only: an empty one keeps the saved one. No Node imports.
import type { ChannelField, Checked, SimulatorAddresses } from '../channel-driver.js';
import type { Bilingual, ChannelPreset, ChannelTestInput, FieldErrors } from '../channel-wire.js';
import { checkNumber, isSenderName } from './sms-numbers.js';

export type SmsPresetId = 'lab-smpp' | 'lab-http' | 'smsru' | 'smpp';
export type SmsProtocol = 'smpp' | 'sms-ru';

export type SmsSettings = {
  preset: SmsPresetId;
  protocol: SmsProtocol;
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** SMS.ru's https://sms.ru, or the lab gateway's address: the methods' paths are added to it. */
  apiRoot: string;
  apiId: string;
  /** The sender name (source_addr, `from`); '' leaves it to the service. */
  sender: string;
  attempts: number;
};

export const PRESET_IDS: readonly SmsPresetId[] = ['lab-smpp', 'lab-http', 'smsru', 'smpp'];
const PROTOCOL_OF: Readonly<Record<SmsPresetId, SmsProtocol>> = { 'lab-smpp': 'smpp', smpp: 'smpp', 'lab-http': 'sms-ru', smsru: 'sms-ru' };
export const SMPP_PORT = 2775;
export const SMS_RU_ROOT = 'https://sms.ru';
export const DEFAULT_SMS_ATTEMPTS = 3;
export const MAX_SMS_ATTEMPTS = 10;
export const DEFAULT_TEST_SMS = 'Тестовое SMS из smtp-lab';
const API_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const select = (value: string, ru: string, en: string) => ({ value, label: { ru, en } });

export const SMS_FIELDS: readonly ChannelField[] = [
  {
    name: 'preset',
    label: { ru: 'Куда отправлять', en: 'Send to' },
    kind: 'select',
    options: [
      select('lab-smpp', 'SMS-центр лаборатории (SMPP)', "The lab's SMS centre (SMPP)"),
      select('lab-http', 'SMS-шлюз лаборатории (как SMS.ru)', "The lab's SMS gateway (like SMS.ru)"),
      select('smsru', 'SMS.ru', 'SMS.ru'),
      select('smpp', 'SMS-центр провайдера (SMPP)', "A provider's SMS centre (SMPP)"),
    ],
  },
  {
    name: 'protocol',
    label: { ru: 'Протокол', en: 'Protocol' },
    kind: 'select',
    options: [select('smpp', 'SMPP', 'SMPP'), select('sms-ru', 'HTTP API SMS.ru', 'SMS.ru HTTP API')],
  },
  { name: 'host', label: { ru: 'Сервер SMPP', en: 'SMPP host' }, kind: 'text', placeholder: 'smpp.example.ru' },
  { name: 'port', label: { ru: 'Порт SMPP', en: 'SMPP port' }, kind: 'number', placeholder: '2775' },
  {
    name: 'systemId',
    label: { ru: 'system_id', en: 'system_id' },
    kind: 'text',
    help: { ru: 'Логин учётной записи SMPP, до 15 символов.', en: "The SMPP account's login, up to 15 characters." },
  },
  {
    name: 'password',
    label: { ru: 'Пароль SMPP', en: 'SMPP password' },
    kind: 'text',
    secret: true,
    help: { ru: 'До 8 символов (так в SMPP 3.4).', en: 'Up to 8 characters (as SMPP 3.4 has it).' },
  },
  {
    name: 'apiRoot',
    label: { ru: 'Адрес API', en: 'API address' },
    kind: 'text',
    placeholder: SMS_RU_ROOT,
    help: { ru: 'Только начало адреса, без /sms/send.', en: 'The start of the URL only, without /sms/send.' },
  },
  {
    name: 'apiId',
    label: { ru: 'api_id', en: 'api_id' },
    kind: 'text',
    secret: true,
    placeholder: '0877FB60-123D-911D-462C-F8B2B54F1343',
    help: { ru: 'Ключ API: держите его в секрете, как пароль.', en: 'The API key: keep it secret like a password.' },
  },
  {
    name: 'sender',
    label: { ru: 'Отправитель', en: 'Sender' },
    kind: 'text',
    placeholder: 'LabAlert',
    help: { ru: 'Согласованное имя отправителя; пусто — имя по умолчанию.', en: 'An approved sender name; empty for the default one.' },
  },
  {
    name: 'attempts',
    label: { ru: 'Попытки', en: 'Attempts' },
    kind: 'number',
    help: { ru: 'Сколько раз пробовать, от 1 до 10.', en: 'How many tries, 1 to 10.' },
  },
];

export const SMS_TEST_FIELDS: readonly ChannelField[] = [
  { name: 'to', label: { ru: 'Номер телефона', en: 'Phone number' }, kind: 'text', placeholder: '79255070602' },
];

export function smsPresets(addresses: SimulatorAddresses): ChannelPreset[] {
  const { smpp, smsRu } = addresses;
  const off = (flag: string): Bilingual => ({
    ru: `Этот симулятор выключен: запустите лабораторию без ${flag} off.`,
    en: `This simulator is off: start the lab without ${flag} off.`,
  });
  return [
    {
      id: 'lab-smpp',
      name: { ru: 'SMS-центр лаборатории (SMPP)', en: "The lab's SMS centre (SMPP)" },
      note: smpp
        ? {
            ru: 'Создайте учётную запись SMPP на странице «Сообщения → SMS» и введите её system_id и пароль. Отправитель — LabAlert или smtp-lab.',
            en: 'Make an SMPP account on the Messages → SMS page and enter its system_id and password. Sender: LabAlert or smtp-lab.',
          }
        : off('--smpp-port'),
      values: smpp ? { preset: 'lab-smpp', protocol: 'smpp', host: smpp.host, port: smpp.port } : { preset: 'lab-smpp', protocol: 'smpp' },
      real: false,
    },
    {
      id: 'lab-http',
      name: { ru: 'SMS-шлюз лаборатории (как SMS.ru)', en: "The lab's SMS gateway (like SMS.ru)" },
      note: smsRu
        ? {
            ru: 'Создайте ключ API на странице «Сообщения → SMS» и вставьте его api_id. На счету нового ключа 100 ₽, одна часть стоит 3,5 ₽.',
            en: 'Make an API key on the Messages → SMS page and paste its api_id. A new key holds 100 roubles; one part costs 3.5.',
          }
        : off('--sms-port'),
      values: smsRu ? { preset: 'lab-http', protocol: 'sms-ru', apiRoot: smsRu } : { preset: 'lab-http', protocol: 'sms-ru' },
      real: false,
    },
    {
      id: 'smsru',
      name: { ru: 'SMS.ru', en: 'SMS.ru' },
      note: {
        ru: 'Настоящий SMS.ru: нужен интернет и аккаунт; api_id — в личном кабинете. Отправка платная, имя отправителя согласовывают заранее.',
        en: 'The real SMS.ru: it needs internet access and an account; the api_id is in your account. Sending costs money; sender names are approved in advance.',
      },
      values: { preset: 'smsru', protocol: 'sms-ru', apiRoot: SMS_RU_ROOT },
      real: true,
    },
    {
      id: 'smpp',
      name: { ru: 'SMS-центр провайдера (SMPP)', en: "A provider's SMS centre (SMPP)" },
      note: {
        ru: 'Адрес, порт, system_id и пароль даёт провайдер по договору; часто он пускает только с заранее названных IP-адресов.',
        en: 'The provider gives the host, port, system_id and password with the contract; often it lets in only IP addresses named in advance.',
      },
      values: { preset: 'smpp', protocol: 'smpp', host: '', port: SMPP_PORT },
      real: true,
    },
  ];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const typedOr = (source: Record<string, unknown>, name: keyof SmsSettings, saved: string | undefined) =>
  source[name] === undefined ? (saved ?? '') : textOf(source[name]);

const M = {
  preset: {
    ru: 'Выберите, куда отправлять: SMS-центр или шлюз лаборатории, SMS.ru или SMS-центр провайдера.',
    en: "Choose where to send: the lab's centre or gateway, SMS.ru or a provider's centre.",
  },
  protocol: {
    ru: 'Протокол — SMPP или HTTP API SMS.ru; он должен подходить к выбранному шаблону.',
    en: 'The protocol is SMPP or the SMS.ru HTTP API, and must suit the preset.',
  },
  hostMissing: { ru: 'Укажите сервер SMPP, например smpp.example.ru.', en: 'Enter the SMPP host, e.g. smpp.example.ru.' },
  hostInvalid: {
    ru: 'Только имя сервера (или IP-адрес): без smpp://, без порта и пробелов.',
    en: 'The host name (or IP address) only: no smpp://, no port, no spaces.',
  },
  port: { ru: 'Порт — целое число от 1 до 65535 (у SMPP обычно 2775).', en: 'The port is a whole number from 1 to 65535 (SMPP usually takes 2775).' },
  systemIdMissing: { ru: 'Укажите system_id учётной записи SMPP.', en: "Enter the SMPP account's system_id." },
  systemIdInvalid: {
    ru: 'system_id — до 15 символов латиницей, без пробелов (так в SMPP 3.4).',
    en: 'A system_id is up to 15 Latin characters, no spaces (as SMPP 3.4 has it).',
  },
  passwordMissing: { ru: 'Укажите пароль учётной записи SMPP.', en: "Enter the SMPP account's password." },
  passwordInvalid: { ru: 'Пароль SMPP — до 8 символов латиницей (так в SMPP 3.4).', en: 'An SMPP password is up to 8 Latin characters (as SMPP 3.4 has it).' },
  apiRootMissing: { ru: 'Укажите адрес API, например https://sms.ru.', en: 'Enter the API address, e.g. https://sms.ru.' },
  apiRootInvalid: {
    ru: 'Адрес API начинается с https:// или http://, без параметров после «?».',
    en: 'The API address starts with https:// or http://, with nothing after "?".',
  },
  apiRootMethod: {
    ru: 'Только начало адреса, без /sms/send: путь метода отправитель добавляет сам.',
    en: 'The start of the URL only, without /sms/send: the sender adds the method path itself.',
  },
  apiIdMissing: { ru: 'Вставьте api_id (ключ API).', en: 'Paste the api_id (the API key).' },
  apiIdInvalid: {
    ru: 'api_id выглядит так: 0877FB60-123D-911D-462C-F8B2B54F1343 — 32 шестнадцатеричные цифры через дефисы.',
    en: 'An api_id looks like 0877FB60-123D-911D-462C-F8B2B54F1343: 32 hex digits with hyphens.',
  },
  sender: {
    ru: 'Отправитель — до 11 латинских букв и цифр (можно «.», «-», «_» и пробел) или номер до 15 цифр.',
    en: 'A sender is up to 11 Latin letters and digits (".", "-", "_" and spaces too) or a number of up to 15 digits.',
  },
  attempts: { ru: 'Попыток — от 1 до 10.', en: 'Attempts: 1 to 10.' },
  toMissing: { ru: 'Укажите номер телефона получателя, например 79255070602.', en: "Enter the recipient's phone number, e.g. 79255070602." },
  toInvalid: {
    ru: 'Номер — в международном формате, только цифры (от 10 до 15), например 79255070602; + в начале допустим.',
    en: 'The number is in the international form, digits only (10 to 15), e.g. 79255070602; a leading + is fine.',
  },
  toNational: {
    ru: 'Номер записан через 8: для SMS нужен международный формат — 7 вместо 8 (79255070602).',
    en: 'The number starts with the domestic 8: SMS needs the international form, 7 instead of 8 (79255070602).',
  },
} satisfies Record<string, Bilingual>;

const isHost = (value: string) => /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(value) || /^\[?[0-9a-fA-F:]+\]?$/.test(value);

export function validateSmsSettings(input: unknown, saved: SmsSettings | undefined): Checked<SmsSettings> {
  const source = isObject(input) ? input : {};
  const errors: FieldErrors = {};
  const preset = (textOf(source.preset) || saved?.preset || 'lab-smpp') as SmsPresetId;
  if (!PRESET_IDS.includes(preset)) errors.preset = M.preset;
  // Each preset speaks one protocol; a protocol that does not suit it is a mistake worth saying.
  const protocol = (textOf(source.protocol) || PROTOCOL_OF[preset] || 'smpp') as SmsProtocol;
  if (PRESET_IDS.includes(preset) && PROTOCOL_OF[preset] !== protocol) errors.protocol = M.protocol;
  // Which fields are required follows from these two: fix them first.
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const smpp = protocol === 'smpp';

  const host = typedOr(source, 'host', saved?.host);
  if (smpp && !host) errors.host = M.hostMissing;
  else if (smpp && !isHost(host)) errors.host = M.hostInvalid;
  const portText = typedOr(source, 'port', saved?.port === undefined ? undefined : String(saved.port));
  const port = portText === '' ? SMPP_PORT : /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (smpp && !(port >= 1 && port <= 65535)) errors.port = M.port;
  const systemId = typedOr(source, 'systemId', saved?.systemId);
  if (smpp && !systemId) errors.systemId = M.systemIdMissing;
  else if (smpp && !/^[\x21-\x7e]{1,15}$/.test(systemId)) errors.systemId = M.systemIdInvalid;
  const typedPassword = typeof source.password === 'string' ? source.password : '';
  const password = typedPassword || saved?.password || '';
  if (smpp && !password) errors.password = M.passwordMissing;
  else if (smpp && typedPassword && !/^[\x21-\x7e]{1,8}$/.test(typedPassword)) errors.password = M.passwordInvalid;

  const apiRoot = typedOr(source, 'apiRoot', saved?.apiRoot).replace(/\/+$/, '');
  if (!smpp) {
    if (!apiRoot) errors.apiRoot = M.apiRootMissing;
    else if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(apiRoot)) errors.apiRoot = M.apiRootInvalid;
    else if (/\/(sms\/send|my\/balance|auth\/check)$/i.test(apiRoot)) errors.apiRoot = M.apiRootMethod;
  }
  const typedApiId = textOf(source.apiId);
  const apiId = typedApiId || saved?.apiId || '';
  if (!smpp && !apiId) errors.apiId = M.apiIdMissing;
  else if (!smpp && typedApiId && !API_ID.test(typedApiId)) errors.apiId = M.apiIdInvalid;

  const sender = typedOr(source, 'sender', saved?.sender);
  if (sender && !isSenderName(sender)) errors.sender = M.sender;
  const attemptsText = typedOr(source, 'attempts', saved?.attempts === undefined ? undefined : String(saved.attempts));
  const attempts = attemptsText === '' ? DEFAULT_SMS_ATTEMPTS : Number(attemptsText);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > MAX_SMS_ATTEMPTS) errors.attempts = M.attempts;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      preset,
      protocol,
      host,
      port: port >= 1 && port <= 65535 ? port : (saved?.port ?? SMPP_PORT),
      systemId,
      password,
      apiRoot,
      apiId,
      sender,
      attempts,
    },
  };
}

export function validateSmsTest(input: unknown): Checked<ChannelTestInput> {
  const source = isObject(input) ? input : {};
  const to = textOf(source.to);
  if (!to) return { ok: false, errors: { to: M.toMissing } };
  const checked = checkNumber(to);
  if (checked.kind === 'invalid') return { ok: false, errors: { to: checked.problem === 'national-8' ? M.toNational : M.toInvalid } };
  const text = typeof source.text === 'string' && source.text.trim() !== '' ? source.text : DEFAULT_TEST_SMS;
  return { ok: true, value: { text, to: checked.number } };
}
