// Explanations that depend on where a line stands in the dialogue, not on the line alone: the
// message's text read as commands after a refused DATA, an empty line, the handout's MAILFROM
// without its space, TLS handshake bytes on a port that speaks plain SMTP first, AUTH in clear on
// the lab's open port. Data only; explain-line.ts decides which applies.
import type { Bilingual } from '../i18n/bilingual.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

/** How the server answered, in a few words, for the texts below. */
const answered: Fn<[number | undefined]> = {
  en: (code) =>
    code === undefined
      ? 'The server has not answered yet.'
      : code === 421
        ? 'The server answered 421 and closed the connection.'
        : `The server answered ${code}.`,
  ru: (code) => (code === undefined ? 'Сервер ещё не ответил.' : code === 421 ? 'Сервер ответил 421 и закрыл соединение.' : `Сервер ответил ${code}.`),
};

export const UNKNOWN_COMMAND_ANSWERED: Fn<[number | undefined]> = {
  en: (code) => `Not a command this server knows. ${answered.en(code)}${code === 500 ? ' After ten unknown commands it closes the connection.' : ''}`,
  ru: (code) => `Такой команды сервер не знает. ${answered.ru(code)}${code === 500 ? ' После десяти неизвестных команд он закрывает соединение.' : ''}`,
};

export const STRAY_TEXT: Fn<[number | undefined]> = {
  en: (code) =>
    `DATA was not accepted, so the server is not receiving a message: it reads each line you type as a command, and this one is none. ${answered.en(code)} Start again: MAIL FROM, RCPT TO, and DATA only after both were answered 250.`,
  ru: (code) =>
    `DATA не была принята, поэтому сервер не принимает письмо: каждую набранную строку он читает как команду, а эта строка — не команда. ${answered.ru(code)} Начните снова: MAIL FROM, RCPT TO, и DATA — только после того, как на обе пришёл ответ 250.`,
};

export const STRAY_REPLY: Bilingual = {
  en: 'Not a command: this line is part of your message, but DATA was refused, so the server took it for a command it does not know.',
  ru: 'Это не команда: строка — часть вашего письма, но DATA была отклонена, и сервер принял её за неизвестную команду.',
};

export const BLANK_LINE: Fn<[number | undefined]> = {
  en: (code) =>
    `An empty line. Outside a message the server waits for a command, and an empty line is none. ${answered.en(code)} (An empty line belongs inside the message, after DATA and 354: it separates the headers from the body.)`,
  ru: (code) =>
    `Пустая строка. Вне письма сервер ждёт команду, а пустая строка — не команда. ${answered.ru(code)} (Пустая строка нужна внутри письма, после DATA и 354: она отделяет заголовки от текста.)`,
};

export const BLANK_REPLY: Bilingual = {
  en: 'An empty line is not a command, so the server answers 500.',
  ru: 'Пустая строка — не команда, поэтому сервер отвечает 500.',
};

/** Commands written without their space, as the practical work's handout spells MAILFROM. */
export const TYPOS: Record<string, { correct: string; example: string }> = {
  MAILFROM: { correct: 'MAIL FROM:', example: 'MAIL FROM:<alerts@plant.example>' },
  RCPTTO: { correct: 'RCPT TO:', example: 'RCPT TO:<operator@lab.local>' },
};

export const TYPO_COMMAND: Fn<[string, string, string]> = {
  en: (typed, correct, example) =>
    `The command is ${correct} with a space: ${example}. Written together, ${typed} is not a command the server knows (the handout writes MAILFROM as a name, but on the wire the space is there).`,
  ru: (typed, correct, example) =>
    `Команда пишется ${correct} — с пробелом: ${example}. Слитно ${typed} — не команда, сервер её не знает (в методичке MAILFROM — название шага, а в диалоге нужен пробел).`,
};

export const TYPO_REPLY: Fn<[string]> = {
  en: (correct) => `Command not recognised: send it as ${correct} with a space.`,
  ru: (correct) => `Команда не распознана: отправьте её как ${correct} — с пробелом.`,
};

