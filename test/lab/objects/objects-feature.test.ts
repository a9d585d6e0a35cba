// The practical work's alert end to end over the lab's real protocols: a signed-in student
// imports the platform's temperature-control export, adds «Отправить e-mail» to its overheat
// state, creates an object; telemetry arrives over HTTP or from a real MQTT client whose client
// id is the object's id; the object enters OFF, and the alert mail is captured by the lab with
// the temperature in its subject, linked to its SMTP session — live on /api/events too.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { LiveEvent, MessagesList } from '../../../server/index.js';
import type { AutomatonEntry, AlertsResponse } from '../../../lab/objects/objects-wire.js';
import type { ObjectSnapshot } from '../../../lab/objects/object-events.js';
import { eventually, getJson } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { createBrowser, type BrowserClient } from '../browser-client.js';
import { ACCOUNT_PASSWORD, STUDENT, startAccountLab } from '../lab-fixtures.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/platform');
const fixture = (name: string) => readFile(join(FIXTURES, name), 'utf8');

type Lab = Awaited<ReturnType<typeof startAccountLab>>;

/** A signed-in student whose SMTP integration reaches the lab's implicit-TLS listener. */
async function student(lab: Lab): Promise<BrowserClient> {
  const browser = createBrowser(lab.url);
  expect((await browser.request('POST', '/api/lab/account/sign-in', { address: STUDENT, password: ACCOUNT_PASSWORD })).status).toBe(200);
  const { password: _p, ...rest } = lab.settings();
  expect((await browser.request('PUT', '/api/lab/integration', { ...rest, password: lab.appPassword })).status).toBe(200);
  return browser;
}

/** The temperature-control export with «Отправить e-mail» on entering OFF (the overheat state). */
async function importWithAlert(browser: BrowserClient): Promise<AutomatonEntry> {
  const imported = await browser.request('POST', '/api/lab/automatons', {
    file: await fixture('temperature-control.automaton.json'),
    fileName: 'temperature-control.automaton.json',
  });
  expect(imported.status).toBe(201);
  const id = imported.body.automaton.id as string;
  const off = (imported.body.automaton as AutomatonEntry).automaton.states.find((s) => s.name === 'OFF');
  const added = await browser.request('POST', `/api/lab/automatons/${id}/emails`, {
    stateId: off?.id,
    list: 'onenter',
    fields: {
      recipients: 'ops@lab.local, duty@lab.local',
      subject: 'Перегрев: {{temperatureC}} ({{object}})',
      text: 'Состояние {{state}}, температура {{temperatureC}}',
    },
  });
  expect(added.status).toBe(201);
  return added.body.automaton as AutomatonEntry;
}

async function alerts(lab: Lab): Promise<AlertsResponse> {
  return (await getJson<AlertsResponse>(`${lab.url}/api/lab/alerts`)).body;
}

