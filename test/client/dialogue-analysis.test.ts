// Reading a dialogue as the practical work does: which reply answers which command, how far the
// dialogue got, and, for an ended session, whether a mail went through or the step where it
// stopped — the greeting, EHLO, TLS, AUTH, MAIL FROM, RCPT TO, DATA, the message. Dialogues are
// written compactly: "C MAIL" a client command, "S 250" a reply, "E tls" a connection event;
// "C AUTH*" a masked AUTH continuation, "C TLS-HANDSHAKE" TLS bytes where plain SMTP was expected.
import { describe, expect, it } from 'vitest';
import type { DialogueLine, ListenerSecurity, SessionEventKind, SessionState } from '../../server/wire/sessions.js';
import { analyseDialogue, type ListenerFacts } from '../../client/src/smtp/dialogue-analysis.js';

export function dialogue(script: string): DialogueLine[] {
  return script
    .trim()
    .split(/\s*,\s*/)
    .map((step, Seq): DialogueLine => {
      const [dir, word = ''] = step.split(' ') as ['C' | 'S' | 'E', string];
      if (dir === 'C' && word === 'AUTH*') return { Seq, At: Seq, Dir: 'C', Command: 'AUTH', Text: '••••••••', Masked: true };
      if (dir === 'C' && word === 'TLS-HANDSHAKE')
        return { Seq, At: Seq, Dir: 'C', Command: 'TLS-HANDSHAKE', Text: '<TLS handshake: 517 bytes of binary data>', Bytes: 517 };
      if (dir === 'C') return { Seq, At: Seq, Dir: 'C', Command: word, Text: word };
      if (dir === 'S') return { Seq, At: Seq, Dir: 'S', Code: Number(word), Text: `${word} reply text` };
      return { Seq, At: Seq, Dir: 'E', Event: word as SessionEventKind, Text: word };
    });
}

const listener = (Security: ListenerSecurity, Profile: string): ListenerFacts => ({ Security, Profile });
const PLAIN_OPEN = listener('none', 'open');
const IMPLICIT_GMAIL = listener('implicit-tls', 'gmail');
const STARTTLS_LAB = listener('starttls', 'lab');

const OPEN = 'E connected, S 220, C EHLO, S 250';
const TLS_OPEN = 'E connected, E tls, S 220, C EHLO, S 250';
const STARTTLS_OPEN = `${OPEN}, C STARTTLS, S 220, E tls, C EHLO, S 250`;
const MAIL = 'C MAIL, S 250, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 250';

type Expected = { stage: string; state: string; code?: number; reason?: string; then?: { command: string; code: number } } | 'complete' | undefined;

