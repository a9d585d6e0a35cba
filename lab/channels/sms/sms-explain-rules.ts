// Why an SMS service refused, and what to change — as data: one rule per SMPP command_status
// (smpp-explain-rules.ts), per SMS.ru status_code (the texts as SMS.ru's client libraries quote
// them), and per network failure. The lab's SMPP centre, its SMS.ru gateway and the sender all
// explain through these rules. No Node imports: the browser may show them too.
import type { Bilingual } from '../../../server/wire/bilingual.js';
import type { ChannelExplanation } from '../channel-wire.js';
import {
  explained,
  NUMBER_CAUSE,
  NUMBER_FIX,
  RETRY_LATER,
  rub,
  said,
  same,
  SENDER_FIX,
  type Rule,
  type SmsExplainContext,
  type SmsField,
} from './sms-explain-kit.js';

export type { SmsExplainContext, SmsField } from './sms-explain-kit.js';
export { explainSmpp, SMPP_RULES, SMPP_STATUS_NAMES, SMPP_TRANSIENT, smppStatusName } from './smpp-explain-rules.js';

export const SMS_RU_TEXTS: Readonly<Record<number, string>> = {
  100: 'Запрос выполнен или сообщение находится в нашей очереди',
  200: 'Неправильный api_id',
  201: 'Не хватает средств на лицевом счету',
  202: 'Неправильно указан номер телефона получателя, либо на него нет маршрута',
  203: 'Нет текста сообщения',
  204: 'Имя отправителя не согласовано с администрацией',
  205: 'Сообщение слишком длинное (превышает 8 СМС)',
  206: 'Будет превышен или уже превышен дневной лимит на отправку сообщений',
  207: 'На этот номер (или один из номеров) нельзя отправлять сообщения, либо указано более 100 номеров в списке получателей',
  209: 'Вы добавили этот номер (или один из номеров) в стоп-лист',
  220: 'Сервис временно недоступен, попробуйте чуть позже.',
  // 300–302 are the login/token variants of authorisation; the wording is inferred from the same libraries.
  300: 'Неправильный token (возможно истек срок действия, либо ваш IP изменился)',
  301: 'Неправильный api_id, либо логин/пароль',
  302: 'Пользователь авторизован, но аккаунт не подтвержден (пользователь не ввел код, присланный в регистрационной смс)',
};

const API_ID_FIX: Bilingual = {
  ru: 'Скопируйте api_id из личного кабинета SMS.ru (в лаборатории — со страницы SMS, раздел «Ключи API»; ключ показывают один раз). Он выглядит так: 0877FB60-123D-911D-462C-F8B2B54F1343.',
  en: "Copy the api_id from your SMS.ru account (in the lab, from the SMS page's API keys; a key is shown once). It looks like 0877FB60-123D-911D-462C-F8B2B54F1343.",
};
const AUTH: Rule = {
  code: 'sms-ru-auth',
  field: 'apiId',
  cause: () => ({
    ru: 'SMS.ru не узнал ключ: api_id набран с ошибкой, удалён или принадлежит другому аккаунту.',
    en: 'SMS.ru did not recognise the key: the api_id is mistyped, deleted or of another account.',
  }),
  fix: () => API_ID_FIX,
};

