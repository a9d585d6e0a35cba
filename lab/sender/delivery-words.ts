// The delivery in words, the same on the Lab page, in the alerts and in the terminal: "Попытка 1
// из 3 не удалась: «451 4.7.1 …»; следующая попытка через 10 с", each recipient's outcome, and what
// the attempts came to. A server's reply is quoted verbatim («…» / "…"). No Node imports.
import type { Bilingual } from '../integration/integration-types.js';
import type { AttemptVerdict, DeliveryAttempt, RecipientOutcome } from './delivery-types.js';

/** "10 с" / "10 s"; a fraction with the decimal sign of the language; minutes past a minute. */
export function seconds(value: number): Bilingual {
  const whole = Math.round(value * 10) / 10;
  if (whole >= 60) {
    const m = Math.floor(whole / 60);
    const s = Math.round(whole - m * 60);
    return s === 0 ? { ru: `${m} мин`, en: `${m} min` } : { ru: `${m} мин ${s} с`, en: `${m} min ${s} s` };
  }
  return { ru: `${String(whole).replace('.', ',')} с`, en: `${whole} s` };
}

/** 1 попытка, 2 попытки, 5 попыток. */
export function attemptsRu(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  if (ones === 1 && tens !== 11) return `${n} попытка`;
  if (ones >= 2 && ones <= 4 && (tens < 12 || tens > 14)) return `${n} попытки`;
  return `${n} попыток`;
}

export const VERDICT_NAMES: Readonly<Record<AttemptVerdict, Bilingual>> = {
  sent: { ru: 'принято', en: 'accepted' },
  partial: { ru: 'принято не для всех получателей', en: 'accepted for some recipients' },
  transient: { ru: 'временная ошибка', en: 'transient failure' },
  permanent: { ru: 'окончательный отказ', en: 'permanent failure' },
};

export const STATUS_NAMES: Readonly<Record<RecipientOutcome['status'], Bilingual>> = {
  accepted: { ru: 'принят', en: 'accepted' },
  refused: { ru: 'отклонён окончательно', en: 'refused for good' },
  deferred: { ru: 'отложен (временный отказ)', en: 'deferred (transient failure)' },
};

const firstLine = (text: string) => text.split('\n')[0] ?? '';

/** The reply quoted (its first line), or what the sender library said when there was none. */
function what(attempt: Pick<DeliveryAttempt, 'reply' | 'error'>): Bilingual {
  if (attempt.reply) return { ru: `«${firstLine(attempt.reply)}»`, en: `"${firstLine(attempt.reply)}"` };
  const message = attempt.error?.message.split('\n')[0]?.trim();
  if (message) return { ru: `ответа нет, библиотека сообщает «${message}»`, en: `no reply, the library says "${message}"` };
  return { ru: 'ответа нет', en: 'no reply' };
}

/** What follows the attempt: the next one and when, none left, or none because it would not help. */
function next(attempt: DeliveryAttempt): Bilingual {
  if (attempt.retryInSeconds !== null) {
    const wait = seconds(attempt.retryInSeconds);
    return { ru: `следующая попытка через ${wait.ru}`, en: `next attempt in ${wait.en}` };
  }
  if (attempt.verdict === 'permanent') return { ru: 'не повторяется: окончательный отказ', en: 'not retried: a permanent failure' };
  if (attempt.n >= attempt.of && (attempt.verdict === 'transient' || attempt.recipients.some((r) => r.status === 'deferred'))) {
    return { ru: 'попытки исчерпаны', en: 'no attempts left' };
  }
  return { ru: 'повторять нечего', en: 'nothing left to retry' };
}

/** One line per attempt, as it ends: "Попытка 1 из 3 не удалась: «451 4.7.1 …»; следующая попытка через 10 с." */
export function attemptLine(attempt: DeliveryAttempt): Bilingual {
  const head = { ru: `Попытка ${attempt.n} из ${attempt.of}`, en: `Attempt ${attempt.n} of ${attempt.of}` };
  const reply = what(attempt);
  switch (attempt.verdict) {
    case 'sent':
      return { ru: `${head.ru}: письмо принято — ${reply.ru}.`, en: `${head.en}: the mail was accepted — ${reply.en}.` };
    case 'partial': {
      const accepted = attempt.recipients.filter((r) => r.status === 'accepted').length;
      const total = attempt.recipients.length;
      const then = next(attempt);
      return {
        ru: `${head.ru}: письмо принято для ${accepted} из ${total} получателей; ${then.ru}.`,
        en: `${head.en}: the mail was accepted for ${accepted} of ${total} recipients; ${then.en}.`,
      };
    }
    default: {
      const then = next(attempt);
      return { ru: `${head.ru} не удалась: ${reply.ru}; ${then.ru}.`, en: `${head.en} failed: ${reply.en}; ${then.en}.` };
    }
  }
}