// Each row: a dialogue that stops at one stage, and the verdict that must name that stage.
const cases: Array<[string, ListenerFacts, string, SessionState, Expected]> = [
  ['a whole mail', PLAIN_OPEN, `${OPEN}, ${MAIL}, C QUIT, S 221, E closed`, 'closed', 'complete'],
  ['the client left before the greeting', PLAIN_OPEN, 'E connected, E closed', 'closed', { stage: 'greeting', state: 'none', reason: 'left' }],
  ['the server refused to greet', PLAIN_OPEN, 'E connected, S 421, E closed', 'closed', { stage: 'greeting', state: 'refused', code: 421 }],
  [
    'TLS bytes to a plain port, 421',
    PLAIN_OPEN,
    'E connected, C TLS-HANDSHAKE, S 421, E closed',
    'closed',
    { stage: 'tls', state: 'refused', code: 421, reason: 'tls-on-plain-port' },
  ],
  [
    'TLS bytes after the greeting, 500',
    STARTTLS_LAB,
    'E connected, S 220, C TLS-HANDSHAKE, S 500, E closed',
    'closed',
    { stage: 'tls', state: 'refused', code: 500, reason: 'tls-on-plain-port' },
  ],
  [
    'no EHLO',
    PLAIN_OPEN,
    'E connected, S 220, C MAIL, S 503, C QUIT, S 221, E closed',
    'closed',
    { stage: 'ehlo', state: 'none', then: { command: 'MAIL', code: 503 } },
  ],
  ['EHLO refused', PLAIN_OPEN, 'E connected, S 220, C EHLO, S 501, C QUIT, S 221, E closed', 'closed', { stage: 'ehlo', state: 'refused', code: 501 }],
  ['implicit TLS handshake failed', IMPLICIT_GMAIL, 'E connected, E closed', 'closed', { stage: 'tls', state: 'failed', reason: 'implicit-tls' }],
  [
    'implicit TLS handshake failed, recorded by the server',
    IMPLICIT_GMAIL,
    'E connected, E tls-failed, E closed',
    'closed',
    { stage: 'tls', state: 'failed', reason: 'implicit-tls' },
  ],
  [
    'STARTTLS never sent, MAIL 530',
    STARTTLS_LAB,
    `${OPEN}, C MAIL, S 530, C QUIT, S 221, E closed`,
    'closed',
    { stage: 'tls', state: 'none', then: { command: 'MAIL', code: 530 } },
  ],
  ['STARTTLS refused', STARTTLS_LAB, `${OPEN}, C STARTTLS, S 454, C QUIT, S 221, E closed`, 'closed', { stage: 'tls', state: 'refused', code: 454 }],
  [
    'STARTTLS 220, handshake broken off',
    STARTTLS_LAB,
    `${OPEN}, C STARTTLS, S 220, E closed`,
    'closed',
    { stage: 'tls', state: 'failed', reason: 'handshake' },
  ],
  ['AUTH 535 over implicit TLS', IMPLICIT_GMAIL, `${TLS_OPEN}, C AUTH, S 535, E closed`, 'closed', { stage: 'auth', state: 'refused', code: 535 }],
  [
    'AUTH 534 after STARTTLS',
    listener('starttls', 'gmail'),
    `${STARTTLS_OPEN}, C AUTH, S 534, E closed`,
    'closed',
    { stage: 'auth', state: 'refused', code: 534 },
  ],
  [
    'AUTH never sent, MAIL 530',
    IMPLICIT_GMAIL,
    `${TLS_OPEN}, C MAIL, S 530, C RCPT, S 530, C DATA, S 530, E closed`,
    'closed',
    { stage: 'auth', state: 'none', then: { command: 'MAIL', code: 530 } },
  ],
  ['AUTH LOGIN left after 334', IMPLICIT_GMAIL, `${TLS_OPEN}, C AUTH, S 334, C AUTH*, S 334, E closed`, 'closed', { stage: 'auth', state: 'incomplete' }],
  [
    'AUTH on the open port refused, nothing after',
    PLAIN_OPEN,
    `${OPEN}, C AUTH, S 504, C QUIT, S 221, E closed`,
    'closed',
    { stage: 'auth', state: 'refused', code: 504 },
  ],
  ['AUTH on the open port refused, then a mail', PLAIN_OPEN, `${OPEN}, C AUTH, S 504, ${MAIL}, E closed`, 'closed', 'complete'],
  [
    'AUTH LOGIN then a mail',
    IMPLICIT_GMAIL,
    `${TLS_OPEN}, C AUTH, S 334, C AUTH*, S 334, C AUTH*, S 235, ${MAIL}, C QUIT, S 221, E closed`,
    'closed',
    'complete',
  ],
  ['only the greeting', PLAIN_OPEN, `${OPEN}, C QUIT, S 221, E closed`, 'closed', { stage: 'mail', state: 'none' }],
  ['MAIL refused', PLAIN_OPEN, `${OPEN}, C MAIL, S 553, C QUIT, S 221, E closed`, 'closed', { stage: 'mail', state: 'refused', code: 553 }],
  [
    'RCPT before MAIL',
    PLAIN_OPEN,
    `${OPEN}, C RCPT, S 503, C QUIT, S 221, E closed`,
    'closed',
    { stage: 'mail', state: 'none', then: { command: 'RCPT', code: 503 } },
  ],
  [
    'no RCPT, DATA refused',
    PLAIN_OPEN,
    `${OPEN}, C MAIL, S 250, C DATA, S 503, C QUIT, S 221, E closed`,
    'closed',
    { stage: 'rcpt', state: 'none', then: { command: 'DATA', code: 503 } },
  ],
  ['RCPT refused', PLAIN_OPEN, `${OPEN}, C MAIL, S 250, C RCPT, S 550, E closed`, 'closed', { stage: 'rcpt', state: 'refused', code: 550 }],
  ['no DATA', PLAIN_OPEN, `${OPEN}, C MAIL, S 250, C RCPT, S 250, C QUIT, S 221, E closed`, 'closed', { stage: 'data', state: 'none' }],
  ['DATA refused', PLAIN_OPEN, `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 451, E closed`, 'closed', { stage: 'data', state: 'refused', code: 451 }],
  [
    'left mid-body',
    PLAIN_OPEN,
    `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354, E data-incomplete, E aborted`,
    'aborted',
    { stage: 'body', state: 'incomplete' },
  ],
  [
    'body too big',
    PLAIN_OPEN,
    `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 552, C QUIT, S 221, E closed`,
    'closed',
    { stage: 'body', state: 'refused', code: 552 },
  ],
  [
    'RSET after RCPT',
    PLAIN_OPEN,
    `${OPEN}, C MAIL, S 250, C RCPT, S 250, C RSET, S 250, C QUIT, S 221, E closed`,
    'closed',
    { stage: 'mail', state: 'none', reason: 'reset' },
  ],
  ['a mail, then a half one', PLAIN_OPEN, `${OPEN}, ${MAIL}, C MAIL, S 250, C QUIT, S 221, E closed`, 'closed', { stage: 'rcpt', state: 'none' }],
  ['two mails', PLAIN_OPEN, `${OPEN}, ${MAIL}, ${MAIL}, E closed`, 'closed', 'complete'],
  [
    'nested MAIL keeps the open one',
    PLAIN_OPEN,
    `${OPEN}, C MAIL, S 250, C MAIL, S 503, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 250, E closed`,
    'closed',
    'complete',
  ],
  ['still open', PLAIN_OPEN, `${OPEN}, C MAIL, S 250`, 'open', undefined],
  ['221 to QUIT ends it even before the record closes', PLAIN_OPEN, `${OPEN}, C QUIT, S 221`, 'open', { stage: 'mail', state: 'none' }],
];

