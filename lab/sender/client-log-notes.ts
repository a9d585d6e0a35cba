// What the sender library's own log lines mean. In the client's side of a test send, "C:" and
// "S:" lines are the SMTP dialogue itself; the rest ("* ...") are nodemailer's notes, in
// English, which stay verbatim and get a plain explanation here. Tried in order; the first
// pattern that matches explains. No Node imports: the browser and the CLI both use it.
import type { Bilingual } from '../integration/integration-types.js';

interface ClientNote {
  pattern: RegExp;
  text(match: RegExpExecArray): Bilingual;
}

const fixed = (text: Bilingual) => () => text;

export const CLIENT_NOTES: readonly ClientNote[] = [
  {
    pattern: /^Secure connection established to (.+)$/,
    text: (m) => ({
      ru: `Соединение с ${m[1]} установлено сразу по TLS (защита «SSL/TLS»): всё дальнейшее зашифровано.`,
      en: `Connected to ${m[1]} over TLS from the start ("SSL/TLS" security): everything from here on is encrypted.`,
    }),
  },
  {
    pattern: /^Connection established to (.+)$/,
    text: (m) => ({
      ru: `Соединение с ${m[1]} установлено, пока без шифрования: сервер сначала говорит открытым текстом.`,
      en: `Connected to ${m[1]}, not encrypted yet: the server talks in clear first.`,
    }),
  },
  {
    pattern: /^Connection upgraded with STARTTLS$/,
    text: fixed({
      ru: 'Соединение переведено на TLS командой STARTTLS: дальше всё зашифровано, и клиент заново отправляет EHLO.',
      en: 'The connection was switched to TLS with STARTTLS: everything from here on is encrypted, and the client sends EHLO again.',
    }),
  },
  {
    pattern: /^Failed STARTTLS upgrade, continuing unencrypted$/,
    text: fixed({
      ru: 'Перейти на TLS командой STARTTLS не удалось; библиотека продолжает без шифрования.',
      en: 'Switching to TLS with STARTTLS failed; the library goes on unencrypted.',
    }),
  },
  {
    pattern: /^User "(.*)" authenticated$/,
    text: (m) => ({ ru: `Вход выполнен: сервер принял логин «${m[1]}» и пароль.`, en: `Signed in: the server accepted the login "${m[1]}" and its password.` }),
  },
  {
    pattern: /^User "(.*)" failed to authenticate$/,
    text: (m) => ({
      ru: `Вход не удался: сервер не принял логин «${m[1]}» с этим паролем (ответ сервера — строкой выше).`,
      en: `Signing in failed: the server did not accept the login "${m[1]}" with this password (the server's reply is the line above).`,
    }),
  },
  {
    pattern: /^Sending message (<[^>]*>) to (.*)$/,
    text: (m) => ({
      ru: `Библиотека начинает отправку письма ${m[1]} получателю ${m[2]}: дальше MAIL FROM, RCPT TO и DATA.`,
      en: `The library starts sending the mail ${m[1]} to ${m[2]}: MAIL FROM, RCPT TO and DATA follow.`,
    }),
  },
  {
    pattern: /^<(\d+) bytes encoded mime message \(source size (\d+) bytes\)>$/,
    text: (m) => ({
      ru: `Здесь передано само письмо — заголовки, пустая строка и текст, ${m[1]} байт, — и строка из одной точки в конце.`,
      en: `Here the message itself went over: headers, an empty line and the body, ${m[1]} bytes, then the line with a single dot.`,
    }),
  },
  {
    pattern: /^Send error for <[^>]*>: /,
    text: fixed({
      ru: 'Письмо не отправлено; библиотека повторяет, что сообщил сервер или соединение (причина — в результате слева).',
      en: 'The mail was not sent; the library repeats what the server or the connection reported (the cause is in the result).',
    }),
  },
  {
    pattern: /self[- ]signed certificate|unable to verify the first certificate|certificate chain/i,
    text: fixed({
      ru: 'Библиотека не доверяет сертификату сервера (он самоподписанный или выдан неизвестным центром) и прерывает соединение, не отправив пароль.',
      en: "The library does not trust the server's certificate (self-signed or from an unknown authority) and stops before sending the password.",
    }),
  },
  {
    pattern: /wrong version number|WRONG_VERSION_NUMBER|packet length too long/i,
    text: fixed({
      ru: 'TLS-рукопожатие получило не TLS, а обычный текст: сервер на этом порту сначала говорит SMTP открытым текстом.',
      en: 'The TLS handshake got plain text instead of TLS: the server on this port speaks plain SMTP first.',
    }),
  },
  {
    pattern: /ECONNREFUSED/,
    text: fixed({
      ru: 'Соединение отклонено: на этом адресе и порту никто не принимает соединения.',
      en: 'Connection refused: nothing accepts connections on this host and port.',
    }),
  },
  {
    pattern: /ENOTFOUND|EAI_AGAIN|getaddrinfo/,
    text: fixed({ ru: 'Имя сервера не найдено в DNS.', en: 'The host name was not found in DNS.' }),
  },
  {
    pattern: /Greeting never received/i,
    text: fixed({ ru: 'Сервер так и не прислал приветствие 220.', en: 'The server never sent its 220 greeting.' }),
  },
  {
    pattern: /timeout/i,
    text: fixed({ ru: 'Время ожидания истекло: сервер не ответил вовремя.', en: 'Timed out: the server did not answer in time.' }),
  },
  {
    pattern: /^Send Error: /,
    text: fixed({
      ru: 'Итог библиотеки: письмо не отправлено (причина и поле для исправления — в результате).',
      en: "The library's conclusion: the mail was not sent (the cause and the field to fix are in the result).",
    }),
  },
  {
    pattern: /^Connection closed$/,
    text: fixed({ ru: 'Соединение закрыто.', en: 'The connection was closed.' }),
  },
  {
    pattern: /Server closed the idle connection/,
    text: fixed({ ru: 'Сервер закрыл соединение, которое простаивало.', en: 'The server closed the idle connection.' }),
  },
];

const OTHER: Bilingual = {
  ru: 'Сообщение библиотеки-отправителя (nodemailer) как есть.',
  en: 'A note of the sender library (nodemailer), as it is.',
};

/** The plain meaning of one note of the sender library (the text after "* "). */
export function explainClientNote(text: string): Bilingual {
  for (const note of CLIENT_NOTES) {
    const match = note.pattern.exec(text);
    if (match) return note.text(match);
  }
  return OTHER;
}

/** The name under which the raw notes are shown: they are the library's words, not ours. */
export const SENDER_LIBRARY: Bilingual = { ru: 'библиотека-отправитель nodemailer', en: 'the sender library, nodemailer' };
