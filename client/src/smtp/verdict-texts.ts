// The words of the session verdict and its step cards (dialogue-verdict.ts decides, this file
// says it): where the dialogue stopped, what the reply there means, what to change. Data only.
import type { Bilingual } from '../i18n/bilingual.js';
import type { StepState } from './dialogue-analysis.js';
import type { Stage, StepId, StopReason } from './dialogue-verdict.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

/** How a step is named on its card and in the verdict. */
export function stepName(id: StepId | Stage | string, security: string): string {
  switch (id) {
    case 'TLS':
    case 'tls':
      return security === 'starttls' ? 'STARTTLS' : 'TLS';
    case 'MAIL':
    case 'mail':
      return 'MAIL FROM';
    case 'RCPT':
    case 'rcpt':
      return 'RCPT TO';
    case 'ehlo':
      return 'EHLO';
    case 'auth':
      return 'AUTH';
    case 'data':
      return 'DATA';
    case 'DATA-BODY':
      return 'DATA';
    default:
      return id;
  }
}

export const STAGE_NAMES: Record<'greeting' | 'body', Bilingual> = {
  greeting: { en: "the server's greeting (220)", ru: 'приветствие сервера (220)' },
  body: { en: 'the message and the final dot', ru: 'письмо и завершающая точка' },
};

export const vt = {
  heading: { en: 'Steps of the dialogue', ru: 'Шаги диалога' },
  complete: {
    en: (mails: string) => `All three mandatory commands went through: ${mails} accepted.`,
    ru: (mails: string) => `Все три обязательные команды выполнены: принято ${mails}.`,
  } as Fn<[string]>,
  stopped: {
    en: (step: string) => `No mail was sent: the dialogue stopped at ${step}`,
    ru: (step: string) => `Письмо не отправлено: диалог остановился на шаге «${step}»`,
  } as Fn<[string]>,
  then: {
    en: (command: string, code: number) => `Because of it the server then refused ${command} with ${code}.`,
    ru: (command: string, code: number) => `Из-за этого сервер затем отклонил ${command} с кодом ${code}.`,
  } as Fn<[string, number]>,
  earlierMails: {
    en: (mails: string) => `Earlier in this session ${mails} went through; the last transaction did not.`,
    ru: (mails: string) => `Раньше в этой сессии прошло ${mails}; последняя транзакция — нет.`,
  } as Fn<[string]>,
};

/** What happened to the step, by state (a command's name goes in). */
export const STATE_LINES: Record<StepState, Fn<[string, number | undefined]>> = {
  none: { en: (step) => `${step} was never sent.`, ru: (step) => `${step} не отправлялась.` },
  refused: {
    en: (step, code) => `${step} was sent and refused${code !== undefined ? ` with ${code}` : ''}:`,
    ru: (step, code) => `${step} отправлена, но отклонена${code !== undefined ? ` с кодом ${code}` : ''}:`,
  },
  sent: { en: (step) => `${step} was sent, and no answer came.`, ru: (step) => `${step} отправлена, ответа не было.` },
  incomplete: {
    en: (step) => `The client left in the middle of ${step}.`,
    ru: (step) => `Клиент ушёл посреди шага ${step}.`,
  },
  failed: { en: (step) => `${step} did not complete.`, ru: (step) => `${step}: не удалось.` },
  done: { en: (step) => `${step} went through.`, ru: (step) => `${step} выполнена.` },
};

/** State lines that say more than the generic one, by `stage.state` or `stage.reason`. */
export const SPECIAL_STATE_LINES: Record<string, Fn<[number | undefined]>> = {
  'greeting.left': {
    en: () => "The client closed the connection before the server's greeting.",
    ru: () => 'Клиент закрыл соединение, не дождавшись приветствия сервера.',
  },
  'greeting.refused': {
    en: (code) => `Instead of the 220 greeting the server answered ${code}:`,
    ru: (code) => `Вместо приветствия 220 сервер ответил ${code}:`,
  },
  'tls.tls-on-plain-port': {
    en: (code) => `The client began a TLS handshake right after connecting${code !== undefined ? `, and the server answered ${code}` : ''}:`,
    ru: (code) => `Клиент сразу после подключения начал TLS-рукопожатие${code !== undefined ? `, а сервер ответил ${code}` : ''}:`,
  },
  'tls.implicit-tls': {
    en: () => 'The TLS handshake did not complete: on this port TLS starts with the first byte.',
    ru: () => 'TLS-рукопожатие не завершилось: на этом порту TLS начинается с первого байта.',
  },
  'tls.handshake': {
    en: () => 'The server answered STARTTLS with 220, but the TLS handshake did not complete.',
    ru: () => 'Сервер ответил 220 на STARTTLS, но TLS-рукопожатие не завершилось.',
  },
  'mail.reset': {
    en: () => 'RSET cancelled the transaction, and MAIL FROM was not sent again after it.',
    ru: () => 'RSET отменила транзакцию, и после неё MAIL FROM больше не отправлялась.',
  },
  'body.incomplete': {
    en: () => 'The client left before the line with the single dot that ends the message.',
    ru: () => 'Клиент ушёл, не отправив строку из одной точки, которая завершает письмо.',
  },
  'body.refused': {
    en: (code) => `The message was sent, and after the final dot the server answered ${code}:`,
    ru: (code) => `Письмо передано, но после завершающей точки сервер ответил ${code}:`,
  },
};

