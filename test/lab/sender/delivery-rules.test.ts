// The retry rules as data (RFC 5321 §4.2.1: 4xx transient, 5xx permanent; a dropped, refused or
// timed-out connection transient; what the settings get wrong permanent), the bounded exponential
// backoff, and the words of an attempt in both languages.
import { describe, expect, test } from 'vitest';
import type { SendFailure } from '../../../lab/sender/explain-kit.js';
import { backoffSeconds, BACKOFF_CAP_SECONDS, deliveryRule } from '../../../lab/sender/delivery-rules.js';
import type { DeliveryAttempt } from '../../../lab/sender/delivery-types.js';
import { attemptLine, attemptsRu, deliverySummary, seconds } from '../../../lab/sender/delivery-words.js';
import { retryPolicyOf } from '../../../lab/sender/delivery.js';

describe('which failures are retried', () => {
  test.each<[string, SendFailure, string, 'transient' | 'permanent']>([
    [
      '451 greylisting at RCPT',
      { code: 'EENVELOPE', command: 'RCPT TO', response: '451 4.7.1 Greylisted', responseCode: 451, message: 'x' },
      'reply-4xx',
      'transient',
    ],
    [
      '421 instead of the greeting',
      { code: 'EPROTOCOL', command: 'CONN', response: '421 Service not available', message: 'Invalid greeting' },
      'reply-4xx',
      'transient',
    ],
    [
      '450 at MAIL FROM',
      { code: 'EENVELOPE', command: 'MAIL FROM', response: '450 4.7.1 slow down', responseCode: 450, message: 'x' },
      'reply-4xx',
      'transient',
    ],
    [
      '550 5.1.1 at RCPT',
      { code: 'EENVELOPE', command: 'RCPT TO', response: '550 5.1.1 no such user', responseCode: 550, message: 'x' },
      'reply-5xx',
      'permanent',
    ],
    ['535 at AUTH', { code: 'EAUTH', command: 'AUTH PLAIN', response: '535 5.7.8 bad', responseCode: 535, message: 'Invalid login' }, 'reply-5xx', 'permanent'],
    ['552 after the body', { code: 'EMESSAGE', command: 'DATA', response: '552 5.2.2 full', responseCode: 552, message: 'x' }, 'reply-5xx', 'permanent'],
    [
      'a refused connection',
      { code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:1', originalCode: 'ECONNREFUSED' },
      'refused',
      'transient',
    ],
    ['a dropped connection', { code: 'ECONNECTION', command: 'CONN', message: 'Connection closed unexpectedly' }, 'dropped', 'transient'],
    ['a reset connection', { code: 'ESOCKET', command: 'CONN', message: 'read ECONNRESET' }, 'dropped', 'transient'],
    ['no greeting in time', { code: 'ETIMEDOUT', command: 'CONN', message: 'Greeting never received' }, 'timeout', 'transient'],
    [
      'a TLS handshake alert',
      { code: 'ESOCKET', command: 'CONN', message: 'ssl3_read_bytes:sslv3 alert handshake failure:SSL alert number 40' },
      'tls-handshake',
      'transient',
    ],
    ['an untrusted certificate', { code: 'ESOCKET', command: 'CONN', message: 'self-signed certificate' }, 'settings', 'permanent'],
    ['TLS on a plain port', { code: 'ESOCKET', command: 'CONN', message: 'ssl3_get_record:wrong version number' }, 'settings', 'permanent'],
    ['a host that does not exist', { code: 'EDNS', command: 'CONN', message: 'getaddrinfo ENOTFOUND smtp.gmial.com' }, 'settings', 'permanent'],
    ['not an SMTP server', { code: 'EPROTOCOL', command: 'CONN', response: 'SSH-2.0-OpenSSH_9.2', message: 'Invalid greeting' }, 'settings', 'permanent'],
    ['DNS down for now', { code: 'EDNS', command: 'CONN', message: 'getaddrinfo EAI_AGAIN smtp.gmail.com' }, 'dns-temporary', 'transient'],
    ['something nobody knows', { code: 'EWHAT', message: 'something odd' }, 'unknown', 'permanent'],
  ])('%s: %s, %s', (_name, failure, rule, verdict) => {
    const found = deliveryRule(failure);
    expect([found.rule, found.verdict]).toEqual([rule, verdict]);
    const why = found.why(failure);
    expect(why.ru).toMatch(/[а-я]/);
    expect(why.en).toMatch(/^[A-Z]/);
  });

  test('EDNS with EAI_AGAIN is not mistaken for a host that does not exist', () => {
    expect(deliveryRule({ code: 'EDNS', message: 'getaddrinfo EAI_AGAIN x' }).rule).toBe('dns-temporary');
  });
});

describe('the backoff', () => {
  test('the first interval, then doubled after each failure (10 s, 20 s, 40 s …), capped', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(10, n))).toEqual([10, 20, 40, 80]);
    expect(backoffSeconds(10, 12)).toBe(BACKOFF_CAP_SECONDS);
    expect(backoffSeconds(10, 5, 60)).toBe(60);
    expect(backoffSeconds(0, 3)).toBe(0);
  });

  test("the integration's settings, Zabbix's defaults when it has none", () => {
    expect(retryPolicyOf({})).toEqual({ attempts: 3, firstInterval: 10, capSeconds: BACKOFF_CAP_SECONDS });
    expect(retryPolicyOf({ attempts: 5, attemptInterval: 0.5 })).toMatchObject({ attempts: 5, firstInterval: 0.5 });
  });
});

