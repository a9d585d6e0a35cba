// Language, layout and keyboard in real Chromium: a Russian browser gets the Russian page, the
// switch is remembered; every main view at 1280×800 and on a 390-px phone, in both languages,
// without sideways scrolling (screenshots in test-output/screenshots/); the lists and the mail
// views work from the keyboard; nothing shifts while mail streams in.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLabServer, type LabServer } from '../../server/index.js';
import { openPage, screenshot, sidewaysScrollers, useBrowser, waitLive, DESKTOP, PHONE } from '../helpers/browser.js';
import { startLab } from '../helpers/lab.js';
import { labTransport } from '../helpers/send-mail.js';
import { connect } from 'node:net';

// page.evaluate callbacks run inside Chromium; the Node test program has no DOM lib.
declare const document: any;
declare const window: any;
declare const PerformanceObserver: any;

const browser = useBrowser();

/** A raw SMTP dialogue outside a test (beforeAll): each line waits for the reply to the last. */
async function rawDialogue(port: number, lines: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  let waiting: (() => void) | undefined;
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^\d{3} /.test(line)) {
        replies.push(line);
        waiting?.();
      }
    }
  });
  const next = (count: number) =>
    new Promise<void>((resolve) => {
      waiting = () => replies.length >= count && resolve();
      waiting();
    });
  await next(1);
  for (const line of lines) {
    socket.write(`${line}\r\n`);
    await next(replies.length + 1);
  }
  await new Promise((resolve) => socket.on('close', resolve));
  return replies;
}

describe('language', () => {
  it('speaks Russian to a Russian browser and remembers a switch to English', async () => {
    const lab = await startLab();
    await labTransport(lab.smtpPort).sendMail({ from: 'a@plant.example', to: 'b@lab.local', subject: 'Тревога', text: 'x' });
    const { page, problems } = await openPage(browser(), `${lab.url}/sessions`, { locale: 'ru-RU' });
    await waitLive(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('[data-tab="sessions"]').textContent()).toBe('Сессии');
    expect(await page.locator('[data-tab="mailbox"]').textContent()).toMatch(/^Почта/);
    expect(await page.getByTestId('live-status').textContent()).toBe('Подключено');
    await page.locator('.vlist-row').first().click();
    const mail = page.locator('[data-mandatory="MAIL"]');
    expect(await mail.locator('.badge-mandatory').textContent()).toBe('MAIL FROM · шаг 1 из 3');
    expect(await mail.locator('.dline-explain').textContent()).toMatch(/обязательная команда 1 из 3/);
    expect(await page.getByTestId('verdict').textContent()).toMatch(/Все три обязательные команды выполнены: принято 1 письмо/);

    await page.locator('[data-lang="en"]').click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await mail.locator('.dline-explain').textContent()).toMatch(/mandatory command 1 of 3/);
    await page.reload();
    await waitLive(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('[data-tab="sessions"]').textContent()).toBe('Sessions');
    expect(problems).toEqual([]);
  });

  it('speaks English to an English browser', async () => {
    const lab = await startLab();
    const { page } = await openPage(browser(), `${lab.url}/`, { locale: 'en-GB' });
    await waitLive(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(page.url()).toBe(`${lab.url}/sessions`);
    expect(await page.locator('.intro').textContent()).toContain(`swaks --server 127.0.0.1:${lab.smtpPort}`);
  });
});

