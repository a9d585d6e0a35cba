// The Lab page's logic outside the browser: reading the streamed test answer (chunks split
// anywhere), the client log's lines, the form's draft (presets, the write-only password, the
// shared validation), and the API's error shape with a message per field.
import { describe, expect, it } from 'vitest';
import { parseClientLine } from '../../client/src/lab/client-log.js';
import {
  applyPreset,
  checkDraft,
  checkTestMail,
  defaultTestMail,
  draftFromView,
  draftToInput,
  emptyDraft,
  isDirty,
  localizeTestMail,
  testBlock,
} from '../../client/src/lab/integration-draft.js';
import { apiErrorOf as errorOf } from '../../client/src/api/api-error.js';
import { readNdjson } from '../../client/src/lab/ndjson.js';
import { labPreset, PROVIDER_PRESETS } from '../../lab/integration/presets.js';
import { validateIntegration } from '../../lab/integration/validation.js';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** The bytes of `text` cut at every one of `cuts` (byte offsets), wherever they fall. */
function cut(text: string, cuts: number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const points = [0, ...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length];
  return points.slice(1).map((end, i) => bytes.slice(points[i], end));
}

async function collect(chunks: Uint8Array[]): Promise<unknown[]> {
  const values: unknown[] = [];
  await readNdjson(streamOf(chunks), (value) => values.push(value));
  return values;
}

describe('readNdjson', () => {
  const events = [
    { type: 'client', line: '* Connection established to 127.0.0.1:1465' },
    { type: 'session', sessionId: 'abc' },
    { type: 'result', result: { ok: true, message: { ru: 'Тестовое письмо успешно отправлено', en: 'Test e-mail sent successfully' } } },
  ];
  const text = events.map((e) => JSON.stringify(e)).join('\n') + '\n';

  it('reads every object whatever the chunks, even a cut inside a Cyrillic letter', async () => {
    const length = new TextEncoder().encode(text).length;
    for (let at = 1; at < length; at += 7) expect(await collect(cut(text, [at, at + 1, at + 13]))).toEqual(events);
    expect(
      await collect(
        cut(
          text,
          Array.from({ length }, (_, i) => i),
        ),
      ),
    ).toEqual(events);
  });

  it('reads a last line without a newline, skips blank and broken lines', async () => {
    const messy = `\n${JSON.stringify(events[0])}\nnot json\n\n${JSON.stringify(events[2])}`;
    expect(await collect(cut(messy, [5]))).toEqual([events[0], events[2]]);
  });
});

describe('parseClientLine', () => {
  it.each([
    ['C: EHLO [127.0.0.1]', { dir: 'C', text: 'EHLO [127.0.0.1]' }],
    ['C: AUTH PLAIN ••••••••', { dir: 'C', text: 'AUTH PLAIN ••••••••' }],
    ['S: 534-5.7.9 Application-specific password required.', { dir: 'S', text: '534-5.7.9 Application-specific password required.', code: 534 }],
    ['S: 250 2.0.0 OK', { dir: 'S', text: '250 2.0.0 OK', code: 250 }],
    ['S: 354', { dir: 'S', text: '354', code: 354 }],
    ['S: garbage from a server that is not SMTP', { dir: 'S', text: 'garbage from a server that is not SMTP' }],
  ])('%s', (line, expected) => {
    expect(parseClientLine(line)).toEqual(expected);
  });

  // The sender library's own notes stay verbatim and get their meaning in both languages.
  it.each([
    ['* Secure connection established to 127.0.0.1:1465', /^Соединение с 127\.0\.0\.1:1465 установлено сразу по TLS/],
    ['* Connection established to 127.0.0.1:1587', /^Соединение с 127\.0\.0\.1:1587 установлено, пока без шифрования/],
    ['* Connection upgraded with STARTTLS', /^Соединение переведено на TLS командой STARTTLS/],
    ['* User "student@lab.local" failed to authenticate', /^Вход не удался: сервер не принял логин «student@lab\.local»/],
    ['* User "student@lab.local" authenticated', /^Вход выполнен/],
    ['* <455 bytes encoded mime message (source size 452 bytes)>', /само письмо .* 455 байт/],
    ['* Sending message <a1@lab.local> to <ops@lab.local>', /начинает отправку письма <a1@lab\.local> получателю <ops@lab\.local>/],
    [
      '* Send Error: Invalid login: 535-5.7.8 Username and Password not accepted.\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials',
      /^Итог библиотеки: письмо не отправлено/,
    ],
    ['* self-signed certificate', /не доверяет сертификату сервера/],
    ['* connect ECONNREFUSED 127.0.0.1:1', /Соединение отклонено/],
    ['something else', /^Сообщение библиотеки-отправителя \(nodemailer\) как есть/],
  ])('%s: kept as it is, explained', (line, meaning) => {
    const parsed = parseClientLine(line);
    expect(parsed.dir).toBe('E');
    expect(parsed.text).toBe(line.replace(/^\* /, ''));
    expect(parsed.note?.ru).toMatch(meaning);
    expect(parsed.note?.en).toMatch(/\w/);
    expect(parsed.note?.en).not.toBe(parsed.note?.ru);
  });
});