describe('the words', () => {
  const attempt = (over: Partial<DeliveryAttempt>): DeliveryAttempt => ({
    n: 1,
    of: 3,
    startedAt: 0,
    endedAt: 0,
    verdict: 'transient',
    why: { ru: '', en: '' },
    rule: 'reply-4xx',
    reply: '451 4.7.1 Greylisted, please try again later',
    explanation: null,
    recipients: [],
    injected: [],
    retryInSeconds: 10,
    ...over,
  });

  test('an attempt that will be retried, one that settled it, one that ran out', () => {
    expect(attemptLine(attempt({}))).toEqual({
      ru: 'Попытка 1 из 3 не удалась: «451 4.7.1 Greylisted, please try again later»; следующая попытка через 10 с.',
      en: 'Attempt 1 of 3 failed: "451 4.7.1 Greylisted, please try again later"; next attempt in 10 s.',
    });
    expect(attemptLine(attempt({ n: 2, verdict: 'sent', reply: '250 2.0.0 OK', retryInSeconds: null }))).toEqual({
      ru: 'Попытка 2 из 3: письмо принято — «250 2.0.0 OK».',
      en: 'Attempt 2 of 3: the mail was accepted — "250 2.0.0 OK".',
    });
    expect(attemptLine(attempt({ n: 3, retryInSeconds: null })).ru).toMatch(/; попытки исчерпаны\.$/);
    expect(attemptLine(attempt({ verdict: 'permanent', reply: '550 5.1.1 no', retryInSeconds: null })).en).toBe(
      'Attempt 1 of 3 failed: "550 5.1.1 no"; not retried: a permanent failure.',
    );
    expect(attemptLine(attempt({ reply: null, error: { code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:1' } })).ru).toBe(
      'Попытка 1 из 3 не удалась: ответа нет, библиотека сообщает «connect ECONNREFUSED 127.0.0.1:1»; следующая попытка через 10 с.',
    );
  });

  test('seconds and attempts as each language writes them', () => {
    expect(seconds(0.2)).toEqual({ ru: '0,2 с', en: '0.2 s' });
    expect(seconds(90)).toEqual({ ru: '1 мин 30 с', en: '1 min 30 s' });
    expect(seconds(120)).toEqual({ ru: '2 мин', en: '2 min' });
    expect([1, 2, 5, 11, 21, 22].map(attemptsRu)).toEqual(['1 попытка', '2 попытки', '5 попыток', '11 попыток', '21 попытка', '22 попытки']);
  });

  test('one attempt that went through needs no summary; one attempt allowed says why it was not retried', () => {
    expect(deliverySummary([attempt({ verdict: 'sent', retryInSeconds: null })], [])).toBeNull();
    expect(deliverySummary([attempt({ of: 1, retryInSeconds: null })], [])?.ru).toMatch(/«Число попыток» \(--attempts\) — 1/);
  });
});
