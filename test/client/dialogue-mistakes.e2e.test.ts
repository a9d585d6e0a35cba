// Issue 8 in real Chromium, Russian: the mistakes a student makes in the practical work's first
// steps, each made for real against a lab server, and what the Sessions view then says — the
// verdict names where the dialogue really stopped (AUTH with its reply, STARTTLS, TLS bytes on a
// plain port), lines are explained in their context (MAILFROM without its space, the message
// typed after a refused DATA, an empty line, TLS bytes), AUTH in clear on the open port is said
// to be the lab's choice, and QUIT closes the session at once.
import tls from 'node:tls';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, PHONE, screenshot, sidewaysScrollers, useBrowser, waitLive } from '../helpers/browser.js';
import { startLab } from '../helpers/lab.js';
import { labTransport } from '../helpers/send-mail.js';
import { connectSmtp, expectReply, openSession } from '../helpers/smtp-dialogue.js';

const browser = useBrowser();

async function openSessionView(page: Page, hasText: string | RegExp): Promise<void> {
  await page.locator('.vlist-row', { hasText }).first().click();
  await page.getByTestId('session-view').waitFor();
}

/** The explanation under the line with this command (or code), in the view. */
const explanationOf = (page: Page, selector: string) => page.locator(`${selector} .dline-explain`).first().textContent();