describe('the test mail follows the language', () => {
  it('starts in the page language and switches the defaults, not what was typed', () => {
    const ru = defaultTestMail('ru');
    expect(ru).toEqual({ to: '', subject: 'Тестовое письмо', body: 'Это тестовое письмо интеграции SMTP.' });
    expect(localizeTestMail(ru, 'en')).toEqual(defaultTestMail('en'));
    const typed = { to: 'ops@lab.local', subject: 'Котёл 7', body: defaultTestMail('en').body };
    expect(localizeTestMail(typed, 'ru')).toEqual({ ...typed, body: 'Это тестовое письмо интеграции SMTP.' });
  });
});

describe('testing is blocked while the form is not what is saved', () => {
  const view = {
    preset: 'gmail' as const,
    host: 'smtp.gmail.com',
    port: 465,
    security: 'ssl' as const,
    login: 'me@gmail.com',
    fromAddress: 'me@gmail.com',
    fromName: '',
    passwordSet: true,
  };
  it.each([
    ['nothing saved', emptyDraft(), null, 'not-saved'],
    ['the saved form', draftFromView(view), view, undefined],
    ['a changed port', { ...draftFromView(view), port: '587' }, view, 'unsaved'],
    ['a typed password', { ...draftFromView(view), password: 'new-one' }, view, 'unsaved'],
    ['a port out of range', { ...draftFromView(view), port: '70000' }, view, 'invalid'],
    ['an empty login', { ...draftFromView(view), login: '' }, view, 'invalid'],
  ] as const)('%s', (_name, draft, saved, block) => {
    expect(testBlock(draft, saved)).toBe(block);
  });
});

