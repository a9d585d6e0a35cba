// Fault rules over HTTP: a student's own (/api/lab/faults), the lab's (/api/lab/admin/faults with
// the admin token), Mailpit's chaos through the real mailpit-api client; a clear 400 at each
// field; one student never sees or fires another's rules; every firing is a live event.
import { MailpitClient } from 'mailpit-api';
import { describe, expect, it } from 'vitest';
import type { FaultFiring, LiveEvent } from '../../../server/index.js';
import { createBrowser } from '../../lab/browser-client.js';
import { labTransport } from '../../helpers/send-mail.js';
import { startLab } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';

async function student(lab: { url: string }, address: string) {
  const browser = createBrowser(lab.url);
  const res = await browser.request('POST', '/api/lab/account/sign-up', { address, password: 'account-password-1' });
  expect(res.status).toBe(201);
  return browser;
}

/** A mail sent as the lab account over the STARTTLS port (AUTH with the account password). */
const sendAs = (lab: { submissionPort: number | undefined }, user: string) =>
  labTransport(lab.submissionPort as number, {
    ignoreTLS: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false },
    auth: { user, pass: 'account-password-1' },
  }).sendMail({
    from: user,
    to: 'ops@example.com',
    subject: 'x',
    text: 'y',
  });

describe('/api/lab/faults', () => {
  it('signed out: 401; a student adds a preset, sees it, and a bad rule gets 400 at its fields', async () => {
    const lab = await startLab();
    expect((await createBrowser(lab.url).request('GET', '/api/lab/faults')).status).toBe(401);
    const browser = await student(lab, 'anna@lab.local');
    const added = await browser.request('POST', '/api/lab/faults', { preset: 'mailbox-full' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      preset: 'mailbox-full',
      stage: 'rcpt',
      scope: { kind: 'student', address: 'anna@lab.local' },
      effect: { code: 452, enhanced: '4.2.2' },
    });
    const list = await browser.request('GET', '/api/lab/faults');
    expect(list.body.rules.map((r: { id: string }) => r.id)).toEqual([added.body.id]);

    const bad = await browser.request('POST', '/api/lab/faults', {
      stage: 'rcpt',
      effect: { kind: 'reply', code: 700, text: '' },
      attempts: { kind: 'nth', n: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_fault');
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['attempts.n', 'effect.code', 'effect.text']);
    expect(bad.body.error.fields['effect.code'].ru).toMatch(/от 400 до 599/);
    const presets = await browser.request('GET', '/api/lab/faults/presets');
    expect(presets.body.presets.map((p: { id: string }) => p.id)).toContain('greylisting');
  });

  it("a student's rule fires on that student's sessions only; switched off it does not; another student cannot touch it", async () => {
    const lab = await startLab();
    const anna = await student(lab, 'anna@lab.local');
    const boris = await student(lab, 'boris@lab.local');
    const rule = (await anna.request('POST', '/api/lab/faults', { preset: 'rate-limited-soft' })).body;
    await expect(sendAs(lab, 'anna@lab.local')).rejects.toMatchObject({ responseCode: 450 });
    await sendAs(lab, 'boris@lab.local');
    expect((await boris.request('GET', '/api/lab/faults')).body.rules).toEqual([]);
    expect((await boris.request('DELETE', `/api/lab/faults/${rule.id}`)).status).toBe(404);
    const firings = (await anna.request('GET', '/api/lab/faults')).body.firings as FaultFiring[];
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ ruleId: rule.id, stage: 'mail', reply: '450 4.7.1 Too many messages, slow down and try again later' });
    expect((await boris.request('GET', '/api/lab/faults')).body.firings).toEqual([]);

    expect((await anna.request('PATCH', `/api/lab/faults/${rule.id}`, { enabled: false })).body.enabled).toBe(false);
    await sendAs(lab, 'anna@lab.local');
    expect((await anna.request('DELETE', `/api/lab/faults/${rule.id}`)).status).toBe(204);
    expect((await anna.request('GET', '/api/lab/faults')).body.rules).toEqual([]);
  });

  it('lab-wide rules: the admin adds them, students see them read-only', async () => {
    const lab = await startLab();
    const admin = { Authorization: `Bearer ${lab.adminToken}` };
    expect((await createBrowser(lab.url).request('GET', '/api/lab/admin/faults')).status).toBe(401);
    const added = await createBrowser(lab.url).request('POST', '/api/lab/admin/faults', { preset: 'outage' }, admin);
    expect(added.status).toBe(201);
    expect(added.body.scope).toEqual({ kind: 'lab' });
    const anna = await student(lab, 'anna@lab.local');
    expect((await anna.request('GET', '/api/lab/faults')).body.rules[0].id).toBe(added.body.id);
    const refused = await anna.request('DELETE', `/api/lab/faults/${added.body.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.text.ru).toMatch(/всей лаборатории/);
    expect((await createBrowser(lab.url).request('DELETE', '/api/lab/admin/faults', undefined, admin)).status).toBe(204);
    expect(lab.faults.list()).toEqual([]);
  });

  it('every firing is a live event, and so is every change of the rules', async () => {
    const lab = await startLab();
    const live = await subscribe(lab.url);
    const fault = lab.faults.add({ preset: 'unknown-recipient' });
    await live.waitFor((e) => e.Type === 'faults-changed');
    await labTransport(lab.smtpPort)
      .sendMail({ from: 'a@example.com', to: ['ops@example.com'], subject: 's', text: 't' })
      .catch(() => undefined);
    const event = (await live.waitFor((e: LiveEvent) => e.Type === 'fault')) as Extract<LiveEvent, { Type: 'fault' }>;
    expect(event.Data).toMatchObject({ ruleId: fault.id, preset: 'unknown-recipient', stage: 'rcpt', effect: 'reply', listener: 'smtp' });
  });
});

describe("Mailpit's /api/v1/chaos through the mailpit-api client", () => {
  it('reads, sets and resets the triggers; a 100 % sender trigger fails every MAIL FROM with its code', async () => {
    const lab = await startLab();
    const mailpit = new MailpitClient(lab.url);
    expect(await mailpit.getChaosTriggers()).toEqual({
      Sender: { ErrorCode: 451, Probability: 0 },
      Recipient: { ErrorCode: 451, Probability: 0 },
      Authentication: { ErrorCode: 451, Probability: 0 },
    });
    const set = await mailpit.setChaosTriggers({ Sender: { ErrorCode: 452, Probability: 100 } });
    expect(set.Sender).toEqual({ ErrorCode: 452, Probability: 100 });
    expect(set.Recipient.Probability).toBe(0);
    const error = await labTransport(lab.smtpPort)
      .sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' })
      .then(
        () => undefined,
        (err: unknown) => err as { response: string },
      );
    expect(error?.response).toMatch(/^452 .*Chaos sender error/);
    expect(lab.faults.list()[0]).toMatchObject({ preset: 'chaos-sender', scope: { kind: 'lab' }, attempts: { kind: 'probability', percent: 100, seed: null } });

    // An omitted trigger resets to 0 %.
    expect((await mailpit.setChaosTriggers({ Recipient: { ErrorCode: 550, Probability: 10 } })).Sender.Probability).toBe(0);
    expect(lab.faults.list().map((r) => r.preset)).toEqual(['chaos-recipient']);
    await mailpit.setChaosTriggers();
    expect(lab.faults.list()).toEqual([]);
    await expect(mailpit.setChaosTriggers({ Sender: { ErrorCode: 200, Probability: 5 } })).rejects.toThrow();
  });
});
