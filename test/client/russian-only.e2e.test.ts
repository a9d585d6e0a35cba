// Issue 8, "how to keep it from coming back", the browser: every page a student meets in the
// practical work's first steps, rendered in real Chromium with a Russian browser, holds no
// Latin-script prose outside what is verbatim (code, replies, the mail's own data, marked
// translate="no") — only protocol tokens, codes, commands and names (test/helpers/latin-prose.ts).
// The lab is given English data on purpose (subjects, names, client host names), so that data
// which is not marked as data fails here too.
import { readableTexts } from '../helpers/page-text.js';
import net from 'node:net';
import tls from 'node:tls';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLabServer, type LabServer } from '../../server/index.js';
import { openPage, useBrowser, waitLive } from '../helpers/browser.js';
import { latinProse } from '../helpers/latin-prose.js';
import { labTransport } from '../helpers/send-mail.js';
import { fillForm, generateAppPassword, openPlatform, save, sendTest, signUp } from './lab-e2e-steps.js';

// page.evaluate callbacks run inside Chromium; the Node test program has no DOM lib.
declare const document: any;
declare const NodeFilter: any;

const browser = useBrowser();

async function expectRussian(page: Page, what: string, mustRead?: RegExp): Promise<void> {
  const texts = await readableTexts(page);
  // The reading itself is checked: it sees the page's own Russian words.
  expect(texts.filter((text) => /[а-яё]/i.test(text)).length, `${what}: nothing Russian read`).toBeGreaterThan(3);
  if (mustRead) expect(texts.join('\n'), what).toMatch(mustRead);
  const found = texts.flatMap((text) => latinProse(text).map((f) => `${f.word}  ←  ${f.context}`));
  expect([...new Set(found)], `${what} (${page.url()})`).toEqual([]);
}

/**
 * A raw dialogue outside a test (beforeAll): after the greeting, each line waits for its reply;
 * a line given as { raw } is written as it is, with no reply awaited. Returns the socket.
 */
async function rawDialogue(port: number, lines: Array<string | { raw: string }>): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  let replies = 0;
  let buffer = '';
  let waiting: (() => void) | undefined;
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^\d{3}(?: |$)/.test(line)) {
        replies++;
        waiting?.();
      }
    }
  });
  socket.on('error', () => undefined);
  const next = (count: number) =>
    new Promise<void>((resolve) => {
      waiting = () => replies >= count && resolve();
      waiting();
    });
  await next(1);
  for (const line of lines) {
    if (typeof line === 'string') {
      socket.write(`${line}\r\n`);
      await next(replies + 1);
    } else socket.write(line.raw);
  }
  return socket;
}

