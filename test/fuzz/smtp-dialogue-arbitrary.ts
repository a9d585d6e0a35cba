// Random and mutated SMTP dialogues, as fast-check arbitraries: real commands with odd
// arguments, commands out of order, AUTH with good and bad secrets, bodies with dots and bare
// LFs, over-long lines, binary junk and TLS bytes where plain text is expected, writes split at
// random places, pauses, and every way of leaving (QUIT, FIN, RST, hanging up mid-command).
import fc from 'fast-check';

export type ListenerName = 'smtp' | 'smtps' | 'submission';

/** How the client reaches the listener; `plain-on-tls` talks plain SMTP to the implicit-TLS port. */
export type Approach = 'as-expected' | 'plain-on-tls';

export type Step =
  | { kind: 'line'; text: string }
  | { kind: 'raw'; bytes: number[] }
  | { kind: 'body'; text: string; dot: boolean }
  | { kind: 'starttls' }
  | { kind: 'wait'; ms: number }
  | { kind: 'read' };

export type Ending = 'quit' | 'fin' | 'rst' | 'hang-up';

export interface Dialogue {
  listener: ListenerName;
  approach: Approach;
  steps: Step[];
  ending: Ending;
  /** Writes are split into pieces of this many bytes (0: as they come). */
  chunk: number;
}

/** The lab account the fuzzer may sign in with (created by the runner). */
export const FUZZ_LOGIN = 'fuzz@lab.local';
export const FUZZ_PASSWORD = 'fuzz-password-1';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const word = fc.stringMatching(/^[A-Za-z0-9._-]{0,20}$/);
const address = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom('', 'a@lab.local', 'b@lab.local', FUZZ_LOGIN, 'postmaster', '"quoted local"@lab.local', 'ünïcode@lab.local', 'a@[127.0.0.1]'),
  fc.string({ maxLength: 40 }),
);
const junkText = fc.string({ unit: 'binary', maxLength: 120 });

const mailParams = fc.constantFrom('', ' SIZE=100', ' SIZE=999999999999', ' BODY=8BITMIME', ' SMTPUTF8', ' RET=FULL', ' X=Y', ' SIZE=abc');

const command: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('EHLO', 'HELO', 'ehlo', 'LHLO'), word).map(([verb, name]) => `${verb} ${name}`) },
  { weight: 5, arbitrary: fc.tuple(address, mailParams).map(([a, p]) => `MAIL FROM:<${a}>${p}`) },
  { weight: 5, arbitrary: address.map((a) => `RCPT TO:<${a}>`) },
  { weight: 4, arbitrary: fc.constant('DATA') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'RSET',
      'NOOP',
      'QUIT',
      'VRFY x',
      'EXPN list',
      'HELP',
      'BDAT 10 LAST',
      'TURN',
      'XCLIENT ADDR=1.2.3.4',
      'MAILFROM:<a@lab.local>',
      'RCPT TO:a@lab.local',
      'MAIL FROM: <a@lab.local>',
      '',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constant(`AUTH PLAIN ${b64(`\0${FUZZ_LOGIN}\0${FUZZ_PASSWORD}`)}`),
      fc.string({ maxLength: 30 }).map((s) => `AUTH PLAIN ${b64(s)}`),
      fc.constantFrom('AUTH LOGIN', 'AUTH PLAIN', 'AUTH CRAM-MD5', 'AUTH XOAUTH2 abc', 'AUTH', 'AUTH BOGUS', '*', b64(FUZZ_LOGIN), b64(FUZZ_PASSWORD)),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 3000 }).map((n) => `NOOP ${'x'.repeat(n)}`) },
  { weight: 1, arbitrary: junkText },
);

/** A line with a few characters inserted, deleted or replaced. */
const mutated: fc.Arbitrary<string> = fc
  .tuple(
    command,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 })), { maxLength: 3 }),
  )
  .map(([line, edits]) => {
    let text = line;
    for (const [at, how, ch] of edits) {
      const i = text.length === 0 ? 0 : at % text.length;
      if (how === 'insert') text = text.slice(0, i) + ch + text.slice(i);
      else if (how === 'delete') text = text.slice(0, i) + text.slice(i + 1);
      else text = text.slice(0, i) + ch + text.slice(i + 1);
    }
    return text.replace(/\r?\n/g, ' ');
  });

const body = fc
  .tuple(
    fc.array(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('.', '..', '.leading', 'Subject: fuzz', 'From: a@lab.local', '', 'x\ny', 'a\r.\rb')), {
      maxLength: 20,
    }),
    fc.boolean(),
  )
  .map(([lines, dot]): Step => ({ kind: 'body', text: lines.join('\r\n'), dot }));

const rawBytes: fc.Arbitrary<Step> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes): Step => ({ kind: 'raw', bytes: [...bytes] })),
  // The start of a TLS ClientHello where plain SMTP is expected.
  fc.uint8Array({ maxLength: 60 }).map((tail): Step => ({ kind: 'raw', bytes: [0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, ...tail] })),
  // Bare LF line ends, and a bare-LF "end of data" that must not end DATA (SMTP smuggling).
  fc.constantFrom<Step>({ kind: 'raw', bytes: [...Buffer.from('NOOP\nNOOP\n')] }, { kind: 'raw', bytes: [...Buffer.from('\n.\nMAIL FROM:<x@y>\n')] }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: command.map((text): Step => ({ kind: 'line', text })) },
  { weight: 3, arbitrary: mutated.map((text): Step => ({ kind: 'line', text })) },
  { weight: 3, arbitrary: body },
  { weight: 2, arbitrary: rawBytes },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'starttls' }) },
  { weight: 3, arbitrary: fc.constant<Step>({ kind: 'read' }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 }).map((ms): Step => ({ kind: 'wait', ms })) },
);

/** A dialogue that mostly follows the protocol, so that deep states (DATA, AUTH, TLS) are reached. */
const likely: fc.Arbitrary<Step[]> = fc
  .tuple(fc.boolean(), fc.array(step, { maxLength: 4 }), body, fc.array(step, { maxLength: 4 }))
  .map(([auth, before, mail, after]) => [
    { kind: 'read' },
    { kind: 'line', text: 'EHLO fuzz.test' },
    { kind: 'read' },
    ...(auth ? [{ kind: 'line', text: `AUTH PLAIN ${b64(`\0${FUZZ_LOGIN}\0${FUZZ_PASSWORD}`)}` } as Step, { kind: 'read' } as Step] : []),
    ...before,
    { kind: 'line', text: 'MAIL FROM:<a@lab.local>' },
    { kind: 'line', text: 'RCPT TO:<b@lab.local>' },
    { kind: 'line', text: 'DATA' },
    { kind: 'read' },
    mail,
    ...after,
  ]);

export const dialogue: fc.Arbitrary<Dialogue> = fc.record({
  listener: fc.constantFrom<ListenerName>('smtp', 'smtp', 'smtp', 'submission', 'smtps'),
  approach: fc.constantFrom<Approach>('as-expected', 'as-expected', 'as-expected', 'as-expected', 'plain-on-tls'),
  steps: fc.oneof({ weight: 2, arbitrary: likely }, { weight: 1, arbitrary: fc.array(step, { maxLength: 25 }) }),
  ending: fc.constantFrom<Ending>('quit', 'fin', 'rst', 'hang-up'),
  chunk: fc.constantFrom(0, 0, 1, 3, 7, 64),
});
