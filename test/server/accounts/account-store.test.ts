// Lab accounts: addresses, hashed passwords, app passwords (shown once, revocable), what an
// SMTP login used, and persistence in the data dir with nothing secret in clear.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { AccountError, createAccountStore } from '../../../server/accounts/account-store.js';
import { groupAppPassword } from '../../../server/accounts/password-hash.js';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'smtp-lab-accounts-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('accounts', () => {
  test('a name alone becomes name@lab.local; addresses are case-insensitive', async () => {
    const store = await createAccountStore();
    const account = await store.create('Student', 'password-1');
    expect(account).toMatchObject({ address: 'student@lab.local', appPasswords: [] });
    expect(store.get('STUDENT@lab.local')?.address).toBe('student@lab.local');
    expect((await store.create('ivan.petrov@example.com', 'password-2')).address).toBe('ivan.petrov@example.com');
  });

  test.each([
    { address: 'student', password: 'short', code: 'invalid-password' },
    { address: 'two words@lab.local', password: 'password-1', code: 'invalid-address' },
    { address: 'a@b..c', password: 'password-1', code: 'invalid-address' },
    { address: 'student', password: 'line\nbreak', code: 'invalid-password' },
  ])('$address / $password → $code', async ({ address, password, code }) => {
    const store = await createAccountStore();
    const err = await store.create(address, password).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccountError);
    expect((err as AccountError).code).toBe(code);
    expect((err as AccountError).text.ru).toMatch(/[а-я]/);
  });

  test('an address is taken once', async () => {
    const store = await createAccountStore();
    await store.create('student', 'password-1');
    await expect(store.create('STUDENT@LAB.LOCAL', 'password-2')).rejects.toMatchObject({ code: 'exists' });
  });

  test('sign-in takes the account password only', async () => {
    const store = await createAccountStore();
    await store.create('student', 'password-1');
    const { password } = await store.createAppPassword('student', 'laptop');
    expect((await store.signIn('student@lab.local', 'password-1'))?.address).toBe('student@lab.local');
    expect(await store.signIn('student@lab.local', 'password-2')).toBeUndefined();
    expect(await store.signIn('student@lab.local', password)).toBeUndefined();
    expect(await store.signIn('nobody@lab.local', 'password-1')).toBeUndefined();
  });
});

describe('app passwords', () => {
  test('16 lowercase letters, labelled, listed without the secret', async () => {
    const store = await createAccountStore();
    await store.create('student', 'password-1');
    const first = await store.createAppPassword('student', 'SMTP integration');
    const second = await store.createAppPassword('student');
    expect(first.password).toMatch(/^[a-z]{16}$/);
    expect(second.password).not.toBe(first.password);
    expect(groupAppPassword(first.password)).toMatch(/^[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}$/);
    const listed = store.get('student')?.appPasswords ?? [];
    expect(listed.map((a) => a.label)).toEqual(['SMTP integration', 'app password 2']);
    expect(JSON.stringify(listed)).not.toContain(first.password);
    expect(Date.parse(listed[0]?.createdAt ?? '')).not.toBeNaN();
  });

  test('verifySmtp tells an app password from the account password; revoked ones stop working', async () => {
    const store = await createAccountStore();
    await store.create('student', 'password-1');
    const { appPassword, password } = await store.createAppPassword('student', 'laptop');
    expect(await store.verifySmtp('student@lab.local', password)).toEqual({ result: 'app-password', address: 'student@lab.local' });
    expect(await store.verifySmtp('Student@Lab.Local', 'password-1')).toEqual({ result: 'account-password', address: 'student@lab.local' });
    expect(await store.verifySmtp('student@lab.local', groupAppPassword(password))).toEqual({ result: 'wrong' });
    expect(await store.verifySmtp('nobody@lab.local', password)).toEqual({ result: 'wrong' });
    expect(await store.verifySmtp('student@lab.local', '')).toEqual({ result: 'wrong' });
    // The name without its domain is a login only where the provider allows it (Yandex).
    expect(await store.verifySmtp('student', password)).toEqual({ result: 'wrong' });
    expect(await store.verifySmtp('student', password, { localPartLogin: true })).toMatchObject({ result: 'app-password' });

    expect(await store.revokeAppPassword('student', appPassword.id)).toBe(true);
    expect(await store.revokeAppPassword('student', appPassword.id)).toBe(false);
    expect(await store.verifySmtp('student@lab.local', password)).toEqual({ result: 'wrong' });
  });

  test('an app password for an account that does not exist is an error, not a crash', async () => {
    const store = await createAccountStore();
    await expect(store.createAppPassword('nobody', 'x')).rejects.toMatchObject({ code: 'no-account' });
  });
});

describe('persistence', () => {
  test('accounts and app passwords survive a restart; no secret is kept in clear', async () => {
    const dataDir = await tempDir();
    const first = await createAccountStore({ dataDir });
    await first.create('student', 'account-password-1');
    const { password } = await first.createAppPassword('student', 'laptop');
    await first.close();

    const file = join(dataDir, 'accounts.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('account-password-1');
    expect(text).toContain('scrypt$');

    const second = await createAccountStore({ dataDir });
    expect(second.list().map((a) => a.address)).toEqual(['student@lab.local']);
    expect(await second.verifySmtp('student@lab.local', password)).toMatchObject({ result: 'app-password' });
    expect((await second.signIn('student', 'account-password-1'))?.address).toBe('student@lab.local');
    await second.close();
  });

  test('a damaged accounts file is reported, not silently replaced', async () => {
    const dataDir = await tempDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dataDir, 'accounts.json'), '{"version": 7}');
    await expect(createAccountStore({ dataDir })).rejects.toThrow(/not an smtp-lab accounts file/);
  });
});
