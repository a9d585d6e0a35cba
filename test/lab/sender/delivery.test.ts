// The alert sender's delivery semantics over real SMTP, against the lab's own TLS listener with
// its fault rules (lab.faults): a transient failure (4xx, a dropped or refused connection) is
// retried with a growing wait, bounded by the attempts; a permanent one (5xx) is not; two
// recipients are followed one by one — the accepted one is never sent twice, the refused one is
// reported with its reply. Every attempt carries its reply, its explanation, why it was or was not
// retried, and what the lab injected. Intervals are a fraction of a second: nothing waits for the
// defaults.
import { describe, expect, test } from 'vitest';
import { deliverMail } from '../../../lab/sender/delivery.js';
import type { DeliveryEvent } from '../../../lab/sender/delivery-types.js';
import { createLabSessionFinder } from '../../../lab/sender/lab-session-finder.js';
import { closedPort } from '../foreign-servers.js';
import { startAccountLab } from '../lab-fixtures.js';

type Lab = Awaited<ReturnType<typeof startAccountLab>>;

const MAIL = { to: 'ops@example.com', subject: 'Перегрев котла 7', body: 'Температура 97 °C' };

/** The sender as the lab's routes run it: the lab's certificate trusted, each attempt's session found. */
function send(lab: Lab, overrides: Parameters<Lab['settings']>[0], mail: Partial<typeof MAIL> = {}, events: DeliveryEvent[] = [], signal?: AbortSignal) {
  const finder = createLabSessionFinder({ host: '127.0.0.1', listeners: () => lab.listeners, sessions: lab.sessions });
  return deliverMail(
    lab.settings(overrides),
    { ...MAIL, ...mail },
    { labCertificate: lab.certificate, watchAttempt: finder.watchAttempt, onEvent: (e) => events.push(e), ...(signal ? { signal } : {}) },
  );
}

