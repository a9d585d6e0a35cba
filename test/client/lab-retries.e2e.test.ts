// Issue 11's "done when", in real Chromium: a student switches greylisting on, sends the test
// e-mail and watches the sender retry and succeed — attempt 1 with its 451, why it is retried and
// the lab's note that it injected the reply, a countdown to attempt 2, then "Тестовое письмо
// успешно отправлено" with both attempts listed. The form's retry fields refuse a wrong value at
// the field, in the page's language.
import { describe, expect, it } from 'vitest';
import { readableTexts } from '../helpers/page-text.js';
import { latinProse } from '../helpers/latin-prose.js';
import { screenshot, useBrowser, waitLive } from '../helpers/browser.js';
import { startLab } from '../helpers/lab.js';
import { fillForm, openLabPage, openPlatform, save, signUp } from './lab-e2e-steps.js';

const browser = useBrowser();

describe('Lab page: the sender retries what is transient', () => {
  it('in Russian: greylisting → attempt 1 fails (injected, explained), a countdown, attempt 2 is accepted', async () => {
    const lab = await startLab();
    const { page } = await openLabPage(browser(), lab.url, '/lab', { locale: 'ru-RU' });
    await waitLive(page);
    await signUp(page, 'student', 'Gorod-Sad-2024');
    await openPlatform(page);
    await fillForm(page, { preset: 'lab', login: 'student@lab.local', password: 'Gorod-Sad-2024', fromAddress: 'student@lab.local' });
    expect(await page.locator('#lab-field-attempts').inputValue()).toBe('3');
    expect(await page.locator('#lab-field-attemptInterval').inputValue()).toBe('10');

    // A wrong value: refused at its field before any request, in Russian.
    await page.locator('#lab-field-attempts').fill('0');
    await page.getByTestId('save-integration').click();
    await page.getByTestId('error-attempts').waitFor();
    expect(await page.getByTestId('error-attempts').textContent()).toBe('Число попыток — целое число от 1 до 10 (1 — без повторов; по умолчанию 3)');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe(
      'lab-field-attempts',
    );
    await page.locator('#lab-field-attempts').fill('3');
    await page.locator('#lab-field-attemptInterval').fill('1');
    await save(page);

    lab.faults.add({ preset: 'greylisting', attempts: { kind: 'greylist', retryAfterSeconds: 0.5 } });
    await page.locator('#lab-field-to').fill('ops@lab.local');
    await page.getByTestId('send-test').click();

    // While the sender waits: attempt 1 with its reply and why, the lab's note, the countdown.
    const wait = page.getByTestId('delivery-wait');
    await wait.waitFor();
    expect(await wait.textContent()).toMatch(/^ ?Следующая попытка \(2 из 3\) через \d с$/);
    const first = page.locator('[data-testid="delivery-attempt"][data-n="1"]');
    expect(await first.getByTestId('attempt-line').textContent()).toBe(
      'Попытка 1 из 3 не удалась: «451 4.7.1 Greylisted, please try again later»; следующая попытка через 1 с.',
    );
    expect(await first.getAttribute('data-verdict')).toBe('transient');
    expect(await first.getByTestId('attempt-cause').textContent()).toMatch(/Сервер применил грейлистинг \(451\)/);
    expect(await first.getByTestId('attempt-why').textContent()).toMatch(/Код 451 — временная ошибка \(4xx, RFC 5321 §4\.2\.1\)/);
    expect(await first.getByTestId('attempt-injected').textContent()).toMatch(/Подставлено лабораторией:.*Лаборатория подставила этот ответ/);
    await screenshot(page, 'lab-retry-waiting-ru-desktop');

    const result = page.getByTestId('test-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 15_000 }).toBe('ok');
    expect(await page.getByTestId('result-message').textContent()).toBe('Тестовое письмо успешно отправлено');
    expect(await page.getByTestId('delivery-attempt').count()).toBe(2);
    expect(await page.locator('[data-testid="delivery-attempt"][data-n="2"]').getAttribute('data-verdict')).toBe('sent');
    expect(await page.getByTestId('delivery-summary').textContent()).toMatch(/^Доставлено за 2 попытки из 3/);
    // Both attempts' dialogues: the first folded above the last one's.
    expect(await page.getByTestId('earlier-try').count()).toBe(1);
    expect(await page.getByTestId('client-log').textContent()).toContain('250');
    await screenshot(page, 'lab-retry-done-ru-desktop');

    const english = latinProse((await readableTexts(page)).join('\n'));
    expect(english.map((f) => `${f.word}  ←  ${f.context}`)).toEqual([]);
    expect((await lab.mailbox.waitFor('to:ops@lab.local')).Subject).toBe('Тестовое письмо');
  });

  it('in Russian, from the Faults tab: greylisting switched on there, the test e-mail retried and delivered', async () => {
    const lab = await startLab();
    const { page } = await openLabPage(browser(), lab.url, '/lab', { locale: 'ru-RU' });
    await waitLive(page);
    await signUp(page, 'student', 'Gorod-Sad-2024');
    await openPlatform(page);
    await fillForm(page, { preset: 'lab', login: 'student@lab.local', password: 'Gorod-Sad-2024', fromAddress: 'student@lab.local' });
    // Greylisting lets a retry through 5 s after the first attempt: the first interval waits 6.
    await page.locator('#lab-field-attemptInterval').fill('6');
    await save(page);

    await page.locator('a[href="/faults"]').first().click();
    const sw = page.getByTestId('preset-switch-greylisting');
    await expect.poll(() => sw.isDisabled()).toBe(false);
    await sw.click();
    await expect.poll(() => sw.getAttribute('data-on')).toBe('true');
    expect(lab.faults.list()).toMatchObject([{ preset: 'greylisting', scope: { kind: 'student', address: 'student@lab.local' } }]);

    await page.locator('a[href="/lab"]').first().click();
    await openPlatform(page);
    await page.locator('#lab-field-to').fill('ops@lab.local');
    await page.getByTestId('send-test').click();
    await page.getByTestId('delivery-wait').waitFor();
    const result = page.getByTestId('test-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');
    expect(await page.getByTestId('result-message').textContent()).toBe('Тестовое письмо успешно отправлено');
    const first = page.locator('[data-testid="delivery-attempt"][data-n="1"]');
    expect(await first.getByTestId('attempt-injected').textContent()).toMatch(
      /Лаборатория подставила этот ответ \(правило «Грейлистинг», этап RCPT TO\), чтобы показать, как выглядит «Грейлистинг»/,
    );
    expect(await page.locator('[data-testid="delivery-attempt"][data-n="2"]').getAttribute('data-verdict')).toBe('sent');
    expect(lab.faults.firings()).toHaveLength(1);
  }, 40_000);
});
