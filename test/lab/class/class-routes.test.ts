// The instructor's routes (/api/lab/class/…) on a real lab over HTTP: the class at a glance with
// two students and their progress ticking as they work, the roster import (all or nothing), the
// report as JSON, CSV and a printable page with hostile names, fault rules for one student or
// the class, and who may ask at all.
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import type { ClassOverview, ClassReport, ClassStudent, RosterImportResult, RosterInvalid } from '../../../lab/class/class-wire.js';
import type { FaultRule } from '../../../server/wire/faults.js';
import { eventually, startLab } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { connectSmtp } from '../../helpers/smtp-dialogue.js';
import { createBrowser, type BrowserClient } from '../browser-client.js';
import { loadKettle, temperatureControlWithMail } from '../objects/objects-helpers.js';

type Lab = Awaited<ReturnType<typeof startLab>>;

const TEACHER_PASSWORD = 'teacher-password-1';

async function signIn(lab: Lab, address: string, password: string): Promise<BrowserClient> {
  const browser = createBrowser(lab.url);
  const res = await browser.request('POST', '/api/lab/account/sign-in', { address, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return browser;
}

async function classLab() {
  const lab = await startLab();
  await lab.accounts.create('teacher', TEACHER_PASSWORD, { role: 'instructor' });
  const teacher = await signIn(lab, 'teacher@lab.local', TEACHER_PASSWORD);
  return { lab, teacher };
}

/** The browser client sends JSON; a roster goes as text/csv, the way the page uploads a file. */
async function postCsv(lab: Lab, teacher: BrowserClient, csv: string) {
  const res = await fetch(`${lab.url}/api/lab/class/roster`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Origin: lab.url, Cookie: `smtp_lab_session=${teacher.cookie()}` },
    body: csv,
  });
  return { status: res.status, body: (await res.json()) as RosterImportResult & RosterInvalid & { error?: { code: string } } };
}

const student = (overview: ClassOverview, address: string) => overview.students.find((s) => s.address === address) as ClassStudent;
const scenarioOf = (row: ClassStudent, id: string) => row.scenarios.find((s) => s.scenarioId === id);