/** What it means and what to change: by `stage.reason`, `stage.code`, `stage.state`, then by stage. */
export const MEANINGS: Record<string, Bilingual> = {
  greeting: {
    en: "SMTP begins with the server's 220 greeting; without it there is no dialogue. A 4xx instead is temporary (try again later), a 5xx permanent.",
    ru: 'SMTP начинается с приветствия сервера 220; без него диалога нет. Код 4xx вместо него — временный отказ (повторите позже), 5xx — постоянный.',
  },
  ehlo: {
    en: 'First the client introduces itself: EHLO and its host name (RFC 5321 §4.1.1.1). Without it the server refuses MAIL FROM with 503 "send HELO/EHLO first".',
    ru: 'Сначала клиент представляется: EHLO и имя своего хоста (RFC 5321 §4.1.1.1). Без этого сервер отклоняет MAIL FROM с кодом 503 «send HELO/EHLO first».',
  },
  'tls.tls-on-plain-port': {
    en: 'This port speaks plain SMTP first, and the client began with TLS (as "SSL/TLS" does, for port 465). Choose the security that matches the port: "STARTTLS" for 587 (the lab\'s 1587), "none" for the lab\'s 1025; or keep "SSL/TLS" with an implicit-TLS port (465, the lab\'s 1465).',
    ru: 'Этот порт сначала говорит SMTP открытым текстом, а клиент начал с TLS (так работает «SSL/TLS», для порта 465). Выберите защиту, подходящую порту: «STARTTLS» для 587 (в лаборатории 1587), «нет» для 1025 в лаборатории; или оставьте «SSL/TLS» с портом, где TLS сразу (465, в лаборатории 1465).',
  },
  'tls.implicit-tls': {
    en: 'On this port (like 465) TLS starts at once: a client that waits for a greeting in clear ("none" or "STARTTLS") never gets one, and a client that does not trust the server\'s certificate (the lab\'s is self-signed) breaks the handshake off. Choose "SSL/TLS"; for the lab, the Lab preset trusts its certificate.',
    ru: 'На этом порту (как на 465) TLS начинается сразу: клиент, который ждёт приветствия открытым текстом (защита «нет» или «STARTTLS»), его не дождётся, а клиент, не доверяющий сертификату сервера (у лаборатории он самоподписанный), обрывает рукопожатие. Выберите «SSL/TLS»; для лаборатории шаблон «Лаборатория» доверяет её сертификату.',
  },
  'tls.handshake': {
    en: "A handshake after STARTTLS breaks off when the client does not trust the server's certificate (the lab's is self-signed: the Lab preset trusts it) or the two sides agree on no TLS version.",
    ru: 'Рукопожатие после STARTTLS обрывается, когда клиент не доверяет сертификату сервера (у лаборатории он самоподписанный, шаблон «Лаборатория» ему доверяет) или стороны не договорились о версии TLS.',
  },
  tls: {
    en: 'This port (like 587) requires encryption first: STARTTLS after EHLO, before AUTH and MAIL FROM (RFC 3207 §4); otherwise the server answers 530 "Must issue a STARTTLS command first". In the settings: security "STARTTLS".',
    ru: 'Этот порт (как 587) требует сначала включить шифрование: STARTTLS после EHLO, до AUTH и MAIL FROM (RFC 3207 §4); иначе сервер отвечает 530 «Must issue a STARTTLS command first». В настройках — защита «STARTTLS».',
  },
  'auth.534': {
    en: 'The password is right, but it is the account password, and for mail programs the server requires an app password (Gmail: 534 5.7.9). Generate an app password and use it instead.',
    ru: 'Пароль верный, но это пароль учётной записи, а для почтовых программ сервер требует пароль приложения (Gmail: 534 5.7.9). Создайте пароль приложения и укажите его вместо пароля учётной записи.',
  },
  'auth.535': {
    en: 'The server did not accept the login and password: a wrong or revoked password, or a login with no account. A real provider does not say which of the two is wrong.',
    ru: 'Сервер не принял логин и пароль: пароль неверный или отозван, либо под таким логином нет учётной записи. Настоящий провайдер не сообщает, что из двух неверно.',
  },
  'auth.538': {
    en: 'This server accepts AUTH only over an encrypted connection: STARTTLS first.',
    ru: 'Этот сервер принимает AUTH только по зашифрованному соединению: сначала STARTTLS.',
  },
  'auth.530': {
    en: 'This server accepts AUTH only over an encrypted connection: STARTTLS first.',
    ru: 'Этот сервер принимает AUTH только по зашифрованному соединению: сначала STARTTLS.',
  },
  'auth.504': {
    en: 'The server does not offer this sign-in mechanism: use one of those listed after AUTH in the EHLO reply.',
    ru: 'Сервер не поддерживает такой механизм входа: выберите один из перечисленных после AUTH в ответе на EHLO.',
  },
  'auth.454': {
    en: 'A temporary failure of the sign-in on the server: try again later.',
    ru: 'Временный сбой входа на сервере: повторите позже.',
  },
  'auth.incomplete': {
    en: 'After 334 the server waited for the credentials, and the client left instead.',
    ru: 'После ответа 334 сервер ждал учётные данные, а клиент ушёл.',
  },
  'auth.none': {
    en: 'This port requires signing in (AUTH) before a mail (RFC 4954 §5); without it MAIL FROM gets 530.',
    ru: 'Этот порт требует входа (AUTH) до письма (RFC 4954 §5); без него MAIL FROM получает 530.',
  },
  auth: {
    en: 'The client did not sign in, and without signing in this server takes no mail.',
    ru: 'Вход не выполнен, а без входа этот сервер писем не принимает.',
  },
  'mail.none': {
    en: 'Without MAIL FROM no mail transaction begins: there is no sender (the return address for bounces), and no mail is sent. RCPT TO and DATA before MAIL FROM are refused with 503.',
    ru: 'Без MAIL FROM почтовая транзакция не начинается: нет отправителя (обратного адреса для уведомлений о недоставке), и письмо не отправлено. RCPT TO и DATA раньше MAIL FROM сервер отклоняет с кодом 503.',
  },
  mail: {
    en: 'The server did not accept the sender, so no mail transaction began and no mail was sent.',
    ru: 'Сервер не принял отправителя, поэтому почтовая транзакция не началась и письмо не отправлено.',
  },
  rcpt: {
    en: 'Without an accepted RCPT TO the mail has no recipient: there is nobody to deliver it to, DATA before it is refused with 503, and no mail is sent.',
    ru: 'Без принятой RCPT TO у письма нет получателя: доставлять некому, DATA раньше неё отклоняется с кодом 503, и письмо не отправлено.',
  },
  'data.none': {
    en: 'Sender and recipient were given, but the message itself was not: DATA was never sent. The server does not complain — without DATA it simply receives no mail, and after QUIT it forgets the sender and recipients. No mail was sent.',
    ru: 'Отправитель и получатель заданы, но само письмо не передано: DATA не отправлялась. Сервер не возражает — без DATA он просто не получает письма, а после QUIT забывает отправителя и получателей. Письмо не отправлено.',
  },
  data: {
    en: 'The server did not accept DATA, so the message was not received; lines typed after the refusal are read as commands. No mail was sent.',
    ru: 'Сервер не принял DATA, поэтому письмо не получено; строки, набранные после отказа, сервер читает как команды. Письмо не отправлено.',
  },
  'body.incomplete': {
    en: 'A message is accepted only whole: after the line with a single dot and the 250 that answers it.',
    ru: 'Письмо принимается только целиком: после строки из одной точки и ответа 250 на неё.',
  },
  body: {
    en: 'The server refused the message as a whole: 552 means larger than the SIZE it announced, 451 a temporary failure on the server.',
    ru: 'Сервер отклонил письмо целиком: 552 — больше размера SIZE, объявленного сервером, 451 — временный сбой на сервере.',
  },
};

