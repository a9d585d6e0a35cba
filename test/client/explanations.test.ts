// The explanation tables cover what the server can really say: every reply code in
// smtp-server's sources and in our profiles, every EHLO extension it advertises, every command
// it handles; each in Russian and English. The lists come from the installed sources, so a
// library upgrade or a new profile that adds a code fails here until it is explained.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DialogueLine } from '../../server/wire/sessions.js';
import type { Lang } from '../../client/src/i18n/bilingual.js';
import { explainEnhanced, explainExtension, explainLine, ehloExtensions, type ExplainContext } from '../../client/src/smtp/explain-line.js';
import * as tables from '../../client/src/smtp/explanations.js';
import * as contextTables from '../../client/src/smtp/context-explanations.js';
import * as verdictTables from '../../client/src/smtp/verdict-texts.js';

const require = createRequire(import.meta.url);
// The ESM build beside the CommonJS one that require.resolve finds; the same code in both.
const smtpServerDir = join(dirname(require.resolve('smtp-server')), '..', 'esm');
const connectionSource = readFileSync(join(smtpServerDir, 'smtp-connection.js'), 'utf8');
const saslSource = readFileSync(join(smtpServerDir, 'sasl.js'), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function codesIn(source: string, pattern: RegExp): number[] {
  return [...source.matchAll(pattern)].map((match) => Number(match[1]));
}

/** Every reply code smtp-server sends, and every code our profiles and hooks raise. */
function serverReplyCodes(): number[] {
  const serverSources = filesUnder(join(import.meta.dirname, '..', '..', 'server', 'smtp')).map((file) => readFileSync(file, 'utf8'));
  const codes = new Set<number>([
    ...codesIn(connectionSource, /send\((\d{3})\b/g),
    ...codesIn(saslSource, /send\((\d{3})\b/g),
    ...codesIn(saslSource, /responseCode \|\| (\d{3})/g),
    ...serverSources.flatMap((source) => codesIn(source, /SmtpReplyError\((\d{3})\b/g)),
  ]);
  return [...codes].sort();
}

const enhancedTable = /const ENHANCED_STATUS_CODES = \{([^}]*)\}/.exec(connectionSource)?.[1] ?? '';
const contextualTable = /const CONTEXTUAL_STATUS_CODES = \{([^}]*)\}/.exec(connectionSource)?.[1] ?? '';

function isTranslated(text: { en: string; ru: string }): boolean {
  return text.en.trim().length > 0 && /[а-яё]/i.test(text.ru) && text.en !== text.ru;
}

describe('reply codes', () => {
  const codes = serverReplyCodes();

  it('finds the codes in the sources (guards the extraction itself)', () => {
    expect(codes).toEqual(expect.arrayContaining([220, 221, 235, 250, 334, 354, 421, 451, 452, 500, 501, 503, 530, 535, 538, 550, 552]));
  });

  it.each(codes)('%i is explained in both languages', (code) => {
    const entry = tables.REPLY_CODES[code];
    expect(entry, `REPLY_CODES[${code}]`).toBeDefined();
    expect(isTranslated(entry!)).toBe(true);
  });

  it("explains every code of smtp-server's enhanced-code table", () => {
    const mapped = codesIn(enhancedTable, /(\d{3}):/g);
    expect(mapped.length).toBeGreaterThan(20);
    for (const code of mapped) expect(tables.REPLY_CODES[code], `REPLY_CODES[${code}]`).toBeDefined();
  });

  it('spells out every enhanced status code smtp-server sends', () => {
    const enhanced = [...`${enhancedTable}${contextualTable}`.matchAll(/'([245]\.\d+\.\d+)'/g)].map((m) => m[1]!);
    expect(enhanced.length).toBeGreaterThan(20);
    for (const code of new Set(enhanced)) {
      for (const lang of ['en', 'ru'] as const) {
        const text = explainEnhanced(code, lang);
        // A whole-code phrase, or class · subject · detail with all three known.
        if (tables.ENHANCED_CODES[code]) expect(text).toBe(tables.ENHANCED_CODES[code]![lang]);
        else expect(text?.split(' · '), `${code} (${lang}): ${text}`).toHaveLength(3);
      }
    }
  });
});

describe('EHLO extensions and commands', () => {
  const ehlo = connectionSource.slice(connectionSource.indexOf('handler_EHLO('), connectionSource.indexOf('handler_HELO('));
  const advertised = new Set([
    ...[...(/let features = \[([^\]]*)\]/.exec(ehlo)?.[1] ?? '').matchAll(/'([A-Z0-9-]+)'/g)].map((m) => m[1]!),
    ...[...ehlo.matchAll(/features\.push\(\[?'([A-Z0-9-]+)/g)].map((m) => m[1]!),
  ]);

  it('finds the advertised extensions in the sources', () => {
    expect([...advertised]).toEqual(expect.arrayContaining(['PIPELINING', 'AUTH', 'STARTTLS', 'SIZE']));
  });

  it.each([...advertised])('%s is explained in both languages', (keyword) => {
    expect(tables.EXTENSIONS[keyword], keyword).toBeDefined();
    expect(isTranslated(tables.EXTENSIONS[keyword]!)).toBe(true);
  });

  const handled = [...connectionSource.matchAll(/^\s{4}handler_([A-Z]+)\(/gm)].map((m) => m[1]!);
  it.each(handled)('the command %s is explained in both languages', (command) => {
    expect(tables.COMMANDS[command], command).toBeDefined();
    expect(isTranslated(tables.COMMANDS[command]!)).toBe(true);
  });

  it('reads the extensions off a real EHLO reply', () => {
    const reply = '250-smtp-lab Nice to meet you, [127.0.0.1]\n250-PIPELINING\n250-AUTH PLAIN LOGIN\n250-SIZE 26214400\n250 X-UNKNOWN';
    expect(ehloExtensions(reply)).toEqual([
      { keyword: 'PIPELINING', params: '' },
      { keyword: 'AUTH', params: 'PLAIN LOGIN' },
      { keyword: 'SIZE', params: '26214400' },
      { keyword: 'X-UNKNOWN', params: '' },
    ]);
    expect(explainExtension('x-unknown', 'en')).toBe(tables.UNKNOWN_EXTENSION.en);
  });
});

describe('every table speaks both languages', () => {
  const bilingual: Array<[string, { en: unknown; ru: unknown }]> = [];
  for (const [name, table] of Object.entries({ ...tables, ...contextTables, ...verdictTables })) {
    if (typeof table !== 'object' || table === null || Array.isArray(table)) continue;
    if ('en' in table && 'ru' in table) bilingual.push([name, table as { en: unknown; ru: unknown }]);
    else for (const [key, entry] of Object.entries(table)) if (entry && typeof entry === 'object' && 'en' in entry) bilingual.push([`${name}.${key}`, entry]);
  }
  for (const entry of tables.REPLY_TEXTS) bilingual.push([`REPLY_TEXTS ${entry.code} ${entry.pattern}`, entry.text]);

  it.each(bilingual)('%s', (_name, entry) => {
    const text = (value: unknown) =>
      typeof value === 'function' ? (value as (s: string) => string)('X') : typeof value === 'object' ? JSON.stringify(value) : value;
    const en = text(entry.en);
    const ru = text(entry.ru);
    expect(isTranslated({ en: String(en), ru: String(ru) })).toBe(true);
  });
});

let seq = 0;
function line(partial: Partial<DialogueLine> & Pick<DialogueLine, 'Dir' | 'Text'>): DialogueLine {
  return { Seq: seq++, At: 0, ...partial };
}

const summary: ExplainContext['summary'] = {
  ClientAddress: '127.0.0.1',
  ClientPort: 40000,
  Listener: { Name: 'smtp', Port: 1025, Security: 'none', Profile: 'open' },
  Tls: { Protocol: 'TLSv1.3', Cipher: 'TLS_AES_256_GCM_SHA384' },
};

const cmd = (text: string, command: string, extra: Partial<DialogueLine> = {}) => line({ Dir: 'C', Text: text, Command: command, ...extra });
const reply = (text: string, code: number) => line({ Dir: 'S', Text: text, Code: code });

// line, what it answers (for replies), the language, what the explanation must say.
const cases: Array<[string, DialogueLine, ExplainContext, Lang, RegExp]> = [
  ['greeting', reply('220 smtp-lab ESMTP', 220), {}, 'en', /greeting: the server is ready/],
  ['EHLO', cmd('EHLO client.test', 'EHLO'), {}, 'ru', /Расширенное приветствие/],
  ['EHLO reply', reply('250-smtp-lab hi\n250-PIPELINING\n250 SIZE 100', 250), { answers: cmd('EHLO x', 'EHLO') }, 'en', /extensions this server supports/],
  ['STARTTLS 220', reply('220 Ready to start TLS', 220), { answers: cmd('STARTTLS', 'STARTTLS') }, 'en', /handshake begins/],
  ['AUTH masked', cmd('AUTH PLAIN ••••••••', 'AUTH', { Masked: true }), {}, 'en', /^Credentials hidden/],
  ['AUTH masked ru', cmd('••••••••', 'AUTH', { Masked: true }), {}, 'ru', /^Учётные данные скрыты/],
  ['AUTH 235', reply('235 2.7.0 Authentication successful', 235), { answers: cmd('x', 'AUTH') }, 'en', /Signed in/],
  ['MAIL FROM', cmd('MAIL FROM:<a@b>', 'MAIL'), {}, 'en', /mandatory command 1 of 3/],
  ['MAIL 250', reply('250 2.1.0 Accepted', 250), { answers: cmd('MAIL FROM:<a@b>', 'MAIL') }, 'en', /Sender accepted.*Next: RCPT TO/],
  ['RCPT TO', cmd('RCPT TO:<a@b>', 'RCPT'), {}, 'ru', /обязательная команда 2 из 3/],
  ['DATA', cmd('DATA', 'DATA'), {}, 'en', /mandatory command 3 of 3/],
  ['354', reply('354 End data with <CR><LF>.<CR><LF>', 354), { answers: cmd('DATA', 'DATA') }, 'en', /single dot/],
  ['body', cmd('<120 bytes>', 'DATA-BODY', { Bytes: 120 }), { formatBytes: (n) => `${n} B` }, 'en', /single dot.*\(120 B\)/],
  ['250 queued', reply('250 2.6.0 OK: queued as abc', 250), { answers: cmd('<x>', 'DATA-BODY') }, 'en', /Queued.*The mail is sent/],
  ['QUIT', cmd('QUIT', 'QUIT'), {}, 'en', /answers 221/],
  ['221', reply('221 2.0.0 Bye', 221), { answers: cmd('QUIT', 'QUIT') }, 'ru', /До свидания/],
  ['503 RCPT', reply('503 5.5.1 Error: need MAIL command', 503), { answers: cmd('RCPT TO:<a@b>', 'RCPT') }, 'en', /RCPT TO before MAIL FROM/],
  ['503 EHLO first', reply('503 5.5.1 Error: send HELO/EHLO first', 503), { answers: cmd('MAIL FROM:<a@b>', 'MAIL') }, 'en', /Greet first/],
  ['421 timeout', reply('421 4.4.2 smtp-lab Timeout - closing connection', 421), {}, 'en', /Idle timeout/],
  [
    'unknown command',
    cmd('FOO', 'FOO'),
    { reply: reply('500 5.5.2 Error: command not recognized', 500) },
    'en',
    /Not a command this server knows\. The server answered 500\./,
  ],
  ['unknown command answered 421', cmd('FOO', 'FOO'), { reply: reply('421 4.7.0 bye', 421) }, 'ru', /ответил 421 и закрыл соединение\.$/],
  // Point 4: the message's lines after a refused DATA, an empty line, MAILFROM without its space, TLS bytes.
  [
    'a line of the message after a refused DATA',
    cmd('Subject: hi', 'SUBJECT'),
    { stray: true, reply: reply('500 x', 500) },
    'ru',
    /^DATA не была принята, поэтому сервер не принимает письмо: каждую набранную строку он читает как команду/,
  ],
  [
    'the 500 to that line',
    reply('500 5.5.2 Error: command not recognized', 500),
    { stray: true, answers: cmd('Subject: hi', 'SUBJECT') },
    'en',
    /part of your message, but DATA was refused/,
  ],
  ['an empty line', cmd('', ''), { reply: reply('500 x', 500) }, 'ru', /^Пустая строка\. Вне письма сервер ждёт команду/],
  ['the 500 to an empty line', reply('500 5.5.2 Error: command not recognized', 500), { answers: cmd('', '') }, 'ru', /Пустая строка — не команда/],
  [
    'MAILFROM without the space',
    cmd('MAILFROM:<a@plant.example>', 'MAILFROM'),
    {},
    'ru',
    /^Команда пишется MAIL FROM: — с пробелом: MAIL FROM:<alerts@plant\.example>/,
  ],
  [
    'the 500 to MAILFROM',
    reply('500 5.5.2 Error: command not recognized', 500),
    { answers: cmd('MAILFROM:<a@b>', 'MAILFROM') },
    'en',
    /send it as MAIL FROM: with a space/,
  ],
  ['RCPTTO without the space', cmd('RCPTTO:<a@b>', 'RCPTTO'), {}, 'en', /The command is RCPT TO: with a space/],
  [
    'TLS bytes on a STARTTLS port, answered 421',
    cmd('<TLS handshake: 517 bytes of binary data>', 'TLS-HANDSHAKE', { Bytes: 517 }),
    { security: 'starttls', reply: reply('421 4.4.2 smtp-lab You talk too soon', 421) },
    'ru',
    /^Это не набранная команда, а двоичные данные: клиент сразу начал TLS-рукопожатие.*STARTTLS.*Сервер ответил 421 и закрыл соединение\.$/,
  ],
  [
    'TLS bytes on the plain port, answered 500',
    cmd('<TLS handshake: 517 bytes of binary data>', 'TLS-HANDSHAKE'),
    { security: 'none', reply: reply('500 x', 500) },
    'en',
    /no TLS at all.*The server answered 500\.$/,
  ],
  ['raw TLS bytes in an older record', cmd('\u0016\u0003\u0001\u0001X\u0001', ''), { security: 'none' }, 'en', /^Not a typed command but binary data/],
  [
    '421 to TLS bytes is not "spam software"',
    reply('421 4.4.2 smtp-lab You talk too soon', 421),
    { answers: cmd('<TLS handshake: 517 bytes>', 'TLS-HANDSHAKE') },
    'ru',
    /^Сервер получил данные раньше своего приветствия \(здесь — начало TLS-рукопожатия/,
  ],
  [
    '500 to TLS bytes',
    reply('500 5.5.2 Error: command not recognized', 500),
    { answers: cmd('<TLS handshake: 517 bytes>', 'TLS-HANDSHAKE') },
    'en',
    /read the TLS handshake bytes as a command it does not know and answered 500/,
  ],
  ['421 talk too soon otherwise', reply('421 4.4.2 smtp-lab You talk too soon', 421), { answers: cmd('EHLO x', 'EHLO') }, 'en', /spoke before the greeting/],
  // Point 7: AUTH in clear on the lab's open port.
  [
    'AUTH in clear on the open port',
    cmd('AUTH PLAIN', 'AUTH'),
    { profile: 'open', secure: false },
    'ru',
    /этот учебный порт нарочно предлагает AUTH без TLS, чтобы обмен был виден; настоящие серверы .* отказывают/,
  ],
  ['AUTH over TLS', cmd('AUTH PLAIN', 'AUTH'), { profile: 'gmail', secure: true }, 'en', /encrypted \(TLS\)/],
  ['unlisted code', reply('599 whatever', 599), {}, 'en', /Permanent failure/],
  ['connected', line({ Dir: 'E', Event: 'connected', Text: 'x' }), { summary }, 'en', /127\.0\.0\.1:40000 → smtp :1025/],
  [
    'connected promises no pause',
    line({ Dir: 'E', Event: 'connected', Text: 'x' }),
    { summary },
    'ru',
    /^(?!.*пауз).*первым говорит сервер: он приветствует клиента ответом 220/,
  ],
  [
    'closed without QUIT says what RFC 5321 asks',
    line({ Dir: 'E', Event: 'closed', Text: 'x' }),
    { closing: 'no-quit' },
    'ru',
    /должен завершать сеанс командой QUIT и дождаться ответа 221; письма, уже принятые с ответом 250, от этого не теряются/,
  ],
  ['tls', line({ Dir: 'E', Event: 'tls', Text: 'x' }), { summary }, 'ru', /TLS установлен \(TLSv1\.3/],
  ['closed after QUIT', line({ Dir: 'E', Event: 'closed', Text: 'x' }), { closing: 'quit' }, 'en', /after QUIT/],
  ['closed without QUIT', line({ Dir: 'E', Event: 'closed', Text: 'x' }), { closing: 'no-quit' }, 'en', /without QUIT/],
  ['aborted', line({ Dir: 'E', Event: 'aborted', Text: 'x' }), {}, 'en', /middle of a mail transaction/],
  [
    'a failed implicit-TLS handshake',
    line({ Dir: 'E', Event: 'tls-failed', Text: 'the TLS handshake failed (wrong version number): the client did not start with TLS' }),
    {},
    'ru',
    /TLS-рукопожатие не удалось \(wrong version number\)\. Этот порт, как 465, ждёт TLS с первого байта/,
  ],
  ['data-incomplete', line({ Dir: 'E', Event: 'data-incomplete', Text: 'the client left during DATA after 77 bytes' }), {}, 'en', /77 B/],
];

describe('explainLine', () => {
  it.each(cases)('%s', (_name, dialogueLine, context, lang, expected) => {
    expect(explainLine(dialogueLine, lang, context).text).toMatch(expected);
  });

  it('marks exactly MAIL, RCPT and DATA as mandatory', () => {
    const marked = ['EHLO', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'DATA-BODY', 'QUIT', 'RSET'].filter(
      (command) => explainLine(cmd(command, command), 'en').mandatory !== undefined,
    );
    expect(marked).toEqual(['MAIL', 'RCPT', 'DATA']);
  });

  it('reads 2.6.0 as "the message was accepted", once, not as content · other', () => {
    expect(explainEnhanced('2.6.0', 'ru')).toBe('успех · письмо принято');
    expect(explainEnhanced('2.6.0', 'en')).toBe('success · the message was accepted');
    expect(explainEnhanced('5.6.0', 'ru')).toBe('постоянная ошибка · содержимое письма · прочее, связанное с содержимым');
  });

  it('explains each advertised extension of an EHLO reply and the enhanced code of a reply', () => {
    const ehlo = explainLine(reply('250-smtp-lab hi\n250-PIPELINING\n250-AUTH PLAIN LOGIN\n250 SIZE 100', 250), 'en', { answers: cmd('EHLO x', 'EHLO') });
    expect(ehlo.items?.map((item) => item.label)).toEqual(['smtp-lab hi', 'PIPELINING', 'AUTH PLAIN LOGIN', 'SIZE 100']);
    expect(ehlo.items?.[3]?.text).toMatch(/largest message/);
    // On the open port, in clear: AUTH is offered there on purpose, real servers refuse it.
    const open = explainLine(reply('250-smtp-lab hi\n250 AUTH PLAIN LOGIN', 250), 'ru', { answers: cmd('EHLO x', 'EHLO'), profile: 'open', secure: false });
    expect(open.items?.[1]?.text).not.toMatch(/\(только поверх TLS\)/);
    expect(open.items?.[1]?.text).toMatch(/этот учебный порт нарочно предлагает AUTH без TLS/);
    const refused = explainLine(line({ Dir: 'S', Text: '535 5.7.8 Error: authentication failed', Code: 535, Enhanced: '5.7.8' }), 'ru');
    expect(refused.enhanced).toBe('постоянная ошибка · безопасность или политика · неверные учётные данные');
  });
});