describe('the integration draft', () => {
  const presets = [...PROVIDER_PRESETS, labPreset({ host: '127.0.0.1', port: 41465, profile: 'gmail' })];
  const filled = { ...applyPreset(emptyDraft(), 'gmail', presets), login: 'me@gmail.com', password: 'abcdefghijklmnop', fromAddress: 'me@gmail.com' };

  it.each([
    ['gmail', 'smtp.gmail.com', '465', 'ssl'],
    ['yandex', 'smtp.yandex.ru', '465', 'ssl'],
    ['mailru', 'smtp.mail.ru', '465', 'ssl'],
    ['lab', '127.0.0.1', '41465', 'ssl'],
  ] as const)('preset %s fills host %s, port %s, security %s and nothing else', (id, host, port, security) => {
    const before = { ...emptyDraft(), login: 'me', password: 'secret', fromAddress: 'me@x.example' };
    expect(applyPreset(before, id, presets)).toEqual({ ...before, preset: id, host, port, security });
  });

  it('keeps the fields as they are for "custom"', () => {
    expect(applyPreset(filled, 'custom', presets)).toEqual({ ...filled, preset: 'custom' });
  });

  it('finds the same wrong fields with the same words as the server', () => {
    const cases = [
      { ...filled, port: '70000' },
      { ...filled, host: 'smtp://smtp.gmail.com' },
      { ...filled, host: 'smtp.gmail.com:465', fromAddress: 'not an address' },
      { ...filled, login: '' },
    ];
    for (const draft of cases) {
      const server = validateIntegration(draftToInput(draft));
      expect(server.ok).toBe(false);
      expect(checkDraft(draft, false)).toEqual(server.ok ? {} : server.errors);
      expect(Object.keys(checkDraft(draft, false)).length).toBeGreaterThan(0);
    }
    expect(checkDraft({ ...filled, port: '70000' }, false).port?.ru).toBe('Порт — целое число от 1 до 65535 (обычно 465 или 587)');
    expect(checkDraft(filled, false)).toEqual({});
  });

  it('treats the password as write-only: empty keeps the saved one, and is not sent', () => {
    const empty = { ...filled, password: '' };
    expect(checkDraft(empty, false).password).toBeDefined();
    expect(checkDraft(empty, true)).toEqual({});
    expect(draftToInput(empty)).not.toHaveProperty('password');
    // An app password pasted with its display spaces goes as typed: the server's 535 teaches it.
    expect(draftToInput({ ...filled, password: 'abcd efgh ijkl mnop' }).password).toBe('abcd efgh ijkl mnop');
  });

  it('knows when the form differs from what is saved', () => {
    const view = {
      preset: 'gmail' as const,
      host: 'smtp.gmail.com',
      port: 465,
      security: 'ssl' as const,
      login: 'me@gmail.com',
      fromAddress: 'me@gmail.com',
      fromName: '',
      passwordSet: true,
    };
    const draft = draftFromView(view);
    expect(draft.password).toBe('');
    expect(isDirty(draft, view)).toBe(false);
    expect(isDirty({ ...draft, password: 'new one' }, view)).toBe(true);
    expect(isDirty({ ...draft, port: '587' }, view)).toBe(true);
    expect(isDirty(emptyDraft(), null)).toBe(false);
    expect(isDirty({ ...emptyDraft(), host: 'x' }, null)).toBe(true);
  });

  it('checks the test mail with the server’s words', () => {
    expect(checkTestMail({ to: '', subject: '', body: '' }).to?.en).toBe("Enter the test e-mail's recipient");
    expect(checkTestMail({ to: 'two@a.example, three@b.example', subject: '', body: '' })).toEqual({});
    expect(checkTestMail({ to: 'two@a.example, not one', subject: '', body: '' }).to).toBeDefined();
    expect(checkTestMail({ to: 'ops@lab.local', subject: 'a\nb', body: '' }).subject).toBeDefined();
    expect(checkTestMail({ to: 'ops@lab.local', subject: '', body: '' })).toEqual({});
  });
});

describe('apiErrorOf', () => {
  it('reads the code, both languages and a message per field', async () => {
    const body = {
      error: {
        code: 'invalid_fields',
        message: 'Fix the fields marked',
        text: { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' },
        fields: { port: { ru: 'Порт …', en: 'The port …' }, junk: 'not bilingual' },
      },
    };
    const err = await errorOf(new Response(JSON.stringify(body), { status: 400, statusText: 'Bad Request' }));
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_fields');
    expect(err.message).toBe('Fix the fields marked');
    expect(err.text).toEqual(body.error.text);
    expect(err.fields).toEqual({ port: body.error.fields.port });
  });

  it('survives an answer that is not JSON', async () => {
    const err = await errorOf(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(err.code).toBe('http-502');
    expect(err.message).toBe('Bad Gateway');
    expect(err.text).toBeUndefined();
    expect(err.fields).toEqual({});
  });
});
