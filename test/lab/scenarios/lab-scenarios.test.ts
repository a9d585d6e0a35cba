// The scenarios of the Lab and Automaton pages solved through the lab's HTTP API as the browser
// does it, signed in (the student's scope): the account and app password, the integration and its
// error gallery, transient and permanent failures with the sender's retries, the alert from an
// automaton (by hand and over MQTT), the alert storm and its cure. The report at the end.
import mqtt from 'mqtt';
import nodemailer from 'nodemailer';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ScenarioProgress, ScenarioReport } from '../../../lab/scenarios/scenario-types.js';
import type { AutomatonEntry } from '../../../lab/objects/objects-wire.js';
import { eventually, startLab } from '../../helpers/lab.js';
import { createBrowser, type BrowserClient } from '../browser-client.js';

const STUDENT = 'anna@lab.local';
const PASSWORD = 'account-password-1';

type Lab = Awaited<ReturnType<typeof startLab>>;

async function signedUp(lab: Lab): Promise<BrowserClient> {
  const browser = createBrowser(lab.url);
  expect((await browser.request('POST', '/api/lab/account/sign-up', { address: STUDENT, password: PASSWORD })).status).toBe(201);
  return browser;
}

async function start(browser: BrowserClient, id: string): Promise<void> {
  const res = await browser.request('POST', `/api/lab/scenarios/${id}/start`);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function progress(browser: BrowserClient, id: string, done: (p: ScenarioProgress) => boolean, timeoutMs = 8000): Promise<ScenarioProgress> {
  return eventually(
    async () => {
      const p = (await browser.request('GET', `/api/lab/scenarios/${id}`)).body.progress as ScenarioProgress | null;
      return p && done(p) ? p : undefined;
    },
    timeoutMs,
    `scenario ${id}`,
  );
}

const step = (p: ScenarioProgress, id: string) => p.steps.find((s) => s.id === id);

async function saveIntegration(lab: Lab, browser: BrowserClient, password: string, extra: Record<string, unknown> = {}): Promise<void> {
  const form = {
    preset: 'lab',
    host: '127.0.0.1',
    port: lab.smtpsPort,
    security: 'ssl',
    login: STUDENT,
    password,
    fromAddress: STUDENT,
    fromName: 'Alerts',
    ...extra,
  };
  const res = await browser.request('PUT', '/api/lab/integration', form);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const testEmail = (browser: BrowserClient, to = 'ops@lab.local') => browser.request('POST', '/api/lab/integration/test', { to });

describe('the Lab page scenarios', () => {
  it('account-app-password and integration-errors: account, app password, AUTH with it; a failing test, the fix, success', async () => {
    const lab = await startLab();
    const browser = await signedUp(lab);
    await start(browser, 'account-app-password');
    await start(browser, 'integration-errors');
    expect(step(await progress(browser, 'account-app-password', () => true), 'account')?.state).toBe('passed');
    const app = (await browser.request('POST', '/api/lab/account/app-passwords', { label: 'platform' })).body.password as string;
    await nodemailer
      .createTransport({
        host: '127.0.0.1',
        port: lab.smtpsPort,
        secure: true,
        tls: { ca: lab.certificate, servername: 'localhost' },
        auth: { user: STUDENT, pass: app },
      })
      .sendMail({ from: STUDENT, to: 'ops@lab.local', subject: 'AUTH', text: 'with an app password' });
    const account = await progress(browser, 'account-app-password', (p) => p.completedAt !== null);
    expect(account.steps.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);

    await saveIntegration(lab, browser, 'a wrong password');
    expect((await testEmail(browser)).body.ok).toBe(false);
    const failed = await progress(browser, 'integration-errors', (p) => step(p, 'failed')?.state === 'passed');
    expect(step(failed, 'fixed')?.state).toBe('pending');
    await saveIntegration(lab, browser, app);
    expect((await testEmail(browser)).body.ok).toBe(true);
    const fixed = await progress(browser, 'integration-errors', (p) => p.completedAt !== null);
    expect(fixed.steps.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);
  });

  it('transient-permanent: its fault rules are the student’s own; greylisting retried, 550 not, a partial delivery', async () => {
    const lab = await startLab();
    const browser = await signedUp(lab);
    const app = (await browser.request('POST', '/api/lab/account/app-passwords', { label: 'platform' })).body.password as string;
    await saveIntegration(lab, browser, app, { attempts: 3, attemptInterval: 3.2 });
    await start(browser, 'transient-permanent');
    expect(lab.faults.list().map((r) => [r.preset, r.scope])).toEqual([
      ['unknown-recipient', { kind: 'student', address: STUDENT }],
      ['greylisting', { kind: 'student', address: STUDENT }],
    ]);
    const greylisted = (await testEmail(browser)).body;
    expect(greylisted).toMatchObject({ ok: true });
    expect(greylisted.attempts.length).toBe(2);
    const refused = (await testEmail(browser, 'nobody@lab.local')).body;
    expect(refused.ok).toBe(false);
    expect(refused.attempts.length).toBe(1);
    const partial = (await testEmail(browser, 'ops@lab.local, nobody@lab.local')).body;
    expect(partial).toMatchObject({ ok: true, partial: true });
    const done = await progress(browser, 'transient-permanent', (p) => p.completedAt !== null);
    expect(done.steps.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);
    // Reset undoes the setup.
    expect((await browser.request('POST', '/api/lab/scenarios/transient-permanent/reset')).status).toBe(204);
    expect(lab.faults.list()).toEqual([]);
  }, 30_000);
});

describe('the Automaton page scenarios', () => {
  async function withAlertOnOff(lab: Lab, browser: BrowserClient): Promise<AutomatonEntry> {
    const app = (await browser.request('POST', '/api/lab/account/app-passwords', { label: 'platform' })).body.password as string;
    await saveIntegration(lab, browser, app);
    const library = (await browser.request('GET', '/api/lab/automatons')).body.automatons as AutomatonEntry[];
    const entry = library.find((a) => a.owner === STUDENT && a.fileName === 'temperature-control.automaton.json');
    expect(entry, 'the scenario put the automaton in the library').toBeDefined();
    const off = entry!.automaton.states.find((s) => s.name === 'OFF');
    const added = await browser.request('POST', `/api/lab/automatons/${entry!.id}/emails`, {
      stateId: off?.id,
      list: 'onenter',
      fields: { recipients: 'ops@lab.local', subject: 'Перегрев: {{temperatureC}}', text: '{{object}}: {{temperatureC}}' },
    });
    expect(added.status).toBe(201);
    return added.body.automaton as AutomatonEntry;
  }

  async function device(lab: Lab, id: string) {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${lab.mqttPort}`, { clientId: id });
    onTestFinished(() => client.endAsync());
    return (value: number) => client.publishAsync('base/state/temperatureC', String(value));
  }

  it('automaton-alert: «Отправить e-mail» in OFF, an alert by hand with the temperature, then one over MQTT', async () => {
    const lab = await startLab();
    const browser = await signedUp(lab);
    await start(browser, 'automaton-alert');
    const automaton = await withAlertOnOff(lab, browser);
    expect(step(await progress(browser, 'automaton-alert', (p) => step(p, 'action')?.state === 'passed'), 'action')?.state).toBe('passed');
    expect((await browser.request('POST', '/api/lab/objects', { id: 'kettle-hand', automatonId: automaton.id, source: 'manual' })).status).toBe(201);
    expect((await browser.request('POST', '/api/lab/objects/kettle-hand/telemetry', { values: { temperatureC: 101 } })).status).toBe(200);
    expect(step(await progress(browser, 'automaton-alert', (p) => step(p, 'alert-mail')?.state === 'passed'), 'over-mqtt')?.state).toBe('pending');
    expect((await browser.request('POST', '/api/lab/objects', { id: 'kettle-1', automatonId: automaton.id, source: 'mqtt' })).status).toBe(201);
    const publish = await device(lab, 'kettle-1');
    await publish(101);
    const done = await progress(browser, 'automaton-alert', (p) => p.completedAt !== null);
    expect(done.steps.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);
  });

  it('alert-storm: a value across both thresholds storms; flapping around one with hysteresis stays calm', async () => {
    const lab = await startLab();
    const browser = await signedUp(lab);
    await start(browser, 'alert-storm');
    const automaton = await withAlertOnOff(lab, browser);
    for (const id of ['storm-1', 'calm-1'])
      expect((await browser.request('POST', '/api/lab/objects', { id, automatonId: automaton.id, source: 'mqtt' })).status).toBe(201);
    const storm = await device(lab, 'storm-1');
    for (let i = 0; i < 6; i++) {
      await storm(101);
      await storm(79);
    }
    await progress(browser, 'alert-storm', (p) => step(p, 'storm')?.state === 'passed', 15_000);
    const calm = await device(lab, 'calm-1');
    for (let i = 0; i < 6; i++) {
      await calm(101);
      await calm(98);
    }
    const done = await progress(browser, 'alert-storm', (p) => p.completedAt !== null, 15_000);
    expect(step(done, 'calm')?.evidence).toBe('calm-1');

    // The report: every scenario, this one done with when and how many attempts.
    const report = (await browser.request('GET', '/api/lab/scenarios/report')).body as ScenarioReport;
    expect(report.student).toBe(STUDENT);
    expect(report.scenarios.length).toBeGreaterThanOrEqual(8);
    const storms = report.scenarios.find((s) => s.id === 'alert-storm');
    expect(storms?.progress?.completedAt).not.toBeNull();
    expect(storms?.progress?.steps.every((s) => s.passedAt !== null)).toBe(true);
  }, 40_000);
});
