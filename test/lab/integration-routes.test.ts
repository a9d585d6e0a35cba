// The Lab page's HTTP loop of the practical work: sign up, generate an app password, fill the
// integration with the lab preset, Save, test, meet the provider's error explained, fix, Save,
// test again, success; the session of each attempt found in the lab's transcripts.
import { describe, expect, test } from 'vitest';
import type { SessionRecord } from '../../server/index.js';
import { getJson, startLab } from '../helpers/lab.js';
import { createBrowser } from './browser-client.js';

async function signedIn(lab: { url: string }) {
  const browser = createBrowser(lab.url);
  await browser.request('POST', '/api/lab/account/sign-up', { address: 'student', password: 'account-password-1' });
  return browser;
}

describe('the integration form', () => {
  test("presets: the providers and the lab, with the running server's port and profile", async () => {
    const lab = await startLab({ profile: 'yandex' });
    const res = await createBrowser(lab.url).request('GET', '/api/lab/integration/presets');
    expect(res.body.presets.map((p: { id: string }) => p.id)).toEqual(['gmail', 'yandex', 'mailru', 'lab']);
    expect(res.body.presets[3]).toMatchObject({ id: 'lab', host: '127.0.0.1', port: lab.smtpsPort, security: 'ssl', profile: 'yandex' });
    expect(res.body.presets[3].note.ru).toMatch(/[а-я]/);
  });

  test('save validates every field; the password is write-only', async () => {
    const lab = await startLab();
    const browser = await signedIn(lab);
    expect((await browser.request('GET', '/api/lab/integration')).body).toEqual({ integration: null });

    const bad = await browser.request('PUT', '/api/lab/integration', {
      preset: 'custom',
      host: 'smtp.gmail.com:465',
      port: 'x',
      security: 'ssl',
      login: 'a@b.cd',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_fields');
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['fromAddress', 'host', 'password', 'port']);
    expect(bad.body.error.fields.host.ru).toMatch(/Порт/);

    const form = {
      preset: 'lab',
      host: '127.0.0.1',
      port: lab.smtpsPort,
      security: 'ssl',
      login: 'student@lab.local',
      password: 'secret-one',
      fromAddress: 'student@lab.local',
      fromName: 'Alerts',
    };
    const saved = await browser.request('PUT', '/api/lab/integration', form);
    expect(saved.status).toBe(200);
    const { password: _p, ...visible } = form;
    expect(saved.body).toEqual({ integration: { ...visible, passwordSet: true } });
    expect((await browser.request('GET', '/api/lab/integration')).body).toEqual(saved.body);

    // Saved again without a password: the saved one is kept.
    await browser.request('PUT', '/api/lab/integration', { ...visible, fromName: 'Platform' });
    expect(lab.integrations.get('student@lab.local')).toMatchObject({ password: 'secret-one', fromName: 'Platform' });
  });

  test('the test send needs a saved integration (409) and a valid recipient (400)', async () => {
    const lab = await startLab();
    const browser = await signedIn(lab);
    const early = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('integration_not_saved');

    await browser.request('PUT', '/api/lab/integration', {
      preset: 'lab',
      host: '127.0.0.1',
      port: lab.smtpsPort,
      security: 'ssl',
      login: 'student@lab.local',
      password: 'x',
      fromAddress: 'student@lab.local',
    });
    const noRecipient = await browser.request('POST', '/api/lab/integration/test', { subject: 'two\nlines' });
    expect(noRecipient.status).toBe(400);
    expect(Object.keys(noRecipient.body.error.fields).sort()).toEqual(['subject', 'to']);
  });

  test('without signing in nothing is readable or writable', async () => {
    const lab = await startLab();
    const browser = createBrowser(lab.url);
    for (const [method, path] of [
      ['GET', '/api/lab/integration'],
      ['PUT', '/api/lab/integration'],
      ['POST', '/api/lab/integration/test'],
    ] as const) {
      expect((await browser.request(method, path, method === 'GET' ? undefined : {})).status).toBe(401);
    }
  });
});

describe('the practical work, step 3: error → explanation → fix → success', () => {
  test('Gmail-like lab: 534 with the account password, explained; the app password sends', async () => {
    const lab = await startLab({ profile: 'gmail' });
    const browser = await signedIn(lab);
    const app = await browser.request('POST', '/api/lab/account/app-passwords', { label: 'platform' });
    const preset = (await browser.request('GET', '/api/lab/integration/presets')).body.presets.find((p: { id: string }) => p.id === 'lab');
    const form = {
      preset: 'lab',
      host: preset.host,
      port: preset.port,
      security: preset.security,
      login: 'student@lab.local',
      password: 'account-password-1',
      fromAddress: 'student@lab.local',
      fromName: 'Platform alerts',
    };
    expect((await browser.request('PUT', '/api/lab/integration', form)).status).toBe(200);

    const failed = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com', subject: 'Тест', body: 'Проверка' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      ok: false,
      message: { ru: 'Тестовое письмо не отправлено' },
      explanation: { code: 'app-password-required', field: 'password' },
      error: { code: 'EAUTH', command: 'AUTH PLAIN' },
      sessionId: expect.any(String),
    });
    const id = failed.body.sessionId as string;
    expect(failed.body.reply).toBe(
      `534-5.7.9 Application-specific password required. For more information, go to\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor ${id} - gsmtp`,
    );
    expect(failed.body.clientLog).toContain('C: AUTH PLAIN ••••••••');
    // The server's side of the same attempt, from the lab's transcript.
    const transcript = await getJson<SessionRecord>(`${lab.url}/api/lab/sessions/${id}`);
    expect(transcript.body.Lines.some((l) => l.Dir === 'S' && l.Code === 534)).toBe(true);

    // Fix: the app password, Save, test again.
    expect((await browser.request('PUT', '/api/lab/integration', { ...form, password: app.body.password })).status).toBe(200);
    const sent = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com', subject: 'Тест', body: 'Проверка' });
    expect(sent.body).toMatchObject({
      ok: true,
      message: { ru: 'Тестовое письмо успешно отправлено', en: 'Test e-mail sent successfully' },
      reply: '250 2.0.0 OK',
      explanation: null,
      sessionId: expect.any(String),
    });
    const mail = await lab.mailbox.waitFor('to:ops@example.com');
    expect(mail.SessionID).toBe(sent.body.sessionId);
    expect(mail.Subject).toBe('Тест');
    expect(mail.From?.Address).toBe('student@lab.local');
  });

  test('a target outside the lab has no lab session id', async () => {
    const lab = await startLab();
    const browser = await signedIn(lab);
    // Port 1 on loopback: nothing listens there. A refused connection is transient: one attempt, so no waiting.
    await browser.request('PUT', '/api/lab/integration', {
      preset: 'custom',
      host: '127.0.0.1',
      port: 1,
      security: 'none',
      login: 'student@lab.local',
      password: 'x',
      fromAddress: 'student@lab.local',
      attempts: '1',
    });
    const res = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com' });
    expect(res.body).toMatchObject({ ok: false, explanation: { code: 'connection-refused', field: 'port' } });
    expect(res.body.attempts).toMatchObject([{ verdict: 'transient', rule: 'refused', retryInSeconds: null }]);
    expect(res.body).not.toHaveProperty('sessionId');
  });

  test('Accept: application/x-ndjson streams the attempt: client lines, the lab session id early, then the result', async () => {
    const lab = await startLab({ profile: 'yandex' });
    const browser = await signedIn(lab);
    await browser.request('PUT', '/api/lab/integration', {
      preset: 'lab',
      host: '127.0.0.1',
      port: lab.submissionPort,
      security: 'starttls',
      login: 'student@lab.local',
      password: 'account-password-1',
      fromAddress: 'student@lab.local',
    });
    const res = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com' }, { Accept: 'application/x-ndjson' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const events = res.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; line?: string; sessionId?: string; result?: any });
    const result = events.at(-1);
    expect(result?.type).toBe('result');
    expect(result?.result).toMatchObject({ ok: false, reply: '535 5.7.8 Error: authentication failed: This user does not have access rights to this service' });
    const session = events.findIndex((e) => e.type === 'session');
    const ehlo = events.findIndex((e) => e.line?.startsWith('C: EHLO '));
    expect(session).toBeGreaterThan(-1);
    expect(session).toBeLessThan(ehlo);
    expect(events[session]?.sessionId).toBe(result?.result.sessionId);
    expect(events.filter((e) => e.type === 'client').map((e) => e.line)).toEqual(result?.result.clientLog);
  });
});

