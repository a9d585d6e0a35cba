// The automaton's «Отправить e-mail» goes through the same sender as the test e-mail: with
// greylisting on, the alert is retried and arrives, its attempts live on the alert (the wait for
// the retry included) and on /api/events; with one of two recipients refused, the other gets the
// mail, and the alert says so per recipient. Intervals are a fraction of a second.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../server/index.js';
import type { AlertRecord } from '../../../lab/objects/alert-log.js';
import type { AlertsResponse, AutomatonEntry } from '../../../lab/objects/objects-wire.js';
import { runAccount } from '../../../server/cli/account-command.js';
import { runIntegration } from '../../../lab/integration/integration-command.js';
import { runAutomaton } from '../../../lab/objects/automaton-command.js';
import { eventually, getJson, startLab } from '../../helpers/lab.js';
import { captureIo, tempConfigHome } from '../../server/cli/cli-fixtures.js';
import { subscribe } from '../../helpers/live-events.js';
import { createBrowser, type BrowserClient } from '../browser-client.js';
import { ACCOUNT_PASSWORD, STUDENT, startAccountLab } from '../lab-fixtures.js';

type Lab = Awaited<ReturnType<typeof startAccountLab>>;

const FIXTURES = join(import.meta.dirname, '../../fixtures/platform');

async function student(lab: Lab): Promise<BrowserClient> {
  const browser = createBrowser(lab.url);
  expect((await browser.request('POST', '/api/lab/account/sign-in', { address: STUDENT, password: ACCOUNT_PASSWORD })).status).toBe(200);
  const { password: _p, ...rest } = lab.settings({ attempts: 3, attemptInterval: 0.3 });
  expect((await browser.request('PUT', '/api/lab/integration', { ...rest, password: lab.appPassword })).status).toBe(200);
  return browser;
}

/** temperature-control with «Отправить e-mail» on entering OFF, an object on it, and one overheat. */
async function overheat(browser: BrowserClient, recipients: string): Promise<void> {
  const file = await readFile(join(FIXTURES, 'temperature-control.automaton.json'), 'utf8');
  const imported = await browser.request('POST', '/api/lab/automatons', { file, fileName: 'temperature-control.automaton.json' });
  const automaton = imported.body.automaton as AutomatonEntry;
  const off = automaton.automaton.states.find((s) => s.name === 'OFF');
  const added = await browser.request('POST', `/api/lab/automatons/${automaton.id}/emails`, {
    stateId: off?.id,
    list: 'onenter',
    fields: { recipients, subject: 'Перегрев: {{temperatureC}}', text: 'Температура {{temperatureC}}' },
  });
  expect(added.status).toBe(201);
  expect((await browser.request('POST', '/api/lab/objects', { id: 'kettle-1', automatonId: automaton.id, source: 'manual' })).status).toBe(201);
  expect((await browser.request('POST', '/api/lab/objects/kettle-1/telemetry', { values: { temperatureC: 101 } })).status).toBe(200);
}

async function finished(lab: Lab): Promise<AlertRecord> {
  return eventually(
    async () => (await getJson<AlertsResponse>(`${lab.url}/api/lab/alerts`)).body.alerts.find((a) => a.status !== 'sending'),
    15_000,
    'the alert to finish',
  );
}