/** A TLS handshake to a port that speaks plain SMTP first. */
function tlsToPlainPort(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

describe('every page in Russian, as the student meets it', () => {
  let lab: LabServer;
  let empty: LabServer;

  beforeAll(async () => {
    lab = await createLabServer({ profile: 'gmail', log: () => {} });
    empty = await createLabServer({ log: () => {} });
    await lab.accounts.create('student', 'account-password-1');
    const plain = labTransport(lab.smtpPort, { auth: { user: 'student', pass: 'any-password' } });
    await plain.sendMail({
      from: 'Plant alarms <alerts@plant.example>',
      to: 'Operator <operator@lab.local>',
      cc: 'Shift lead <lead@lab.local>',
      subject: 'Boiler 7 over 95 C',
      text: 'Temperature 97 C, pressure high.',
      html: '<h2>Boiler 7</h2><p>Temperature <b>97 C</b>.</p><img src="https://example.com/logo.png" alt="logo">',
      attachments: [{ filename: 'telemetry.csv', content: 'time,temperature\n12:00,97\n' }],
    });
    // A mail from a null sender without a From header.
    await labTransport(lab.smtpPort).sendMail({ envelope: { from: '', to: 'operator@lab.local' }, raw: 'Subject: no sender at all\r\n\r\nbounce text\r\n' });
    // AUTH refused by the Gmail-like listener.
    const wrong = labTransport(lab.smtpsPort as number, {
      secure: true,
      ignoreTLS: false,
      tls: { ca: lab.certificate },
      auth: { user: 'student@lab.local', pass: 'wrong-password' },
    });
    await wrong.sendMail({ from: 'student@lab.local', to: 'ops@lab.local', subject: 'x', text: 'x' }).catch(() => undefined);
    // STARTTLS left out on the STARTTLS port.
    await rawDialogue(lab.submissionPort as number, ['EHLO forgot-starttls.example', 'MAIL FROM:<alerts@plant.example>', 'QUIT']);
    // TLS bytes on the plain port.
    await tlsToPlainPort(lab.smtpPort);
    // The handout's MAILFROM, the message typed after a refused DATA, an empty line.
    await rawDialogue(lab.smtpPort, [
      'EHLO handout-typos.example',
      'MAILFROM:<alerts@plant.example>',
      'MAIL FROM:<alerts@plant.example>',
      'DATA',
      'Subject: Boiler 7',
      '',
      'QUIT',
    ]);
    // Left in the middle of the message; a session without QUIT; one still open.
    const cut = await rawDialogue(lab.smtpPort, [
      'EHLO left-mid-body.example',
      'MAIL FROM:<alerts@plant.example>',
      'RCPT TO:<ops@lab.local>',
      'DATA',
      { raw: 'Subject: half\r\n\r\nhalf of it' },
    ]);
    cut.destroy();
    const noQuit = await rawDialogue(lab.smtpPort, [
      'EHLO no-quit.example',
      'MAIL FROM:<alerts@plant.example>',
      'RCPT TO:<ops@lab.local>',
      'DATA',
      'Subject: done\r\n\r\nall of it\r\n.',
    ]);
    noQuit.destroy();
    const open = await rawDialogue(lab.smtpPort, ['EHLO still-open.example']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return async () => {
      open.destroy();
      await lab.close();
      await empty.close();
    };
  });

  const ru = (path: string, server = lab) => openPage(browser(), `${server.url}${path}`, { locale: 'ru-RU' });

  it('the Sessions tab: empty, the list, and every session with its explanations', async () => {
    const start = await ru('/sessions', empty);
    await waitLive(start.page);
    await start.page.locator('.intro').waitFor();
    await expectRussian(start.page, 'no sessions yet');

    const { page, problems } = await ru('/sessions');
    await waitLive(page);
    await expect.poll(() => page.locator('.vlist-row').count()).toBeGreaterThanOrEqual(9);
    await expectRussian(page, 'the session list');
    const ids = lab.sessions.list({ limit: 100 }).sessions.map((s) => s.ID);
    for (const id of ids) {
      await page.goto(`${lab.url}/sessions/${id}`);
      await page.getByTestId('session-view').waitFor();
      await page.locator('.dline').last().waitFor();
      if (lab.sessions.get(id)?.State !== 'open') await page.getByTestId('verdict').waitFor();
      // Each line's explanation is read, not only the page around it.
      await expectRussian(page, `session ${id}`, /Клиент подключился/);
    }
    expect(problems).toEqual([]);
  });

  it('the Mailbox tab: empty, the list, a search, every view of a mail', async () => {
    const none = await ru('/mailbox', empty);
    await waitLive(none.page);
    await none.page.getByTestId('mailbox-page').waitFor();
    await expectRussian(none.page, 'no mail yet');

    const { page } = await ru('/mailbox');
    await waitLive(page);
    await expect.poll(() => page.locator('.vlist-row').count()).toBeGreaterThanOrEqual(3);
    await expectRussian(page, 'the mail list');
    for (const mail of lab.mailbox.list().messages) {
      await page.goto(`${lab.url}/mailbox/${mail.ID}`);
      await page.getByTestId('mail-view').waitFor();
      for (const tab of await page.locator('[role="tab"]').all()) {
        await tab.click();
        await page.waitForTimeout(100);
        await expectRussian(page, `mail ${mail.Subject}, view ${await tab.getAttribute('data-view')}`);
      }
    }
    await page.goto(`${lab.url}/mailbox`);
    await page.getByRole('searchbox').fill('subject:Boiler');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await expectRussian(page, 'search results');
    await page.getByRole('searchbox').fill('after:yesterday');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await expectRussian(page, 'a search that did not run');
  });

  it('the Lab tab: sign-up and its errors, the account and a new app password, the platform, each test result', async () => {
    const { page } = await ru('/lab');
    await page.getByTestId('auth-panel').waitFor();
    await expectRussian(page, 'sign-up');
    await page.locator('#account-address').fill('shorty');
    await page.locator('#account-password').fill('abc');
    await page.getByTestId('auth-submit').click();
    await page.getByTestId('error-password').waitFor();
    await expectRussian(page, 'sign-up with a short password');
    await page.getByTestId('mode-sign-in').click();
    await expectRussian(page, 'sign-in');
    await page.getByTestId('mode-sign-up').click();

    await signUp(page, 'platform-student', 'account-password-1');
    await expectRussian(page, 'the account');
    const { password: appPassword } = await generateAppPassword(page, 'платформа');
    await expectRussian(page, 'a new app password');
    await page.getByTestId('app-password-done').click();
    // An unnamed one is named in Russian too.
    await generateAppPassword(page, '');
    await page.getByTestId('app-password-done').click();
    await expect.poll(() => page.getByTestId('app-password-row').count()).toBe(2);
    expect(await page.getByTestId('app-password-row').nth(1).locator('.ap-label').textContent()).toBe('пароль приложения 2');

    await openPlatform(page);
    await expectRussian(page, 'the platform, nothing saved');
    for (const preset of ['gmail', 'yandex', 'mailru', 'custom', 'lab']) {
      await fillForm(page, { preset });
      await expectRussian(page, `the preset ${preset}`);
    }
    await page.getByTestId('save-integration').click();
    await expectRussian(page, 'the form refused at its fields');

    await fillForm(page, { login: 'platform-student@lab.local', password: 'account-password-1', fromAddress: 'platform-student@lab.local' });
    await save(page);
    await expectRussian(page, 'saved');
    expect(await sendTest(page, 'ops@lab.local')).toBe('failed');
    await page.getByTestId('server-side').getByTestId('verdict').waitFor();
    await expectRussian(
      page,
      'the 534 explained, both sides of the dialogue',
      /Соединение с 127\.0\.0\.1:\d+ установлено сразу по TLS[\s\S]*Письмо не отправлено: диалог остановился на шаге «AUTH»/,
    );

    await fillForm(page, { login: 'platfrom-student@lab.local', password: appPassword });
    await expectRussian(page, 'unsaved changes');
    await fillForm(page, { port: '70000' });
    await page.getByTestId('save-integration').click();
    await expectRussian(page, 'invalid changes');
    await fillForm(page, { port: String(lab.smtpsPort) });
    await save(page);
    expect(await sendTest(page)).toBe('failed');
    await expectRussian(page, 'a login with a typo');

    await fillForm(page, { port: String(lab.smtpPort), login: 'platform-student@lab.local' });
    await save(page);
    expect(await sendTest(page)).toBe('failed');
    await expectRussian(page, 'SSL/TLS on the plain port');

    await fillForm(page, { port: String(lab.smtpsPort) });
    await save(page);
    expect(await sendTest(page)).toBe('ok');
    await page.getByTestId('server-side').getByTestId('verdict').waitFor();
    await expectRussian(page, 'sent');
  });

  it('the Console tab: signed out, connected, DATA mode, a line too long, STARTTLS, an AUTH question and the helper, the end', async () => {
    const { page } = await ru('/console');
    await waitLive(page);
    await page.getByTestId('console-sign-in').waitFor();
    await expectRussian(page, 'the console, signed out', /Консоль открывает SMTP-соединения/);
    await page.getByTestId('mode-sign-in').click();
    await page.locator('#account-address').fill('student@lab.local');
    await page.locator('#account-password').fill('account-password-1');
    await page.getByTestId('auth-submit').click();
    await page.getByTestId('console-connect').waitFor();
    await expectRussian(page, 'the console, not connected');

    const replies = page.getByTestId('console-screen').locator('[data-kind="reply"]');
    const say = async (line: string, reply = true) => {
      const before = await replies.count();
      await page.getByTestId('console-input').fill(line);
      await page.keyboard.press('Enter');
      if (reply) await expect.poll(() => replies.count()).toBe(before + 1);
    };
    await page.getByTestId('console-connect').click();
    await replies.first().waitFor();
    await say('EHLO russian.example');
    await expectRussian(page, 'the console, connected, with its hints', /Шаг 1 письма/);
    await say('MAIL FROM:<alerts@plant.example>');
    await say('RCPT TO:<operator@lab.local>');
    await say('DATA');
    await page.getByTestId('console-mode').waitFor();
    await say('x'.repeat(1200), false);
    await page.getByTestId('console-problem').waitFor();
    await expectRussian(page, 'DATA mode, a line too long', /Режим DATA[\s\S]*не больше 998 байт/);
    await say('Subject: console', false);
    await say('.');
    await page.getByTestId('console-disconnect').click();
    await expectRussian(page, 'the console, disconnected', /Вы отключились/);

    await page.getByTestId('console-listener').selectOption('submission');
    await page.getByTestId('console-connect').click();
    await expect.poll(() => replies.count()).toBeGreaterThan(6);
    await say('EHLO russian.example');
    await say('STARTTLS');
    await page.locator('[data-note="tls"]').waitFor();
    await say('EHLO russian.example');
    await say('AUTH LOGIN');
    await page.getByTestId('auth-helper').locator('summary').click();
    await expectRussian(page, 'STARTTLS, an AUTH question, the helper', /включён TLS[\s\S]*в base64: «Username:»[\s\S]*Помощник AUTH/);
    await say('*');
    await say('QUIT');
    await expect.poll(() => page.getByTestId('console-status').getAttribute('data-status')).toBe('ended');
    await expectRussian(page, 'the console, closed by the server', /Сервер закрыл соединение/);
  });

  it('the Scenarios tab and its side panel: the catalogue with every step open, a step that did not count with its hint, signed in; the printed report', async () => {
    const { page } = await ru('/scenarios');
    await waitLive(page);
    await expect.poll(() => page.getByTestId('scenario-card').count()).toBe(8);
    // Opening one changes which match: always the first closed one.
    const closed = page.locator('.scn-card details:not([open]) > summary');
    const openAll = async () => {
      while ((await closed.count()) > 0) await closed.first().click();
    };
    await openAll();
    await expectRussian(page, 'the catalogue, signed out, every step open', /Сценарии, которым нужна учётная запись/);

    // Started, and a program's pace: the step does not count, with the reason and hint 1 of 3.
    const card = page.locator('[data-testid="scenario-card"][data-scenario="smtp-by-hand"]');
    await card.getByTestId('scenario-start').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('running');
    const socket = await rawDialogue(lab.smtpPort, [
      'EHLO script.example',
      'MAIL FROM:<alerts@plant.example>',
      'RCPT TO:<ops@lab.local>',
      'DATA',
      'Subject: Boiler 7\r\n\r\nTemperature 97 C\r\n.',
      'QUIT',
    ]);
    socket.destroy();
    const side = page.getByTestId('scenario-side');
    await side.getByTestId('scenario-hint').waitFor();
    await openAll();
    await expectRussian(page, 'a step that did not count, in the card and the side panel', /Почему не засчитан[\s\S]*Подсказка 1 из 3/);
    await side.getByTestId('scenario-select').selectOption('starttls-auth');
    await expectRussian(page, 'the side panel: a scenario that needs the account', /Этому сценарию нужна учётная запись/);

    // Signed in: the account's own progress (none yet), a scenario with the account started and reset.
    await page.getByTestId('scenario-show-sign-in').click();
    await page.getByTestId('mode-sign-in').click();
    await page.locator('#account-address').fill('student@lab.local');
    await page.locator('#account-password').fill('account-password-1');
    await page.getByTestId('auth-submit').click();
    await page.getByTestId('scenario-student-address').waitFor();
    const tls = page.locator('[data-testid="scenario-card"][data-scenario="starttls-auth"]');
    await tls.getByTestId('scenario-start').click();
    await expect.poll(() => tls.getAttribute('data-status')).toBe('running');
    await openAll();
    await expectRussian(page, 'signed in, a scenario running', /Прогресс записывается для учётной записи/);
    await tls.getByTestId('scenario-reset').click();
    await expectRussian(page, 'reset: the question');
    await tls.getByTestId('scenario-reset-confirm').click();
    await expect.poll(() => tls.getAttribute('data-status')).toBe('not-started');

    // The report of this computer's student: a step with its attempts and the hint shown.
    const report = await ru('/report');
    await report.page.getByTestId('report').waitFor();
    await expectRussian(report.page, 'the report', /Сценарии лаборатории: отчёт[\s\S]*Команды набираются руками/);
    await report.page.emulateMedia({ media: 'print' });
    await expectRussian(report.page, 'the report, printed');
    lab.scenarios.reset('local', 'smtp-by-hand');
  });

  // Last: the rules it switches on must not reach the other tests' sessions.
  it('the Faults tab: read-only, the presets, the rules (a lab-wide one too), a firing, the injected lines in their session, the form and its errors', async () => {
    const labWide = lab.faults.add({ name: 'class drill', stage: 'quit', effect: { kind: 'delay', ms: 5 }, match: { rcptTo: 'nobody@drill.example' } });
    const { page } = await ru('/faults');
    await waitLive(page);
    await page.getByTestId('read-only').waitFor();
    await expectRussian(page, 'the Faults tab, signed out');
    await page.getByTestId('show-sign-in').click();
    await page.getByTestId('mode-sign-in').click();
    await page.locator('#account-address').fill('student@lab.local');
    await page.locator('#account-password').fill('account-password-1');
    await page.getByTestId('auth-submit').click();
    await page.getByTestId('fault-rules').waitFor();
    await expectRussian(page, 'the Faults tab, signed in, only the lab-wide rule', /для всей лаборатории/);

    // An injected reply, an injected delay and a dropped connection: three kinds of marked lines.
    for (const preset of ['unknown-recipient', 'greylisting']) {
      const sw = page.getByTestId(`preset-switch-${preset}`);
      await sw.click();
      await expect.poll(() => sw.getAttribute('data-on')).toBe('true');
    }
    await page.locator('#f-field-name').fill('медленный ответ на MAIL FROM');
    await page.locator('#f-field-stage').selectOption('mail');
    await page.locator('#f-field-effect-kind').selectOption('delay');
    await page.locator('#f-field-effect-ms').fill('50');
    await page.getByTestId('add-rule').click();
    await page.locator('[data-testid="fault-rule"]', { hasText: 'медленный ответ' }).waitFor();
    const send = labTransport(lab.smtpPort, { auth: { user: 'student@lab.local', pass: 'any-password' } });
    await send
      .sendMail({ from: 'student@lab.local', to: ['ops@lab.local', 'Operator <operator@lab.local>'], subject: 'Boiler 7 over 95 C', text: 'Temperature 97 C' })
      .catch(() => undefined);
    await expect.poll(() => page.getByTestId('fault-firing').count()).toBeGreaterThanOrEqual(2);
    await expectRussian(page, 'the rules and their firings');

    await page.getByTestId('fault-firing').first().getByTestId('firing-session').click();
    await page.getByTestId('session-view').waitFor();
    await page.locator('.dline.is-fault').first().waitFor();
    await page.getByTestId('verdict').waitFor();
    expect(await page.locator('.dline.dir-E.is-fault').count()).toBeGreaterThan(0);
    expect(await page.locator('.dline.dir-S.is-fault').count()).toBe(2);
    await expectRussian(page, 'a session with injected lines', /Лаборатория подставила сбой: задержка[\s\S]*Лаборатория подставила этот ответ/);

    await page.goto(`${lab.url}/faults`);
    await page.getByTestId('fault-rule-form').waitFor();
    for (const effect of ['reply', 'delay', 'disconnect', 'throttle', 'tls-failure']) {
      await page.locator('#f-field-effect-kind').selectOption(effect);
      for (const attempts of ['nth', 'probability', 'greylist']) {
        await page.locator('#f-field-attempts-kind').selectOption(attempts);
        await expectRussian(page, `the form: ${effect}, ${attempts}`);
      }
    }
    await page.locator('#f-field-effect-kind').selectOption('reply');
    await page.locator('#f-field-effect-code').fill('700');
    await page.locator('#f-field-effect-enhanced').fill('2.0.0');
    await page.locator('#f-field-lifetime-firings').fill('два');
    await page.getByTestId('add-rule').click();
    await page.getByTestId('error-lifetime.firings').waitFor();
    await expectRussian(page, 'the form refused by the page');
    await page.locator('#f-field-lifetime-firings').fill('');
    await page.getByTestId('add-rule').click();
    await page.getByTestId('error-effect.code').waitFor();
    await expectRussian(page, 'the form refused by the server at its fields');

    await page.getByTestId('rules-clear').click();
    await page.getByTestId('rules-clear-confirm').click();
    await expect.poll(() => page.locator('[data-testid="fault-rule"][data-scope="student"]').count()).toBe(0);
    labWide.remove();
  });
});
