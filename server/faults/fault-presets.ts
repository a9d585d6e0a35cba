// What real servers do when delivery goes wrong, as rules: each preset names the real reply it
// copies and what a sender should do about it (RFC 5321 §4.2.1: a 4xx is transient, retry later;
// a 5xx is permanent, do not — §4.5.4.1 on retry strategy). Behaviour as data: the store builds
// rules from these, the Faults panel lists them, the explanations quote them. No Node imports.
import type { Bilingual } from '../wire/bilingual.js';
import type { FaultAttempts, FaultEffect, FaultMatch, FaultStage } from '../wire/faults.js';

export interface FaultPreset {
  id: string;
  name: Bilingual;
  stage: FaultStage;
  effect: FaultEffect;
  attempts: FaultAttempts;
  match?: FaultMatch;
  /** Whose reply this copies, and where it is documented (the replies themselves verbatim). */
  source: Bilingual;
  /** What a real server that answers like this is doing. */
  realWorld: Bilingual;
  /** What a sender should do about it. */
  senderShould: Bilingual;
}

export const FAULT_PRESETS: readonly FaultPreset[] = [
  {
    id: 'greylisting',
    name: { ru: 'Грейлистинг', en: 'Greylisting' },
    stage: 'rcpt',
    effect: { kind: 'reply', code: 451, enhanced: '4.7.1', text: 'Greylisted, please try again later' },
    attempts: { kind: 'greylist', retryAfterSeconds: 5 },
    source: {
      ru: 'грейлистинг в духе rspamd / Postgrey: «451 4.7.1 … try again later» для неизвестной тройки «отправитель, получатель, клиент»',
      en: 'rspamd / Postgrey-style greylisting: "451 4.7.1 … try again later" for an unknown sender/recipient/client triplet',
    },
    realWorld: {
      ru: 'сервер не знает тройку «адрес клиента, отправитель, получатель» и временно откладывает первое письмо: спамеры обычно не повторяют попытку, настоящие серверы повторяют',
      en: 'the server does not know the triplet of client address, sender and recipient and defers its first mail: spammers rarely retry, real senders do',
    },
    senderShould: {
      ru: 'повторить попытку позже (4xx — временная ошибка, RFC 5321 §4.2.1); после задержки письмо будет принято',
      en: 'retry later (a 4xx is transient, RFC 5321 §4.2.1); after the delay the mail is accepted',
    },
  },
  {
    id: 'mailbox-full',
    name: { ru: 'Ящик переполнен (временно)', en: 'Mailbox full (transient)' },
    stage: 'rcpt',
    effect: { kind: 'reply', code: 452, enhanced: '4.2.2', text: 'The email account that you tried to reach is over quota' },
    attempts: { kind: 'every' },
    source: {
      ru: 'Gmail: «452 4.2.2 The email account that you tried to reach is over quota»',
      en: 'Gmail: "452 4.2.2 The email account that you tried to reach is over quota"',
    },
    realWorld: {
      ru: 'у получателя кончилось место; сервер надеется, что его освободят',
      en: "the recipient's mailbox is out of space; the server hopes it will be freed",
    },
    senderShould: {
      ru: 'повторить позже (452 — временная ошибка) и сообщить, что этот получатель письмо пока не получил',
      en: 'retry later (452 is transient) and report that this recipient has not got the mail yet',
    },
  },
  {
    id: 'mailbox-full-permanent',
    name: { ru: 'Ящик переполнен (окончательно)', en: 'Mailbox full (permanent)' },
    stage: 'body',
    effect: { kind: 'reply', code: 552, enhanced: '5.2.2', text: 'The email account that you tried to reach is over quota and inactive' },
    attempts: { kind: 'every' },
    source: {
      ru: 'Gmail: «552 5.2.2 The email account that you tried to reach is over quota» (RFC 3463 §3.3: X.2.2 — ящик переполнен)',
      en: 'Gmail: "552 5.2.2 The email account that you tried to reach is over quota" (RFC 3463 §3.3: X.2.2 mailbox full)',
    },
    realWorld: {
      ru: 'ящик получателя переполнен давно, и сервер больше не ждёт',
      en: "the recipient's mailbox has been full for long and the server no longer waits",
    },
    senderShould: {
      ru: 'не повторять (5xx — окончательный отказ) и сообщить об ошибке: нужен другой адрес',
      en: 'not retry (a 5xx is permanent) and report the failure: another address is needed',
    },
  },
  {
    id: 'rate-limited',
    name: { ru: 'Лимит отправки (разрыв)', en: 'Rate limited (disconnect)' },
    stage: 'mail',
    effect: { kind: 'reply', code: 421, enhanced: '4.7.0', text: 'Try again later, closing connection' },
    attempts: { kind: 'every' },
    source: {
      ru: 'Gmail: «421 4.7.0 Try again later, closing connection.» (RFC 5321 §3.8: 421 закрывает канал)',
      en: 'Gmail: "421 4.7.0 Try again later, closing connection." (RFC 5321 §3.8: 421 closes the channel)',
    },
    realWorld: {
      ru: 'отправитель шлёт слишком много или слишком часто; сервер закрывает соединение',
      en: 'the sender sends too much or too often; the server closes the connection',
    },
    senderShould: {
      ru: 'подождать и повторить с новым соединением, реже',
      en: 'wait and retry on a new connection, less often',
    },
  },
  {
    id: 'rate-limited-soft',
    name: { ru: 'Лимит отправки (отказ письму)', en: 'Rate limited (this mail)' },
    stage: 'mail',
    effect: { kind: 'reply', code: 450, enhanced: '4.7.1', text: 'Too many messages, slow down and try again later' },
    attempts: { kind: 'every' },
    source: {
      ru: 'ограничение частоты у Postfix и Mail.ru: «450 4.7.1 … try again later»',
      en: 'Postfix anvil / Mail.ru-style rate limits: "450 4.7.1 … try again later"',
    },
    realWorld: {
      ru: 'сервер ограничивает число писем в минуту от этого отправителя',
      en: 'the server limits the mails a minute from this sender',
    },
    senderShould: {
      ru: 'повторить позже с увеличивающейся паузой (экспоненциальная задержка)',
      en: 'retry later with a growing pause (exponential backoff)',
    },
  },
  {
    id: 'outage',
    name: { ru: 'Сервер недоступен', en: 'Provider outage' },
    stage: 'greeting',
    effect: { kind: 'reply', code: 421, enhanced: '4.3.2', text: 'Service not available, closing transmission channel' },
    attempts: { kind: 'every' },
    source: {
      ru: 'RFC 5321 §3.1 и §4.2.3: сервер, который не может обслужить, отвечает 421 вместо приветствия 220',
      en: 'RFC 5321 §3.1 and §4.2.3: a server that cannot serve answers 421 instead of its 220 greeting',
    },
    realWorld: {
      ru: 'сервер провайдера перегружен или на обслуживании и отказывает сразу после подключения',
      en: "the provider's server is overloaded or down for maintenance and refuses right after the connection",
    },
    senderShould: {
      ru: 'повторить позже; если сбой долгий — сообщить, что канал e-mail не работает',
      en: 'retry later; if the outage lasts, report that the e-mail channel is down',
    },
  },
  {
    id: 'unknown-recipient',
    name: { ru: 'Нет такого получателя', en: 'Unknown recipient' },
    stage: 'rcpt',
    effect: { kind: 'reply', code: 550, enhanced: '5.1.1', text: 'The email account that you tried to reach does not exist' },
    attempts: { kind: 'every' },
    source: {
      ru: 'Gmail: «550 5.1.1 The email account that you tried to reach does not exist» (RFC 3463 §3.2: X.1.1 — нет такого ящика)',
      en: 'Gmail: "550 5.1.1 The email account that you tried to reach does not exist" (RFC 3463 §3.2: X.1.1 bad destination mailbox)',
    },
    realWorld: {
      ru: 'у сервера нет такого ящика: опечатка в адресе или ящик удалён',
      en: 'the server has no such mailbox: a typo in the address, or a deleted mailbox',
    },
    senderShould: {
      ru: 'не повторять (5xx) и сообщить, какой получатель отклонён; остальным письмо уходит',
      en: 'not retry (5xx) and report which recipient was refused; the others still get the mail',
    },
  },
  {
    id: 'slow-server',
    name: { ru: 'Медленный сервер', en: 'Slow server' },
    stage: 'greeting',
    effect: { kind: 'delay', ms: 40_000 },
    attempts: { kind: 'every' },
    source: {
      ru: 'приветствие позже, чем ждёт клиент: greetingTimeout у nodemailer — 30 с (RFC 5321 §4.5.3.2.1 советует клиентам ждать 5 минут)',
      en: "a greeting later than the client waits: nodemailer's greetingTimeout is 30 s (RFC 5321 §4.5.3.2.1 asks clients to wait 5 minutes)",
    },
    realWorld: {
      ru: 'сервер перегружен и отвечает приветствием слишком поздно',
      en: 'the server is overloaded and sends its greeting too late',
    },
    senderShould: {
      ru: 'считать тайм-аут временной ошибкой и повторить позже',
      en: 'treat the timeout as transient and retry later',
    },
  },
  {
    id: 'broken-tls',
    name: { ru: 'Сломанный TLS', en: 'Broken TLS' },
    stage: 'connect',
    effect: { kind: 'tls-failure' },
    attempts: { kind: 'every' },
    source: {
      ru: 'предупреждение handshake_failure (RFC 8446 §6.2) там, где клиент ждёт TLS-приветствия сервера: на 465 и после 220 на STARTTLS',
      en: "a handshake_failure alert (RFC 8446 §6.2) where the client expects the server's TLS hello, on 465 and after STARTTLS's 220",
    },
    realWorld: {
      ru: 'у сервера сломан или просрочен сертификат, или он не поддерживает версии TLS клиента',
      en: "the server has a broken or expired certificate, or supports none of the client's TLS versions",
    },
    senderShould: {
      ru: 'не отправлять без шифрования: сообщить об ошибке TLS и повторить позже',
      en: 'never fall back to sending unencrypted: report the TLS error and retry later',
    },
  },
];

export const FAULT_PRESET_IDS: readonly string[] = FAULT_PRESETS.map((p) => p.id);

export function findPreset(id: string): FaultPreset | undefined {
  return FAULT_PRESETS.find((p) => p.id === id);
}

/** Mailpit's chaos triggers, as presets of the compatible subset (../shared/reference/mailpit-api.md). */
export const CHAOS_TRIGGERS = {
  Sender: { stage: 'mail', preset: 'chaos-sender', text: 'Chaos sender error' },
  Recipient: { stage: 'rcpt', preset: 'chaos-recipient', text: 'Chaos recipient error' },
  Authentication: { stage: 'auth', preset: 'chaos-authentication', text: 'Chaos authentication error' },
} as const satisfies Record<string, { stage: FaultStage; preset: string; text: string }>;
