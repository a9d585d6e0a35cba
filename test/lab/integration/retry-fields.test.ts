// The integration's retry settings (Zabbix's media type: Attempts 3, Attempt interval 10 s): what
// is taken (a number, a decimal comma, 10s, 1m, 1 мин), what is refused with a message in both
// languages at its own field — in the validation the browser shares, over HTTP, and on the
// command line — and that an integration saved before these fields still means the defaults.
import { describe, expect, test } from 'vitest';
import { runIntegration } from '../../../lab/integration/integration-command.js';
import { parseAttemptInterval, parseAttempts, validateIntegration } from '../../../lab/integration/validation.js';
import { checkDraft, draftFromView, emptyDraft, isDirty } from '../../../client/src/lab/integration-draft.js';
import { startLab } from '../../helpers/lab.js';
import { captureIo, tempConfigHome } from '../../server/cli/cli-fixtures.js';
import { createBrowser } from '../browser-client.js';

const GOOD = {
  preset: 'gmail',
  host: 'smtp.gmail.com',
  port: '465',
  security: 'ssl',
  login: 'student@gmail.com',
  password: 'abcdefghijklmnop',
  fromAddress: 'student@gmail.com',
  fromName: '',
};

describe('the values', () => {
  test.each([
    ['3', 3],
    [' 1 ', 1],
    [10, 10],
    ['', 3],
    [null, 3],
  ])('attempts %j → %j', (typed, value) => expect(parseAttempts(typed)).toBe(value));

  test.each(['0', '11', '2.5', 'three', '-1', '03x'])('attempts %j is refused', (typed) => expect(parseAttempts(typed)).toBeUndefined());

  test.each([
    ['10', 10],
    ['0', 0],
    ['0.2', 0.2],
    ['0,5', 0.5],
    ['10s', 10],
    ['10 с', 10],
    ['1m', 60],
    ['1 мин', 60],
    ['1h', 3600],
    [30, 30],
    ['', 10],
  ])('the interval %j → %j s', (typed, value) => expect(parseAttemptInterval(typed)).toBe(value));

  test.each(['-1', '2h', '3601', 'soon', '10 years', 'constructor', '1.2345'])('the interval %j is refused', (typed) =>
    expect(parseAttemptInterval(typed)).toBeUndefined(),
  );
});

describe('the form', () => {
  test('left out, they stay out (the defaults); given, they are saved as numbers', () => {
    expect(validateIntegration(GOOD)).toMatchObject({ ok: true });
    expect(validateIntegration(GOOD).ok && 'attempts' in (validateIntegration(GOOD) as { value: object }).value).toBe(false);
    expect(validateIntegration({ ...GOOD, attempts: '5', attemptInterval: '1m' })).toMatchObject({ ok: true, value: { attempts: 5, attemptInterval: 60 } });
  });

  test('a wrong value is refused at its own field, in both languages, with the range and the default', () => {
    const result = validateIntegration({ ...GOOD, attempts: '0', attemptInterval: 'soon' });
    expect(result.ok).toBe(false);
    const errors = result.ok ? {} : result.errors;
    expect(Object.keys(errors).sort()).toEqual(['attemptInterval', 'attempts']);
    expect(errors.attempts).toEqual({
      ru: 'Число попыток — целое число от 1 до 10 (1 — без повторов; по умолчанию 3)',
      en: 'Attempts is a whole number from 1 to 10 (1: no retry; 3 by default)',
    });
    expect(errors.attemptInterval?.ru).toBe('Интервал — число секунд от 0 до 3600, например 10 (можно 10s, 1m; по умолчанию 10)');
    expect(errors.attemptInterval?.en).toMatch(/^The interval is a number of seconds from 0 to 3600/);
  });

  test("the page's draft: the defaults in an empty form, the saved values back, the same errors before Save", () => {
    expect(emptyDraft()).toMatchObject({ attempts: '3', attemptInterval: '10' });
    expect(isDirty(emptyDraft(), null)).toBe(false);
    const view = {
      preset: 'gmail' as const,
      host: 'smtp.gmail.com',
      port: 465,
      security: 'ssl' as const,
      login: 'a@gmail.com',
      fromAddress: 'a@gmail.com',
      fromName: '',
      passwordSet: true,
    };
    // Saved before the fields existed: the form shows the defaults and is not "changed".
    expect(draftFromView(view)).toMatchObject({ attempts: '3', attemptInterval: '10' });
    expect(isDirty(draftFromView(view), view)).toBe(false);
    expect(draftFromView({ ...view, attempts: 5, attemptInterval: 0.5 })).toMatchObject({ attempts: '5', attemptInterval: '0.5' });
    const errors = checkDraft({ ...draftFromView(view), attempts: '42', attemptInterval: '-3' }, true);
    expect(errors.attempts?.ru).toMatch(/^Число попыток — целое число от 1 до 10/);
    expect(errors.attemptInterval?.en).toMatch(/^The interval is a number of seconds/);
  });
});

describe('over HTTP and on the command line', () => {
  test('PUT /api/lab/integration: 400 with the fields; saved values come back in the view', async () => {
    const lab = await startLab();
    const browser = createBrowser(lab.url);
    await browser.request('POST', '/api/lab/account/sign-up', { address: 'student', password: 'account-password-1' });
    const form = { ...GOOD, preset: 'lab', host: '127.0.0.1', port: lab.smtpsPort, login: 'student@lab.local', fromAddress: 'student@lab.local' };
    const bad = await browser.request('PUT', '/api/lab/integration', { ...form, attempts: '100', attemptInterval: '5 days' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['attemptInterval', 'attempts']);
    expect(bad.body.error.fields.attempts.ru).toMatch(/от 1 до 10/);
    const saved = await browser.request('PUT', '/api/lab/integration', { ...form, attempts: '2', attemptInterval: '0,5' });
    expect(saved.status).toBe(200);
    expect(saved.body.integration).toMatchObject({ attempts: 2, attemptInterval: 0.5 });
    expect(lab.integrations.get('student@lab.local')).toMatchObject({ attempts: 2, attemptInterval: 0.5 });
  });

  test('smtp-lab integration set --attempts --attempt-interval: refused at the flag (exit 2), saved, shown', async () => {
    const home = await tempConfigHome();
    const ru = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    const base = ['set', '--preset', 'gmail', '--login', 'a@gmail.com', '--password', 'abcdefghijklmnop'];
    expect(await runIntegration([...base, '--attempts', '0'], ru.io)).toBe(2);
    expect(ru.err()).toMatch(/Число попыток \(--attempts\) +Число попыток — целое число от 1 до 10/);
    ru.reset();
    expect(await runIntegration([...base, '--attempts', '5', '--attempt-interval', '1m'], ru.io)).toBe(0);
    expect(ru.out()).toMatch(/Число попыток +5\n/);
    expect(ru.out()).toMatch(/Интервал между попытками +1 мин\n/);
    const en = captureIo(home.env);
    expect(await runIntegration(['show'], en.io)).toBe(0);
    expect(en.out()).toMatch(/Attempt interval +1 min\n/);
  });
});