describe('every main view, in both languages, at 1280×800 and on a 390-px phone', () => {
  let lab: LabServer;
  let delivered: { session: string; mail: string };

  beforeAll(async () => {
    lab = await createLabServer({ smtpsPort: false, submissionPort: false });
    const transport = labTransport(lab.smtpPort);
    await transport.sendMail({ from: 'Plant <alert@plant.example>', to: 'ops@lab.local', subject: 'Valve stuck', text: 'Valve 3 stuck open.' });
    const info = await transport.sendMail({
      auth: { user: 'student', pass: 'app-password-123' },
      from: 'Plant alarms <alert@plant.example>',
      to: 'Student <student@lab.local>',
      subject: 'Авария: давление в котле 9,1 бар',
      text: 'Давление 9,1 бар превышает порог 8 бар.',
      html: '<h2>Авария</h2><p>Давление <b>9,1 бар</b> превышает порог <b>8 бар</b>.</p><p><img src="https://example.com/logo.png" alt="logo"></p>',
      attachments: [{ filename: 'telemetry.csv', content: 'time,bar\n12:00,9.1\n' }],
    });
    const id = /queued as (\S+)/.exec(info.response)?.[1] ?? '';
    const mail = lab.mailbox.get(id);
    if (!mail) throw new Error(`no mail ${id}`);
    delivered = { session: mail.summary.SessionID, mail: id };
    // A session without RCPT TO, for the verdict.
    const replies = await rawDialogue(lab.smtpPort, ['EHLO forgot-rcpt.example', 'MAIL FROM:<alert@plant.example>', 'DATA', 'QUIT']);
    if (replies.map((r) => r.slice(0, 3)).join() !== '220,250,250,503,221') throw new Error(`unexpected replies ${replies.join(' | ')}`);
    return () => lab.close();
  });

  async function assertNoSideways(page: Page, what: string): Promise<void> {
    expect(await sidewaysScrollers(page), what).toEqual([]);
  }

  for (const lang of ['ru', 'en'] as const) {
    for (const [device, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      it(`${lang}, ${device}`, async () => {
        const { page, problems } = await openPage(browser(), `${lab.url}/sessions`, { locale: lang === 'ru' ? 'ru-RU' : 'en-US', viewport });
        await waitLive(page);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await assertNoSideways(page, 'sessions list');
        if (device === 'phone') await screenshot(page, `sessions-list-${lang}-${device}`);

        await page.goto(`${lab.url}/sessions/${encodeURIComponent(delivered.session)}`);
        await page.getByTestId('verdict').waitFor();
        await assertNoSideways(page, 'session');
        await screenshot(page, `session-${lang}-${device}`);
        await page.locator('[data-mandatory="MAIL"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await assertNoSideways(page, 'dialogue');
        await screenshot(page, `session-dialogue-${lang}-${device}`);

        if (device === 'phone') await page.locator('.back').click();
        await page.locator('.vlist-row', { hasText: 'forgot-rcpt.example' }).click();
        await page.getByTestId('verdict').waitFor();
        expect(await page.getByTestId('verdict').getAttribute('data-stage')).toBe('rcpt');
        await screenshot(page, `session-missing-rcpt-${lang}-${device}`);

        await page.locator('[data-tab="mailbox"]').click();
        await page.getByTestId('mailbox-page').waitFor();
        if (device === 'phone') {
          await page.locator('.vlist-row').first().waitFor();
          await assertNoSideways(page, 'mail list');
          await screenshot(page, `mailbox-list-${lang}-${device}`);
        }
        await page.goto(`${lab.url}/mailbox/${encodeURIComponent(delivered.mail)}`);
        await page.getByTestId('mail-html').waitFor();
        const frame = (await (await page.getByTestId('mail-html').elementHandle())!.contentFrame())!;
        await frame.locator('h2').waitFor();
        await assertNoSideways(page, 'mail');
        await screenshot(page, `mail-${lang}-${device}`);
        expect(problems).toEqual([]);
      });
    }
  }
});

describe('keyboard and stability', () => {
  it('opens a session and a mail and switches mail views from the keyboard alone', async () => {
    const lab = await startLab();
    await labTransport(lab.smtpPort).sendMail({ from: 'a@plant.example', to: 'b@lab.local', subject: 'first', html: '<p>one</p>', text: 'one' });
    await labTransport(lab.smtpPort).sendMail({ from: 'a@plant.example', to: 'b@lab.local', subject: 'second', html: '<p>two</p>', text: 'two' });
    const { page } = await openPage(browser(), `${lab.url}/sessions`);
    await waitLive(page);
    await page.locator('.vlist-row').nth(1).waitFor();

    const tabTo = async (selector: string) => {
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('[role="listbox"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/\/sessions\/.+/);
    const second = await page.locator('.vlist-row').nth(1).getAttribute('data-key');
    expect(page.url()).toContain(encodeURIComponent(second ?? 'none'));

    await tabTo('[data-tab="mailbox"]');
    await page.keyboard.press('Enter');
    await tabTo('[role="listbox"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('mail-view').waitFor();
    expect(await page.getByTestId('mail-view-subject').textContent()).toBe('second');
    await tabTo('[role="tab"][aria-selected="true"]');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-view')).toBe('text');
    expect(await page.getByTestId('mail-text').textContent()).toContain('two');
  });

  it('does not shift the layout while mail and sessions stream in', async () => {
    const lab = await startLab();
    const { page } = await openPage(browser(), `${lab.url}/mailbox`);
    await waitLive(page);
    await page.evaluate(() => {
      const w = window as unknown as { shifts: number[] };
      w.shifts = [];
      new PerformanceObserver((list: { getEntries(): unknown[] }) => {
        for (const entry of list.getEntries() as Array<{ value: number; hadRecentInput: boolean }>) {
          if (!entry.hadRecentInput) w.shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: false });
    });
    const transport = labTransport(lab.smtpPort, { pool: true, maxConnections: 3 } as Parameters<typeof labTransport>[1]);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => transport.sendMail({ from: 'a@plant.example', to: 'b@lab.local', subject: `stream ${i}`, text: `${i}` })),
    );
    transport.close();
    await expect.poll(() => page.getByTestId('mail-total').textContent()).toBe('60');
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
    // Layout shift score (the Web Vitals CLS measure); 0.1 is "good", rows keyed by slot give 0.
    expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);
  });
});
