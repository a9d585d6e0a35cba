// The integration form's and the test e-mail's validation: a message per wrong field, in both
// languages; what is right passes through normalised.
import { describe, expect, test } from 'vitest';
import { labPreset, PROVIDER_PRESETS } from '../../lab/integration/presets.js';
import { DEFAULT_TEST_BODY, DEFAULT_TEST_SUBJECT, integrationView, validateIntegration, validateTestMail } from '../../lab/integration/validation.js';

const GOOD = {
  preset: 'gmail',
  host: 'smtp.gmail.com',
  port: '465',
  security: 'ssl',
  login: 'student@gmail.com',
  password: 'abcdefghijklmnop',
  fromAddress: 'student@gmail.com',
  fromName: 'Platform alerts',
};

describe('validateIntegration', () => {
  test('a complete form passes, the port becomes a number', () => {
    expect(validateIntegration(GOOD)).toEqual({ ok: true, value: { ...GOOD, port: 465 } });
  });

  // The message for a wrong security names "нет, STARTTLS или SSL/TLS": each of those is taken.
  test.each([
    ['SSL/TLS', 'ssl'],
    ['ssl/tls', 'ssl'],
    ['STARTTLS', 'starttls'],
    ['нет', 'none'],
    ['НЕТ', 'none'],
    ['none', 'none'],
  ])('security "%s" is taken as %s', (typed, security) => {
    const result = validateIntegration({ ...GOOD, security: typed });
    expect(result.ok && result.value.security).toBe(security);
  });

  test('the security message names only values that are taken', () => {
    const result = validateIntegration({ ...GOOD, security: 'tls' });
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.errors.security!.ru;
    const named = /: (.*)$/.exec(message)![1]!.split(/, | или /);
    expect(named).toEqual(['нет', 'STARTTLS', 'SSL/TLS']);
    for (const name of named) expect(validateIntegration({ ...GOOD, security: name }).ok).toBe(true);
  });

  test.each([
    { field: 'host', value: '', expect: /smtp\.gmail\.com/ },
    { field: 'host', value: 'smtp://smtp.gmail.com', expect: /smtp:\/\// },
    { field: 'host', value: 'smtp.gmail.com:465', expect: /Port field/ },
    { field: 'host', value: 'smtp gmail com', expect: /Not a host name/ },
    { field: 'port', value: '0', expect: /1 to 65535/ },
    { field: 'port', value: '70000', expect: /1 to 65535/ },
    { field: 'port', value: '46a', expect: /whole number/ },
    { field: 'security', value: 'tls', expect: /STARTTLS or SSL\/TLS/ },
    { field: 'login', value: '', expect: /login/ },
    { field: 'login', value: 'student @gmail.com', expect: /no spaces/ },
    { field: 'password', value: '', expect: /app password/ },
    { field: 'password', value: 'line\nbreak', expect: /one line/ },
    { field: 'fromAddress', value: '', expect: /sender address/ },
    { field: 'fromAddress', value: 'alerts at example.com', expect: /name@domain/ },
    { field: 'fromName', value: 'x'.repeat(101), expect: /100 characters/ },
    { field: 'preset', value: 'hotmail', expect: /Unknown preset/ },
  ])('$field = $value → a message for $field only', ({ field, value, expect: message }) => {
    const result = validateIntegration({ ...GOOD, [field]: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    const text = result.errors[field as keyof typeof result.errors];
    expect(text?.en).toMatch(message);
    expect(text?.ru).toMatch(/[а-яё]/i);
  });

  test('an empty form names every required field', () => {
    const result = validateIntegration({});
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(['fromAddress', 'host', 'login', 'password', 'port', 'security']);
  });

  test('input that is not an object is a form with nothing filled in, not a crash', () => {
    for (const input of [null, 'text', 42, []]) expect(validateIntegration(input).ok).toBe(false);
  });

  test('the password is write-only: left out, the saved one is kept', () => {
    const { password: _omit, ...withoutPassword } = GOOD;
    const result = validateIntegration(withoutPassword, { savedPassword: 'saved-app-password' });
    expect(result.ok && result.value.password).toBe('saved-app-password');
  });

  test('an app password with its display spaces passes (the server will say 535, and the lab explains)', () => {
    const result = validateIntegration({ ...GOOD, password: 'abcd efgh ijkl mnop' });
    expect(result.ok && result.value.password).toBe('abcd efgh ijkl mnop');
  });

  test('integrationView never carries the password', () => {
    const result = validateIntegration(GOOD);
    if (!result.ok) throw new Error('expected valid');
    const view = integrationView(result.value);
    expect(view).not.toHaveProperty('password');
    expect(view.passwordSet).toBe(true);
  });
});

describe('validateTestMail', () => {
  test('subject and body default to the test text in the language asked, never both at once', () => {
    expect(validateTestMail({ to: 'ops@example.com' }, 'ru')).toEqual({
      ok: true,
      value: { to: 'ops@example.com', subject: 'Тестовое письмо', body: 'Это тестовое письмо интеграции SMTP.' },
    });
    // Several recipients, comma-separated, each checked; kept as one "a, b" list.
    expect(validateTestMail({ to: ' ops@example.com ,duty@example.com' }, 'en')).toMatchObject({
      ok: true,
      value: { to: 'ops@example.com, duty@example.com' },
    });
    expect(validateTestMail({ to: 'ops@example.com' }, 'en')).toEqual({
      ok: true,
      value: { to: 'ops@example.com', subject: DEFAULT_TEST_SUBJECT.en, body: DEFAULT_TEST_BODY.en },
    });
    for (const text of [...Object.values(DEFAULT_TEST_SUBJECT), ...Object.values(DEFAULT_TEST_BODY)]) expect(text).not.toMatch(/\//);
  });

  test.each([
    { field: 'to', input: {}, expect: /recipient/ },
    { field: 'to', input: { to: 'a@b.c, not an address' }, expect: /comma-separated/ },
    { field: 'to', input: { to: Array.from({ length: 11 }, (_, i) => `r${i}@b.cd`).join(', ') }, expect: /up to 10/ },
    { field: 'subject', input: { to: 'ops@example.com', subject: 'two\nlines' }, expect: /one line/ },
    { field: 'body', input: { to: 'ops@example.com', body: 7 }, expect: /Text expected/ },
  ])('$field: $expect', ({ field, input, expect: message }) => {
    const result = validateTestMail(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as 'to']?.en).toMatch(message);
  });
});

describe('presets', () => {
  test('providers.md: implicit TLS on 465 for Gmail, Yandex and Mail.ru', () => {
    expect(PROVIDER_PRESETS.map((p) => [p.id, p.host, p.port, p.security])).toEqual([
      ['gmail', 'smtp.gmail.com', 465, 'ssl'],
      ['yandex', 'smtp.yandex.ru', 465, 'ssl'],
      ['mailru', 'smtp.mail.ru', 465, 'ssl'],
    ]);
  });

  test("the lab preset takes the running server's host, port and profile", () => {
    expect(labPreset({ host: '127.0.0.1', port: 41465, profile: 'gmail' })).toMatchObject({
      id: 'lab',
      host: '127.0.0.1',
      port: 41465,
      security: 'ssl',
      profile: 'gmail',
    });
  });
});
