// The scenario panel and the report end to end, in real Chromium against a real lab server
// (issue 12, points 3 and 4). Not signed in (the student "local"), a student starts
// "smtp-by-hand" from the side panel, opens the Sessions tab and does the dialogue with a raw
// SMTP client: first at a program's pace (the step fails with its reason and hint 1 of 3), then
// typed at a person's pace — each step ticks to passed in the side panel, live, with no reload.
// Then the printable report: its contents, the JSON behind it, and that in print it fits A4
// (nothing wider than the printable width, no dark backgrounds, no app chrome). In Russian; the
// report in English too; the panel at phone width.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../lab/scenarios/scenario-types.js';
import { openPage, PHONE, screenshot, SCREENSHOT_DIR, sidewaysScrollers, useBrowser, waitLive } from '../helpers/browser.js';
import { getJson, startLab } from '../helpers/lab.js';
import { connectSmtp, type SmtpConnection } from '../helpers/smtp-dialogue.js';
import { unexpectedProblems } from './lab-e2e-steps.js';

// page.evaluate callbacks run inside Chromium; the Node test program has no DOM lib.
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: unknown): { backgroundColor: string };

const browser = useBrowser();
const scratch = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.scratch');

/** A4's width less two 15-mm margins, at 96 px to the inch: (210 − 30) mm × 96 / 25.4. */
const A4_CONTENT_PX = Math.floor(((210 - 30) * 96) / 25.4);

/** A screenshot for the report too (.scratch/ is the lead's). */
async function keep(page: Page, name: string, fullPage = false): Promise<void> {
  let path = join(SCREENSHOT_DIR, `${name}.png`);
  if (fullPage) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path, fullPage: true });
  } else path = await screenshot(page, name);
  mkdirSync(scratch, { recursive: true });
  copyFileSync(path, join(scratch, `${name}.png`));
}

const PACE_MS = 350;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each line after the reply before it and a pause (a person at nc), the mail's text after 354; the replies' codes. */
async function typeDialogue(conn: SmtpConnection, lines: string[], paceMs: number): Promise<number[]> {
  const codes = [(await conn.read()).code];
  for (const line of lines) {
    await pause(paceMs);
    conn.send(line);
    const reply = await conn.read();
    codes.push(reply.code);
    if (line === 'DATA' && reply.code === 354) {
      conn.send('Subject: Привет\r\n\r\nПисьмо, набранное вручную.\r\n.');
      codes.push((await conn.read()).code);
    }
  }
  return codes;
}

const DIALOGUE = ['EHLO student', 'MAIL FROM:<student@lab.local>', 'RCPT TO:<ops@lab.local>', 'DATA', 'QUIT'];