describe('the session verdict names the step where the dialogue stopped', () => {
  it.each(cases)('%s', (_name, facts, script, state, expected) => {
    const verdict = analyseDialogue(dialogue(script), state, facts).verdict;
    if (expected === undefined) expect(verdict).toBeUndefined();
    else if (expected === 'complete') expect(verdict?.kind).toBe('complete');
    else {
      expect(verdict?.kind).toBe('stopped');
      const { then, ...rest } = expected;
      expect(verdict).toMatchObject(rest);
      if (verdict?.kind === 'stopped') {
        expect(verdict.then ? { command: verdict.then.command, code: verdict.then.code } : undefined).toEqual(then);
        if (verdict.state === 'refused' && verdict.code !== undefined) expect(verdict.reply).toBe(`${verdict.code} reply text`);
      }
    }
  });

  it('counts the mails of an incomplete session', () => {
    const verdict = analyseDialogue(dialogue(`${OPEN}, ${MAIL}, C MAIL, S 250, E closed`), 'closed').verdict;
    expect(verdict).toMatchObject({ kind: 'stopped', stage: 'rcpt', mails: 1 });
  });
});

describe('the step cards', () => {
  const cards = (facts: ListenerFacts, script: string, state: SessionState = 'closed') =>
    analyseDialogue(dialogue(script), state, facts).steps.map((c) => `${c.id}:${c.state}${c.code ? `:${c.code}` : ''}`);

  it('show only the three mandatory commands on the plain open port', () => {
    expect(cards(PLAIN_OPEN, `${OPEN}, ${MAIL}, E closed`)).toEqual(['MAIL:done', 'RCPT:done', 'DATA:done']);
  });

  it('add TLS and AUTH where the listener requires them', () => {
    expect(cards(IMPLICIT_GMAIL, `${TLS_OPEN}, C AUTH, S 535, E closed`)).toEqual(['TLS:done', 'AUTH:refused:535', 'MAIL:none', 'RCPT:none', 'DATA:none']);
    expect(cards(STARTTLS_LAB, `${OPEN}, C MAIL, S 530, E closed`)).toEqual(['TLS:none', 'AUTH:none', 'MAIL:refused:530', 'RCPT:none', 'DATA:none']);
    expect(cards(STARTTLS_LAB, `${OPEN}, C STARTTLS, S 220, E closed`)).toEqual(['TLS:failed', 'AUTH:none', 'MAIL:none', 'RCPT:none', 'DATA:none']);
  });

  it('show AUTH on the open port once it was tried', () => {
    expect(cards(PLAIN_OPEN, `${OPEN}, C AUTH, S 235, ${MAIL}, E closed`)).toEqual(['AUTH:done', 'MAIL:done', 'RCPT:done', 'DATA:done']);
  });

  it('follow the body under way and its refusal', () => {
    expect(cards(PLAIN_OPEN, `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354`, 'open')).toEqual(['MAIL:done', 'RCPT:done', 'DATA:sent']);
    expect(cards(PLAIN_OPEN, `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 552, E closed`)).toEqual([
      'MAIL:done',
      'RCPT:done',
      'DATA:refused:552',
    ]);
  });
});

