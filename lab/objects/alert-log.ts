// Every alert attempt an object made — «Отправить e-mail», and the lab's «Отправить SMS», «… в
// Telegram», «… в Discord» beside it: which object, in which state, the message as it went
// (addresses, subject, text — a message carries no secrets; the SMTP password, bot tokens and
// webhook URLs never reach this layer), and what came of it: the sender's outcome, or the error
// its port threw. A port that fails is recorded like one that succeeds; nothing is lost
// silently. Bounded, oldest dropped and counted.
import type { Bilingual } from '../integration/integration-types.js';
import type { AlertChannel, TelegramParseMode } from '../automaton/automaton-types.js';
import type { AutomatonChannelAlert, AutomatonMail } from '../automaton/runner-events.js';
import type { ChannelAttempt } from '../channels/channel-wire.js';
import { toJson } from '../automaton/runner-actions.js';
import type { AlertDelivery } from '../sender/delivery-types.js';

/** What the injected sendEmail (or sendChannelAlert) port answers for one alert. */
export interface AlertOutcome {
  ok: boolean;
  /** "Письмо отправлено" / the failure, as the student reads it. */
  message: Bilingual;
  /** The SMTP server's reply verbatim (a channel's: the HTTP body or the SMPP status); null when there was none. */
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
  /** A channel alert: the message the lab's simulator captured (ChannelSendResult.messageId). */
  messageId?: string;
  /** A channel alert: the request/reply exchange (or SMPP session) that carried it. */
  exchangeId?: string;
  /** A channel alert: the last HTTP status or SMPP command_status; null when nothing answered. */
  status?: number | null;
  /** A channel alert: each attempt with its reply (429s and their retry_after included). */
  channelAttempts?: ChannelAttempt[];
}

export type AlertStatus = 'sending' | 'sent' | 'failed';

export type AlertMail = Pick<AutomatonMail, 'from' | 'to' | 'subject' | 'text' | 'html'>;

/** Which command an alert came from: «Отправить e-mail», or one of the lab's channel commands. */
export type AlertKind = 'email' | AlertChannel;

/** A channel alert's message as it went, its templates filled in. */
export interface AlertChannelMessage {
  channel: AlertChannel;
  /** SMS: the phone number; Telegram: a chat other than the integration's; null otherwise. */
  to: string | null;
  text: string;
  /** Discord: the embed's title. */
  title: string | null;
  /** Telegram: how the text is read. */
  parseMode: TelegramParseMode | null;
}

export interface AlertRecord {
  /** `alert-1`, `alert-2`, … */
  id: string;
  objectId: string;
  owner: string;
  stateId: string;
  stateName: string;
  /** Absent in records made before channel alerts existed: read it as `email`. */
  channel?: AlertKind;
  /**
   * The mail as it went. A channel alert fills it in the same terms (`to`: the phone or chat,
   * `subject`: the title, `text`), so a reader that knows only e-mail still shows something
   * true; `channel` and `channelMessage` say what it really was.
   */
  mail: AlertMail;
  /** A channel alert's message; absent for e-mail. */
  channelMessage?: AlertChannelMessage;
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
  /** A channel alert: the captured message's id in the lab's simulator, when it went there. */
  channelMessageId?: string | null;
  /** A channel alert: the exchange that carried it. */
  exchangeId?: string | null;
  /** A channel alert's attempts so far (live while it waits to retry), then the sender's final account. */
  channelAttempts?: ChannelAttempt[];
}

export interface AlertLogStats {
  total: number;
  sending: number;
  sent: number;
  failed: number;
  dropped: number;
}

export type AlertBegin = { objectId: string; owner: string; objectTime: number } & ({ mail: AutomatonMail } | { alert: AutomatonChannelAlert });