describe('the class at a glance', () => {
  it('two students from a roster; their progress, sessions, mail and alerts as they work', async () => {
    const { lab, teacher } = await classLab();
    const imported = await postCsv(lab, teacher, 'Имя,Адрес\r\nАнна Иванова,anna\r\n"Петров, Борис",boris@lab.local\r\n');
    expect(imported.status).toBe(201);
    expect(imported.body.classMode).toBe(true);
    expect(imported.body.existing).toEqual([]);
    expect(imported.body.created.map((c) => [c.address, c.name])).toEqual([
      ['anna@lab.local', 'Анна Иванова'],
      ['boris@lab.local', 'Петров, Борис'],
    ]);
    const passwords = Object.fromEntries(imported.body.created.map((c) => [c.address, c.password]));
    expect(lab.accounts.get('anna@lab.local')).toMatchObject({ role: 'student', name: 'Анна Иванова' });

    const live = await subscribe(lab.url, '', { cookie: `smtp_lab_session=${teacher.cookie()}` });
    const overview = async () => {
      const res = await teacher.request<ClassOverview>('GET', '/api/lab/class');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return res.body;
    };
    const first = await overview();
    expect(first.classMode).toBe(true);
    expect(first.students.map((s) => s.address)).toEqual(['anna@lab.local', 'boris@lab.local']);
    expect(first.scenarios.map((s) => s.id)).toContain('account-app-password');
    expect(student(first, 'anna@lab.local')).toMatchObject({ name: 'Анна Иванова', currentScenario: null, sessionCount: 0, messages: 0, lastActivityAt: null });
    expect(scenarioOf(student(first, 'anna@lab.local'), 'account-app-password')).toMatchObject({ status: 'not-started', stepsPassed: 0, stepsTotal: 3 });

    // Anna signs in with her first password and starts the scenario; Boris's is started for him.
    const anna = await signIn(lab, 'anna@lab.local', passwords['anna@lab.local'] as string);
    expect((await anna.request('POST', '/api/lab/scenarios/account-app-password/start')).status).toBe(201);
    await lab.scenarios.start('boris@lab.local', 'account-app-password');
    const started = await overview();
    for (const address of ['anna@lab.local', 'boris@lab.local']) {
      expect(student(started, address).currentScenario).toBe('account-app-password');
      expect(scenarioOf(student(started, address), 'account-app-password')).toMatchObject({
        status: 'in-progress',
        stepsPassed: 1,
        passedChecks: 1,
        currentStep: { id: 'app-password', title: { en: expect.any(String), ru: expect.any(String) } },
      });
    }
    expect(student(started, 'anna@lab.local').lastActivityAt).not.toBeNull();

    // Anna's app password and a mail AUTH'd with it: her scenario is done; the instructor's stream says so.
    const app = (await anna.request('POST', '/api/lab/account/app-passwords', { label: 'mail' })).body.password as string;
    await nodemailer
      .createTransport({
        host: '127.0.0.1',
        port: lab.smtpsPort,
        secure: true,
        tls: { ca: lab.certificate, servername: 'localhost' },
        auth: { user: 'anna@lab.local', pass: app },
      })
      .sendMail({ from: 'anna@lab.local', to: 'ops@lab.local', subject: 'done', text: 'AUTH with an app password' });
    await live.waitFor((e) => e.Type === 'scenario-progress' && e.Data.student === 'anna@lab.local' && e.Data.completedAt !== null, 8000);
    const done = await eventually(async () => {
      const o = await overview();
      return scenarioOf(student(o, 'anna@lab.local'), 'account-app-password')?.status === 'done' ? o : undefined;
    });
    const annaRow = student(done, 'anna@lab.local');
    expect(scenarioOf(annaRow, 'account-app-password')).toMatchObject({
      stepsPassed: 3,
      currentStep: null,
      failedChecks: 0,
      pendingChecks: 0,
      completedAt: expect.any(String),
    });
    expect(annaRow).toMatchObject({ sessionCount: 1, sessionsWithErrors: 0, messages: 1 });
    expect(annaRow.lastSessions.map((s) => [s.Inbox, s.User])).toEqual([['anna@lab.local', 'anna@lab.local']]);
    expect(scenarioOf(student(done, 'boris@lab.local'), 'account-app-password')).toMatchObject({ status: 'in-progress', stepsPassed: 1 });

    // Boris by his HELO name on the open port, with a command out of order: a session with an error, his.
    const conn = await connectSmtp(lab.smtpPort);
    await conn.read();
    conn.send('HELO boris');
    await conn.read();
    conn.send('RCPT TO:<ops@lab.local>');
    expect((await conn.read()).code).toBe(503);
    conn.send('QUIT');
    await conn.read();
    await conn.closed();
    // An alert of his object: no integration saved, so it fails, and counts as failed.
    lab.objects.registry.create({ id: 'kettle-b', automaton: temperatureControlWithMail(), model: loadKettle(), owner: 'boris@lab.local', source: 'manual' });
    lab.objects.registry.telemetry('kettle-b', { temperatureC: 120 });
    await lab.objects.registry.idle();
    const boris = student(
      await eventually(async () => {
        const o = await overview();
        return student(o, 'boris@lab.local').sessionsWithErrors === 1 && student(o, 'boris@lab.local').alertsFailed === 1 ? o : undefined;
      }),
      'boris@lab.local',
    );
    expect(boris).toMatchObject({ sessionCount: 1, messages: 0, alertsSent: 0, alertsFailed: 1 });
    expect(boris.lastSessions[0]).toMatchObject({ Helo: 'boris', InboxRule: 'helo', ErrorCount: 1 });
    expect(student(await overview(), 'anna@lab.local').alertsFailed).toBe(0);
    // No password ever reaches the overview.
    expect(JSON.stringify(await overview())).not.toContain(passwords['anna@lab.local']);
  });
});

