// Lab accounts over HTTP, as the Lab page and the CLI use them: sign up / in / out with an
// HttpOnly SameSite=Strict cookie, app passwords shown once, per-field errors in both languages,
// changes refused from other origins, admin routes behind the server's admin token.
import { describe, expect, test } from 'vitest';
import { startLab } from '../../helpers/lab.js';
import { createBrowser } from '../../lab/browser-client.js';

describe('sign up, sign in, sign out', () => {
  test('sign-up signs in with a session cookie the page cannot read', async () => {
    const lab = await startLab();
    const browser = createBrowser(lab.url);
    const signUp = await browser.request('POST', '/api/lab/account/sign-up', { address: 'student', password: 'password-1' });
    expect(signUp.status).toBe(201);
    expect(signUp.body).toEqual({ account: { address: 'student@lab.local', role: 'student', createdAt: expect.any(String), appPasswords: [] } });
    const cookie = signUp.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^smtp_lab_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(signUp.headers.get('cache-control')).toBe('no-store');

    expect((await browser.request('GET', '/api/lab/account')).body.account.address).toBe('student@lab.local');
    expect((await browser.request('POST', '/api/lab/account/sign-out')).status).toBe(204);
    const after = await browser.request('GET', '/api/lab/account');
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 'not_signed_in', text: { ru: expect.stringMatching(/[а-я]/), en: expect.any(String) } });
  });

  test('sign-in with the account password; a wrong one is 401; a stolen cookie dies with sign-out', async () => {
    const lab = await startLab();
    await lab.accounts.create('student', 'password-1');
    const browser = createBrowser(lab.url);
    const wrong = await browser.request('POST', '/api/lab/account/sign-in', { address: 'student@lab.local', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('bad_credentials');
    expect((await browser.request('POST', '/api/lab/account/sign-in', { address: 'student@lab.local', password: 'password-1' })).status).toBe(200);
    const token = browser.cookie() as string;
    await browser.request('POST', '/api/lab/account/sign-out');
    const replay = await fetch(`${lab.url}/api/lab/account`, { headers: { Cookie: `smtp_lab_session=${token}` } });
    expect(replay.status).toBe(401);
  });

  test.each([
    { body: { address: 'two words', password: 'password-1' }, status: 400, code: 'invalid_address', field: 'address' },
    { body: { address: 'student', password: 'short' }, status: 400, code: 'invalid_password', field: 'password' },
    // A JSON value that is not an object is refused as such, on every route alike.
    { body: 'not an object', status: 400, code: 'bad_request', field: undefined },
  ])('sign-up $body → $status $code with a message for $field', async ({ body, status, code, field }) => {
    const lab = await startLab();
    const res = await createBrowser(lab.url).request('POST', '/api/lab/account/sign-up', body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    if (field) expect(res.body.error.fields[field].ru).toMatch(/[а-я]/);
    else expect(res.body.error.message).toMatch(/JSON object/);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  test('an address already taken is 409', async () => {
    const lab = await startLab();
    await lab.accounts.create('student', 'password-1');
    const res = await createBrowser(lab.url).request('POST', '/api/lab/account/sign-up', { address: 'student', password: 'password-2' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('exists');
  });

  test('a request from another site is refused before it changes anything', async () => {
    const lab = await startLab();
    const evil = createBrowser(lab.url, 'http://evil.example');
    const res = await evil.request('POST', '/api/lab/account/sign-up', { address: 'student', password: 'password-1' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross_origin');
    expect(lab.accounts.list()).toEqual([]);
  });
});

describe('app passwords', () => {
  test('created (shown once), listed without the secret, revoked', async () => {
    const lab = await startLab({ profile: 'gmail' });
    const browser = createBrowser(lab.url);
    await browser.request('POST', '/api/lab/account/sign-up', { address: 'student', password: 'password-1' });
    const created = await browser.request('POST', '/api/lab/account/app-passwords', { label: 'Platform SMTP' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      appPassword: { id: expect.any(String), label: 'Platform SMTP', createdAt: expect.any(String) },
      password: expect.stringMatching(/^[a-z]{16}$/),
      display: expect.stringMatching(/^[a-z]{4}( [a-z]{4}){3}$/),
    });
    const secret = created.body.password as string;

    const listed = await browser.request('GET', '/api/lab/account/app-passwords');
    expect(listed.body).toEqual({ appPasswords: [created.body.appPassword] });
    expect(listed.text).not.toContain(secret);
    expect((await browser.request('GET', '/api/lab/account')).text).not.toContain(secret);
    expect(await lab.accounts.verifySmtp('student@lab.local', secret)).toMatchObject({ result: 'app-password' });

    expect((await browser.request('DELETE', `/api/lab/account/app-passwords/${created.body.appPassword.id}`)).status).toBe(204);
    expect((await browser.request('DELETE', `/api/lab/account/app-passwords/${created.body.appPassword.id}`)).status).toBe(404);
    expect(await lab.accounts.verifySmtp('student@lab.local', secret)).toEqual({ result: 'wrong' });
  });

  test('without signing in: 401', async () => {
    const lab = await startLab();
    const res = await createBrowser(lab.url).request('POST', '/api/lab/account/app-passwords', {});
    expect(res.status).toBe(401);
  });

  test("one account's cookie never reaches another's app passwords", async () => {
    const lab = await startLab();
    const anna = createBrowser(lab.url);
    const boris = createBrowser(lab.url);
    await anna.request('POST', '/api/lab/account/sign-up', { address: 'anna', password: 'password-1' });
    await boris.request('POST', '/api/lab/account/sign-up', { address: 'boris', password: 'password-2' });
    const annas = await anna.request('POST', '/api/lab/account/app-passwords', { label: 'a' });
    expect((await boris.request('DELETE', `/api/lab/account/app-passwords/${annas.body.appPassword.id}`)).status).toBe(404);
    expect((await boris.request('GET', '/api/lab/account/app-passwords')).body.appPasswords).toEqual([]);
  });
});

describe('admin routes (the CLI)', () => {
  test('need the admin token', async () => {
    const lab = await startLab();
    const without = await fetch(`${lab.url}/api/lab/admin/accounts`);
    expect(without.status).toBe(401);
    const wrong = await fetch(`${lab.url}/api/lab/admin/accounts`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${lab.url}/api/lab/admin/accounts`, { headers: { Authorization: `Bearer ${lab.adminToken}` } });
    expect(await right.json()).toEqual({ accounts: [] });
  });

  test('add an account, make an app password', async () => {
    const lab = await startLab();
    const auth = { Authorization: `Bearer ${lab.adminToken}`, 'Content-Type': 'application/json' };
    const added = await fetch(`${lab.url}/api/lab/admin/accounts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ address: 'student', password: 'password-1' }),
    });
    expect(added.status).toBe(201);
    const app = await fetch(`${lab.url}/api/lab/admin/accounts/student%40lab.local/app-passwords`, { method: 'POST', headers: auth, body: '{}' });
    const body = (await app.json()) as { password: string };
    expect(await lab.accounts.verifySmtp('student@lab.local', body.password)).toMatchObject({ result: 'app-password' });
    const missing = await fetch(`${lab.url}/api/lab/admin/accounts/nobody%40lab.local/app-passwords`, { method: 'POST', headers: auth, body: '{}' });
    expect(missing.status).toBe(404);
  });
});
