// When the alert sender tries a mail again, as data: the first rule that matches a failed attempt
// says whether the failure is transient (retry later) or permanent (do not), and why. RFC 5321
// §4.2.1: a 4yz reply is a transient negative completion, a 5yz a permanent one; §3.8 and §6.1: a
// connection that drops (or a 421) before the final 250 leaves the mail undelivered, so it is
// tried again; §4.5.4.1: retry later. What the settings get wrong (a certificate, TLS on the wrong
// port, a host that does not exist) fails the same way every time, so it is not retried.
// No Node imports: the browser words the same verdicts.
import type { Bilingual } from '../integration/integration-types.js';
import { all, code3, type SendFailure } from './explain-kit.js';
import { CERTIFICATE, NAME_MISMATCH, WRONG_VERSION } from './explain-connection-rules.js';

export type FailureClass = 'transient' | 'permanent';

export interface DeliveryRule {
  rule: string;
  when(failure: SendFailure): boolean;
  verdict: FailureClass;
  why(failure: SendFailure): Bilingual;
}

const TLS_HANDSHAKE = /handshake failure|alert number 40|SSL routines|disconnected before secure TLS connection/i;
const SETTINGS = /ENOTFOUND|Invalid greeting|Missing credentials/i;
const DROPPED = /ECONNRESET|EPIPE|Connection closed|socket hang up|Unexpected socket close/i;

export const DELIVERY_RULES: readonly DeliveryRule[] = [
  {
    rule: 'reply-4xx',
    when: (f) => (code3(f) ?? 0) >= 400 && (code3(f) ?? 0) < 500,
    verdict: 'transient',
    why: (f) => ({
      ru: `Код ${code3(f)} — временная ошибка (4xx, RFC 5321 §4.2.1): сервер сейчас не может принять письмо и ждёт повторной попытки позже${code3(f) === 421 ? ', а 421 ещё и закрывает соединение (§3.8)' : ''}.`,
      en: `Code ${code3(f)} is a transient failure (4xx, RFC 5321 §4.2.1): the server cannot take the mail now and expects it to be tried again later${code3(f) === 421 ? ', and a 421 also closes the connection (§3.8)' : ''}.`,
    }),
  },
  {
    rule: 'reply-5xx',
    when: (f) => (code3(f) ?? 0) >= 500,
    verdict: 'permanent',
    why: (f) => ({
      ru: `Код ${code3(f)} — окончательный отказ (5xx, RFC 5321 §4.2.1): то же письмо с теми же настройками получит тот же ответ, поэтому отправитель не повторяет, а сообщает об ошибке.`,
      en: `Code ${code3(f)} is a permanent failure (5xx, RFC 5321 §4.2.1): the same mail with the same settings gets the same reply, so the sender does not retry; it reports the failure.`,
    }),
  },
  {
    rule: 'dns-temporary',
    when: (f) => /EAI_AGAIN/.test(all(f)),
    verdict: 'transient',
    why: () => ({
      ru: 'Имя сервера временно не удалось найти (EAI_AGAIN): DNS или сеть недоступны, поэтому отправитель повторит.',
      en: 'The host name could not be looked up for now (EAI_AGAIN): DNS or the network is down, so the sender tries again.',
    }),
  },
  {
    rule: 'settings',
    when: (f) => [CERTIFICATE, NAME_MISMATCH, WRONG_VERSION, SETTINGS].some((pattern) => pattern.test(all(f))) || f.code === 'EPROTOCOL' || f.code === 'EDNS',
    verdict: 'permanent',
    why: () => ({
      ru: 'Дело не в сервере, а в настройках (сертификат, защита для этого порта, сервер и порт, логин и пароль): повтор с теми же настройками закончится так же, поэтому отправитель не повторяет.',
      en: 'The cause is the settings, not the server (a certificate, the security for this port, the host and port, the login and password): a retry with the same settings ends the same way, so the sender does not retry.',
    }),
  },
  {
    rule: 'refused',
    when: (f) => /ECONNREFUSED/.test(all(f)),
    verdict: 'transient',
    why: () => ({
      ru: 'Соединение отклонено: сервер может перезапускаться или быть перегружен — это бывает временно, поэтому отправитель повторит (RFC 5321 §4.5.4.1).',
      en: 'The connection was refused: the server may be restarting or overloaded, which can pass, so the sender tries again (RFC 5321 §4.5.4.1).',
    }),
  },
  {
    rule: 'tls-handshake',
    when: (f) => TLS_HANDSHAKE.test(all(f)),
    verdict: 'transient',
    why: () => ({
      ru: 'TLS-рукопожатие сорвалось: письмо не ушло, а отправлять его без шифрования нельзя; сбой TLS на стороне сервера бывает временным, поэтому отправитель повторит.',
      en: 'The TLS handshake failed: the mail did not go, and it must not go unencrypted; a server-side TLS failure can pass, so the sender tries again.',
    }),
  },
  {
    rule: 'dropped',
    when: (f) => f.code === 'ECONNECTION' || DROPPED.test(all(f)),
    verdict: 'transient',
    why: () => ({
      ru: 'Соединение оборвалось до окончательного ответа 250: письмо не доставлено (RFC 5321 §6.1), поэтому отправитель повторит.',
      en: 'The connection dropped before the final 250: the mail was not delivered (RFC 5321 §6.1), so the sender tries again.',
    }),
  },
  {
    rule: 'timeout',
    when: (f) => f.code === 'ETIMEDOUT' || /ETIMEDOUT|timeout/i.test(all(f)),
    verdict: 'transient',
    why: () => ({
      ru: 'Сервер не ответил вовремя (RFC 5321 §4.5.3.2 — тайм-ауты): он может быть перегружен, поэтому отправитель повторит.',
      en: 'The server did not answer in time (RFC 5321 §4.5.3.2, timeouts): it may be overloaded, so the sender tries again.',
    }),
  },
];

/** Nothing says it could pass: not retried, the failure is reported as it is. */
export const UNKNOWN_FAILURE: DeliveryRule = {
  rule: 'unknown',
  when: () => true,
  verdict: 'permanent',
  why: () => ({
    ru: 'Неизвестно, временная ли это ошибка, поэтому отправитель не повторяет, а сообщает её как есть.',
    en: 'Nothing tells this failure is transient, so the sender does not retry; it reports it as it is.',
  }),
};

export function deliveryRule(failure: SendFailure): DeliveryRule {
  return DELIVERY_RULES.find((r) => r.when(failure)) ?? UNKNOWN_FAILURE;
}

/** A recipient's reply code: 4xx deferred (tried again), 5xx refused for good (RFC 5321 §4.2.1). */
export const recipientStatus = (code: number | null): 'refused' | 'deferred' => (code !== null && code >= 500 ? 'refused' : 'deferred');

/** A wait never grows past this (bounded backoff), whatever the first interval. */
export const BACKOFF_CAP_SECONDS = 3600;

/**
 * Seconds to wait after attempt `n` failed: the first interval, doubled after each further
 * failure (10 s, 20 s, 40 s, …), never more than the cap. RFC 5321 §4.5.4.1 asks a mail server's
 * queue for 30 minutes between tries over days; an alert sender is not a queue and follows
 * Zabbix's media type instead (a few attempts seconds apart), growing the wait so that a
 * struggling server is not hammered.
 */
export function backoffSeconds(firstInterval: number, n: number, cap = BACKOFF_CAP_SECONDS): number {
  return Math.min(firstInterval * 2 ** Math.max(0, n - 1), Math.max(cap, firstInterval));
}