/** The security of the port the client reached, for the TLS texts. */
const PORT_SPEAKS: Bilingual<Record<'none' | 'starttls', string>> = {
  en: {
    none: "this port speaks plain SMTP and has no TLS at all (like the lab's 1025)",
    starttls: "this port speaks plain SMTP first and switches to TLS only on STARTTLS, after EHLO (like 587, the lab's 1587)",
  },
  ru: {
    none: 'этот порт говорит SMTP открытым текстом и TLS не поддерживает вовсе (как 1025 в лаборатории)',
    starttls: 'этот порт сначала говорит SMTP открытым текстом и включает TLS только по команде STARTTLS после EHLO (как 587, в лаборатории — 1587)',
  },
};

export const TLS_HANDSHAKE_LINE: Fn<['none' | 'starttls', number | undefined]> = {
  en: (security, code) =>
    `Not a typed command but binary data: the client started a TLS handshake at once, as for an implicit-TLS port (465, "SSL/TLS"), while ${PORT_SPEAKS.en[security]}. The server cannot read these bytes as SMTP. ${answered.en(code)}`,
  ru: (security, code) =>
    `Это не набранная команда, а двоичные данные: клиент сразу начал TLS-рукопожатие, как для порта с TLS сразу (465, «SSL/TLS»), а ${PORT_SPEAKS.ru[security]}. Прочитать эти байты как SMTP сервер не может. ${answered.ru(code)}`,
};

export const TLS_HANDSHAKE_REPLY: Fn<[number]> = {
  en: (code) =>
    code === 421
      ? 'The server got bytes before its greeting (here: the start of a TLS handshake, not SMTP) and hangs up with 421. Choose security that matches the port: "STARTTLS" or "none" here, or the implicit-TLS port with "SSL/TLS".'
      : `The server read the TLS handshake bytes as a command it does not know and answered ${code}. Choose security that matches the port: "STARTTLS" or "none" here, or the implicit-TLS port with "SSL/TLS".`,
  ru: (code) =>
    code === 421
      ? 'Сервер получил данные раньше своего приветствия (здесь — начало TLS-рукопожатия, а не SMTP) и обрывает связь с кодом 421. Выберите защиту, подходящую порту: здесь «STARTTLS» или «нет», либо порт с TLS сразу и «SSL/TLS».'
      : `Сервер прочитал байты TLS-рукопожатия как неизвестную команду и ответил ${code}. Выберите защиту, подходящую порту: здесь «STARTTLS» или «нет», либо порт с TLS сразу и «SSL/TLS».`,
};

/** AUTH advertised or used without TLS. */
export const AUTH_IN_CLEAR: Bilingual<Record<'open' | 'other', string>> = {
  en: {
    open: 'Here the connection is not encrypted: this lab port offers AUTH without TLS on purpose, so that the exchange can be seen; real servers offer PLAIN and LOGIN only after TLS (STARTTLS) and refuse them in clear.',
    other: 'The connection is not encrypted yet: this server lists AUTH, but accepts it only after STARTTLS (before it, AUTH gets 538 or 530).',
  },
  ru: {
    open: 'Здесь соединение не зашифровано: этот учебный порт нарочно предлагает AUTH без TLS, чтобы обмен был виден; настоящие серверы предлагают PLAIN и LOGIN только после TLS (STARTTLS) и без него отказывают.',
    other: 'Соединение ещё не зашифровано: сервер перечисляет AUTH, но примет вход только после STARTTLS (до него AUTH получит 538 или 530).',
  },
};

export const AUTH_OVER_TLS: Bilingual = {
  en: 'The connection is encrypted (TLS), so the base64 credentials travel encrypted too.',
  ru: 'Соединение зашифровано (TLS), поэтому и учётные данные в base64 передаются зашифрованными.',
};

export const TLS_HANDSHAKE_PLACEHOLDER: Fn<[string]> = {
  en: (size) => `[TLS handshake: ${size} of binary data]`,
  ru: (size) => `[TLS-рукопожатие: ${size} двоичных данных]`,
};
