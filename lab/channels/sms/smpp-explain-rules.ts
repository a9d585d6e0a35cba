// Why an SMS centre refused, and what to change: one rule per SMPP command_status the lab's centre
// answers (SMPP 3.4 §5.1.3), an unknown one still named. No Node imports.
import type { ChannelExplanation } from '../channel-wire.js';
import { explained, NUMBER_CAUSE, NUMBER_FIX, RETRY_LATER, said, SENDER_FIX, type Rule, type SmsExplainContext } from './sms-explain-kit.js';

export const SMPP_STATUS_NAMES: Readonly<Record<number, string>> = {
  0x00: 'ESME_ROK',
  0x01: 'ESME_RINVMSGLEN',
  0x02: 'ESME_RINVCMDLEN',
  0x03: 'ESME_RINVCMDID',
  0x04: 'ESME_RINVBNDSTS',
  0x05: 'ESME_RALYBND',
  0x08: 'ESME_RSYSERR',
  0x0a: 'ESME_RINVSRCADR',
  0x0b: 'ESME_RINVDSTADR',
  0x0d: 'ESME_RBINDFAIL',
  0x0e: 'ESME_RINVPASWD',
  0x0f: 'ESME_RINVSYSID',
  0x14: 'ESME_RMSGQFUL',
  0x43: 'ESME_RINVESMCLASS',
  0x45: 'ESME_RSUBMITFAIL',
  0x58: 'ESME_RTHROTTLED',
};

export const smppStatusName = (status: number): string => SMPP_STATUS_NAMES[status] ?? `0x${status.toString(16).padStart(8, '0')}`;