export interface AlertLog {
  begin(input: AlertBegin): AlertRecord;
  /** The delivery so far, while the mail is sending; undefined when it is not sending. */
  progress(id: string, delivery: AlertDelivery): AlertRecord | undefined;
  /** A channel alert's attempts so far, while it is sending; undefined when it is not sending. */
  channelProgress(id: string, attempts: readonly ChannelAttempt[]): AlertRecord | undefined;
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

const SENT_BY_DEFAULT: Record<AlertKind, Bilingual> = {
  email: { ru: 'Письмо отправлено', en: 'The mail was sent' },
  sms: { ru: 'SMS отправлено', en: 'The SMS was sent' },
  telegram: { ru: 'Сообщение в Telegram отправлено', en: 'The Telegram message was sent' },
  discord: { ru: 'Сообщение в Discord отправлено', en: 'The Discord message was sent' },
};

/** Whatever a port answered, as an AlertOutcome: a port written in a hurry must not break the log. */
export function normalizeOutcome(value: unknown, kind: AlertKind = 'email'): AlertOutcome {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const ok = v.ok === true;
  const message = isBilingual(v.message)
    ? { ru: v.message.ru, en: v.message.en }
    : ok
      ? SENT_BY_DEFAULT[kind]
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
  const messageId = optionalString(v.messageId);
  if (messageId !== undefined) outcome.messageId = messageId;
  const exchangeId = optionalString(v.exchangeId);
  if (exchangeId !== undefined) outcome.exchangeId = exchangeId;
  if (v.status === null || (typeof v.status === 'number' && Number.isInteger(v.status))) outcome.status = v.status;
  if (Array.isArray(v.channelAttempts)) outcome.channelAttempts = toJson(v.channelAttempts) as ChannelAttempt[];
  return outcome;
}

/** The record's own fields of a begin: the mail, or the channel message (and the mail in its terms). */
function messageFields(input: AlertBegin): Pick<AlertRecord, 'channel' | 'stateId' | 'stateName' | 'mail' | 'channelMessage'> {
  if ('mail' in input) {
    const { mail } = input;
    return {
      channel: 'email',
      stateId: mail.stateId,
      stateName: mail.stateName,
      mail: { from: mail.from, to: [...mail.to], subject: mail.subject, text: mail.text, html: mail.html },
    };
  }
  const { alert } = input;
  return {
    channel: alert.channel,
    stateId: alert.stateId,
    stateName: alert.stateName,
    mail: { from: null, to: alert.to === null ? [] : [alert.to], subject: alert.title ?? '', text: alert.text, html: null },
    channelMessage: { channel: alert.channel, to: alert.to, text: alert.text, title: alert.title, parseMode: alert.parseMode },
  };
}

export function createAlertLog(options: { cap?: number; now?: () => number } = {}): AlertLog {
  const cap = Math.max(1, Math.trunc(options.cap ?? DEFAULT_ALERT_CAP));
  const now = options.now ?? Date.now;
  const records = new Map<string, AlertRecord>();
  let next = 1;
  let dropped = 0;
  const copy = (r: AlertRecord): AlertRecord => structuredClone(r);

  return {
    begin(input) {
      const { objectId, owner, objectTime } = input;
      const record: AlertRecord = {
        id: `alert-${next++}`,
        objectId,
        owner,
        ...messageFields(input),
        status: 'sending',
        outcome: null,
        error: null,
        startedAt: now(),
        finishedAt: null,
        objectTime,
        mailId: null,
        sessionId: null,
        attempts: null,
        ...('alert' in input ? { channelMessageId: null, exchangeId: null } : {}),
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
    channelProgress(id, attempts) {
      const record = records.get(id);
      if (!record || record.status !== 'sending') return undefined;
      record.channelAttempts = structuredClone([...attempts]);
      record.attempts = attempts.length;
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
        const outcome = normalizeOutcome(result.outcome, record.channel ?? 'email');
        record.outcome = outcome;
        record.status = outcome.ok ? 'sent' : 'failed';
        record.mailId = outcome.mailId ?? null;
        record.sessionId = outcome.sessionId ?? null;
        record.attempts = outcome.attempts ?? null;
        if (outcome.delivery) record.delivery = outcome.delivery;
        if (record.channelMessage) {
          record.channelMessageId = outcome.messageId ?? null;
          record.exchangeId = outcome.exchangeId ?? null;
          if (outcome.channelAttempts) record.channelAttempts = outcome.channelAttempts;
        }
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