describe('transient failures are retried', () => {
  test('greylisting: 451 at RCPT, retried after the interval, then accepted; every attempt explained, the injection said', async () => {
    const lab = await startAccountLab();
    const rule = lab.faults.add({ preset: 'greylisting', attempts: { kind: 'greylist', retryAfterSeconds: 0.2 } });
    const events: DeliveryEvent[] = [];
    const result = await send(lab, { attempts: 3, attemptInterval: 0.3 }, {}, events);

    expect(result).toMatchObject({ ok: true, partial: false, message: { ru: 'Тестовое письмо успешно отправлено' } });
    expect(result.attempts.map((a) => [a.n, a.of, a.verdict, a.rule])).toEqual([
      [1, 3, 'transient', 'reply-4xx'],
      [2, 3, 'sent', 'accepted'],
    ]);
    const [first, second] = result.attempts;
    expect(first?.reply).toBe('451 4.7.1 Greylisted, please try again later');
    expect(first?.retryInSeconds).toBe(0.3);
    expect(first?.explanation).toMatchObject({ code: 'greylisted', field: 'attemptInterval' });
    expect(first?.why.ru).toMatch(/^Код 451 — временная ошибка \(4xx, RFC 5321 §4\.2\.1\)/);
    expect(first?.why.en).toMatch(/^Code 451 is a transient failure/);
    // The lab says it made the reply up, next to the usual explanation.
    expect(first?.injected).toHaveLength(1);
    expect(first?.injected[0]).toMatchObject({
      line: '451 4.7.1 Greylisted, please try again later',
      code: 451,
      fault: { ruleId: rule.id, preset: 'greylisting', stage: 'rcpt' },
    });
    expect(first?.injected[0]?.explanation.ru).toMatch(/^Лаборатория подставила этот ответ \(правило «.+», этап RCPT TO\).*«Грейлистинг»/);
    expect(first?.injected[0]?.explanation.en).toMatch(/^The lab injected this reply/);
    expect(first?.sessionId).toBeTruthy();
    expect(second?.sessionId).toBeTruthy();
    expect(second?.sessionId).not.toBe(first?.sessionId);
    expect(second?.injected).toEqual([]);
    expect(second?.reply).toMatch(/^250 /);
    expect(result.sessionId).toBe(second?.sessionId);
    expect(result.summary?.ru).toMatch(/^Доставлено за 2 попытки из 3/);
    // Waited at least the interval between the two.
    expect((second?.startedAt ?? 0) - (first?.endedAt ?? 0)).toBeGreaterThanOrEqual(300);

    // Live: each attempt's start, its lines, its session and its end, in order, the wait announced before the retry starts.
    const kinds = events.map((e) => (e.kind === 'client-line' ? null : `${e.kind}:${'n' in e ? e.n : e.attempt.n}`)).filter(Boolean);
    expect(kinds.filter((k) => !k!.startsWith('session'))).toEqual(['attempt-start:1', 'attempt-end:1', 'attempt-start:2', 'attempt-end:2']);
    expect(events.filter((e) => e.kind === 'client-line' && e.n === 1).length).toBeGreaterThan(3);

    // One mail, and one only.
    const mails = await lab.mailbox.waitFor('subject:"Перегрев котла 7"');
    expect(mails.SessionID).toBe(second?.sessionId);
    expect(lab.mailbox.list({ limit: 10 }).messages).toHaveLength(1);
  });

  test('a 421 at the greeting (outage) is retried until the attempts run out; each wait doubles', async () => {
    const lab = await startAccountLab();
    lab.faults.add({ preset: 'outage' });
    const result = await send(lab, { attempts: 4, attemptInterval: 0.15 });
    expect(result.ok).toBe(false);
    expect(result.attempts.map((a) => a.verdict)).toEqual(['transient', 'transient', 'transient', 'transient']);
    expect(result.attempts.map((a) => a.retryInSeconds)).toEqual([0.15, 0.3, 0.6, null]);
    expect(result.attempts.every((a) => /^421 /.test(a.reply ?? '') && a.injected[0]?.fault.preset === 'outage')).toBe(true);
    // The waits as recorded: each about twice the one before (ratios, not wall-clock limits).
    const waits = result.attempts.slice(1).map((a, i) => a.startedAt - result.attempts[i]!.endedAt);
    for (let i = 1; i < waits.length; i++) {
      const ratio = waits[i]! / waits[i - 1]!;
      expect(ratio).toBeGreaterThan(1.5);
      expect(ratio).toBeLessThan(2.7);
    }
    expect(result.explanation).toMatchObject({ code: 'server-closing', field: null });
    expect(result.summary?.ru).toBe('Все 4 попытки не удались временными ошибками: отправитель повторял, пока не исчерпал «Число попыток» (4).');
    expect(result.summary?.en).toMatch(/^All 4 attempts met transient failures/);
  });

  test('a dropped connection (disconnect at MAIL FROM) is retried, and the retry goes through', async () => {
    const lab = await startAccountLab();
    lab.faults.add({ stage: 'mail', effect: { kind: 'disconnect' }, attempts: { kind: 'first', n: 1 } });
    const result = await send(lab, { attempts: 3, attemptInterval: 0.1 });
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => [a.verdict, a.rule])).toEqual([
      ['transient', 'dropped'],
      ['sent', 'accepted'],
    ]);
    expect(result.attempts[0]?.reply).toBeNull();
    expect(result.attempts[0]?.why.ru).toMatch(/Соединение оборвалось до окончательного ответа 250/);
    expect(result.attempts[0]?.injected[0]?.fault).toMatchObject({ effect: 'disconnect', stage: 'mail' });
  });

  test('a refused connection is retried, bounded by the attempts', async () => {
    const lab = await startAccountLab();
    const result = await send(lab, { preset: 'custom', port: await closedPort(), security: 'none', attempts: 2, attemptInterval: 0.1 });
    expect(result.ok).toBe(false);
    expect(result.attempts.map((a) => [a.verdict, a.rule, a.retryInSeconds])).toEqual([
      ['transient', 'refused', 0.1],
      ['transient', 'refused', null],
    ]);
    expect(result.explanation).toMatchObject({ code: 'connection-refused' });
    expect(result.attempts.every((a) => a.sessionId === undefined && a.injected.length === 0)).toBe(true);
  });

  test('stopped while waiting to retry: ends at once with what it has', async () => {
    const lab = await startAccountLab();
    lab.faults.add({ preset: 'outage' });
    const stop = new AbortController();
    const events: DeliveryEvent[] = [];
    const sending = send(lab, { attempts: 3, attemptInterval: 60 }, {}, events, stop.signal);
    while (!events.some((e) => e.kind === 'attempt-end')) await new Promise((resolve) => setTimeout(resolve, 10));
    stop.abort();
    const result = await sending;
    expect(result).toMatchObject({ ok: false, stopped: true });
    expect(result.attempts).toHaveLength(1);
    expect(result.summary?.ru).toMatch(/^Повторы прерваны/);
  });
});