export const SMPP_RULES: Readonly<Record<number, Rule>> = {
  0x01: {
    code: 'smpp-message-too-long',
    field: 'text',
    cause: (c) => ({
      ru: `В short_message одного submit_sm помещается не больше 254 октетов${said(c).ru}, а SMPP сам длинный текст не делит.`,
      en: `One submit_sm's short_message holds at most 254 octets${said(c).en}, and SMPP does not split a long text by itself.`,
    }),
    fix: () => ({
      ru: 'Разбейте текст на части (по 153 символа GSM-7 или по 67 символов UCS-2) и отправьте каждую своим submit_sm с заголовком UDH 05 00 03 … и esm_class 0x40, либо передайте весь текст в параметре message_payload. Отправитель лаборатории делит текст сам.',
      en: "Split the text into parts (153 GSM-7 or 67 UCS-2 characters each) and send each in its own submit_sm with a 05 00 03 … UDH and esm_class 0x40, or pass the whole text in message_payload. The lab's sender splits the text itself.",
    }),
  },
  0x02: {
    code: 'smpp-not-a-pdu',
    field: 'port',
    cause: () => ({
      ru: 'На порт SMPP пришло не SMPP: длина PDU (первые четыре октета) меньше 16 или неправдоподобно велика. Так бывает, когда на порт SMS-центра пишет браузер или HTTP-клиент.',
      en: 'What came to the SMPP port is not SMPP: the PDU length (the first four octets) is under 16 or implausibly large. That happens when a browser or an HTTP client talks to an SMS centre.',
    }),
    fix: (c) => ({
      ru: `Подключайтесь к SMS-центру SMPP-клиентом, на его порт (обычно 2775${c.port ? `; здесь — ${c.port}` : ''}).`,
      en: `Connect to the SMS centre with an SMPP client, on its port (usually 2775${c.port ? `; here ${c.port}` : ''}).`,
    }),
  },
  0x03: {
    code: 'smpp-unknown-command',
    field: null,
    cause: (c) => ({
      ru: `Центр не знает или не выполняет эту команду${said(c).ru}.`,
      en: `The centre does not know or does not run this command${said(c).en}.`,
    }),
    fix: () => ({
      ru: 'Для отправки SMS достаточно bind_transceiver, submit_sm и unbind; центр лаборатории выполняет ещё bind_transmitter, bind_receiver и enquire_link.',
      en: 'Sending SMS takes bind_transceiver, submit_sm and unbind; the lab centre also runs bind_transmitter, bind_receiver and enquire_link.',
    }),
  },
  0x04: {
    code: 'smpp-not-bound',
    field: null,
    cause: () => ({
      ru: 'submit_sm пришёл до успешного bind (или сессия привязана через bind_receiver, который только принимает). Сообщения центр берёт только от привязанной сессии.',
      en: 'submit_sm came before a successful bind (or the session is bound with bind_receiver, which only receives). The centre takes messages from a bound session only.',
    }),
    fix: () => ({
      ru: 'Сначала bind_transceiver (или bind_transmitter) с system_id и паролем; дождитесь ответа ESME_ROK и только потом отправляйте submit_sm.',
      en: 'Send bind_transceiver (or bind_transmitter) with the system_id and password first; wait for ESME_ROK, then send submit_sm.',
    }),
  },
  0x05: {
    code: 'smpp-already-bound',
    field: null,
    cause: () => ({
      ru: 'Сессия уже привязана: второй bind в одном соединении не принимается.',
      en: 'The session is bound already: a second bind on one connection is refused.',
    }),
    fix: () => ({
      ru: 'Делайте bind один раз на соединение; для другой учётной записи откройте новое соединение.',
      en: 'Bind once per connection; open another connection for another account.',
    }),
  },
  0x08: {
    code: 'smpp-system-error',
    field: null,
    transient: true,
    cause: (c) => ({ ru: `Сбой на стороне SMS-центра${said(c).ru}.`, en: `The SMS centre failed${said(c).en}.` }),
    fix: () => RETRY_LATER,
  },
  0x0a: {
    code: 'smpp-sender-not-approved',
    field: 'sender',
    cause: (c) => ({
      ru: `Имя отправителя (source_addr) «${c.sender ?? ''}» не согласовано: оператор пропускает только зарегистрированные имена.`,
      en: `The sender name (source_addr) "${c.sender ?? ''}" is not approved: operators let registered names only through.`,
    }),
    fix: SENDER_FIX,
  },
  0x0b: { code: 'smpp-bad-destination', field: 'to', cause: NUMBER_CAUSE, fix: () => NUMBER_FIX },
  0x0d: {
    code: 'smpp-bind-failed',
    field: 'systemId',
    cause: (c) => ({ ru: `Центр отказал в привязке${said(c).ru}.`, en: `The centre refused the bind${said(c).en}.` }),
    fix: () => ({ ru: 'Проверьте system_id и пароль учётной записи SMPP.', en: "Check the SMPP account's system_id and password." }),
  },
  0x0e: {
    code: 'smpp-wrong-password',
    field: 'password',
    cause: (c) => ({
      ru: `Учётная запись SMPP «${c.systemId ?? ''}» есть, но пароль не подходит. В SMPP 3.4 пароль — не длиннее 8 символов.`,
      en: `The SMPP account "${c.systemId ?? ''}" exists, but the password is wrong. An SMPP 3.4 password is at most 8 characters.`,
    }),
    fix: () => ({
      ru: 'Введите пароль этой учётной записи SMPP (его показывают один раз, при создании). Если он потерян — удалите учётную запись на странице SMS лаборатории и создайте новую.',
      en: "Enter this SMPP account's password (it is shown once, when the account is made). If it is lost, delete the account on the lab's SMS page and make a new one.",
    }),
  },
  0x0f: {
    code: 'smpp-unknown-system-id',
    field: 'systemId',
    cause: (c) => ({
      ru: `У центра нет учётной записи с system_id «${c.systemId ?? ''}» (в SMPP 3.4 system_id — не длиннее 15 символов).`,
      en: `The centre has no account with the system_id "${c.systemId ?? ''}" (an SMPP 3.4 system_id is at most 15 characters).`,
    }),
    fix: () => ({
      ru: 'Укажите system_id своей учётной записи SMPP: в лаборатории её создают на странице SMS, у настоящего провайдера — в личном кабинете или по договору.',
      en: "Enter your SMPP account's system_id: in the lab you make one on the SMS page, at a real provider in your account or contract.",
    }),
  },
  0x14: {
    code: 'smpp-queue-full',
    field: null,
    transient: true,
    cause: () => ({ ru: 'Очередь сообщений SMS-центра переполнена.', en: "The SMS centre's message queue is full." }),
    fix: () => RETRY_LATER,
  },
  0x43: {
    code: 'smpp-bad-udh',
    field: 'text',
    cause: (c) => ({
      ru: `esm_class говорит, что в начале short_message есть заголовок UDH, но он неверен${said(c).ru}.`,
      en: `esm_class says short_message starts with a UDH, but the header is wrong${said(c).en}.`,
    }),
    fix: () => ({
      ru: 'Заголовок части — 05 00 03, номер ссылки (общий для всех частей), число частей и номер этой части (с 1); с ним esm_class = 0x40.',
      en: "A part header is 05 00 03, the reference (the same for all parts), the number of parts and this part's number (from 1); with it esm_class is 0x40.",
    }),
  },
  0x45: {
    code: 'smpp-submit-failed',
    field: 'text',
    cause: (c) => ({ ru: `Центр не принял сообщение${said(c).ru}.`, en: `The centre did not take the message${said(c).en}.` }),
    fix: () => ({
      ru: 'Кодировку задаёт data_coding: 0 — алфавит GSM-7, 1 — ASCII, 3 — Latin-1, 8 — UCS-2 (кириллица).',
      en: 'data_coding sets the encoding: 0 the GSM-7 alphabet, 1 ASCII, 3 Latin-1, 8 UCS-2 (Cyrillic).',
    }),
  },
  0x58: {
    code: 'smpp-throttled',
    field: null,
    transient: true,
    cause: (c) => ({
      ru: `Слишком часто: центр принимает не больше ${c.throttle ?? 'N'} submit_sm в секунду от одной учётной записи, остальные отклоняет ответом ESME_RTHROTTLED.`,
      en: `Too fast: the centre takes at most ${c.throttle ?? 'N'} submit_sm a second from one account and refuses the rest with ESME_RTHROTTLED.`,
    }),
    fix: () => ({
      ru: 'Подождите секунду и отправьте отклонённую часть снова — отправитель лаборатории так и делает (поле «Попытки»); принятые части повторять не нужно.',
      en: "Wait a second and send the refused part again, as the lab's sender does (the Attempts field); the parts already taken need not be sent again.",
    }),
  },
};

export const SMPP_TRANSIENT: ReadonlySet<number> = new Set(
  Object.entries(SMPP_RULES)
    .filter(([, r]) => r.transient)
    .map(([s]) => Number(s)),
);

export function explainSmpp(status: number, context: SmsExplainContext = {}): ChannelExplanation {
  const rule = SMPP_RULES[status];
  if (rule) return explained(rule, context);
  const name = smppStatusName(status);
  return {
    code: `smpp-status-${status}`,
    cause: { ru: `Центр ответил ${name}${said(context).ru}.`, en: `The centre answered ${name}${said(context).en}.` },
    field: null,
    fix: {
      ru: 'Значение command_status найдёте в спецификации SMPP 3.4, раздел 5.1.3, или в документации провайдера.',
      en: "Look the command_status up in SMPP 3.4, section 5.1.3, or in the provider's documentation.",
    },
  };
}

/** SMS.ru's status texts, in its own (Russian) words; each is quoted by SMS.ru's client libraries — recheck on sms.ru before quoting. */
