// The practical work's SMTP step on the Lab page, in real Chromium against a real lab server
// whose TLS listeners play Gmail: a student signs up, generates an app password, fills the
// platform's SMTP form with the lab preset and the ACCOUNT password, saves, tests, meets 534
// 5.7.9 verbatim with the explanation and the Password field marked, enters the app password,
// saves, tests again and sees "Тестовое письмо успешно отправлено" with both sides of the
// dialogue; the mail is in the mailbox; no password is in the page or in what it received.
import { describe, expect, it } from 'vitest';
import { screenshot, sidewaysScrollers, useBrowser, waitLive } from '../helpers/browser.js';
import { startLab } from '../helpers/lab.js';
import {
  expectNoSecrets,
  fillForm,
  generateAppPassword,
  openLabPage,
  openPlatform,
  pageContents,
  save,
  secretForms,
  sendTest,
  signUp,
  unexpectedProblems,
  waitServerSide,
} from './lab-e2e-steps.js';

// page.evaluate callbacks run inside Chromium; the Node test program has no DOM lib.
declare const document: any;
declare const navigator: any;
declare function getComputedStyle(element: unknown): { whiteSpace: string };

const browser = useBrowser();

describe('Lab page: the SMTP integration loop', () => {
  it('in Russian: account password → 534 explained at the Password field → app password → "Тестовое письмо успешно отправлено"', async () => {
    const lab = await startLab({ profile: 'gmail' });
    const { page, problems, context, traffic, url } = await openLabPage(browser(), lab.url, '/lab', { locale: 'ru-RU' });
    await waitLive(page);
    expect(await page.locator('[data-tab="lab"]').textContent()).toBe('Практикум');

    await page.getByTestId('auth-panel').waitFor();
    await screenshot(page, 'lab-sign-up-ru-desktop');
    const accountPassword = 'Gorod-Sad-2024';
    await signUp(page, 'student', accountPassword);
    expect(await page.getByTestId('lab-user').textContent()).toBe('student@lab.local');
    expect(new URL(page.url()).pathname).toBe('/lab/account');

    const { shown, password: appPassword } = await generateAppPassword(page, 'платформа');
    expect(shown).toMatch(/^[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}$/);
    const box = page.getByTestId('new-app-password');
    expect(await box.textContent()).toMatch(/без пробелов/);
    expect(await box.textContent()).toMatch(/показывается только сейчас/);
    expect(await page.getByTestId('app-password-row').count()).toBe(1);
    expect(await page.getByTestId('app-password-row').textContent()).toContain('платформа');
    await screenshot(page, 'lab-app-password-ru-desktop');
    // Copy puts it on the clipboard without the spaces.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    await page.getByTestId('copy-app-password').click();
    await expect.poll(() => box.getByRole('status').textContent()).toBe('Скопировано.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(appPassword);
    await page.getByTestId('app-password-done').click();
    expect(await box.count()).toBe(0);

    await openPlatform(page);
    expect(await page.getByTestId('breadcrumbs').innerText()).toMatch(/Администрирование\s*→\s*Настройки проекта\s*→\s*Интеграции/);
    expect(await page.getByTestId('platform-view').textContent()).toContain('SMTP');
    // As in the practical work: the Testing panel is inactive until the first Save.
    expect(await page.getByTestId('send-test').isDisabled()).toBe(true);
    expect(await page.locator('#lab-field-to').isDisabled()).toBe(true);
    expect(await page.getByTestId('testing-panel').textContent()).toMatch(/Станет активным после сохранения/);

    // The lab preset names the profile the server runs and fills server, port, security.
    const labOption = page.locator('#lab-field-preset option[value="lab"]');
    expect(await labOption.textContent()).toMatch(/профиль gmail/);
    await fillForm(page, { preset: 'lab' });
    expect(await page.locator('#lab-field-host').inputValue()).toBe('127.0.0.1');
    expect(await page.locator('#lab-field-port').inputValue()).toBe(String(lab.smtpsPort));
    expect(await page.locator('#lab-field-security').inputValue()).toBe('ssl');
    expect(await page.locator('.field[data-field="preset"] .field-hint').textContent()).toMatch(/профиль gmail/);

    await fillForm(page, { login: 'student@lab.local', password: accountPassword, fromAddress: 'student@lab.local', fromName: 'Платформа' });
    await save(page);
    // Write-only: the field is empty after Save, and says a password is saved.
    expect(await page.locator('#lab-field-password').inputValue()).toBe('');
    expect(await page.locator('#lab-field-password').getAttribute('placeholder')).toBe('сохранён, не показывается');
    expect(await page.locator('.field[data-field="password"] .field-hint').textContent()).toMatch(/Пароль сохранён и не показывается/);
    expect(await page.getByTestId('send-test').isDisabled()).toBe(false);
    expectNoSecrets([await pageContents(page)], secretForms('student@lab.local', accountPassword), 'the page after Save');

    // Test with the account password: Gmail's 534 5.7.9, verbatim, explained, Password marked.
    expect(await sendTest(page, 'ops@lab.local')).toBe('failed');
    const result = page.getByTestId('test-result');
    expect(await result.getByTestId('result-message').textContent()).toBe('Тестовое письмо не отправлено');
    const [first] = await traffic.results();
    expect(first?.ok).toBe(false);
    expect(first?.reply).toMatch(/^534-5\.7\.9 Application-specific password required\./);
    expect(first?.reply).toContain('\n534 5.7.9 ');
    // Verbatim: every line, as the server sent it, in monospace.
    const reply = result.getByTestId('server-reply');
    expect(await reply.textContent()).toBe(first?.reply);
    expect(await reply.evaluate((el: any) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
    const explanation = result.getByTestId('explanation');
    expect(await explanation.getAttribute('data-code')).toBe('app-password-required');
    expect(await explanation.getAttribute('data-field')).toBe('password');
    expect(await result.getByTestId('explanation-cause').textContent()).toMatch(/пароль приложения/i);
    expect(await result.getByTestId('explanation-fix').textContent()).toMatch(/\S/);
    expect(await page.locator('.field[data-field="password"]').getAttribute('data-to-fix')).toBe('true');
    expect(await page.locator('[data-to-fix="true"]').count()).toBe(1);

    // The dialogue beside it: the client's side (secret hidden) and the lab's, live.
    const clientLog = page.getByTestId('client-log');
    expect(await clientLog.textContent()).toMatch(/AUTH PLAIN ••••••••/);
    expect(await clientLog.textContent()).toContain('534-5.7.9');
    await waitServerSide(page);
    const server = page.getByTestId('server-side');
    expect(await server.getAttribute('data-session')).toBe(first?.sessionId);
    await server.locator('.dline[data-code="534"]').waitFor();
    expect(await server.locator('.dline.is-masked .badge-masked').first().textContent()).toBe('учётные данные скрыты');
    expect(await sidewaysScrollers(page)).toEqual([]);
    // The server side's verdict names the real cause: AUTH and its reply, not a missing MAIL FROM
    // (issue 8, point 1).
    const serverVerdict = server.getByTestId('verdict');
    await expect.poll(() => serverVerdict.getAttribute('data-stage')).toBe('auth');
    expect(await serverVerdict.getByTestId('verdict-reply').textContent()).toBe(first?.reply);
    expect(await serverVerdict.getByTestId('verdict-meaning').textContent()).toMatch(/^Пароль верный, но это пароль учётной записи/);
    expect(await serverVerdict.textContent()).not.toMatch(/Не хватает|RCPT TO и DATA он отклонит/);
    // nodemailer's own notes: verbatim, marked as the library's, explained in Russian (point 10).
    const note = clientLog.locator('.clog-line[data-dir="E"]', { hasText: 'Secure connection established to' });
    expect(await note.locator('.clog-source').textContent()).toBe('nodemailer, дословно:');
    expect(await note.getByTestId('client-note').textContent()).toMatch(/^Соединение с 127\.0\.0\.1:\d+ установлено сразу по TLS/);
    const failedAuth = clientLog.locator('.clog-line[data-dir="E"]', { hasText: 'failed to authenticate' });
    expect(await failedAuth.getByTestId('client-note').textContent()).toMatch(/^Вход не удался/);
    for (const text of await clientLog.getByTestId('client-note').allTextContents()) expect(text).toMatch(/[а-яё]/i);
    await clientLog.scrollIntoViewIfNeeded();
    await screenshot(page, 'lab-client-log-ru-desktop');
    // nodemailer's codes said for a student, the codes in a details line (point 11).
    expect(await result.getByTestId('sender-error').textContent()).toBe(
      'Библиотека-отправитель сообщает: вход на сервер (AUTH) не удался на команде AUTH PLAIN.',
    );
    expect(await result.getByTestId('sender-error-details').textContent()).toBe('Подробности: nodemailer, код EAUTH, шаг AUTH PLAIN');

    // "Go to the field" puts the focus in the Password field; fix, Save, test again.
    await result.getByTestId('fix-field').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lab-field-password');
    await screenshot(page, 'lab-error-ru-desktop');
    await page.keyboard.type(appPassword);
    await save(page);
    expect(await page.locator('#lab-field-password').inputValue()).toBe('');
    expect(await sendTest(page)).toBe('ok');
    expect(await result.getByTestId('result-message').textContent()).toBe('Тестовое письмо успешно отправлено');
    expect(await page.locator('[data-to-fix="true"]').count()).toBe(0);
    const second = (await traffic.results())[1];
    expect(second?.ok).toBe(true);
    expect(await result.getByTestId('server-reply').textContent()).toBe(second?.reply);
    const clientSide = await clientLog.locator('.clog-line').allTextContents();
    for (const sent of ['→MAIL FROM:<student@lab.local>', '→RCPT TO:<ops@lab.local>', '→DATA']) expect(clientSide).toContain(sent);
    expect(clientSide.at(-1)).toMatch(/^←250 /);
    await waitServerSide(page);
    expect(await server.getAttribute('data-session')).toBe(second?.sessionId);
    await expect.poll(() => server.getByTestId('verdict').getAttribute('data-verdict')).toBe('complete');
    expect(await server.locator('.dline[data-command="DATA-BODY"]').count()).toBe(1);
    expect(await server.getByTestId('session-link').getAttribute('href')).toBe(`/sessions/${second?.sessionId}`);
    await screenshot(page, 'lab-success-ru-desktop');
    expect(await sidewaysScrollers(page)).toEqual([]);
    await server.locator('.dline[data-command="DATA-BODY"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'lab-server-side-ru-desktop');

    // The mail is in the mailbox, sent by the account, to the recipient of the test, with the
    // default subject and body in Russian only (issue 8, point 12).
    const mail = await lab.mailbox.waitFor((m) => m.To.some((to) => to.Address === 'ops@lab.local'));
    expect(mail.From?.Address).toBe('student@lab.local');
    expect(mail.Subject).toBe('Тестовое письмо');
    expect(mail.Text.trim()).toBe('Это тестовое письмо интеграции SMTP.');
    expect(mail.Username).toBe('student@lab.local');

    // No password in the page, nor in anything the page received (but the one answer that
    // hands out the app password, once).
    const secrets = [...secretForms('student@lab.local', accountPassword), ...secretForms('student@lab.local', appPassword)];
    expectNoSecrets([await pageContents(page)], secrets, 'the page');
    expectNoSecrets(await traffic.texts(), secrets, 'the responses');
    // The recording does see a secret where there is one: the answer that hands it out, once.
    expect(await traffic.holding(appPassword)).toEqual(['POST /api/lab/account/app-passwords']);

    // The link opens the lab's session in the Sessions tab.
    await server.getByTestId('session-link').click();
    await page.getByTestId('session-view').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/sessions/${second?.sessionId}`);
    expect(unexpectedProblems(problems)).toEqual([]);
  });

  it('in English: the same loop, shorter', async () => {
    const lab = await startLab({ profile: 'gmail' });
    const { page, problems, traffic } = await openLabPage(browser(), lab.url, '/lab', { locale: 'en-US' });
    const accountPassword = 'correct horse battery';
    await signUp(page, 'pat@lab.local', accountPassword);
    const { password: appPassword } = await generateAppPassword(page, '');
    expect(await page.getByTestId('new-app-password').textContent()).toMatch(/without spaces/);
    expect(await page.getByTestId('app-password-row').textContent()).toMatch(/app password 1/);
    await openPlatform(page);
    expect(await page.getByTestId('breadcrumbs').innerText()).toMatch(/Administration\s*→\s*Project settings\s*→\s*Integrations/);
    // The default test mail in the page's language, and it follows a switch of language.
    expect(await page.locator('#lab-field-subject').inputValue()).toBe('Test e-mail');
    await page.locator('[data-lang="ru"]').click();
    expect(await page.locator('#lab-field-subject').inputValue()).toBe('Тестовое письмо');
    expect(await page.locator('#lab-field-body').inputValue()).toBe('Это тестовое письмо интеграции SMTP.');
    await page.locator('[data-lang="en"]').click();
    expect(await page.locator('#lab-field-subject').inputValue()).toBe('Test e-mail');
    await fillForm(page, { preset: 'lab', login: 'pat@lab.local', password: accountPassword, fromAddress: 'pat@lab.local' });
    await save(page);

    expect(await sendTest(page, 'ops@lab.local')).toBe('failed');
    const result = page.getByTestId('test-result');
    expect(await result.getByTestId('result-message').textContent()).toBe('The test e-mail was not sent');
    expect(await result.getByTestId('server-reply').textContent()).toMatch(/^534-5\.7\.9 Application-specific password required/);
    expect(await result.getByTestId('explanation-cause').textContent()).toMatch(/app password/i);
    expect(await result.getByTestId('fix-field').textContent()).toBe('Go to “Password”');
    await waitServerSide(page);
    await result.getByTestId('fix-field').click();
    await screenshot(page, 'lab-error-en-desktop');
    await page.keyboard.type(appPassword);
    await save(page);
    expect(await sendTest(page)).toBe('ok');
    expect(await result.getByTestId('result-message').textContent()).toBe('Test e-mail sent successfully');
    await waitServerSide(page);
    await expect.poll(() => page.getByTestId('server-side').getByTestId('verdict').getAttribute('data-verdict')).toBe('complete');
    await screenshot(page, 'lab-success-en-desktop');
    await lab.mailbox.waitFor((m) => m.To.some((to) => to.Address === 'ops@lab.local'));

    const secrets = [...secretForms('pat@lab.local', accountPassword), ...secretForms('pat@lab.local', appPassword)];
    expectNoSecrets([await pageContents(page)], secrets, 'the page');
    expectNoSecrets(await traffic.texts(), secrets, 'the responses');
    expect(unexpectedProblems(problems)).toEqual([]);
  });
});