// Issue 8, point 3: a typo in the login. A real provider answers 535 for it as for a wrong
// password; the lab knows its accounts, so when the target is its own listener it says the login
// is the field to fix — and that a real provider would not tell.
describe('a login the lab has no account for', () => {
  test.each([
    ['lab', undefined],
    ['gmail', undefined],
    ['yandex', 'studnet'],
  ] as const)('profile %s: the 535 points at the Login field', async (profile, typo) => {
    const lab = await startLab({ profile });
    const browser = await signedIn(lab);
    const app = await browser.request('POST', '/api/lab/account/app-passwords', { label: 'platform' });
    const login = typo ?? 'studnet@lab.local';
    const form = {
      preset: 'lab',
      host: '127.0.0.1',
      port: lab.smtpsPort,
      security: 'ssl',
      login,
      password: app.body.password,
      fromAddress: 'student@lab.local',
    };
    expect((await browser.request('PUT', '/api/lab/integration', form)).status).toBe(200);
    const res = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com' });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'EAUTH' }, explanation: { code: 'unknown-login', field: 'login' } });
    expect(res.body.reply).toMatch(/^535[ -]/);
    expect(res.body.explanation.cause.ru).toContain(`нет учётной записи с логином «${login}»`);
    expect(res.body.explanation.fix.ru).toMatch(/в поле «Логин»/);

    // The login fixed, the same app password: it sends — the password never was the problem.
    expect((await browser.request('PUT', '/api/lab/integration', { ...form, login: 'student@lab.local' })).status).toBe(200);
    expect((await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com' })).body.ok).toBe(true);
  });

  test('a wrong password for a login that exists stays about the password', async () => {
    const lab = await startLab({ profile: 'gmail' });
    const browser = await signedIn(lab);
    await browser.request('PUT', '/api/lab/integration', {
      preset: 'lab',
      host: '127.0.0.1',
      port: lab.smtpsPort,
      security: 'ssl',
      login: 'student@lab.local',
      password: 'abcdefghijklmnop',
      fromAddress: 'student@lab.local',
    });
    const res = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com' });
    expect(res.body.explanation).toMatchObject({ code: 'bad-credentials', field: 'password' });
  });
});

// Issue 8, point 12: the default subject and body are in the student's language, not both.
describe('the default test mail', () => {
  test.each([
    [{ lang: 'ru' }, {}, 'Тестовое письмо', 'Это тестовое письмо интеграции SMTP.'],
    [{ lang: 'en' }, {}, 'Test e-mail', 'This is a test e-mail of the SMTP integration.'],
    [{}, { 'Accept-Language': 'ru-RU,ru;q=0.9' }, 'Тестовое письмо', 'Это тестовое письмо интеграции SMTP.'],
  ])('%o %o', async (body, headers, subject, text) => {
    const lab = await startLab();
    const browser = await signedIn(lab);
    await browser.request('PUT', '/api/lab/integration', {
      preset: 'custom',
      host: '127.0.0.1',
      port: lab.smtpPort,
      security: 'none',
      login: 'student@lab.local',
      password: 'x',
      fromAddress: 'student@lab.local',
    });
    const res = await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com', subject: '', body: '', ...body }, headers);
    expect(res.body.ok).toBe(true);
    const mail = await lab.mailbox.waitFor('to:ops@example.com');
    expect(mail.Subject).toBe(subject);
    expect(mail.Text.trim()).toBe(text);
  });
});
