// nodemailer's error code and the step it failed at (providers.md, "What the sending side
// reports"), said for a student: EAUTH at "AUTH PLAIN" is "signing in failed, at AUTH PLAIN";
// CONN is nodemailer's name for the connection itself, not an SMTP command. The codes stay in a
// details line for whoever needs them. No Node imports: the browser and the CLI both use it.
import type { Bilingual } from '../integration/integration-types.js';

const KINDS: Record<string, Bilingual> = {
  EAUTH: { ru: 'вход на сервер (AUTH) не удался', en: 'signing in to the server (AUTH) failed' },
  EENVELOPE: { ru: 'сервер отклонил адрес отправителя или получателя', en: 'the server refused the sender or recipient address' },
  EMESSAGE: { ru: 'сервер отклонил само письмо', en: 'the server refused the message itself' },
  ESOCKET: { ru: 'сбой соединения или TLS', en: 'the connection or TLS failed' },
  ECONNECTION: { ru: 'соединение оборвалось', en: 'the connection broke off' },
  ETIMEDOUT: { ru: 'время ожидания истекло', en: 'it timed out' },
  ETLS: { ru: 'не удалось включить TLS командой STARTTLS', en: 'switching to TLS with STARTTLS failed' },
  EPROTOCOL: { ru: 'сервер ответил не по протоколу SMTP', en: 'the server did not answer in SMTP' },
  EDNS: { ru: 'имя сервера не найдено', en: 'the host name was not found' },
};

const OTHER_KIND: Bilingual = { ru: 'отправка не удалась', en: 'sending failed' };

function step(command: string | null): Bilingual | undefined {
  if (!command) return undefined;
  if (command === 'CONN') return { ru: 'при подключении, до первой команды SMTP', en: 'while connecting, before any SMTP command' };
  if (command === 'API') return { ru: 'до соединения, при подготовке письма', en: 'before connecting, while preparing the mail' };
  return { ru: `на команде ${command}`, en: `at the ${command} command` };
}

/** "Signing in to the server (AUTH) failed, at the AUTH PLAIN command." */
export function describeSenderError(error: { code: string; command: string | null }): Bilingual {
  const kind = KINDS[error.code] ?? OTHER_KIND;
  const where = step(error.command);
  return {
    ru: `Библиотека-отправитель сообщает: ${kind.ru}${where ? ` ${where.ru}` : ''}.`,
    en: `The sender library reports: ${kind.en}${where ? `, ${where.en}` : ''}.`,
  };
}

/** The codes as they are, for a details line. */
export function senderErrorDetails(error: { code: string; command: string | null }): Bilingual {
  const command = error.command ?? '';
  const conn = command === 'CONN';
  return {
    ru: `Подробности: nodemailer, код ${error.code}${command ? `, шаг ${command}${conn ? ' (так nodemailer называет подключение)' : ''}` : ''}`,
    en: `Details: nodemailer, code ${error.code}${command ? `, step ${command}${conn ? " (nodemailer's name for connecting)" : ''}` : ''}`,
  };
}
