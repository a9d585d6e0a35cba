// The Console tab end to end, in real Chromium against a real lab server (issue 12, point 5): a
// student signs in on the tab, connects to the plain listener and types the whole dialogue by
// hand (keyboard, Enter), sees each reply as it comes (multi-line whole, coloured by class),
// DATA mode said, Up and Down recalling the commands; the session link opens the session in the
// Sessions view with its lines in order, and coming back the console is still connected. Then
// STARTTLS and AUTH LOGIN on the submission listener: the TLS note, the answers after 334 in a
// password field and masked on screen, no secret anywhere in the page. In Russian, at phone
// width too (screenshots in .scratch/); no console error, no CSP violation, nothing too wide.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MASK } from '../../server/wire/mask.js';
import { openPage, PHONE, screenshot, sidewaysScrollers, useBrowser, waitLive } from '../helpers/browser.js';
import { startLab } from '../helpers/lab.js';
import { latinProse } from '../helpers/latin-prose.js';
import { readableTexts } from '../helpers/page-text.js';
import { unexpectedProblems } from './lab-e2e-steps.js';

const browser = useBrowser();
const scratch = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.scratch');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

async function keep(page: Page, name: string): Promise<void> {
  const path = await screenshot(page, name);
  mkdirSync(scratch, { recursive: true });
  copyFileSync(path, join(scratch, `${name}.png`));
}

async function expectRussian(page: Page, what: string): Promise<void> {
  const texts = await readableTexts(page);
  expect(texts.filter((text) => /[а-яё]/i.test(text)).length, what).toBeGreaterThan(3);
  expect(
    texts.flatMap((text) => latinProse(text).map((f) => `${f.word} ← ${f.context}`)),
    what,
  ).toEqual([]);
}

const entries = (page: Page, kind: 'sent' | 'reply' | 'note') => page.getByTestId('console-screen').locator(`[data-kind="${kind}"]`);

/** Types a line by hand and presses Enter; waits for its echo and, unless in a message, its reply. */
async function typeLine(page: Page, text: string, reply = true): Promise<string | null> {
  const [sent, replies] = [await entries(page, 'sent').count(), await entries(page, 'reply').count()];
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => entries(page, 'sent').count()).toBe(sent + 1);
  if (!reply) return null;
  await expect.poll(() => entries(page, 'reply').count()).toBe(replies + 1);
  return entries(page, 'reply').last().getAttribute('data-code');
}

async function connect(page: Page, listener: string): Promise<void> {
  await page.getByTestId('console-listener').selectOption(listener);
  await page.getByTestId('console-connect').click();
  await expect.poll(() => page.getByTestId('console-status').getAttribute('data-status')).toBe('open');
  await entries(page, 'reply').first().waitFor();
  // The input has the focus once connected: typing goes straight to the line.
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id))
    .toBe('console-line');
}