export const SMS_RU_RULES: Readonly<Record<number, Rule>> = {
  200: { ...AUTH, code: 'sms-ru-wrong-api-id' },
  201: {
    code: 'sms-ru-no-money',
    field: null,
    cause: (c) => ({
      ru: `На счету ${rub(c.balance)} ₽, а отправка стоит ${rub(c.cost)} ₽ (${c.parts ?? '?'} SMS).`,
      en: `The balance is ${rub(c.balance)} roubles and the send costs ${rub(c.cost)} (${c.parts ?? '?'} SMS).`,
    }),
    fix: () => ({
      ru: 'Пополните счёт. В лаборатории у нового ключа API на счету 100 ₽ — создайте новый ключ; и помните, что латиница помещается в SMS вдвое плотнее кириллицы.',
      en: 'Top the balance up. In the lab a new API key starts with 100 roubles: make a new key; and remember Latin text fits twice as much into an SMS as Cyrillic.',
    }),
  },
  202: { code: 'sms-ru-bad-number', field: 'to', cause: NUMBER_CAUSE, fix: () => NUMBER_FIX },
  203: {
    code: 'sms-ru-no-text',
    field: 'text',
    cause: () => ({ ru: 'В запросе нет текста SMS (параметр msg пуст или отсутствует).', en: 'The request has no SMS text (msg is empty or missing).' }),
    fix: () => ({ ru: 'Передайте текст в параметре msg в кодировке UTF-8.', en: 'Pass the text in msg, in UTF-8.' }),
  },
  204: {
    code: 'sms-ru-sender-not-approved',
    field: 'sender',
    cause: (c) => ({
      ru: `Имя отправителя (from) «${c.sender ?? ''}» не согласовано с SMS.ru.`,
      en: `The sender name (from) "${c.sender ?? ''}" is not approved by SMS.ru.`,
    }),
    fix: SENDER_FIX,
  },
  205: {
    code: 'sms-ru-too-long',
    field: 'text',
    cause: (c) => ({
      ru: `Текст занимает ${c.parts ?? 'больше 8'} SMS, а SMS.ru отправляет не больше 8 частей в одном сообщении.`,
      en: `The text takes ${c.parts ?? 'over 8'} SMS, and SMS.ru sends at most 8 parts in one message.`,
    }),
    fix: () => ({
      ru: 'Сократите текст: оповещению хватит одной-двух частей (до 134 символов кириллицей, до 306 латиницей).',
      en: 'Shorten the text: an alert needs one or two parts (up to 134 Cyrillic or 306 Latin characters).',
    }),
  },
  206: {
    code: 'sms-ru-daily-limit',
    field: null,
    cause: () => ({ ru: 'Исчерпан дневной лимит отправки, заданный для этого аккаунта.', en: "The account's daily sending limit is used up." }),
    fix: () => ({
      ru: 'Дождитесь следующего дня или поднимите лимит в настройках аккаунта.',
      en: "Wait for the next day or raise the limit in the account's settings.",
    }),
  },
  207: {
    code: 'sms-ru-no-route',
    field: 'to',
    cause: (c) => ({
      ru: `На «${c.to ?? ''}» SMS не отправить: это городской номер или номер 8-800 (или получателей больше 100).`,
      en: `"${c.to ?? ''}" takes no SMS: it is a fixed line or an 8-800 number (or there are over 100 recipients).`,
    }),
    fix: () => ({
      ru: 'Укажите номер мобильного телефона (в России — 79…); получателей за раз — не больше 100.',
      en: 'Enter a mobile number (in Russia 79…); at most 100 recipients at once.',
    }),
  },
  209: {
    code: 'sms-ru-stop-list',
    field: 'to',
    cause: (c) => ({
      ru: `Номер «${c.to ?? ''}» в стоп-листе: на него SMS не отправляются (в лаборатории номер 79000000000 в стоп-листе всегда).`,
      en: `"${c.to ?? ''}" is in the stop list: it gets no SMS (in the lab, 79000000000 always is).`,
    }),
    fix: () => ({
      ru: 'Укажите другой номер или уберите этот из стоп-листа в личном кабинете.',
      en: 'Enter another number, or take this one off the stop list in your account.',
    }),
  },
  220: {
    code: 'sms-ru-unavailable',
    field: null,
    transient: true,
    cause: () => ({ ru: 'SMS.ru временно не принимает запросы.', en: 'SMS.ru is not taking requests for now.' }),
    fix: () => RETRY_LATER,
  },
  300: AUTH,
  301: AUTH,
  302: {
    ...AUTH,
    cause: () => ({ ru: 'Аккаунт SMS.ru не подтверждён.', en: 'The SMS.ru account is not confirmed.' }),
    fix: () => ({ ru: 'Подтвердите аккаунт кодом из регистрационного SMS.', en: 'Confirm the account with the code of the sign-up SMS.' }),
  },
};

export function explainSmsRu(code: number, context: SmsExplainContext = {}): ChannelExplanation {
  const rule = SMS_RU_RULES[code];
  if (rule) return explained(rule, context);
  return {
    code: `sms-ru-${code}`,
    cause: { ru: `SMS.ru ответил кодом ${code}${said(context).ru}.`, en: `SMS.ru answered with code ${code}${said(context).en}.` },
    field: null,
    fix: same('https://sms.ru/api'),
  };
}

const where = (c: SmsExplainContext) => (c.protocol === 'sms-ru' ? (c.apiRoot ?? '') : `${c.host ?? ''}:${c.port ?? ''}`);
const addressField = (c: SmsExplainContext, smpp: SmsField): SmsField => (c.protocol === 'sms-ru' ? 'apiRoot' : smpp);

