// The by-hand scenarios solved as their instructions say, with a raw dialogue typed at a person's
// pace (each command well after the reply before it): the SMTP dialogue, each mandatory command
// left out, STARTTLS and AUTH. A program's pace fails its step with a hint; steps tick live on
// /api/events; `check` through the HTTP route says the same.
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../server/index.js';
import { LOCAL_STUDENT } from '../../../lab/scenarios/scenario-runner.js';
import type { ScenarioProgress } from '../../../lab/scenarios/scenario-types.js';
import { connectSmtp, type SmtpConnection } from '../../helpers/smtp-dialogue.js';
import { eventually, getJson, startLab } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { ACCOUNT_PASSWORD, STUDENT, startAccountLab } from '../lab-fixtures.js';

const PACE_MS = 350;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Types each line as a person would: after the reply, a pause, then the line; returns the replies' codes. */
async function typeByHand(conn: SmtpConnection, lines: string[], paceMs = PACE_MS, greeting = true): Promise<number[]> {
  const codes = greeting ? [(await conn.read()).code] : [];
  for (const line of lines) {
    await pause(paceMs);
    conn.send(line);
    if (line === 'DATA') {
      const reply = await conn.read();
      codes.push(reply.code);
      if (reply.code !== 354) continue;
      conn.send('Subject: Привет\r\n\r\nПисьмо, набранное вручную.\r\n.');
    }
    codes.push((await conn.read()).code);
  }
  return codes;
}

const until = async (
  lab: { scenarios: { check(s: string, id: string): ScenarioProgress | undefined } },
  id: string,
  done: (p: ScenarioProgress) => boolean,
  student = LOCAL_STUDENT,
) =>
  eventually(
    () => {
      const p = lab.scenarios.check(student, id);
      return p && done(p) ? p : undefined;
    },
    5000,
    `scenario ${id}`,
  );

const stateOf = (p: ScenarioProgress) => Object.fromEntries(p.steps.map((s) => [s.id, s.state]));

describe('the dialogue scenarios', () => {
  it('smtp-by-hand: a program’s pace fails with a hint; typed by hand, every step passes, live', async () => {
    const lab = await startLab({ smtpsPort: false, submissionPort: false });
    const live = await subscribe(lab.url);
    await lab.scenarios.start(LOCAL_STUDENT, 'smtp-by-hand');

    // A program: every command at once after its reply.
    const fast = await connectSmtp(lab.smtpPort);
    await typeByHand(fast, ['EHLO script', 'MAIL FROM:<app@lab.local>', 'RCPT TO:<ops@lab.local>', 'DATA', 'QUIT'], 0);
    const failed = await until(lab, 'smtp-by-hand', (p) => p.steps[1]?.state === 'failed');
    expect(failed.steps[1]?.reason?.ru).toMatch(/мс после ответа сервера — так быстро отвечает программа/);
    expect(failed.steps[1]?.hints[0]?.ru).toMatch(/набираются руками/);
    // EHLO and QUIT have no pace rule: they passed already.
    expect(stateOf(failed)).toMatchObject({ greeting: 'passed', quit: 'passed' });

    const slow = await connectSmtp(lab.smtpPort);
    expect(await typeByHand(slow, ['EHLO student', 'MAIL FROM:<student@lab.local>', 'RCPT TO:<ops@lab.local>', 'DATA', 'QUIT'])).toEqual([
      220, 250, 250, 250, 354, 250, 221,
    ]);
    const done = await until(lab, 'smtp-by-hand', (p) => p.completedAt !== null);
    expect(done.steps[1]).toMatchObject({ state: 'passed', attempts: 2 });
    const frame = await live.waitFor((e: LiveEvent) => e.Type === 'scenario-progress' && e.Data.completedAt !== null);
    expect(frame.Type).toBe('scenario-progress');
    // The route says the same.
    const over = await getJson<{ progress: ScenarioProgress }>(`${lab.url}/api/lab/scenarios/smtp-by-hand`);
    expect(over.body.progress.completedAt).not.toBeNull();
    // A reset is told live too, so another tab forgets the progress.
    expect(lab.scenarios.reset(LOCAL_STUDENT, 'smtp-by-hand')).toBe(true);
    const reset = await live.waitFor((e: LiveEvent) => e.Type === 'scenario-reset');
    expect(reset.Data).toEqual({ scenarioId: 'smtp-by-hand', student: LOCAL_STUDENT });
  });

  it('missing-commands: RCPT without MAIL, DATA without RCPT, no DATA — each its own 503 or no mail', async () => {
    const lab = await startLab({ smtpsPort: false, submissionPort: false });
    await lab.scenarios.start(LOCAL_STUDENT, 'missing-commands');
    expect(await typeByHand(await connectSmtp(lab.smtpPort), ['EHLO student', 'RCPT TO:<ops@lab.local>', 'QUIT'])).toEqual([220, 250, 503, 221]);
    expect(await typeByHand(await connectSmtp(lab.smtpPort), ['EHLO student', 'MAIL FROM:<student@lab.local>', 'DATA', 'QUIT'])).toEqual([
      220, 250, 250, 503, 221,
    ]);
    expect(await typeByHand(await connectSmtp(lab.smtpPort), ['EHLO student', 'MAIL FROM:<student@lab.local>', 'RCPT TO:<ops@lab.local>', 'QUIT'])).toEqual([
      220, 250, 250, 250, 221,
    ]);
    const done = await until(lab, 'missing-commands', (p) => p.completedAt !== null);
    expect(stateOf(done)).toEqual({ 'no-mail-from': 'passed', 'no-rcpt-to': 'passed', 'no-data': 'passed' });
    expect(lab.mailbox.stats().total).toBe(0);
  });

  it('starttls-auth: AUTH before STARTTLS refused; STARTTLS, AUTH and a mail', async () => {
    const lab = await startAccountLab({ smtpsPort: false });
    await lab.scenarios.start(STUDENT, 'starttls-auth');
    const early = await connectSmtp(lab.submissionPort as number);
    const codes = await typeByHand(early, ['EHLO student', 'AUTH LOGIN', 'QUIT']);
    expect(codes[2]).toBeGreaterThanOrEqual(500);

    const conn = await connectSmtp(lab.submissionPort as number);
    await typeByHand(conn, ['EHLO student', 'STARTTLS']);
    await conn.startTls({ ca: lab.certificate, servername: 'localhost' });
    conn.send('EHLO student');
    expect((await conn.read()).code).toBe(250);
    conn.send(`AUTH PLAIN ${Buffer.from(`\0${STUDENT}\0${ACCOUNT_PASSWORD}`).toString('base64')}`);
    expect((await conn.read()).code).toBe(235);
    expect(await typeByHand(conn, ['MAIL FROM:<student@lab.local>', 'RCPT TO:<ops@lab.local>', 'DATA', 'QUIT'], 0, false)).toEqual([250, 250, 354, 250, 221]);
    const done = await until(lab, 'starttls-auth', (p) => p.completedAt !== null, STUDENT);
    expect(stateOf(done)).toEqual({ 'auth-before-tls': 'passed', 'tls-then-auth': 'passed' });
  });
});
