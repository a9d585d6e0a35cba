// The Instructor page end to end, in real Chromium against a real lab server in class mode
// (issue 14, point 3). The instructor signs in on the page (in Russian), imports a roster of
// three from a CSV file — a broken one first: its line named, nothing imported — and sees the
// first passwords once; students, driven by the test over HTTP and SMTP, sign in, send mail and
// start a scenario, and their rows change live, without a reload; greylisting switched on for one
// student in the page is that student's rule on the server (and their next mail is greylisted,
// its session marked in the row); "Open as the student" shows the banner and only that student's
// mail, and refuses a change; the report's print page lists the students. A student signed in
// sees no Instructor tab.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RosterImportResult } from '../../../lab/class/class-wire.js';
import type { FaultRule, FaultsList } from '../../../server/wire/faults.js';
import { openPage, screenshot, useBrowser, waitLive } from '../../helpers/browser.js';
import { startLab } from '../../helpers/lab.js';
import { labTransport } from '../../helpers/send-mail.js';
import { createBrowser, type BrowserClient } from '../../lab/browser-client.js';

// page.evaluate callbacks run inside Chromium; the Node test program has no DOM lib.
declare const window: any;

const browser = useBrowser();
type Lab = Awaited<ReturnType<typeof startLab>>;

const TEACHER = 'teacher@lab.local';
const TEACHER_PASSWORD = 'teacher-password-1';
const ROSTER = 'name,address\nАнна Петрова,anna@lab.local\nБорис Иванов,boris@lab.local\n"Вера <b>Сидорова</b>",vera@lab.local\n';
const BROKEN = 'name,address\nАнна Петрова,anna@lab.local\nБорис Иванов,not an address\n';

/** A class-mode page asks for things before anyone signs in (401s, the stream refused): those are expected. */
function unexpected(problems: string[]): string[] {
  return problems.filter((p) => !/status of 401|WebSocket connection to .* failed/.test(p));
}

async function signInOnPage(page: Page, address: string, password: string): Promise<void> {
  const panel = page.getByTestId('instructor-sign-in');
  await panel.getByTestId('mode-sign-in').click();
  await panel.locator('#account-address').fill(address);
  await panel.locator('#account-password').fill(password);
  await panel.getByTestId('auth-submit').click();
}

async function signIn(lab: Lab, address: string, password: string): Promise<BrowserClient> {
  const client = createBrowser(lab.url);
  const res = await client.request('POST', '/api/lab/account/sign-in', { address, password });
  expect(res.status, res.text).toBe(200);
  return client;
}

/** A mail AUTH'd as the student on the submission port (STARTTLS), as their application sends it. */
function sendAs(lab: Lab, address: string, password: string, subject: string) {
  return labTransport(lab.submissionPort as number, {
    ignoreTLS: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false },
    auth: { user: address, pass: password },
  }).sendMail({ from: address, to: 'ops@example.com', subject, text: `${subject}: a mail of the class` });
}