describe('the verdict names where the dialogue really stopped', () => {
  it('AUTH refused (535) over implicit TLS: the AUTH step, the reply verbatim, no word of a missing MAIL FROM', async () => {
    const lab = await startLab({ profile: 'gmail' });
    await lab.accounts.create('student', 'account-password-1');
    const transport = labTransport(lab.smtpsPort as number, {
      secure: true,
      ignoreTLS: false,
      tls: { ca: lab.certificate },
      auth: { user: 'student@lab.local', pass: 'wrong-password' },
    });
    await expect(transport.sendMail({ from: 'student@lab.local', to: 'ops@lab.local', subject: 'x', text: 'x' })).rejects.toMatchObject({ code: 'EAUTH' });
    const { page, problems } = await openPage(browser(), `${lab.url}/sessions`, { locale: 'ru-RU' });
    await waitLive(page);
    await openSessionView(page, 'smtps');
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.getAttribute('data-stage')).toBe('auth');
    expect(await verdict.locator('.verdict-title').textContent()).toBe('Письмо не отправлено: диалог остановился на шаге «AUTH»');
    expect(await verdict.getByTestId('verdict-what').textContent()).toBe('AUTH отправлена, но отклонена с кодом 535:');
    expect(await verdict.getByTestId('verdict-reply').textContent()).toMatch(/^535-5\.7\.8 Username and Password not accepted\./);
    expect(await verdict.getByTestId('verdict-meaning').textContent()).toMatch(/Настоящий провайдер не сообщает, что из двух неверно/);
    expect(await verdict.textContent()).not.toMatch(/Не хватает|MAIL FROM не|RCPT TO и DATA/);
    // The cards: TLS and AUTH first, as this listener requires them.
    const cards = await page
      .locator('[data-testid="mandatory-steps"] .step')
      .evaluateAll((items) => items.map((li) => `${li.getAttribute('data-step')}:${li.getAttribute('data-state')}`));
    expect(cards).toEqual(['TLS:done', 'AUTH:refused', 'MAIL:none', 'RCPT:none', 'DATA:none']);
    expect(await page.locator('[data-step="MAIL"] .step-state').textContent()).toBe('не отправлялась');
    expect(await page.locator('[data-step="AUTH"] .step-state').textContent()).toBe('отклонена · 535');
    expect(problems).toEqual([]);
    // The provider's long reply wraps on a phone.
    const phone = await openPage(browser(), page.url(), { locale: 'ru-RU', viewport: PHONE });
    await phone.page.getByTestId('verdict-reply').waitFor();
    expect(await sidewaysScrollers(phone.page)).toEqual([]);
    await screenshot(phone.page, 'session-auth-refused-ru-phone');
  });

  it('STARTTLS never sent on the STARTTLS port: the TLS step, and the 530 it cost MAIL FROM', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.submissionPort as number, {}, 'no-starttls.test');
    await expectReply(conn, 'MAIL FROM:<a@plant.example>', 530);
    await expectReply(conn, 'QUIT', 221);
    const { page } = await openPage(browser(), `${lab.url}/sessions`, { locale: 'ru-RU' });
    await openSessionView(page, 'no-starttls.test');
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.getAttribute('data-stage')).toBe('tls');
    expect(await verdict.getByTestId('verdict-what').textContent()).toBe('STARTTLS не отправлялась.');
    expect(await verdict.getByTestId('verdict-then').textContent()).toBe('Из-за этого сервер затем отклонил MAIL FROM с кодом 530.');
    expect(await verdict.getByTestId('verdict-meaning').textContent()).toMatch(/RFC 3207 §4/);
  });

  it('a TLS handshake on the plain port: binary data, never a typed command; the 421 explained as it was sent', async () => {
    const lab = await startLab();
    await new Promise<void>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: lab.smtpPort, rejectUnauthorized: false });
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    const { page, problems } = await openPage(browser(), `${lab.url}/sessions`, { locale: 'ru-RU' });
    await waitLive(page);
    await openSessionView(page, '127.0.0.1');
    // The ClientHello's random bytes may hold an LF: then it arrives as more than one binary line, each the handshake.
    const binary = page.locator('.dline.is-binary').first();
    await binary.waitFor();
    for (const line of await page.locator('.dline.is-binary').all()) expect(await line.getAttribute('data-command')).toBe('TLS-HANDSHAKE');
    expect(await binary.getByTestId('binary-line').textContent()).toMatch(/^→ \[TLS-рукопожатие: \d+ Б двоичных данных\]$/);
    const said = (await binary.locator('.dline-explain').textContent()) ?? '';
    expect(said).toMatch(/^Это не набранная команда, а двоичные данные: клиент сразу начал TLS-рукопожатие/);
    expect(said).not.toMatch(/Эту команду сервер не знает|отвечает 500/);
    // The explanation matches the reply really sent.
    const reply = page.locator('.dline[data-dir="S"]').first();
    const code = await reply.getAttribute('data-code');
    expect(said).toContain(`Сервер ответил ${code}`);
    if (code === '421')
      expect(await reply.locator('.dline-explain').textContent()).toMatch(/^Сервер получил данные раньше своего приветствия \(здесь — начало TLS-рукопожатия/);
    expect(await page.getByTestId('verdict').getAttribute('data-stage')).toBe('tls');
    expect(await page.getByTestId('verdict-meaning').textContent()).toMatch(/Этот порт сначала говорит SMTP открытым текстом, а клиент начал с TLS/);
    expect(await page.locator('.dline-text').allTextContents()).not.toContainEqual(expect.stringMatching(/\u0016\u0003/));
    expect(problems).toEqual([]);
  });
});