describe('the roster import', () => {
  it('a broken line: 400 roster_invalid with every problem, nothing created; fixed, it imports; again, all existing', async () => {
    const { lab, teacher } = await classLab();
    const broken = await postCsv(lab, teacher, 'name,address\nAnna,anna\nBoris\nVera,vera@\nAnna again,ANNA@lab.local\n');
    expect(broken.status).toBe(400);
    expect(broken.body.error?.code).toBe('roster_invalid');
    expect(broken.body.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(broken.body.problems[2]?.text).toEqual({ ru: 'адрес anna@lab.local уже есть в строке 2', en: 'the address anna@lab.local is already on line 2' });
    expect((broken.body.error as { fields?: Record<string, unknown> }).fields?.['line 3']).toEqual(broken.body.problems[0]?.text);
    expect(lab.accounts.list().map((a) => a.address)).toEqual(['teacher@lab.local']);

    // As JSON {csv}, the way a script may send it; Boris already has an account: untouched.
    await lab.accounts.create('boris', 'boris-own-password');
    const fixed = await teacher.request<RosterImportResult>('POST', '/api/lab/class/roster', { csv: 'Anna,anna\nBoris,boris\nVera,vera@school.example' });
    expect(fixed.status).toBe(201);
    expect(fixed.body.created.map((c) => c.address)).toEqual(['anna@lab.local', 'vera@school.example']);
    expect(fixed.body.existing).toEqual(['boris@lab.local']);
    for (const c of fixed.body.created) expect(c.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await lab.accounts.signIn('boris@lab.local', 'boris-own-password')).toBeDefined();
    expect(await lab.accounts.signIn('vera@school.example', fixed.body.created[1]!.password)).toBeDefined();

    const again = await teacher.request<RosterImportResult>('POST', '/api/lab/class/roster', { csv: 'Anna,anna\nBoris,boris' });
    expect(again.body).toMatchObject({ created: [], existing: ['anna@lab.local', 'boris@lab.local'] });

    // A Russian Excel's "CSV": Windows-1251 and semicolons, the charset unnamed.
    const excel = await fetch(`${lab.url}/api/lab/class/roster`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Origin: lab.url, Cookie: `smtp_lab_session=${teacher.cookie()}` },
      body: Buffer.concat([Buffer.from([0xc3, 0xeb, 0xe5, 0xe1]), Buffer.from(';gleb\r\n')]),
    });
    expect(excel.status).toBe(201);
    expect(lab.accounts.get('gleb')?.name).toBe('Глеб');

    const missing = await teacher.request('POST', '/api/lab/class/roster', { list: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('roster_missing');
  });

  it('a roster import tells the instructors live (class-changed), not the students', async () => {
    const { lab, teacher } = await classLab();
    await lab.accounts.create('early', 'early-password-1');
    const studentBrowser = await signIn(lab, 'early@lab.local', 'early-password-1');
    const teacherLive = await subscribe(lab.url, '', { cookie: `smtp_lab_session=${teacher.cookie()}` });
    const studentLive = await subscribe(lab.url, '', { cookie: `smtp_lab_session=${studentBrowser.cookie()}` });
    expect((await postCsv(lab, teacher, 'Gleb,gleb')).status).toBe(201);
    await teacherLive.waitFor((e) => e.Type === 'class-changed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(studentLive.events.some((e) => e.Type === 'class-changed')).toBe(false);
  });
});

describe('the class report', () => {
  it('JSON, CSV (quoted, no formulas) and a printable page (escaped), in Russian or English', async () => {
    const { lab, teacher } = await classLab();
    const csv = 'name,address\n"<script>alert(1)</script>",anna\n"=cmd|\' /C calc\'!A0",boris\n';
    expect((await postCsv(lab, teacher, csv)).status).toBe(201);
    await lab.scenarios.start('anna@lab.local', 'account-app-password');

    const json = await teacher.request<ClassReport>('GET', '/api/lab/class/report');
    expect(json.status).toBe(200);
    expect(json.body.students.map((s) => s.name).sort()).toEqual(['<script>alert(1)</script>', "=cmd|' /C calc'!A0"]);
    expect(json.body.students.find((s) => s.address === 'anna@lab.local')?.scenarios.find((s) => s.scenarioId === 'account-app-password')).toMatchObject({
      status: 'in-progress',
      stepsPassed: 1,
    });
    expect(json.body.scenarios.length).toBeGreaterThan(0);

    const csvRes = await fetch(`${lab.url}/api/lab/class/report.csv`, { headers: { Cookie: `smtp_lab_session=${teacher.cookie()}` } });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csvRes.headers.get('content-disposition')).toMatch(/^attachment; filename="class-report-\d{4}-\d\d-\d\d\.csv"$/);
    const text = (await csvRes.text()).replace(/^\uFEFF/, '');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('address,name,scenario,status,steps_passed,steps_total,completed_at');
    expect(lines).toHaveLength(1 + 2 * json.body.scenarios.length);
    expect(lines).toContain('anna@lab.local,<script>alert(1)</script>,account-app-password,in-progress,1,3,');
    expect(lines.filter((l) => l.startsWith('boris@lab.local,'))[0]).toMatch(/^boris@lab\.local,'=cmd\|' \/C calc'!A0,/);
    expect(text).not.toMatch(/(^|,)=cmd/m);

    const html = async (query: string) => {
      const res = await fetch(`${lab.url}/api/lab/class/report.html${query}`, { headers: { Cookie: `smtp_lab_session=${teacher.cookie()}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      return res.text();
    };
    const ru = await html('');
    expect(ru).toMatch(/^<!doctype html>\n<html lang="ru">/);
    expect(ru).toContain('Отчёт по группе');
    expect(ru).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(ru).not.toContain('<script>');
    expect(ru).toContain('=cmd|&#39; /C calc&#39;!A0');
    expect(ru).toContain('@media print');
    const en = await html('?lang=en');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Class report');
    expect(en).toContain('step 2 of 3');
  });
});

describe('faults for one student or the class', () => {
  it('greylisting for Anna: her mail gets 451 on the first try, Boris’s goes through; removed, hers too', async () => {
    const { lab, teacher } = await classLab();
    expect((await postCsv(lab, teacher, 'Anna,anna\nBoris,boris')).status).toBe(201);
    const send = async (address: string) => {
      const { password } = await lab.accounts.createAppPassword(address, 'test');
      return nodemailer
        .createTransport({
          host: '127.0.0.1',
          port: lab.submissionPort,
          secure: false,
          requireTLS: true,
          tls: { ca: lab.certificate, servername: 'localhost' },
          auth: { user: address, pass: password },
        })
        .sendMail({ from: address, to: 'ops@lab.local', subject: `from ${address}`, text: 'hello' })
        .then(
          () => 'sent',
          (err: { responseCode?: number }) => err.responseCode,
        );
    };
    const added = await teacher.request<FaultRule>('POST', '/api/lab/class/faults', { student: 'anna', preset: 'greylisting' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ preset: 'greylisting', scope: { kind: 'student', address: 'anna@lab.local' } });

    expect(await send('anna@lab.local')).toBe(451);
    expect(await send('boris@lab.local')).toBe('sent');
    const overview = (await teacher.request<ClassOverview>('GET', '/api/lab/class')).body;
    expect(student(overview, 'anna@lab.local').faults.map((f) => f.id)).toEqual([added.body.id]);
    expect(student(overview, 'boris@lab.local').faults).toEqual([]);
    expect(overview.classFaults).toEqual([]);
    expect(student(overview, 'anna@lab.local').sessionsWithErrors).toBe(1);

    expect((await teacher.request('DELETE', `/api/lab/class/faults/${added.body.id}`)).status).toBe(204);
    expect(await send('anna@lab.local')).toBe('sent');
    expect((await teacher.request('DELETE', `/api/lab/class/faults/${added.body.id}`)).status).toBe(404);
  });

  it('a rule for the whole class, a rule of its own; what makes no sense is refused', async () => {
    const { lab, teacher } = await classLab();
    expect((await postCsv(lab, teacher, 'Anna,anna')).status).toBe(201);
    const classWide = await teacher.request<FaultRule>('POST', '/api/lab/class/faults', {
      rule: { stage: 'rcpt', effect: { kind: 'reply', code: 452, text: 'Slow down' } },
    });
    expect(classWide.status, JSON.stringify(classWide.body)).toBe(201);
    expect(classWide.body.scope).toEqual({ kind: 'lab' });
    expect((await teacher.request<ClassOverview>('GET', '/api/lab/class')).body.classFaults.map((f) => f.id)).toEqual([classWide.body.id]);
    expect((await teacher.request('DELETE', `/api/lab/class/faults/${classWide.body.id}`)).status).toBe(204);

    const refused = [
      [{ student: 'nobody', preset: 'greylisting' }, 404, 'unknown_student'],
      [{ student: 'teacher', preset: 'greylisting' }, 404, 'unknown_student'],
      [{ student: 'anna' }, 400, 'fault_missing'],
      [{ student: 'anna', preset: 'no-such-preset' }, 400, 'invalid_fault'],
      [{ rule: { stage: 'rcpt', effect: { kind: 'reply', code: 700, text: 'x' } } }, 400, 'invalid_fault'],
    ] as const;
    for (const [body, status, code] of refused) {
      const res = await teacher.request('POST', '/api/lab/class/faults', body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
      expect(res.body.error.text.ru).toMatch(/[а-я]/);
    }
    const testRule = lab.faults.scope('suite-1').add({ preset: 'greylisting' });
    expect((await teacher.request('DELETE', `/api/lab/class/faults/${testRule.id}`)).status).toBe(404);
    expect(lab.faults.list().some((r) => r.id === testRule.id)).toBe(true);
  });
});

describe('who may ask', () => {
  it('anonymous 401, a student 403, the instructor viewing as a student 403, another site 403, the admin token 200', async () => {
    const { lab, teacher } = await classLab();
    await lab.accounts.create('anna', 'anna-password-1');
    const anna = await signIn(lab, 'anna@lab.local', 'anna-password-1');
    const paths = ['/api/lab/class', '/api/lab/class/report', '/api/lab/class/report.csv', '/api/lab/class/report.html'];
    for (const path of paths) {
      expect((await fetch(lab.url + path)).status, path).toBe(401);
      expect((await anna.request('GET', path)).status, path).toBe(403);
      expect((await teacher.request('GET', path, undefined, { 'X-Lab-View-As': 'anna@lab.local' })).status, path).toBe(403);
      expect((await fetch(lab.url + path, { headers: { Authorization: `Bearer ${lab.adminToken}` } })).status, path).toBe(200);
      expect((await fetch(lab.url + path, { headers: { Authorization: 'Bearer wrong' } })).status, path).toBe(401);
    }
    const post = (headers: Record<string, string>) =>
      fetch(`${lab.url}/api/lab/class/roster`, { method: 'POST', headers: { 'Content-Type': 'text/csv', ...headers }, body: 'Boris,boris' });
    expect((await post({})).status).toBe(401);
    expect((await post({ Cookie: `smtp_lab_session=${anna.cookie()}`, Origin: lab.url })).status).toBe(403);
    expect((await post({ Cookie: `smtp_lab_session=${teacher.cookie()}`, Origin: 'http://evil.example' })).status).toBe(403);
    expect(lab.accounts.get('boris')).toBeUndefined();
    expect((await post({ Authorization: `Bearer ${lab.adminToken}` })).status).toBe(201);
    expect(lab.accounts.get('boris')).toMatchObject({ role: 'student' });
  });
});