export function meaningOf(stage: Stage, state: StepState, code: number | undefined, reason: StopReason | undefined): Bilingual {
  return (
    (reason && reason !== 'left' ? MEANINGS[`${stage}.${reason}`] : undefined) ??
    (code !== undefined ? MEANINGS[`${stage}.${code}`] : undefined) ??
    MEANINGS[`${stage}.${state}`] ??
    MEANINGS[stage] ??
    MEANINGS.greeting!
  );
}

/** The state of a step card. TLS is not a command: its card speaks of the connection. */
export const CARD_STATES: Record<'command' | 'tls', Record<StepState | 'not-yet', Bilingual>> = {
  command: {
    'not-yet': { en: 'not yet', ru: 'ещё нет' },
    none: { en: 'never sent', ru: 'не отправлялась' },
    done: { en: 'accepted', ru: 'принята' },
    refused: { en: 'refused', ru: 'отклонена' },
    sent: { en: 'under way…', ru: 'выполняется…' },
    incomplete: { en: 'cut off', ru: 'оборвана' },
    failed: { en: 'failed', ru: 'не удалась' },
  },
  tls: {
    'not-yet': { en: 'not yet', ru: 'ещё нет' },
    none: { en: 'not started', ru: 'не включён' },
    done: { en: 'on', ru: 'включён' },
    refused: { en: 'refused', ru: 'отклонён' },
    sent: { en: 'handshake…', ru: 'рукопожатие…' },
    incomplete: { en: 'cut off', ru: 'оборван' },
    failed: { en: 'handshake failed', ru: 'рукопожатие не удалось' },
  },
};