describe('the alert uses the same sender', () => {
  it('greylisting: the alert is retried and arrives; the wait for the retry is live on the alert', async () => {
    const lab = await startAccountLab();
    lab.faults.add({ preset: 'greylisting', attempts: { kind: 'greylist', retryAfterSeconds: 0.2 } });
    const browser = await student(lab);
    const events = await subscribe(lab.url, 'sessions=none');
    await overheat(browser, 'ops@lab.local');

    // While the sender waits: the alert is still sending, attempt 1 on it, the next one announced.
    const waiting = (await events.waitFor(
      (e: LiveEvent) => e.Type === 'alert' && e.Data.status === 'sending' && (e.Data.delivery?.attempts.length ?? 0) === 1,
    )) as Extract<LiveEvent, { Type: 'alert' }>;
    const delivery = waiting.Data.delivery!;
    expect(delivery.maxAttempts).toBe(3);
    expect(delivery.attempts[0]).toMatchObject({ n: 1, verdict: 'transient', reply: '451 4.7.1 Greylisted, please try again later', retryInSeconds: 0.3 });
    expect(delivery.attempts[0]?.injected[0]?.fault.preset).toBe('greylisting');
    expect(delivery.nextAttemptAt).toBe(delivery.attempts[0]!.endedAt + 300);
    // An alert keeps no client log: the SMTP session has the dialogue.
    expect(delivery.attempts[0]).not.toHaveProperty('clientLog');

    const alert = await finished(lab);
    expect(alert).toMatchObject({ status: 'sent', attempts: 2, outcome: { ok: true, message: { ru: 'Письмо-оповещение отправлено' } } });
    expect(alert.delivery?.attempts.map((a) => a.verdict)).toEqual(['transient', 'sent']);
    expect(alert.delivery?.nextAttemptAt).toBeNull();
    expect(alert.sessionId).toBe(alert.delivery?.attempts[1]?.sessionId);
    const mail = lab.mailbox.get(alert.mailId as string);
    expect(mail?.summary.Subject).toBe('Перегрев: 101');
    expect(mail?.summary.SessionID).toBe(alert.sessionId);
  });

  it('two recipients, one refused (550): the other gets the mail; each recipient reported', async () => {
    const lab = await startAccountLab();
    lab.faults.add({ stage: 'rcpt', effect: { kind: 'reply', code: 550, enhanced: '5.1.1', text: 'No such user' }, match: { rcptTo: 'duty@*' } });
    const browser = await student(lab);
    await overheat(browser, 'ops@lab.local, duty@lab.local');

    const alert = await finished(lab);
    expect(alert.status).toBe('sent');
    expect(alert.outcome?.message).toEqual({
      ru: 'Письмо-оповещение отправлено не всем: его приняли для 1 из 2 получателей',
      en: 'The alert e-mail was sent to 1 of 2 recipients only',
    });
    expect(alert.attempts).toBe(1);
    expect(alert.delivery?.recipients).toMatchObject([
      { address: 'ops@lab.local', status: 'accepted' },
      { address: 'duty@lab.local', status: 'refused', reply: '550 5.1.1 No such user' },
    ]);
    expect(lab.mailbox.get(alert.mailId as string)?.envelope.RcptTo).toEqual(['ops@lab.local']);
  });

  it('smtp-lab automaton run (a playback, here): the same sender; each retried attempt printed as it ends', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile, tlsDir: join(home.dir, 'tls') });
    lab.faults.add({ preset: 'greylisting', attempts: { kind: 'greylist', retryAfterSeconds: 0.2 } });
    const cli = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runAccount(['add', 'student', '--password', 'account-password-1'], cli.io)).toBe(0);
    const set = ['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', 'account-password-1', '--attempts', '2', '--attempt-interval', '0.3'];
    expect(await runIntegration(set, cli.io)).toBe(0);
    const automaton = join(home.dir, 'a.json');
    const fixture = join(FIXTURES, 'temperature-control.automaton.json');
    expect(
      await runAutomaton(['add-email', fixture, '--state', 'OFF', '--to', 'ops@lab.local', '--subject', 'Перегрев {{temperatureC}}', '-o', automaton], cli.io),
    ).toBe(0);
    const playback = join(home.dir, 'play.json');
    await writeFile(playback, JSON.stringify([{ t: 0, temperatureC: 120 }]));
    cli.reset();
    expect(await runAutomaton(['run', automaton, '--telemetry', playback], cli.io)).toBe(0);
    expect(cli.err()).toContain('  Попытка 1 из 2 не удалась: «451 4.7.1 Greylisted, please try again later»; следующая попытка через 0,3 с.\n');
    expect(cli.err()).toMatch(/ {2}Попытка 2 из 2: письмо принято — «250 /);
    expect(cli.out()).toMatch(/✉ оповещение отправлено на ops@lab\.local: «Перегрев 120»/);
    await lab.mailbox.waitFor('subject:"Перегрев 120"');
  });
});