describe('the alert, from telemetry to the captured mail', () => {
  it('telemetry over HTTP: the object overheats, one alert mail per entry, linked to its mail and SMTP session', async () => {
    const lab = await startAccountLab();
    const browser = await student(lab);
    const automaton = await importWithAlert(browser);
    const events = await subscribe(lab.url, 'sessions=none');
    const created = await browser.request('POST', '/api/lab/objects', { id: 'kettle-1', automatonId: automaton.id, source: 'manual' });
    expect(created.status).toBe(201);
    expect((created.body.object as ObjectSnapshot).state?.name).toBe('ON');
    // The import it was made from, not only the platform's id (the same export may be imported twice).
    expect((created.body.object as ObjectSnapshot).automaton).toMatchObject({ libraryId: automaton.id, id: automaton.automaton.id });

    for (const temperatureC of [80, 101, 102, 70, 105]) {
      expect((await browser.request('POST', '/api/lab/objects/kettle-1/telemetry', { values: { temperatureC } })).status).toBe(200);
    }
    // Two entries into OFF (101 and 105): exactly two alerts, both sent, each with its mail.
    const sent = await eventually(
      async () => {
        const body = await alerts(lab);
        return body.alerts.filter((a) => a.status === 'sent').length === 2 ? body : undefined;
      },
      15_000,
      'two alerts sent',
    );
    expect(sent.alerts.filter((a) => a.status === 'failed')).toEqual([]);
    const subjects = sent.alerts.map((a) => a.mail.subject).sort();
    expect(subjects).toEqual(['Перегрев: 101 (kettle-1)', 'Перегрев: 105 (kettle-1)']);
    for (const alert of sent.alerts) {
      expect(alert.mail.to).toEqual(['ops@lab.local', 'duty@lab.local']);
      const mail = lab.mailbox.get(alert.mailId as string);
      expect(mail?.summary.Subject).toBe(alert.mail.subject);
      expect(mail?.envelope.RcptTo).toEqual(['ops@lab.local', 'duty@lab.local']);
      const session = lab.sessions.get(alert.sessionId as string);
      expect(session?.MessageIDs).toContain(alert.mailId);
      expect(session?.User).toBe(STUDENT);
    }
    // The live stream carried the state change and the alerts.
    await events.waitFor((e: LiveEvent) => e.Type === 'object' && e.Data.id === 'kettle-1' && e.Data.state?.name === 'OFF');
    await events.waitFor((e: LiveEvent) => e.Type === 'alert' && e.Data.status === 'sent');
    const mails = (await getJson<MessagesList>(`${lab.url}/api/v1/search?query=${encodeURIComponent('subject:Перегрев')}`)).body;
    expect(mails.messages_count).toBe(2);
  });

  it('telemetry from a real MQTT client whose client id is the object id', async () => {
    const lab = await startAccountLab();
    const browser = await student(lab);
    const automaton = await importWithAlert(browser);
    const info = (await getJson<{ enabled: boolean; host: string; port: number }>(`${lab.url}/api/lab/mqtt`)).body;
    expect(info.enabled).toBe(true);
    expect(info.port).toBe(lab.mqttPort);
    expect((await browser.request('POST', '/api/lab/objects', { id: 'cold-room-1', automatonId: automaton.id, source: 'mqtt' })).status).toBe(201);

    const device = await mqtt.connectAsync(`mqtt://${info.host}:${info.port}`, { clientId: 'cold-room-1', protocolVersion: 4 });
    onTestFinished(() => device.endAsync());
    await device.publishAsync('base/state/temperatureC', '120');
    const alert = await eventually(async () => (await alerts(lab)).alerts.find((a) => a.status === 'sent'), 15_000, 'the alert sent');
    expect(alert.mail.subject).toBe('Перегрев: 120 (cold-room-1)');
    const snapshot = (await getJson<{ object: ObjectSnapshot }>(`${lab.url}/api/lab/objects/cold-room-1`)).body.object;
    expect(snapshot.state?.name).toBe('OFF');
    expect(snapshot.mqtt?.connected).toBe(true);
    const log = (await getJson<{ entries: Array<{ kind: string }> }>(`${lab.url}/api/lab/objects/cold-room-1/log`)).body.entries.map((e) => e.kind);
    expect(log).toEqual(expect.arrayContaining(['mqtt-connect', 'mqtt-publish', 'transition']));
  });

  it("export gives the platform its file back, the lab's edit included", async () => {
    const lab = await startAccountLab();
    const browser = await student(lab);
    const automaton = await importWithAlert(browser);
    const res = await fetch(`${lab.url}/api/lab/automatons/${automaton.id}/export`);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="?temperature-control\.automaton\.json"?/);
    const file = await res.text();
    const again = await browser.request('POST', '/api/lab/automatons', { file });
    expect(again.status).toBe(201);
    const off = (again.body.automaton as AutomatonEntry).automaton.states.find((s) => s.name === 'OFF');
    expect(off?.onenter.map((a) => a.id)).toContain('send-email');
  });

  it('refuses what it cannot use, clearly, and changes nothing', async () => {
    const lab = await startAccountLab();
    const anonymous = createBrowser(lab.url);
    expect((await anonymous.request('POST', '/api/lab/automatons', { file: '{}' })).body.error.code).toBe('not_signed_in');
    const browser = await student(lab);
    const broken = await browser.request('POST', '/api/lab/automatons', { file: '{"version":1,"store":"automatons","data":{"data":"{\\"states\\":1}"}}' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_file');
    expect(broken.body.error.text.ru).toMatch(/data\.data/);
    expect((await browser.request('POST', '/api/lab/objects', { id: 'x', automatonId: 'a-nothing', source: 'manual' })).status).toBe(404);
    const automaton = await importWithAlert(browser);
    expect((await browser.request('POST', '/api/lab/objects', { id: 'bad id!', automatonId: automaton.id, source: 'manual' })).body.error.fields.id.ru).toMatch(
      /id/,
    );
    expect(
      (await browser.request('POST', '/api/lab/objects', { id: 'k', automatonId: automaton.id, source: 'playback', playback: { file: 't,temperatureC\nx,1' } }))
        .body.error.code,
    ).toBe('invalid_file');
    expect((await getJson<{ objects: unknown[] }>(`${lab.url}/api/lab/objects`)).body.objects).toEqual([]);
    expect((await browser.request('POST', '/api/lab/objects', { id: 'k', automatonId: automaton.id, source: 'manual' })).status).toBe(201);
    expect((await browser.request('POST', '/api/lab/objects', { id: 'k', automatonId: automaton.id, source: 'manual' })).status).toBe(409);
  });

  it('an object a student set up without a saved integration still runs; its alert is recorded as not sent, explained', async () => {
    const lab = await startAccountLab();
    const browser = createBrowser(lab.url);
    await browser.request('POST', '/api/lab/account/sign-in', { address: STUDENT, password: ACCOUNT_PASSWORD });
    const automaton = await importWithAlert(browser);
    await browser.request('POST', '/api/lab/objects', { id: 'k', automatonId: automaton.id, source: 'manual' });
    await browser.request('POST', '/api/lab/objects/k/telemetry', { values: { temperatureC: 150 } });
    const failed = await eventually(async () => (await alerts(lab)).alerts.find((a) => a.status === 'failed'), 10_000, 'the failed alert');
    expect(failed.outcome?.message.ru).toMatch(/Интеграция SMTP не сохранена/);
    expect((await getJson<{ object: ObjectSnapshot }>(`${lab.url}/api/lab/objects/k`)).body.object.state?.name).toBe('OFF');
  });
});