/** Every element of the report wider than A4's printable width, or whose content is wider than its box; dark backgrounds. */
function printProblems(page: Page, width: number): Promise<string[]> {
  return page.evaluate((max: number) => {
    const found: string[] = [];
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollWidth > max + 1) found.push(`document ${doc.scrollWidth} > ${max}`);
    for (const el of document.querySelectorAll('body *') as Iterable<any>) {
      if (!el.checkVisibility()) continue;
      const box = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()}.${el.className}`;
      if (box.right > max + 1) found.push(`${name} ends at ${Math.round(box.right)} > ${max}`);
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) found.push(`${name} content ${el.scrollWidth} > ${el.clientWidth}`);
      const bg = getComputedStyle(el).backgroundColor.match(/rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/);
      if (bg && (bg[4] === undefined || Number(bg[4]) > 0.2)) {
        const [r, g, b] = [bg[1], bg[2], bg[3]].map(Number) as [number, number, number];
        if (0.2126 * r + 0.7152 * g + 0.0722 * b < 200) found.push(`${name} dark background ${bg[0]}`);
      }
    }
    return found;
  }, width);
}

describe('Scenarios: the panel beside the work, live, and the printable report', () => {
  it('smtp-by-hand from the side panel on the Sessions tab: a program’s pace fails with a hint, typed by hand every step ticks live; the report fits A4', async () => {
    const lab = await startLab({ smtpsPort: false, submissionPort: false });
    const { page, problems } = await openPage(browser(), `${lab.url}/sessions`, { locale: 'ru-RU' });
    await waitLive(page);
    expect(await page.locator('[data-tab="scenarios"]').textContent()).toMatch(/^Сценарии/);
    // The report is a page of its own, not a tab.
    expect(await page.locator('[data-tab="report"]').count()).toBe(0);

    // Nothing runs yet: the panel is a collapsed strip, offering the first scenario.
    const side = page.getByTestId('scenario-side');
    expect(await side.getAttribute('data-open')).toBe('false');
    expect(await side.getAttribute('data-scenario')).toBe('smtp-by-hand');
    await page.getByTestId('scenario-toggle').click();
    expect(await side.getAttribute('data-open')).toBe('true');
    expect(await side.getByTestId('scenario-title').textContent()).toBe('SMTP-диалог вручную');
    expect(await side.getByTestId('scenario-status').getAttribute('data-status')).toBe('not-started');
    await side.getByTestId('scenario-start').click();
    await expect.poll(() => side.getByTestId('scenario-status').getAttribute('data-status')).toBe('running');
    expect(lab.scenarios.progress('local').map((p) => p.scenarioId)).toEqual(['smtp-by-hand']);

    const step = (id: string) => side.locator(`[data-testid="scenario-step"][data-step="${id}"]`);
    const states = async () =>
      Object.fromEntries(await Promise.all(['greeting', 'mail-by-hand', 'quit'].map(async (id) => [id, await step(id).getAttribute('data-state')])));
    expect(await states()).toEqual({ greeting: 'pending', 'mail-by-hand': 'pending', quit: 'pending' });
    // The current step's instructions, its commands as code (never HTML: the address stays text).
    const detail = side.getByTestId('scenario-step-detail');
    expect(await detail.getAttribute('data-step')).toBe('greeting');
    expect(await detail.locator('code').allTextContents()).toEqual(['nc -C 127.0.0.1 1025', 'telnet 127.0.0.1 1025', 'EHLO student']);
    expect(await detail.textContent()).toMatch(/^Откройте соединение с открытым портом лаборатории/);
    // Live, not reloaded: this mark survives only in the same document.
    await page.evaluate(() => (window.sameDocument = true));

    // A program's pace: EHLO and QUIT pass, the three commands fail with the reason and hint 1 of 3.
    const fast = await connectSmtp(lab.smtpPort);
    expect(await typeDialogue(fast, DIALOGUE, 0)).toEqual([220, 250, 250, 250, 354, 250, 221]);
    await expect.poll(() => step('mail-by-hand').getAttribute('data-state')).toBe('failed');
    expect(await states()).toEqual({ greeting: 'passed', 'mail-by-hand': 'failed', quit: 'passed' });
    expect(await step('greeting').locator('.scn-mark').textContent()).toBe('✓');
    expect(await step('mail-by-hand').locator('.scn-mark').textContent()).toBe('✗');
    expect(await detail.getAttribute('data-step')).toBe('mail-by-hand');
    expect(await side.getByTestId('scenario-reason').textContent()).toMatch(
      /^Почему не засчитан.*MAIL пришла через \d+ мс после ответа сервера — так быстро отвечает программа/,
    );
    const hint = side.getByTestId('scenario-hint');
    expect(await hint.locator('strong').textContent()).toBe('Подсказка 1 из 3');
    expect(await hint.textContent()).toMatch(/Команды набираются руками/);
    expect(await page.getByTestId('scenario-count').textContent()).toBe('2/3');
    await keep(page, 'scenarios-failed-ru');

    // Typed by hand, in the Sessions tab: the step ticks to passed, the scenario completes.
    await expect.poll(() => page.locator('.vlist-row').count()).toBe(1);
    const slow = await connectSmtp(lab.smtpPort);
    expect(await typeDialogue(slow, DIALOGUE, PACE_MS)).toEqual([220, 250, 250, 250, 354, 250, 221]);
    await expect.poll(() => step('mail-by-hand').getAttribute('data-state')).toBe('passed');
    expect(await states()).toEqual({ greeting: 'passed', 'mail-by-hand': 'passed', quit: 'passed' });
    await expect.poll(() => side.getByTestId('scenario-status').getAttribute('data-status')).toBe('completed');
    await side.getByTestId('scenario-done').waitFor();
    expect(await page.getByTestId('scenario-count').textContent()).toBe('3/3');
    expect(await page.evaluate(() => window.sameDocument)).toBe(true);
    await page.getByTestId('sessions-page').waitFor();
    await expect.poll(() => page.locator('.vlist-row').count()).toBe(2);
    await keep(page, 'scenarios-passed-ru');

    // The Scenarios tab says the same, the panel still beside it; the next scenario is one click away.
    await page.locator('[data-tab="scenarios"]').click();
    const card = page.locator('[data-testid="scenario-card"][data-scenario="smtp-by-hand"]');
    expect(await card.getAttribute('data-status')).toBe('completed');
    expect(await page.getByTestId('scenario-card').count()).toBe(8);
    expect(await page.locator('[data-testid="scenario-card"][data-scenario="starttls-auth"]').getByTestId('scenario-needs-account').count()).toBe(1);
    await side.getByTestId('scenario-next').click();
    expect(await side.getAttribute('data-scenario')).toBe('missing-commands');
    await keep(page, 'scenarios-tab-ru');

    // The report, from the panel's link: a page of its own, no app chrome.
    await side.getByRole('link', { name: 'Отчёт для печати' }).click();
    await page.getByTestId('report').waitFor();
    expect(await page.locator('.topbar').count()).toBe(0);
    expect(await page.getByTestId('scenario-side').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('Сценарии лаборатории: отчёт');
    expect(await page.getByTestId('report-student').textContent()).toBe('local');
    expect(await page.getByTestId('report-total').textContent()).toBe('пройдено сценариев: 1 из 8');
    expect(await page.title()).toMatch(/^Отчёт по сценариям — этот компьютер — \d{4}-\d{2}-\d{2}$/);
    const sections = page.getByTestId('report-scenario');
    expect(await sections.count()).toBe(8);
    const byHand = page.locator('[data-testid="report-scenario"][data-scenario="smtp-by-hand"]');
    expect(await byHand.getAttribute('data-status')).toBe('completed');
    const row = (id: string) => byHand.locator(`[data-testid="report-step"][data-step="${id}"]`);
    for (const id of ['greeting', 'mail-by-hand', 'quit']) {
      expect(await row(id).getAttribute('data-state')).toBe('passed');
      expect(await row(id).getByTestId('report-passed-at').textContent()).toMatch(/\d{2}:\d{2}:\d{2}/);
    }
    expect(await row('mail-by-hand').getByTestId('report-attempts').textContent()).toBe('2');
    expect(await row('mail-by-hand').getByTestId('report-hints').getAttribute('data-count')).toBe('1');
    expect(await row('mail-by-hand').getByTestId('report-hints').textContent()).toMatch(/Команды набираются руками/);
    expect(await row('greeting').getByTestId('report-hints').textContent()).toBe('—');
    expect(await page.locator('[data-testid="report-scenario"][data-scenario="missing-commands"]').getAttribute('data-status')).toBe('not-started');

    // "Download JSON" is the same report.
    const json = page.getByTestId('report-json');
    expect(await json.getAttribute('href')).toBe('/api/lab/scenarios/report');
    expect(await json.getAttribute('download')).toMatch(/^scenario-report-local-\d{4}-\d{2}-\d{2}\.json$/);
    const download = await Promise.all([page.waitForEvent('download'), json.click()]).then(([d]) => d);
    const saved = JSON.parse(await download.createReadStream().then((s) => new Response(s as unknown as ReadableStream).text())) as ScenarioReport;
    expect(saved.student).toBe('local');
    expect(saved.scenarios.find((s) => s.id === 'smtp-by-hand')?.progress?.completedAt).not.toBeNull();
    const api = await getJson<ScenarioReport>(`${lab.url}/api/lab/scenarios/report`);
    expect(saved.scenarios.map((s) => s.id)).toEqual(api.body.scenarios.map((s) => s.id));

    // On paper: A4's printable width, nothing wider, no tools, no dark backgrounds.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_CONTENT_PX, height: 1000 });
    expect(await page.getByTestId('report-print').isVisible()).toBe(false);
    expect(await printProblems(page, A4_CONTENT_PX)).toEqual([]);
    await keep(page, 'scenarios-report-print-ru', true);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    mkdirSync(scratch, { recursive: true });
    writeFileSync(join(scratch, 'scenarios-report-ru.pdf'), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(8);

    // In English, every word follows; it fits as well.
    await page.emulateMedia({ media: 'screen' });
    await page.locator('[data-lang="en"]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Lab scenarios: report');
    expect(await page.getByTestId('report-total').textContent()).toBe('1 of 8 scenarios completed');
    expect(await row('mail-by-hand').getByTestId('report-hints').textContent()).toMatch(/Type the commands by hand/);
    await page.emulateMedia({ media: 'print' });
    expect(await printProblems(page, A4_CONTENT_PX)).toEqual([]);
    await page.emulateMedia({ media: 'screen' });
    await page.locator('[data-lang="ru"]').click();

    // At a phone's width: a scenario was started, so the panel opens by itself, showing the one
    // started last; collapsed, it is a bar below the work; open, a sheet. Nothing scrolls sideways.
    const phone = await openPage(browser(), `${lab.url}/sessions`, { locale: 'ru-RU', viewport: PHONE });
    await waitLive(phone.page);
    const bar = phone.page.getByTestId('scenario-side');
    expect(await bar.getAttribute('data-open')).toBe('true');
    expect(await bar.getAttribute('data-scenario')).toBe('smtp-by-hand');
    await bar.getByTestId('scenario-done').waitFor();
    await phone.page.getByTestId('scenario-toggle').click();
    expect(await bar.getAttribute('data-open')).toBe('false');
    const box = await bar.boundingBox();
    expect(box && box.y + box.height).toBeCloseTo(PHONE.height, 0);
    expect(box?.width).toBe(PHONE.width);
    expect(await sidewaysScrollers(phone.page)).toEqual([]);
    await keep(phone.page, 'scenarios-phone-bar-ru');
    await phone.page.getByTestId('scenario-toggle').click();
    expect(await bar.getAttribute('data-open')).toBe('true');
    expect((await bar.boundingBox())?.height).toBeLessThanOrEqual(PHONE.height * 0.6 + 1);
    await bar.getByTestId('scenario-next').click();
    expect(await bar.getAttribute('data-scenario')).toBe('missing-commands');
    // Started there, the current step's commands wrap within the sheet.
    await bar.getByTestId('scenario-start').click();
    await bar.getByTestId('scenario-step-detail').waitFor();
    expect(await bar.getByTestId('scenario-step-detail').locator('code').first().textContent()).toBe('nc -C 127.0.0.1 1025');
    expect(await sidewaysScrollers(phone.page)).toEqual([]);
    await keep(phone.page, 'scenarios-phone-ru');
    await phone.page.locator('[data-tab="scenarios"]').click();
    await expect.poll(() => phone.page.getByTestId('scenario-card').count()).toBe(8);
    expect(await sidewaysScrollers(phone.page)).toEqual([]);

    // The only failed loads are the sign-in checks of a page that is not signed in.
    expect(unexpectedProblems([...problems, ...phone.problems])).toEqual([]);
  });
});
