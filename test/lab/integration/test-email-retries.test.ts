// The Lab page's test e-mail with the sender's retries: greylisting switched on, the streamed
// answer shows attempt 1 failing with its reply, its explanation and the lab's note that it
// injected the reply, the wait announced before attempt 2 starts, then the success; a 550 is one
// attempt; a student's own fault rule (scope student) reaches the lab's send on their behalf.
import { describe, expect, test } from 'vitest';
import type { TestStreamEvent } from '../../../lab/integration/test-stream.js';
import type { DeliveryResult } from '../../../lab/sender/delivery-types.js';
import { createBrowser, type BrowserClient } from '../browser-client.js';
import { ACCOUNT_PASSWORD, STUDENT, startAccountLab } from '../lab-fixtures.js';

type Lab = Awaited<ReturnType<typeof startAccountLab>>;

async function student(lab: Lab, retries: { attempts: string; attemptInterval: string }): Promise<BrowserClient> {
  const browser = createBrowser(lab.url);
  expect((await browser.request('POST', '/api/lab/account/sign-in', { address: STUDENT, password: ACCOUNT_PASSWORD })).status).toBe(200);
  const { password: _p, ...rest } = lab.settings();
  expect((await browser.request('PUT', '/api/lab/integration', { ...rest, password: lab.appPassword, ...retries })).status).toBe(200);
  return browser;
}

async function streamed(browser: BrowserClient): Promise<TestStreamEvent[]> {
  const res = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com', lang: 'ru' }, { Accept: 'application/x-ndjson' });
  expect(res.status).toBe(200);
  return res.text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as TestStreamEvent);
}

describe('the test e-mail retries what is transient', () => {
  test('greylisting: attempt 1 gets 451 (injected, explained), the wait is announced, attempt 2 is accepted', async () => {
    const lab = await startAccountLab();
    lab.faults.add({ preset: 'greylisting', attempts: { kind: 'greylist', retryAfterSeconds: 0.2 } });
    const browser = await student(lab, { attempts: '3', attemptInterval: '0,3' });
    const events = await streamed(browser);

    const order = events
      .filter((e) => e.type !== 'client' && e.type !== 'session')
      .map((e) => (e.type === 'attempt' ? `attempt:${e.attempt.n}` : e.type === 'attempt-start' ? `start:${e.attempt}` : e.type));
    expect(order).toEqual(['start:1', 'attempt:1', 'start:2', 'attempt:2', 'result']);
    const first = events.find((e): e is Extract<TestStreamEvent, { type: 'attempt' }> => e.type === 'attempt');
    expect(first?.attempt).toMatchObject({ n: 1, of: 3, verdict: 'transient', reply: '451 4.7.1 Greylisted, please try again later', retryInSeconds: 0.3 });
    expect(first?.attempt.injected[0]?.fault.preset).toBe('greylisting');
    expect(first?.attempt.explanation?.cause.ru).toMatch(/^Сервер применил грейлистинг \(451\)/);
    // Each attempt's own session, streamed with its number, before its dialogue.
    const sessions = events.filter((e): e is Extract<TestStreamEvent, { type: 'session' }> => e.type === 'session');
    expect(sessions.map((s) => s.attempt)).toEqual([1, 2]);
    expect(new Set(sessions.map((s) => s.sessionId)).size).toBe(2);
    // The client lines carry their attempt: attempt 1 ends at its 451.
    const firstLines = events.flatMap((e) => (e.type === 'client' && e.attempt === 1 ? [e.line] : []));
    expect(firstLines).toContain('S: 451 4.7.1 Greylisted, please try again later');

    const result = (events.at(-1) as { result: DeliveryResult }).result;
    expect(result).toMatchObject({ ok: true, message: { ru: 'Тестовое письмо успешно отправлено' }, sessionId: sessions[1]?.sessionId });
    expect(result.attempts.map((a) => a.verdict)).toEqual(['transient', 'sent']);
    expect(result.clientLog).toEqual(events.flatMap((e) => (e.type === 'client' && e.attempt === 2 ? [e.line] : [])));
    expect(result.summary?.ru).toMatch(/^Доставлено за 2 попытки из 3/);
    expect(await lab.mailbox.waitFor('to:ops@example.com')).toBeTruthy();
  });

  test("a student's own rule (scope student) reaches the test e-mail the lab sends for them; 550 is one attempt", async () => {
    const lab = await startAccountLab();
    const browser = await student(lab, { attempts: '3', attemptInterval: '0.1' });
    const added = await browser.request('POST', '/api/lab/faults', { preset: 'unknown-recipient' });
    expect(added.status).toBe(201);
    const res = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com' });
    expect(res.body).toMatchObject({ ok: false, explanation: { code: 'recipient-rejected', field: 'to' } });
    expect(res.body.attempts).toHaveLength(1);
    expect(res.body.attempts[0]).toMatchObject({ verdict: 'permanent', rule: 'reply-5xx', retryInSeconds: null });
    expect(res.body.attempts[0].injected[0].explanation.en).toMatch(/^The lab injected this reply/);
  });
});
