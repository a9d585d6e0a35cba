// Every «Отправить e-mail» attempt an object made: which object, in which state, the mail as it
// went (addresses, subject, text — a mail carries no secrets; the SMTP password never reaches
// this layer), and what came of it: the sender's outcome, or the error its port threw. A
// port that fails is recorded like one that succeeds; nothing is lost silently. Bounded, oldest
// dropped and counted.
import type { Bilingual } from '../integration/integration-types.js';
import type { AutomatonMail } from '../automaton/runner-events.js';
import { toJson } from '../automaton/runner-actions.js';
import type { AlertDelivery } from '../sender/delivery-types.js';

/** What the injected sendEmail port answers for one mail. */
export interface AlertOutcome {
  ok: boolean;
  /** "Письмо отправлено" / the failure, as the student reads it. */
  message: Bilingual;
  /** The SMTP server's reply verbatim; null when there was none. */
  reply: string | null;
  /** Why it happened and what to do (the sender's explanation), as JSON. */
  explanation: unknown;
  attempts?: number;
  /** The captured mail's id, when the lab's own server received it. */
  mailId?: string;
  /** The lab's SMTP session id of the attempt. */
  sessionId?: string;
  /** The sender library's error code and the command it failed on (EAUTH, AUTH PLAIN, ...). */
  error?: { code: string; command: string | null; message: string };
  /** Every attempt with its reply and explanation, and each recipient's outcome. */
  delivery?: AlertDelivery;
}

export type AlertStatus = 'sending' | 'sent' | 'failed';

export type AlertMail = Pick<AutomatonMail, 'from' | 'to' | 'subject' | 'text' | 'html'>;

export interface AlertRecord {
  /** `alert-1`, `alert-2`, … */
  id: string;
  objectId: string;
  owner: string;
  stateId: string;
  stateName: string;
  mail: AlertMail;
  status: AlertStatus;
  outcome: AlertOutcome | null;
  /** What the port threw or rejected with; null when it answered. */
  error: { name: string; message: string } | null;
  startedAt: number;
  finishedAt: number | null;
  /** The object's clock when the action ran (simulated for playback objects). */
  objectTime: number;
  mailId: string | null;
  sessionId: string | null;
  attempts: number | null;
  /**
   * The attempts so far, live while it is sending (the wait before a retry included), then the
   * sender's final account; absent before the first attempt ends, or from a port that gave none.
   */
  delivery?: AlertDelivery;
}

export interface AlertLogStats {
  total: number;
  sending: number;
  sent: number;
  failed: number;
  dropped: number;
}

export interface AlertLog {
  begin(input: { objectId: string; owner: string; mail: AutomatonMail; objectTime: number }): AlertRecord;
  /** The delivery so far, while the mail is sending; undefined when it is not sending. */
  progress(id: string, delivery: AlertDelivery): AlertRecord | undefined;
  finish(id: string, result: { outcome: unknown } | { error: { name: string; message: string } }): AlertRecord | undefined;
  get(id: string): AlertRecord | undefined;
  /** Newest first. */
  list(query?: { owner?: string; objectId?: string; limit?: number }): AlertRecord[];
  stats(owner?: string): AlertLogStats;
}

export const DEFAULT_ALERT_CAP = 1000;

const isBilingual = (v: unknown): v is Bilingual =>
  typeof v === 'object' && v !== null && typeof (v as Bilingual).ru === 'string' && typeof (v as Bilingual).en === 'string';
const optionalString = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Whatever a port answered, as an AlertOutcome: a port written in a hurry must not break the log. */
export function normalizeOutcome(value: unknown): AlertOutcome {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const ok = v.ok === true;
  const message = isBilingual(v.message)
    ? { ru: v.message.ru, en: v.message.en }
    : ok
      ? { ru: 'Письмо отправлено', en: 'The mail was sent' }
      : { ru: 'Отправка не удалась (отправитель не сказал почему)', en: 'The send failed (the sender did not say why)' };
  const outcome: AlertOutcome = { ok, message, reply: typeof v.reply === 'string' ? v.reply : null, explanation: toJson(v.explanation ?? null) };
  if (typeof v.attempts === 'number' && Number.isInteger(v.attempts) && v.attempts >= 0) outcome.attempts = v.attempts;
  const mailId = optionalString(v.mailId);
  if (mailId !== undefined) outcome.mailId = mailId;
  const sessionId = optionalString(v.sessionId);
  if (sessionId !== undefined) outcome.sessionId = sessionId;
  const error = v.error as Record<string, unknown> | undefined;
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    outcome.error = { code: error.code, command: typeof error.command === 'string' ? error.command : null, message: error.message };
  }
  const delivery = v.delivery as Partial<AlertDelivery> | undefined;
  if (typeof delivery === 'object' && delivery !== null && Array.isArray(delivery.attempts) && Array.isArray(delivery.recipients)) {
    outcome.delivery = toJson(delivery) as AlertDelivery;
  }
  return outcome;
}

export function createAlertLog(options: { cap?: number; now?: () => number } = {}): AlertLog {
  const cap = Math.max(1, Math.trunc(options.cap ?? DEFAULT_ALERT_CAP));
  const now = options.now ?? Date.now;
  const records = new Map<string, AlertRecord>();
  let next = 1;
  let dropped = 0;
  const copy = (r: AlertRecord): AlertRecord => structuredClone(r);

  return {
    begin({ objectId, owner, mail, objectTime }) {
      const record: AlertRecord = {
        id: `alert-${next++}`,
        objectId,
        owner,
        stateId: mail.stateId,
        stateName: mail.stateName,
        mail: { from: mail.from, to: [...mail.to], subject: mail.subject, text: mail.text, html: mail.html },
        status: 'sending',
        outcome: null,
        error: null,
        startedAt: now(),
        finishedAt: null,
        objectTime,
        mailId: null,
        sessionId: null,
        attempts: null,
      };
      records.set(record.id, record);
      while (records.size > cap) {
        records.delete(records.keys().next().value!);
        dropped++;
      }
      return copy(record);
    },
    progress(id, delivery) {
      const record = records.get(id);
      if (!record || record.status !== 'sending') return undefined;
      record.delivery = structuredClone(delivery);
      record.attempts = delivery.attempts.length;
      return copy(record);
    },
    finish(id, result) {
      const record = records.get(id);
      if (!record || record.status !== 'sending') return undefined;
      record.finishedAt = now();
      if ('error' in result) {
        record.status = 'failed';
        record.error = { name: result.error.name, message: result.error.message };
      } else {
        const outcome = normalizeOutcome(result.outcome);
        record.outcome = outcome;
        record.status = outcome.ok ? 'sent' : 'failed';
        record.mailId = outcome.mailId ?? null;
        record.sessionId = outcome.sessionId ?? null;
        record.attempts = outcome.attempts ?? null;
        if (outcome.delivery) record.delivery = outcome.delivery;
      }
      return copy(record);
    },
    get(id) {
      const r = records.get(id);
      return r ? copy(r) : undefined;
    },
    list(query = {}) {
      const found = [...records.values()]
        .filter((r) => (query.owner === undefined || r.owner === query.owner) && (query.objectId === undefined || r.objectId === query.objectId))
        .reverse();
      return (query.limit === undefined ? found : found.slice(0, Math.max(0, query.limit))).map(copy);
    },
    stats(owner) {
      const stats: AlertLogStats = { total: 0, sending: 0, sent: 0, failed: 0, dropped };
      for (const r of records.values()) {
        if (owner !== undefined && r.owner !== owner) continue;
        stats.total++;
        stats[r.status]++;
      }
      return stats;
    },
  };
}