describe('lines explained where they stand', () => {
  it('MAILFROM without the space, the message typed after a refused DATA, an empty line', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.smtpPort, {}, 'typos.test');
    await expectReply(conn, 'MAILFROM:<alerts@plant.example>', 500);
    await expectReply(conn, 'MAIL FROM:<alerts@plant.example>', 250);
    await expectReply(conn, 'DATA', 503);
    await expectReply(conn, 'Subject: Boiler 7', 500);
    await expectReply(conn, '', 500);
    await expectReply(conn, 'Temperature 97 C', 500);
    await expectReply(conn, 'QUIT', 221);
    const { page } = await openPage(browser(), `${lab.url}/sessions`, { locale: 'ru-RU' });
    await openSessionView(page, 'typos.test');
    expect(await explanationOf(page, '[data-command="MAILFROM"]')).toMatch(/^Команда пишется MAIL FROM: — с пробелом/);
    expect(await explanationOf(page, '[data-command="MAILFROM"] + [data-code="500"]')).toMatch(/отправьте её как MAIL FROM: — с пробелом/);
    const strays = page.locator('.dline.is-stray[data-dir="C"]');
    await expect.poll(() => strays.count()).toBe(3);
    for (const text of await strays.locator('.dline-explain').allTextContents()) {
      expect(text).toMatch(/^DATA не была принята, поэтому сервер не принимает письмо: каждую набранную строку он читает как команду/);
      expect(text).not.toMatch(/Эту команду сервер не знает/);
    }
    expect(await explanationOf(page, '.dline.is-stray[data-dir="S"]')).toMatch(/строка — часть вашего письма, но DATA была отклонена/);
    // An empty line outside that context: an empty line, not an unknown command.
    const second = await openSession(lab.smtpPort, {}, 'blank.test');
    await expectReply(second, '', 500);
    await expectReply(second, 'QUIT', 221);
    await openSessionView(page, 'blank.test');
    await expect.poll(() => page.getByTestId('session-view').locator('[data-command="EHLO"] .dline-text').textContent()).toMatch(/blank\.test/);
    expect(await explanationOf(page, '[data-command=""][data-dir="C"]')).toMatch(
      /^Пустая строка\. Вне письма сервер ждёт команду, а пустая строка — не команда\. Сервер ответил 500\./,
    );
  });

  it('AUTH in clear on the open port: offered there on purpose, refused by real servers; the greeting promises no pause', async () => {
    const lab = await startLab();
    await labTransport(lab.smtpPort, { auth: { user: 'student', pass: 'any-password' } }).sendMail({
      from: 'a@plant.example',
      to: 'b@lab.local',
      subject: 'x',
      text: 'x',
    });
    const { page } = await openPage(browser(), `${lab.url}/sessions`, { locale: 'ru-RU' });
    await openSessionView(page, 'student');
    const list = page.locator('[data-command="EHLO"] + [data-code="250"] .ext-list');
    await list.waitFor();
    const auth = (await list.locator('dt').allTextContents()).findIndex((label) => label.startsWith('AUTH'));
    const text = (await list.locator('dd').nth(auth).textContent()) ?? '';
    expect(text).not.toMatch(/\(только поверх TLS\)/);
    expect(text).toMatch(/этот учебный порт нарочно предлагает AUTH без TLS, чтобы обмен был виден; настоящие серверы .* без него отказывают/);
    const connected = (await page.locator('[data-event="connected"] .dline-event').textContent()) ?? '';
    expect(connected).not.toMatch(/пауз/);
    expect(connected).toMatch(/первым говорит сервер/);
  });
});

describe('QUIT', () => {
  it('closes the session in the view as soon as 221 is sent, without the client closing its side', async () => {
    const lab = await startLab();
    const conn = await connectSmtp(lab.smtpPort);
    await expectReply(conn, null, 220);
    await expectReply(conn, 'EHLO quitter.test', 250);
    const { page } = await openPage(browser(), `${lab.url}/sessions`, { locale: 'ru-RU' });
    await openSessionView(page, 'quitter.test');
    expect(await page.getByTestId('session-state').textContent()).toBe('открыта');
    const quitAt = Date.now();
    await expectReply(conn, 'QUIT', 221);
    // The client never closes its side (as `nc` waiting for the server): the server ends it.
    await expect.poll(() => page.getByTestId('session-state').textContent(), { timeout: 3000 }).toBe('закрыта');
    expect(Date.now() - quitAt).toBeLessThan(3000);
    await page.getByTestId('verdict').waitFor();
    await Promise.race([conn.closed(), new Promise((_, reject) => setTimeout(() => reject(new Error('the server did not end the connection')), 2000))]);
  });
});