describe('Console tab: an SMTP dialogue typed by hand in the browser', () => {
  it('in Russian: sign in, connect, the dialogue line by line, history, the session link, STARTTLS and AUTH, phone width', async () => {
    const lab = await startLab();
    await lab.accounts.create('student', 'account-password-1');
    const { page, problems } = await openPage(browser(), `${lab.url}/console`, { locale: 'ru-RU' });
    await waitLive(page);
    expect(await page.locator('[data-tab="console"]').textContent()).toMatch(/^Консоль/);
    await page.getByTestId('console-sign-in').waitFor();
    await expectRussian(page, 'signed out');
    await page.getByTestId('mode-sign-in').click();
    await page.locator('#account-address').fill('student@lab.local');
    await page.locator('#account-password').fill('account-password-1');
    await page.getByTestId('auth-submit').click();
    await page.getByTestId('console-connect').waitFor();
    await expectRussian(page, 'not connected');

    await connect(page, 'smtp');
    const greeting = entries(page, 'reply').first();
    expect(await greeting.getAttribute('data-code')).toBe('220');
    expect(await greeting.getAttribute('class')).toContain('cls-2xx');
    expect(await page.getByTestId('console-hints').getAttribute('data-step')).toBe('ehlo');

    expect(await typeLine(page, 'EHLO student.example')).toBe('250');
    // A multi-line reply is one entry, all its lines in it.
    const ehlo = (await entries(page, 'reply').last().locator('pre').textContent()) ?? '';
    expect(ehlo.split('\n').length).toBeGreaterThan(2);
    expect(ehlo).toMatch(/^250-[\s\S]*\n250 /);
    expect(await page.getByTestId('console-hints').getAttribute('data-step')).toBe('mail');
    // A quick button puts the command in the line; the student still sends it.
    await page.locator('[data-testid="console-quick"][data-text^="MAIL FROM"]').click();
    expect(await page.getByTestId('console-input').inputValue()).toBe('MAIL FROM:<student@lab.local>');
    await page.getByTestId('console-input').fill('');
    await page.getByTestId('console-input').focus();
    expect(await typeLine(page, 'MAIL FROM:<alerts@plant.example>')).toBe('250');
    expect(await typeLine(page, 'RCPT TO:<nobody>')).toBe('501');
    expect(await entries(page, 'reply').last().getAttribute('class')).toContain('cls-5xx');
    expect(await typeLine(page, 'RCPT TO:<operator@lab.local>')).toBe('250');
    expect(await typeLine(page, 'DATA')).toBe('354');
    await page.getByTestId('console-mode').waitFor();
    expect(await page.getByTestId('console-mode').textContent()).toMatch(/^Режим DATA/);
    await expectRussian(page, 'DATA mode');
    await keep(page, 'console-desktop-ru');
    for (const line of ['Subject: Boiler 7 over 95 C', '', 'Temperature 97 C']) await typeLine(page, line, false);
    expect(await typeLine(page, '.')).toBe('250');
    expect(await page.getByTestId('console-mode').count()).toBe(0);

    // Up recalls the commands, newest first (never the message's lines); Down comes back to what was typed.
    await page.keyboard.type('NO');
    const input = page.getByTestId('console-input');
    await page.keyboard.press('ArrowUp');
    expect(await input.inputValue()).toBe('DATA');
    await page.keyboard.press('ArrowUp');
    expect(await input.inputValue()).toBe('RCPT TO:<operator@lab.local>');
    await page.keyboard.press('ArrowUp');
    expect(await input.inputValue()).toBe('RCPT TO:<nobody>');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await input.inputValue()).toBe('DATA');
    await page.keyboard.press('ArrowDown');
    expect(await input.inputValue()).toBe('NO');
    await page.keyboard.type('OP');
    expect(await typeLine(page, '')).toBe('250');
    expect(await entries(page, 'sent').last().textContent()).toBe('→NOOP');

    // The session link: the Sessions view, the dialogue in order; back again, still connected.
    const link = page.getByTestId('console-session');
    const sessionId = (await link.getAttribute('data-session')) ?? '';
    expect(lab.sessions.get(sessionId)?.ClientPort).toBeGreaterThan(0);
    await link.click();
    await page.getByTestId('session-view').waitFor();
    expect(page.url()).toBe(`${lab.url}/sessions/${sessionId}`);
    const shown = async () =>
      page.locator('.dline').evaluateAll((lines) =>
        lines.map((l) => {
          const d = (l as unknown as { dataset: Record<string, string> }).dataset;
          return d.dir === 'S' ? `S ${d.code}` : d.dir === 'C' ? `C ${d.command}` : `E ${d.event}`;
        }),
      );
    const dialogue = [
      'E connected',
      'S 220',
      'C EHLO',
      'S 250',
      'C MAIL',
      'S 250',
      'C RCPT',
      'S 501',
      'C RCPT',
      'S 250',
      'C DATA',
      'S 354',
      'C DATA-BODY',
      'S 250',
      'C NOOP',
      'S 250',
    ];
    await expect.poll(shown).toEqual(dialogue);
    await page.locator('[data-tab="console"]').click();
    await page.getByTestId('console-page').waitFor();
    expect(await page.getByTestId('console-status').getAttribute('data-status')).toBe('open');
    await input.focus();
    expect(await typeLine(page, 'QUIT')).toBe('221');
    await expect.poll(() => page.getByTestId('console-status').getAttribute('data-status')).toBe('ended');
    expect(await entries(page, 'note').last().textContent()).toBe('Сервер закрыл соединение.');
    await link.click();
    await expect.poll(shown).toEqual([...dialogue, 'C QUIT', 'S 221', 'E closed']);
    await page.getByTestId('verdict').waitFor();
    await keep(page, 'console-session-ru');
    expect(lab.mailbox.list().messages.map((m) => m.Subject)).toEqual(['Boiler 7 over 95 C']);

    // STARTTLS and AUTH LOGIN on the submission listener.
    await page.locator('[data-tab="console"]').click();
    await connect(page, 'submission');
    expect(await typeLine(page, 'EHLO student.example')).toBe('250');
    expect(await page.getByTestId('console-hints').getAttribute('data-step')).toBe('starttls');
    expect(await typeLine(page, 'STARTTLS')).toBe('220');
    const tlsNote = page.locator('[data-note="tls"]');
    await tlsNote.waitFor();
    expect(await tlsNote.textContent()).toMatch(/^Теперь между мостом лаборатории и сервером включён TLS \(TLSv1\.[23]/);
    expect(await typeLine(page, 'EHLO student.example')).toBe('250');
    expect(await page.getByTestId('console-hints').getAttribute('data-step')).toBe('auth');
    expect(await typeLine(page, 'AUTH LOGIN')).toBe('334');
    expect(await input.getAttribute('type')).toBe('password');
    expect(await page.getByTestId('console-mode').textContent()).toMatch(/^Сервер просит учётные данные/);
    expect(await entries(page, 'reply').last().textContent()).toContain('в base64: «Username:»');
    expect(await typeLine(page, b64('student@lab.local'))).toBe('334');
    await expectRussian(page, 'AUTH, asked for the password');
    // The password through the AUTH helper: base64 made in the page, the line sent masked.
    await page.getByTestId('auth-helper').locator('summary').click();
    expect(await page.getByTestId('auth-login').inputValue()).toBe('student@lab.local');
    await page.getByTestId('auth-password').fill('account-password-1');
    const replies = await entries(page, 'reply').count();
    await page.getByTestId('auth-send-password').click();
    await expect.poll(() => entries(page, 'reply').count()).toBe(replies + 1);
    expect(await entries(page, 'reply').last().getAttribute('data-code')).toBe('235');
    expect(await page.getByTestId('auth-password').inputValue()).toBe('');
    expect(await input.getAttribute('type')).toBe('text');
    expect(await entries(page, 'sent').evaluateAll((lines) => lines.slice(-2).map((l) => (l as unknown as { textContent: string }).textContent))).toEqual([
      `→${MASK}`,
      `→${MASK}`,
    ]);
    const html = await page.content();
    for (const secret of ['account-password-1', b64('account-password-1'), b64('student@lab.local')]) expect(html).not.toContain(secret);
    await expectRussian(page, 'signed in over TLS');

    await page.setViewportSize(PHONE);
    await page.waitForTimeout(200);
    expect(await sidewaysScrollers(page)).toEqual([]);
    await keep(page, 'console-phone-ru');
    await page.getByTestId('console-disconnect').click();
    expect(await entries(page, 'note').last().getAttribute('data-note')).toBe('left');
    expect(unexpectedProblems(problems)).toEqual([]);
  });
});
