// One step's check against what the server recorded for the student since the scenario started:
// passed (with the record that passed it), failed (a record that tried and fell short, with what
// it lacked), or pending (nothing has tried yet). Pure: scenario-runner.ts gathers the records.
import type { Bilingual } from '../../server/wire/bilingual.js';
import type { SessionRecord } from '../../server/wire/sessions.js';
import type { AlertRecord } from '../objects/alert-log.js';
import type { ObjectLogEntry } from '../objects/object-log.js';
import type { TestEmailRecord } from '../integration/test-log.js';
import { checkSession, codeMatches } from './check-session.js';
import type { Check, StepState } from './scenario-types.js';

/** What the runner knows of one student, since the scenario started. */
export interface StudentRecords {
  /** Sessions that sent at least one command, oldest first; none the lab's own sender made. */
  sessions: readonly Readonly<SessionRecord>[];
  account: { appPasswords: number } | null;
  integration: { security: string; preset: string } | null;
  testEmails: readonly TestEmailRecord[];
  /** The states of the student's automatons that have «Отправить e-mail». */
  emailStates: readonly string[];
  alerts: readonly AlertRecord[];
  /** The student's objects: their source, and their telemetry of the last while. */
  objects: readonly { id: string; source: string; telemetry: readonly ObjectLogEntry[] }[];
  /** When each step passed (ms), for `after`. */
  passedAt: Readonly<Record<string, number>>;
}

export interface StepVerdict {
  state: StepState;
  reason: Bilingual | null;
  evidence: string | null;
  /** The records that tried this step (the failing ones, and the one that passed). */
  attempts: number;
}

const PENDING: StepVerdict = { state: 'pending', reason: null, evidence: null, attempts: 0 };

/** Goes through the candidates oldest first: the first that holds passes the step; the latest that fell short fails it. */
function verdictOf<T>(
  candidates: readonly T[],
  idOf: (c: T) => string,
  test: (c: T) => Bilingual | null,
  settled: (c: T) => boolean = () => true,
): StepVerdict {
  let attempts = 0;
  let reason: Bilingual | null = null;
  for (const candidate of candidates) {
    const problem = test(candidate);
    if (problem === null) return { state: 'passed', reason: null, evidence: idOf(candidate), attempts: attempts + 1 };
    if (!settled(candidate)) continue;
    attempts++;
    reason = problem;
  }
  return attempts > 0 ? { state: 'failed', reason, evidence: null, attempts } : PENDING;
}

function crossings(entries: readonly ObjectLogEntry[], parameter: string, threshold: number): number {
  let count = 0;
  let side: boolean | null = null;
  for (const entry of entries) {
    const value = (entry.data as { values?: Record<string, unknown> } | null)?.values?.[parameter];
    if (typeof value !== 'number') continue;
    const above = value > threshold;
    if (side !== null && above !== side) count++;
    side = above;
  }
  return count;
}