describe('analyseDialogue', () => {
  it('pairs replies with commands both ways, pipelined ones too (RFC 2920)', () => {
    const lines = dialogue(`${OPEN}, C MAIL, C RCPT, C DATA, S 250, S 250, S 354, C DATA-BODY, S 250`);
    const analysis = analyseDialogue(lines, 'open');
    const pairs = [...analysis.answers].map(([replySeq, command]) => `${lines[replySeq]!.Code}←${command.Command}`);
    expect(pairs).toEqual(['250←EHLO', '250←MAIL', '250←RCPT', '354←DATA', '250←DATA-BODY']);
    expect(analysis.replies.get(6)?.Code).toBe(354);
    expect(analysis.answers.has(1)).toBe(false); // the greeting answers nothing
    expect(analysis.mailsAccepted).toBe(1);
    expect(analysis.attempt).toBeUndefined();
  });

  it('marks the lines read as commands after a refused DATA, until a new transaction', () => {
    const lines = dialogue(`${OPEN}, C MAIL, S 250, C DATA, S 503, C SUBJECT, S 500, C , S 500, C TEXT, S 500, C QUIT, S 221`);
    const analysis = analyseDialogue(lines, 'open');
    expect([...analysis.strayText].map((seq) => lines[seq]!.Text)).toEqual(['SUBJECT', '', 'TEXT']);
    const after = analyseDialogue(dialogue(`${OPEN}, C MAIL, S 250, C DATA, S 503, C RSET, S 250, C FOO, S 500`), 'open');
    expect(after.strayText.size).toBe(0);
  });

  it('knows when TLS started', () => {
    expect(analyseDialogue(dialogue(STARTTLS_OPEN), 'open', STARTTLS_LAB).tlsAt).toBe(6);
    expect(analyseDialogue(dialogue(OPEN), 'open').tlsAt).toBeUndefined();
  });

  it.each([
    ['quit', `${OPEN}, C QUIT, S 221, E closed`],
    ['server', `${OPEN}, S 421, E closed`],
    ['no-quit', `${OPEN}, E closed`],
  ])('tells how the connection closed: %s', (closing, script) => {
    expect(analyseDialogue(dialogue(script), 'closed').closing).toBe(closing);
  });
});