export const NETWORK_RULES: Readonly<Record<string, Rule>> = {
  ECONNREFUSED: {
    code: 'sms-connection-refused',
    field: 'port',
    transient: true,
    cause: (c) => ({
      ru: `По адресу ${where(c)} никто не принимает соединения: служба не запущена или порт другой.`,
      en: `Nothing accepts connections at ${where(c)}: the service is not running or the port is another.`,
    }),
    fix: () => ({
      ru: 'Проверьте адрес и порт (у SMPP обычно 2775; для лаборатории выберите шаблон «Лаборатория» — он подставит её адрес).',
      en: 'Check the address and port (SMPP usually takes 2775; for the lab choose the Lab preset, which fills in its address).',
    }),
  },
  ENOTFOUND: {
    code: 'sms-host-not-found',
    field: 'host',
    cause: (c) => ({ ru: `Имя сервера в ${where(c)} не найдено в DNS.`, en: `The host name in ${where(c)} is not in DNS.` }),
    fix: () => ({
      ru: 'Проверьте, нет ли опечатки в имени сервера; без интернета работает только лаборатория.',
      en: 'Check the host name for a typo; offline, only the lab answers.',
    }),
  },
  ETIMEDOUT: {
    code: 'sms-timeout',
    field: 'host',
    transient: true,
    cause: (c) => ({ ru: `${where(c)} не ответил вовремя.`, en: `${where(c)} did not answer in time.` }),
    fix: () => ({
      ru: 'Проверьте адрес и доступ в сеть; сеть может не пропускать этот порт.',
      en: 'Check the address and the network; it may block this port.',
    }),
  },
  ECONNRESET: {
    code: 'sms-connection-dropped',
    field: null,
    transient: true,
    cause: (c) => ({ ru: `${where(c)} оборвал соединение${said(c).ru}.`, en: `${where(c)} dropped the connection${said(c).en}.` }),
    fix: () => RETRY_LATER,
  },
  'not-smpp': {
    code: 'sms-not-smpp',
    field: 'port',
    cause: (c) => ({
      ru: `На ${where(c)} отвечает не SMS-центр SMPP${said(c).ru} — скорее всего, это веб-порт (например, шлюз SMS.ru).`,
      en: `What answers at ${where(c)} is not an SMPP centre${said(c).en}; most likely a web port (the SMS.ru gateway, say).`,
    }),
    fix: () => ({
      ru: 'Укажите порт SMPP (обычно 2775) или выберите протокол SMS.ru для HTTP-шлюза.',
      en: 'Enter the SMPP port (usually 2775), or choose the SMS.ru protocol for an HTTP gateway.',
    }),
  },
  'not-sms-ru': {
    code: 'sms-not-sms-ru',
    field: 'apiRoot',
    cause: (c) => ({
      ru: `По адресу ${where(c)} ответил не шлюз SMS.ru${said(c).ru}.`,
      en: `What answered at ${where(c)} is not an SMS.ru gateway${said(c).en}.`,
    }),
    fix: () => ({
      ru: 'В поле адреса API — только начало адреса, без /sms/send: https://sms.ru (или адрес шлюза лаборатории).',
      en: 'The API address is the start of the URL only, without /sms/send: https://sms.ru (or the lab gateway).',
    }),
  },
  'http-404': {
    code: 'sms-ru-no-such-method',
    field: 'apiRoot',
    cause: (c) => ({
      ru: `У шлюза нет такого метода${said(c).ru}: SMS.ru отвечает на /sms/send, /my/balance и /auth/check.`,
      en: `The gateway has no such method${said(c).en}: SMS.ru answers /sms/send, /my/balance and /auth/check.`,
    }),
    fix: () => ({
      ru: 'В поле адреса API — только начало адреса, https://sms.ru (или адрес шлюза лаборатории), без /sms/send: путь метода отправитель добавляет сам.',
      en: "The API address is the start of the URL only, https://sms.ru (or the lab gateway), without /sms/send: the sender adds the method's path itself.",
    }),
  },
};

export function explainNetwork(code: string, context: SmsExplainContext = {}): ChannelExplanation {
  const key = code === 'EAI_AGAIN' ? 'ENOTFOUND' : code === 'EPIPE' || code === 'closed' ? 'ECONNRESET' : code === 'timeout' ? 'ETIMEDOUT' : code;
  const rule = NETWORK_RULES[key];
  if (rule) {
    const e = explained(rule, context);
    return { ...e, field: rule.field === 'port' || rule.field === 'host' ? addressField(context, rule.field) : e.field };
  }
  return {
    code: 'sms-network',
    cause: {
      ru: `Соединиться с ${where(context)} не удалось (${code}${context.detail ? `: ${context.detail}` : ''}).`,
      en: `Could not reach ${where(context)} (${code}${context.detail ? `: ${context.detail}` : ''}).`,
    },
    field: addressField(context, 'host'),
    fix: { ru: 'Проверьте адрес и доступ в сеть.', en: 'Check the address and the network.' },
  };
}

export const isTransientNetwork = (code: string): boolean =>
  ['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'timeout', 'closed', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code);