/** "ops@example.com — принят: «250 2.0.0 OK»" */
export function recipientLine(r: RecipientOutcome): Bilingual {
  const status = STATUS_NAMES[r.status];
  const reply = r.reply ? { ru: `: «${firstLine(r.reply)}»`, en: `: "${firstLine(r.reply)}"` } : { ru: '', en: '' };
  return { ru: `${r.address} — ${status.ru}${reply.ru}`, en: `${r.address} — ${status.en}${reply.en}` };
}

export const RETRIES_STOPPED: Bilingual = {
  ru: 'Повторы прерваны: лаборатория останавливается или запрос отменён.',
  en: 'Retries stopped: the lab is stopping or the request was cancelled.',
};

/**
 * What the attempts came to; null for a single attempt that simply went through. `stopped`: the
 * sender was told to stop while it waited to retry.
 */
export function deliverySummary(attempts: readonly DeliveryAttempt[], recipients: readonly RecipientOutcome[], stopped = false): Bilingual | null {
  const last = attempts.at(-1);
  if (!last) return null;
  // No recipient the parser could tell: whether the server took the mail says it.
  const accepted = recipients.length > 0 ? recipients.filter((r) => r.status === 'accepted').length : attempts.some((a) => a.verdict === 'sent') ? 1 : 0;
  const refused = recipients.filter((r) => r.status !== 'accepted');
  const of = last.of;
  const notAll =
    refused.length > 0 && accepted > 0
      ? {
          ru: ` Письмо получили ${accepted} из ${recipients.length} получателей; не получили: ${refused.map((r) => `${r.address} (${STATUS_NAMES[r.status].ru})`).join(', ')}.`,
          en: ` ${accepted} of ${recipients.length} recipients got the mail; not: ${refused.map((r) => `${r.address} (${STATUS_NAMES[r.status].en})`).join(', ')}.`,
        }
      : { ru: '', en: '' };
  if (accepted > 0) {
    if (attempts.length === 1 && refused.length === 0) return null;
    const when =
      attempts.length === 1
        ? { ru: 'с первой попытки', en: 'at the first attempt' }
        : {
            ru: `за ${attemptsRu(attempts.length)} из ${of}: отправитель повторял после временных ошибок, как велит RFC 5321 §4.5.4.1`,
            en: `in ${attempts.length} attempts of ${of}: the sender retried after transient failures, as RFC 5321 §4.5.4.1 has it`,
          };
    return { ru: `Доставлено ${when.ru}.${notAll.ru}`, en: `Delivered ${when.en}.${notAll.en}` };
  }
  if (stopped) return { ru: `${RETRIES_STOPPED.ru} Письмо не доставлено.${notAll.ru}`, en: `${RETRIES_STOPPED.en} The mail was not delivered.${notAll.en}` };
  if (last.verdict === 'permanent') {
    return attempts.length === 1
      ? { ru: 'Окончательный отказ с первой попытки: отправитель не повторял.', en: 'A permanent failure at the first attempt: the sender did not retry.' }
      : {
          ru: `Попытка ${last.n} из ${of} получила окончательный отказ после временных ошибок: дальше отправитель не повторял.`,
          en: `Attempt ${last.n} of ${of} met a permanent failure after transient ones: the sender did not retry further.`,
        };
  }
  if (attempts.length === 1 && of > 1) {
    return { ru: 'Временная ошибка, но повторять было нечего.', en: 'A transient failure, but there was nothing to retry.' };
  }
  return of === 1
    ? {
        ru: 'Временная ошибка, но повторов нет: в настройке «Число попыток» (--attempts) — 1. С 2–3 попытками отправитель повторил бы позже.',
        en: 'A transient failure, and no retry: the Attempts setting (--attempts) is 1. With 2–3 attempts the sender would have tried again later.',
      }
    : {
        ru: `Все ${attemptsRu(attempts.length)} не удались временными ошибками: отправитель повторял, пока не исчерпал «Число попыток» (${of}).`,
        en: `All ${attempts.length} attempts met transient failures: the sender retried until the Attempts (${of}) ran out.`,
      };
}