export function evaluateStep(check: Check, records: StudentRecords): StepVerdict {
  const say = (ru: string, en: string): Bilingual => ({ ru, en });
  switch (check.kind) {
    case 'session':
      return verdictOf(
        records.sessions,
        (s) => s.ID,
        (s) => {
          const v = checkSession(check, s);
          return v.holds ? null : v.reason;
        },
        (s) => s.State !== 'open',
      );
    case 'account': {
      const account = records.account;
      if (!account) return PENDING;
      const need = check.appPasswords ?? 0;
      if (account.appPasswords >= need) return { state: 'passed', reason: null, evidence: 'account', attempts: 1 };
      return {
        state: 'pending',
        reason: say(`Паролей приложения: ${account.appPasswords} из ${need}.`, `App passwords: ${account.appPasswords} of ${need}.`),
        evidence: null,
        attempts: 0,
      };
    }
    case 'integration': {
      const saved = records.integration;
      if (!saved) return PENDING;
      if (check.security && saved.security !== check.security)
        return {
          state: 'failed',
          reason: say(
            `Сохранена защита «${saved.security}», нужна «${check.security}».`,
            `Saved security is "${saved.security}"; the step needs "${check.security}".`,
          ),
          evidence: null,
          attempts: 1,
        };
      if (check.preset && saved.preset !== check.preset)
        return {
          state: 'failed',
          reason: say(
            `Сохранён шаблон «${saved.preset}», нужен «${check.preset}».`,
            `The saved preset is "${saved.preset}"; the step needs "${check.preset}".`,
          ),
          evidence: null,
          attempts: 1,
        };
      return { state: 'passed', reason: null, evidence: 'integration', attempts: 1 };
    }
    case 'test-email': {
      const after = check.after !== undefined ? records.passedAt[check.after] : undefined;
      if (check.after !== undefined && after === undefined) return PENDING;
      return verdictOf(
        records.testEmails.filter((t) => after === undefined || t.at > after),
        (t) => t.id,
        (t) => {
          if (t.outcome !== check.outcome) {
            const got = { sent: ['ушло', 'went through'], failed: ['не ушло', 'failed'], partial: ['ушло не всем', 'went to some recipients only'] }[t.outcome];
            return say(`Тестовое письмо ${got[0]}, а шаг ждёт другого исхода.`, `The test e-mail ${got[1]}; the step waits for another outcome.`);
          }
          if (check.code !== undefined && !t.attempts.some((a) => codeMatches(a.code ?? undefined, check.code as never)))
            return say(
              `Среди ответов сервера не было ${check.code}: ${t.attempts.map((a) => a.code ?? '—').join(', ')}.`,
              `No reply ${check.code} among its attempts: ${t.attempts.map((a) => a.code ?? '—').join(', ')}.`,
            );
          if (check.minAttempts !== undefined && t.attempts.length < check.minAttempts)
            return say(
              `Попыток было ${t.attempts.length}, нужно не меньше ${check.minAttempts}.`,
              `It took ${t.attempts.length} attempts; the step needs at least ${check.minAttempts}.`,
            );
          if (check.maxAttempts !== undefined && t.attempts.length > check.maxAttempts)
            return say(
              `Попыток было ${t.attempts.length}, а не больше ${check.maxAttempts}.`,
              `It took ${t.attempts.length} attempts, more than ${check.maxAttempts}.`,
            );
          if (check.injected === true && !t.attempts.some((a) => a.injected))
            return say('Ни один ответ не подставила лаборатория: включено ли правило сбоя?', 'No reply was injected by the lab: is the fault rule on?');
          return null;
        },
      );
    }
    case 'automaton-email': {
      const states = records.emailStates;
      if (states.length === 0) return PENDING;
      if (check.state && !states.includes(check.state))
        return {
          state: 'failed',
          reason: say(
            `«Отправить e-mail» есть в состояниях ${states.join(', ')}, а нужно в ${check.state}.`,
            `«Отправить e-mail» is in ${states.join(', ')}; the step needs it in ${check.state}.`,
          ),
          evidence: null,
          attempts: 1,
        };
      return { state: 'passed', reason: null, evidence: check.state ?? states[0] ?? null, attempts: 1 };
    }
    case 'alert': {
      const sourceOf = new Map(records.objects.map((o) => [o.id, o.source]));
      const subject = check.subject ? new RegExp(check.subject, 'u') : null;
      // Alerts of objects fed another way are another step's: not an attempt at this one.
      const channel = check.channel ?? 'email';
      const fitting = records.alerts.filter(
        (a) => a.status !== 'sending' && (a.channel ?? 'email') === channel && (!check.source || sourceOf.get(a.objectId) === check.source),
      );
      if (check.minAlerts !== undefined) {
        const within = (check.withinSeconds ?? 60) * 1000;
        for (const object of new Set(fitting.map((a) => a.objectId))) {
          const times = fitting.filter((a) => a.objectId === object).map((a) => a.startedAt);
          for (let i = 0; i + check.minAlerts - 1 < times.length; i++) {
            if ((times[i + check.minAlerts - 1] as number) - (times[i] as number) <= within)
              return { state: 'passed', reason: null, evidence: object, attempts: times.length };
          }
        }
        return fitting.length > 0
          ? { state: 'pending', reason: say(`Оповещений пока ${fitting.length}.`, `${fitting.length} alerts so far.`), evidence: null, attempts: 0 }
          : PENDING;
      }
      return verdictOf(
        fitting,
        (a) => a.id,
        (a) => {
          if (check.status && a.status !== check.status)
            return a.status === 'failed'
              ? say(
                  'Оповещение не ушло: посмотрите ответ сервера в его строке и исправьте интеграцию.',
                  "The alert failed: read the server's reply in its row and fix the integration.",
                )
              : say('Оповещение ушло, а шаг ждёт неудачного.', 'The alert went; the step waits for a failed one.');
          // A channel alert has no subject: the pattern is looked for in its text.
          if (subject && channel !== 'email' && !subject.test(a.mail.text ?? ''))
            return say(`В тексте оповещения нет нужного: ${check.subject}.`, `The alert's text lacks what the step needs: ${check.subject}.`);
          if (subject && channel === 'email' && !subject.test(a.mail.subject ?? ''))
            return say(
              `Тема «${a.mail.subject}» не подходит: в ней нужна, например, температура — {{temperatureC}}.`,
              `The subject "${a.mail.subject}" does not fit: it needs, for one, the temperature — {{temperatureC}}.`,
            );
          return null;
        },
      );
    }
    case 'calm-alerts': {
      let best: { id: string; crossings: number; alerts: number } | null = null;
      for (const object of records.objects) {
        const n = crossings(object.telemetry, check.parameter, check.threshold);
        // Every alert counts, sent or still sending: each is a mail on its way to the operator.
        const alerts = records.alerts.filter((a) => a.objectId === object.id).length;
        if (n >= check.crossings && alerts <= check.maxAlerts) return { state: 'passed', reason: null, evidence: object.id, attempts: 1 };
        if (!best || n > best.crossings) best = { id: object.id, crossings: n, alerts };
      }
      if (!best || best.crossings < check.crossings) return PENDING;
      return {
        state: 'failed',
        reason: say(
          `Объект ${best.id}: значение пересекло ${check.threshold} ${best.crossings} раз, а оповещений — ${best.alerts} (можно не больше ${check.maxAlerts}).`,
          `Object ${best.id}: the value crossed ${check.threshold} ${best.crossings} times, with ${best.alerts} alerts (at most ${check.maxAlerts}).`,
        ),
        evidence: null,
        attempts: 1,
      };
    }
  }
}