const file = (text: string) => ({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('the Instructor page: the class live, the roster, faults per student, the student’s view, the report', () => {
  it('in Russian: roster of 3 (a broken one refused first) → passwords once → rows tick live → greylisting for Anna → her view read-only → the report', async () => {
    const lab = await startLab({ classMode: true, smtpsPort: false });
    await lab.accounts.create(TEACHER, TEACHER_PASSWORD, { role: 'instructor', name: 'Преподаватель' });
    const { page, problems, context } = await openPage(browser(), `${lab.url}/instructor`, { locale: 'ru-RU' });

    // Nobody signed in: the tab is not in the bar, its page asks for the instructor's sign-in.
    await page.getByTestId('instructor-sign-in').waitFor();
    expect(await page.locator('[data-tab="instructor"]').count()).toBe(0);
    expect(await page.getByTestId('instructor-page').textContent()).toContain('Войдите под учётной записью преподавателя');
    await signInOnPage(page, TEACHER, TEACHER_PASSWORD);
    await page.locator('[data-tab="instructor"]').waitFor();
    // A class page may start afresh after a sign-in (what it may see changed): from here on, one document.
    await page.goto(`${lab.url}/instructor`);
    await page.getByTestId('class-table').waitFor();
    expect(await page.locator('[data-tab="instructor"]').textContent()).toBe('Преподаватель');
    expect(await page.getByTestId('class-empty').textContent()).toBe('Студентов пока нет: загрузите список группы ниже.');
    await waitLive(page);
    await page.evaluate(() => (window.sameDocument = true));

    // A broken roster: the line named, nothing imported.
    await page.getByTestId('roster-file').setInputFiles(file(BROKEN));
    await page.getByTestId('roster-problems').waitFor();
    expect(await page.getByTestId('roster-problems').textContent()).toContain('Ничего не загружено');
    expect(await page.getByTestId('roster-problem').evaluateAll((els) => els.map((el) => el.getAttribute('data-line')))).toEqual(['3']);
    expect(await page.getByTestId('roster-problem').first().textContent()).toMatch(/^строка 3: /);
    expect(lab.accounts.size()).toBe(1);

    // The roster of three: the accounts and their first passwords, shown once, with the warning.
    const answered = page.waitForResponse((res) => res.url().endsWith('/api/lab/class/roster') && res.request().method() === 'POST');
    await page.getByTestId('roster-file').setInputFiles(file(ROSTER));
    const imported = (await (await answered).json()) as RosterImportResult;
    await page.getByTestId('roster-created').waitFor();
    expect(await page.getByTestId('roster-once').textContent()).toContain('Эти пароли показаны только сейчас');
    const shown = await page
      .getByTestId('roster-account')
      .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-address'), row.querySelector('[data-testid="roster-password"]')?.textContent]));
    expect(shown.map(([address]) => address)).toEqual(['anna@lab.local', 'boris@lab.local', 'vera@lab.local']);
    expect(shown.map(([, password]) => password)).toEqual(imported.created.map((c) => c.password));
    const password = Object.fromEntries(imported.created.map((c) => [c.address, c.password])) as Record<string, string>;
    for (const p of Object.values(password)) expect(p.length).toBeGreaterThanOrEqual(8);

    // The rows, from the roster (a name with markup stays text).
    const row = (address: string) => page.locator(`[data-testid="class-row"][data-student="${address}"]`);
    await expect.poll(() => page.getByTestId('class-row').count()).toBe(3);
    expect(await row('vera@lab.local').getByTestId('row-name').textContent()).toBe('Вера <b>Сидорова</b>');
    expect(await row('vera@lab.local').locator('b').count()).toBe(0);
    expect(await row('anna@lab.local').getByTestId('row-scenario').getAttribute('data-status')).toBe('none');
    expect(await row('anna@lab.local').getByTestId('row-mails').textContent()).toBe('0');
    await keep(page, 'instructor-roster');
    await page.getByTestId('roster-done').click();
    expect(await page.getByTestId('roster-password').count()).toBe(0);

    // Anna and Boris work (the test is their application and their browser): the rows tick live.
    const anna = await signIn(lab, 'anna@lab.local', password['anna@lab.local'] as string);
    await sendAs(lab, 'anna@lab.local', password['anna@lab.local'] as string, 'Отчёт Анны');
    await sendAs(lab, 'boris@lab.local', password['boris@lab.local'] as string, 'Отчёт Бориса');
    await expect.poll(() => row('anna@lab.local').getByTestId('row-mails').textContent()).toBe('1');
    await expect.poll(() => row('boris@lab.local').getByTestId('row-mails').textContent()).toBe('1');
    expect(await row('anna@lab.local').getByTestId('row-session').count()).toBe(1);
    expect(await row('anna@lab.local').getByTestId('row-session').getAttribute('data-highlighted')).toBe('false');
    expect((await anna.request('POST', '/api/lab/scenarios/smtp-by-hand/start')).status).toBe(201);
    await expect.poll(() => row('anna@lab.local').getByTestId('row-scenario').getAttribute('data-scenario')).toBe('smtp-by-hand');
    expect(await row('anna@lab.local').getByTestId('row-scenario').getAttribute('data-status')).toBe('in-progress');
    expect(await row('anna@lab.local').getByTestId('row-scenario').textContent()).toContain('SMTP-диалог вручную');
    expect(await row('anna@lab.local').getByTestId('row-step').textContent()).toMatch(/^шаг 1 из \d+/);
    expect(await row('anna@lab.local').getByTestId('checks-pending').getAttribute('data-count')).not.toBe('0');
    expect(await page.getByTestId('class-summary').getAttribute('data-students')).toBe('3');
    expect(await page.evaluate(() => window.sameDocument)).toBe(true);

    // Greylisting for Anna, in the page: her rule on the server, not Boris's.
    const grey = row('anna@lab.local').getByTestId('greylisting-switch');
    expect(await grey.getAttribute('data-on')).toBe('false');
    await grey.click();
    await expect.poll(() => grey.getAttribute('data-on')).toBe('true');
    expect(await row('anna@lab.local').locator('[data-testid="fault-rule"][data-preset="greylisting"]').count()).toBe(1);
    expect(await row('boris@lab.local').getByTestId('fault-rule').count()).toBe(0);
    const annaRules = (await anna.request<FaultsList>('GET', '/api/lab/faults')).body.rules;
    expect(annaRules.map((r: FaultRule) => [r.preset, r.scope])).toEqual([['greylisting', { kind: 'student', address: 'anna@lab.local' }]]);
    const boris = await signIn(lab, 'boris@lab.local', password['boris@lab.local'] as string);
    expect((await boris.request<FaultsList>('GET', '/api/lab/faults')).body.rules).toEqual([]);
    // Her next mail meets it (451, try later): the session is marked in her row.
    await expect(sendAs(lab, 'anna@lab.local', password['anna@lab.local'] as string, 'Второе письмо')).rejects.toThrow(/451/);
    await expect.poll(() => row('anna@lab.local').locator('[data-testid="row-session"][data-highlighted="true"]').count()).toBe(1);
    expect(await row('anna@lab.local').getAttribute('data-attention')).toBe('true');
    await keep(page, 'instructor-class');

    // Her view, read-only: the banner, her mail only, no Instructor tab, a change refused.
    const [view] = await Promise.all([context.waitForEvent('page'), row('anna@lab.local').getByTestId('open-as').click()]);
    await view.getByTestId('view-as-banner').waitFor();
    expect(new URL(view.url()).searchParams.get('as')).toBe('anna@lab.local');
    expect(await view.getByTestId('view-as-text').textContent()).toBe('Просмотр глазами студента anna@lab.local — только чтение');
    await expect.poll(() => view.getByTestId('mail-subject').allTextContents()).toEqual(['Отчёт Анны']);
    await waitLive(view);
    expect(await view.locator('[data-tab="instructor"]').count()).toBe(0);
    const refused = await view.evaluate(async () => {
      const res = await window.fetch('/api/v1/messages', { method: 'DELETE' });
      return { status: res.status, code: (await res.json()).error.code };
    });
    expect(refused).toEqual({ status: 403, code: 'read_only' });
    expect(lab.mailbox.forInbox('anna@lab.local').stats().total).toBe(1);
    // Moving to another tab keeps the view (the address loses its ?as=, the tab remembers).
    await view.locator('[data-tab="sessions"]').click();
    await view.getByTestId('view-as-banner').waitFor();
    await view.reload();
    await view.getByTestId('view-as-banner').waitFor();
    await keep(view, 'instructor-view-as');
    await view.close();

    // A session of hers opens in her Sessions view, read-only too.
    const [sessionView] = await Promise.all([
      context.waitForEvent('page'),
      row('anna@lab.local').locator('[data-testid="row-session"][data-highlighted="true"]').click(),
    ]);
    await sessionView.getByTestId('view-as-banner').waitFor();
    await sessionView.getByTestId('session-view').waitFor();
    expect(new URL(sessionView.url()).pathname).toMatch(/^\/sessions\/.+/);
    await sessionView.close();

    // The report's print page lists the class.
    const [printed] = await Promise.all([context.waitForEvent('page'), page.getByTestId('report-print').click()]);
    await printed.waitForLoadState();
    const text = (await printed.locator('body').textContent()) ?? '';
    for (const name of ['Анна Петрова', 'Борис Иванов', 'Вера <b>Сидорова</b>', 'vera@lab.local']) expect(text).toContain(name);
    expect(await printed.locator('b').count()).toBe(0);
    await printed.close();
    expect(await page.getByTestId('report-csv').getAttribute('href')).toBe('/api/lab/class/report.csv');
    expect(await page.getByTestId('report-json').getAttribute('href')).toBe('/api/lab/class/report.json');

    // In English too, live, on the same page.
    await page.locator('[data-lang="en"]').click();
    expect(await page.locator('[data-tab="instructor"]').textContent()).toBe('Instructor');
    expect(await page.getByTestId('class-summary').textContent()).toContain('3 students');
    expect(await row('anna@lab.local').getByTestId('open-as').textContent()).toBe('Open as the student ↗');

    // The browser logs the broken roster's 400, the one answer the test asked for.
    expect(unexpected(problems)).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });

  it('a student signed in sees no Instructor tab, and its page says it is the instructor’s', async () => {
    const lab = await startLab({ classMode: true, smtpsPort: false });
    await lab.accounts.create(TEACHER, TEACHER_PASSWORD, { role: 'instructor' });
    await lab.accounts.create('anna', 'anna-password-1', { name: 'Анна' });
    const { page, problems } = await openPage(browser(), `${lab.url}/instructor`, { locale: 'ru-RU' });
    await signInOnPage(page, 'anna@lab.local', 'anna-password-1');
    await page.getByTestId('not-instructor').waitFor();
    expect(await page.getByTestId('not-instructor').textContent()).toBe('Эта страница — для преподавателя группы. Вы вошли как студент.');
    expect(await page.getByTestId('class-table').count()).toBe(0);
    expect(await page.locator('[data-tab="instructor"]').count()).toBe(0);
    // Another tab, after a reload (signed in from the start): still no Instructor tab.
    await page.locator('[data-tab="sessions"]').click();
    await page.reload();
    await waitLive(page);
    await page.locator('[data-tab="scenarios"]').waitFor();
    expect(await page.locator('[data-tab="instructor"]').count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
  });
});

async function keep(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
}
