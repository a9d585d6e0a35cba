// Reading a dialogue as the practical work does: which reply answers which command, how far
// the mail transaction got, and for an ended session whether a mail went through or which of
// MAIL FROM / RCPT TO / DATA was missing. Dialogues are written compactly: "C MAIL" a client
// command, "S 250" a reply, "E data-incomplete" a connection event.
import { describe, expect, it } from 'vitest';
import type { DialogueLine, SessionEventKind, SessionState } from '../../server/sessions/wire-types.js';
import { analyseDialogue, type Verdict } from '../../client/src/smtp/dialogue-analysis.js';

function dialogue(script: string): DialogueLine[] {
  return script
    .trim()
    .split(/\s*,\s*/)
    .map((step, Seq) => {
      const [dir, word = ''] = step.split(' ') as ['C' | 'S' | 'E', string];
      if (dir === 'C') return { Seq, At: Seq, Dir: 'C', Command: word, Text: word };
      if (dir === 'S') return { Seq, At: Seq, Dir: 'S', Code: Number(word), Text: word };
      return { Seq, At: Seq, Dir: 'E', Event: word as SessionEventKind, Text: word };
    });
}

const OPEN = 'E connected, S 220, C EHLO, S 250';
const cases: Array<[string, string, SessionState, Verdict | undefined]> = [
  ['a whole mail', `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 250, C QUIT, S 221, E closed`, 'closed', { kind: 'complete', mails: 1 }],
  ['only the greeting', `${OPEN}, C QUIT, S 221, E closed`, 'closed', { kind: 'missing', missing: 'MAIL', state: 'none', mails: 0 }],
  ['MAIL refused', `${OPEN}, C MAIL, S 530, C QUIT, S 221, E closed`, 'closed', { kind: 'missing', missing: 'MAIL', state: 'refused', code: 530, mails: 0 }],
  ['RCPT before MAIL', `${OPEN}, C RCPT, S 503, C QUIT, S 221, E closed`, 'closed', { kind: 'missing', missing: 'MAIL', state: 'none', mails: 0 }],
  ['no RCPT, DATA refused', `${OPEN}, C MAIL, S 250, C DATA, S 503, C QUIT, S 221, E closed`, 'closed', { kind: 'missing', missing: 'RCPT', state: 'none', mails: 0 }],
  ['RCPT refused', `${OPEN}, C MAIL, S 250, C RCPT, S 550, E closed`, 'closed', { kind: 'missing', missing: 'RCPT', state: 'refused', code: 550, mails: 0 }],
  ['no DATA', `${OPEN}, C MAIL, S 250, C RCPT, S 250, C QUIT, S 221, E closed`, 'closed', { kind: 'missing', missing: 'DATA', state: 'none', mails: 0 }],
  ['left mid-body', `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354, E data-incomplete, E aborted`, 'aborted', { kind: 'missing', missing: 'DATA', state: 'incomplete', mails: 0 }],
  ['body too big', `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 552, C QUIT, S 221, E closed`, 'closed', { kind: 'missing', missing: 'DATA', state: 'refused', code: 552, mails: 0 }],
  ['RSET after RCPT', `${OPEN}, C MAIL, S 250, C RCPT, S 250, C RSET, S 250, C QUIT, S 221, E closed`, 'closed', { kind: 'missing', missing: 'DATA', state: 'none', mails: 0 }],
  ['a mail, then a half one', `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 250, C MAIL, S 250, C QUIT, S 221, E closed`, 'closed', { kind: 'missing', missing: 'RCPT', state: 'none', mails: 1 }],
  ['two mails', `${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 250, C MAIL, S 250, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 250, E closed`, 'closed', { kind: 'complete', mails: 2 }],
  ['nested MAIL keeps the open one', `${OPEN}, C MAIL, S 250, C MAIL, S 503, C RCPT, S 250, C DATA, S 354, C DATA-BODY, S 250, E closed`, 'closed', { kind: 'complete', mails: 1 }],
  ['still open', `${OPEN}, C MAIL, S 250`, 'open', undefined],
];

describe('analyseDialogue', () => {
  it.each(cases)('%s', (_name, script, state, verdict) => {
    expect(analyseDialogue(dialogue(script), state).verdict).toEqual(verdict);
  });

  it('pairs replies with commands, pipelined ones too (RFC 2920)', () => {
    const lines = dialogue(`${OPEN}, C MAIL, C RCPT, C DATA, S 250, S 250, S 354, C DATA-BODY, S 250`);
    const analysis = analyseDialogue(lines, 'open');
    const pairs = [...analysis.answers].map(([replySeq, command]) => `${lines[replySeq]!.Code}←${command.Command}`);
    expect(pairs).toEqual(['250←EHLO', '250←MAIL', '250←RCPT', '354←DATA', '250←DATA-BODY']);
    expect(analysis.answers.has(1)).toBe(false); // the greeting answers nothing
    expect(analysis.mailsAccepted).toBe(1);
    expect(analysis.attempt).toBeUndefined();
  });

  it('tracks the transaction under way', () => {
    const progress = analyseDialogue(dialogue(`${OPEN}, C MAIL, S 250, C RCPT, S 250, C DATA, S 354`), 'open').attempt;
    expect(progress).toMatchObject({ MAIL: 'done', RCPT: 'done', DATA: 'sent' });
  });

  it.each([
    ['quit', `${OPEN}, C QUIT, S 221, E closed`],
    ['server', `${OPEN}, S 421, E closed`],
    ['no-quit', `${OPEN}, E closed`],
  ])('tells how the connection closed: %s', (closing, script) => {
    expect(analyseDialogue(dialogue(script), 'closed').closing).toBe(closing);
  });
});
