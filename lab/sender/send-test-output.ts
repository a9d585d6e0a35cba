// What `smtp-lab send-test` prints: while it runs, each attempt the sender will retry, as it ends
// ("Попытка 1 из 3 не удалась: «451 4.7.1 …»; следующая попытка через 10 с", the reply, why, what
// the lab injected); at the end the result — success or the server's reply verbatim, its cause,
// the field to fix — each recipient's outcome, and the client's side of the last attempt.
import { FIELD_NAMES } from '../integration/field-names.js';
import { fill, type Bilingual, type Language } from '../../server/cli/kit/language.js';
import { terminalSafe } from '../../server/cli/kit/terminal-text.js';
import { explainClientNote } from './client-log-notes.js';
import type { DeliveryResult, LoggedAttempt } from './delivery-types.js';
import { attemptLine, recipientLine } from './delivery-words.js';
import { CLI_FLAGS } from './explain-wording.js';
import { describeSenderError, senderErrorDetails } from './sender-error-text.js';

export const OUTPUT = {
  reply: { en: 'Server reply', ru: 'Ответ сервера' },
  noReply: { en: '(the server sent no reply)', ru: '(сервер ничего не ответил)' },
  cause: { en: 'Cause', ru: 'Причина' },
  field: { en: 'Field to fix', ru: 'Исправьте поле' },
  noField: { en: 'none: the settings are not the cause', ru: 'никакое: причина не в настройках' },
  fix: { en: 'What to do', ru: 'Что сделать' },
  retryRule: { en: 'Retry', ru: 'Повтор' },
  injected: { en: 'Injected by the lab', ru: 'Подставлено лабораторией' },
  recipients: { en: 'Recipients', ru: 'Получатели' },
  dialogue: {
    en: 'Dialogue (client side): → sent, ← received; "nodemailer:" lines are the sender library\'s own notes, verbatim, each explained below it',
    ru: 'Диалог (сторона клиента): → отправлено, ← получено; строки «nodemailer:» — дословные заметки библиотеки-отправителя, под каждой — пояснение',
  },
  lastDialogue: {
    en: 'Dialogue of the last attempt (client side): → sent, ← received; "nodemailer:" lines are the sender library\'s own notes, verbatim, each explained below it',
    ru: 'Диалог последней попытки (сторона клиента): → отправлено, ← получено; строки «nodemailer:» — дословные заметки библиотеки-отправителя, под каждой — пояснение',
  },
  session: { en: 'Server side, live in the browser: %s/sessions/%s', ru: 'Сторона сервера, вживую в браузере: %s/sessions/%s' },
} satisfies Record<string, Bilingual>;

const safe = (text: string) => terminalSafe(text);

/** One entry of the client's log: the SMTP lines as arrows, the library's notes quoted and explained. */
function dialogueLines(entry: string, language: Language): string[] {
  if (entry.startsWith('C: ')) return [`  → ${safe(entry.slice(3))}`];
  if (entry.startsWith('S: ')) return [`  ← ${safe(entry.slice(3))}`];
  const note = entry.replace(/^\* /, '');
  const [first = '', ...rest] = note.split('\n').map(safe);
  const quoted =
    rest.length === 0 ? [`  nodemailer: «${first}»`] : [`  nodemailer: «${first}`, ...rest.slice(0, -1).map((l) => `    ${l}`), `    ${rest.at(-1)}»`];
  return [...quoted, `      — ${explainClientNote(note)[language]}`];
}

/** The reply as received, verbatim, marked like the dialogue's received lines. */
const replyLines = (reply: string | null, language: Language, indent = '  ') =>
  reply ? reply.split('\n').map((l) => `${indent}← ${safe(l)}`) : [`${indent}${OUTPUT.noReply[language]}`];

const sessionLine = (url: string | undefined, sessionId: string | undefined, language: Language, indent = '') =>
  url && sessionId ? [`${indent}${fill(OUTPUT.session[language], url, sessionId)}`] : [];

/** What the lab injected into an attempt, each said as injected. */
const injectedLines = (attempt: LoggedAttempt, language: Language, indent: string) =>
  attempt.injected.map((i) => `${indent}${OUTPUT.injected[language]}: ${safe(i.explanation[language])}`);

/**
 * An attempt as it ends, printed while the send goes on: every one the sender retries in full
 * (its reply, why it failed, why it is retried, what the lab injected), a later one by its line
 * (the result says the rest). Nothing for a single attempt: the result is all there is to say.
 */
export function describeAttemptEnd(attempt: LoggedAttempt, language: Language, url: string | undefined): string {
  if (attempt.retryInSeconds === null && attempt.n === 1) return '';
  const lines = [safe(attemptLine(attempt)[language])];
  if (attempt.retryInSeconds !== null) {
    if (attempt.verdict !== 'partial') lines.push(...replyLines(attempt.reply, language));
    for (const r of attempt.recipients.filter((r) => r.status !== 'accepted' && attempt.recipients.length > 1))
      lines.push(`  ${safe(recipientLine(r)[language])}`);
    if (attempt.explanation) lines.push(`  ${OUTPUT.cause[language]}: ${attempt.explanation.cause[language]}`);
    lines.push(`  ${OUTPUT.retryRule[language]}: ${attempt.why[language]}`);
    lines.push(...injectedLines(attempt, language, '  '), ...sessionLine(url, attempt.sessionId, language, '  '));
  }
  return lines.join('\n') + '\n';
}

export function describeResult(result: DeliveryResult, language: Language, url: string | undefined): string {
  const last = result.attempts.at(-1);
  const lines = [result.message[language]];
  if (result.ok) {
    if (result.reply) lines.push(`  ${OUTPUT.reply[language]}: ← ${safe(result.reply)}`);
    if (result.summary) lines.push(`  ${result.summary[language]}`);
  } else {
    lines.push('', `${OUTPUT.reply[language]}:`, ...replyLines(result.reply, language));
    if (result.error) lines.push('', describeSenderError(result.error)[language], `  ${senderErrorDetails(result.error)[language]}`);
    const explanation = result.explanation;
    if (explanation) {
      const field = explanation.field ? `${FIELD_NAMES[explanation.field][language]} (${CLI_FLAGS[explanation.field]})` : OUTPUT.noField[language];
      lines.push(
        '',
        `${OUTPUT.cause[language]}: ${explanation.cause[language]}`,
        `${OUTPUT.field[language]}: ${field}`,
        `${OUTPUT.fix[language]}: ${explanation.fix[language]}`,
      );
    }
    if (last && result.attempts.length > 1) lines.push(`${OUTPUT.retryRule[language]}: ${last.why[language]}`);
    if (result.summary) lines.push('', result.summary[language]);
  }
  if (result.recipients.length > 1) {
    lines.push('', `${OUTPUT.recipients[language]}:`, ...result.recipients.map((r) => `  ${safe(recipientLine(r)[language])}`));
  }
  if (last && last.injected.length > 0) lines.push('', ...injectedLines(last, language, ''));
  lines.push(
    '',
    `${(result.attempts.length > 1 ? OUTPUT.lastDialogue : OUTPUT.dialogue)[language]}:`,
    ...result.clientLog.flatMap((l) => dialogueLines(l, language)),
  );
  lines.push(...(result.sessionId && url ? ['', ...sessionLine(url, result.sessionId, language)] : []));
  return lines.join('\n') + '\n';
}
