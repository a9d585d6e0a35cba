// The `session` check against one recorded session: which commands it sent and which it did not,
// the reply each got, TLS, AUTH, a stored mail, and whether the commands came at a person's pace
// — a program answers a reply within milliseconds, a person typing in nc or telnet takes a good
// part of a second at least, and the transcript has every line's time. A session that ended and
// does not hold says what it lacked, as the hint of what to try next.
import type { Bilingual } from '../../server/wire/bilingual.js';
import type { DialogueLine, SessionRecord } from '../../server/wire/sessions.js';
import type { Check, CodeOrClass } from './scenario-types.js';

type SessionCheck = Extract<Check, { kind: 'session' }>;

/** A person's pace: at least this long between the server's reply and the next command. */
export const HAND_TYPED_MS = 300;

export type SessionVerdict = { holds: true } | { holds: false; reason: Bilingual };

export const codeMatches = (code: number | undefined, wanted: CodeOrClass): boolean =>
  code !== undefined && (typeof wanted === 'number' ? code === wanted : String(code)[0] === wanted[0]);

/** Each client command with the reply that answered it (the next S line). */
function exchanges(lines: readonly DialogueLine[]): { command: DialogueLine; reply: DialogueLine | undefined; gapMs: number | null }[] {
  const out: { command: DialogueLine; reply: DialogueLine | undefined; gapMs: number | null }[] = [];
  let lastReplyAt: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as DialogueLine;
    if (line.Dir === 'S') lastReplyAt = line.At;
    if (line.Dir !== 'C' || !line.Command || line.Command === 'DATA-BODY') continue;
    const reply = lines.slice(i + 1).find((l) => l.Dir === 'S');
    out.push({ command: line, reply, gapMs: lastReplyAt === null ? null : line.At - lastReplyAt });
  }
  return out;
}

const words = (list: string[]) => list.join(', ');

export function checkSession(check: SessionCheck, session: Readonly<SessionRecord>): SessionVerdict {
  const fail = (ru: string, en: string): SessionVerdict => ({ holds: false, reason: { ru, en } });
  if (check.listener && session.Listener.Name !== check.listener) {
    return fail(
      `Эта сессия — на порту ${session.Listener.Name}, а нужен ${check.listener} (порт ${check.listener === 'smtp' ? '1025' : check.listener === 'submission' ? '1587' : '1465'}).`,
      `This session is on ${session.Listener.Name}; the step needs ${check.listener}.`,
    );
  }
  const sent = exchanges(session.Lines);
  const verbs = new Set(sent.map((e) => e.command.Command as string));
  const missing = (check.commands ?? []).filter((c) => !verbs.has(c));
  if (missing.length > 0) return fail(`В сессии не было команд: ${words(missing)}.`, `The session did not send: ${words(missing)}.`);
  const extra = (check.without ?? []).filter((c) => verbs.has(c));
  if (extra.length > 0)
    return fail(`Для этого шага пропустите ${words(extra)} — а она в сессии была.`, `For this step leave out ${words(extra)} — the session sent it.`);
  for (const wanted of check.replies ?? []) {
    const answered = sent.filter((e) => e.command.Command === wanted.command);
    if (!answered.some((e) => codeMatches(e.reply?.Code, wanted.code))) {
      const got = answered.map((e) => e.reply?.Code ?? '—').join(', ') || '—';
      return fail(`На ${wanted.command} нужен ответ ${wanted.code}, а пришло: ${got}.`, `${wanted.command} should get ${wanted.code}; it got: ${got}.`);
    }
  }
  if (check.tls === true && !session.Tls)
    return fail('В сессии не было TLS: сначала STARTTLS (или порт с TLS сразу).', 'The session had no TLS: STARTTLS first (or the implicit-TLS port).');
  if (check.auth === true && !session.User)
    return fail('Сессия не прошла AUTH: войдите логином и паролем приложения.', 'The session did not pass AUTH: log in with the login and an app password.');
  if (check.mail === true && session.MessageCount === 0)
    return fail(
      'Письмо не было принято: после DATA и текста нужна строка из одной точки и ответ 250.',
      'No mail was accepted: after DATA and the text comes a line with a single dot, and 250.',
    );
  if (check.mail === false && session.MessageCount > 0)
    return fail(
      'В этой сессии письмо ушло — а шаг о том, что без команды письма нет.',
      'A mail went in this session — the step is about there being none without the command.',
    );
  for (const verb of check.typedByHand ?? []) {
    const exchange = sent.find((e) => e.command.Command === verb);
    if (exchange && exchange.gapMs !== null && exchange.gapMs < HAND_TYPED_MS) {
      return fail(
        `${verb} пришла через ${exchange.gapMs} мс после ответа сервера — так быстро отвечает программа. Наберите команды вручную (nc, telnet или консоль лаборатории).`,
        `${verb} came ${exchange.gapMs} ms after the server's reply — a program's pace. Type the commands by hand (nc, telnet or the lab's console).`,
      );
    }
  }
  return { holds: true };
}