describe('permanent failures are not', () => {
  test('550 5.1.1 at RCPT (unknown recipient): one attempt, reported, the lab says it injected it', async () => {
    const lab = await startAccountLab();
    lab.faults.add({ preset: 'unknown-recipient' });
    const result = await send(lab, { attempts: 3, attemptInterval: 0.1 });
    expect(result.ok).toBe(false);
    expect(result.attempts).toHaveLength(1);
    const [only] = result.attempts;
    expect(only).toMatchObject({ verdict: 'permanent', rule: 'reply-5xx', retryInSeconds: null });
    expect(only?.reply).toMatch(/^550 5\.1\.1 /);
    expect(only?.why.ru).toMatch(/окончательный отказ \(5xx, RFC 5321 §4\.2\.1\)/);
    expect(only?.injected[0]?.fault.preset).toBe('unknown-recipient');
    expect(result.recipients).toMatchObject([{ address: 'ops@example.com', status: 'refused', code: 550 }]);
    expect(result.explanation).toMatchObject({ code: 'recipient-rejected', field: 'to' });
    expect(result.summary?.en).toBe('A permanent failure at the first attempt: the sender did not retry.');
  });
});

describe('several recipients, each with its outcome', () => {
  test('one refused for good (550): the other gets the mail, success for it, said clearly; not retried', async () => {
    const lab = await startAccountLab();
    lab.faults.add({ stage: 'rcpt', effect: { kind: 'reply', code: 550, enhanced: '5.1.1', text: 'No such user' }, match: { rcptTo: 'nobody@*' } });
    const result = await send(lab, { attempts: 3, attemptInterval: 0.1 }, { to: 'ops@example.com, nobody@example.com' });
    expect(result).toMatchObject({ ok: true, partial: true });
    expect(result.message).toEqual({
      ru: 'Тестовое письмо отправлено не всем: его приняли для 1 из 2 получателей',
      en: 'The test e-mail was sent to 1 of 2 recipients only',
    });
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]?.verdict).toBe('partial');
    expect(result.recipients).toMatchObject([
      { address: 'ops@example.com', status: 'accepted', code: 250 },
      { address: 'nobody@example.com', status: 'refused', code: 550, reply: '550 5.1.1 No such user', explanation: { code: 'recipient-rejected' } },
    ]);
    expect(result.summary?.ru).toContain('не получили: nobody@example.com (отклонён окончательно)');
    const mail = await lab.mailbox.waitFor('to:ops@example.com');
    expect(mail.To.map((a) => a.Address)).toEqual(['ops@example.com', 'nobody@example.com']);
    expect(lab.sessions.get(mail.SessionID!)?.Transactions?.at(-1)?.RcptTo).toEqual(['ops@example.com']);
  });

  test('one deferred (452 once): the retry goes to it alone, the accepted one is not sent twice', async () => {
    const lab = await startAccountLab();
    lab.faults.add({ preset: 'mailbox-full', match: { rcptTo: 'duty@*' }, attempts: { kind: 'first', n: 1 } });
    const result = await send(lab, { attempts: 3, attemptInterval: 0.1 }, { to: 'ops@example.com, duty@example.com' });
    expect(result).toMatchObject({ ok: true, partial: false });
    expect(result.attempts.map((a) => [a.verdict, a.recipients.map((r) => `${r.address}:${r.status}`)])).toEqual([
      ['partial', ['ops@example.com:accepted', 'duty@example.com:deferred']],
      ['sent', ['duty@example.com:accepted']],
    ]);
    expect(result.recipients.map((r) => [r.address, r.status, r.attempt])).toEqual([
      ['ops@example.com', 'accepted', 1],
      ['duty@example.com', 'accepted', 2],
    ]);
    // Two mails captured: the first to ops only, the retry to duty only — the same message (one Message-ID).
    const sessions = result.attempts.map((a) => lab.sessions.get(a.sessionId!));
    expect(sessions.map((s) => s?.Transactions?.at(-1)?.RcptTo)).toEqual([['ops@example.com'], ['duty@example.com']]);
    const ids = sessions.map((s) => s?.MessageIDs.at(-1));
    const raw = await Promise.all(ids.map((id) => fetch(`${lab.url}/api/v1/message/${id}/headers`).then((r) => r.json() as Promise<Record<string, string[]>>)));
    expect(raw[0]?.['Message-Id']).toEqual(raw[1]?.['Message-Id']);
  });
});
