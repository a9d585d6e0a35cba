// The console's reading of the dialogue without sockets: replies cut whole (RFC 5321 §4.2.1),
// the mode the next line is in (command, message, AUTH secret), the limits per mode, what is
// masked, and STARTTLS holding lines until TLS is on.
import { describe, expect, it } from 'vitest';
import { createConsoleDialogue, maskAuthLine } from '../../../lab/console/console-dialogue.js';
import { createReplyReader } from '../../../lab/console/reply-reader.js';
import { MASK } from '../../../server/wire/mask.js';

describe('replies', () => {
  it('are whole: a multi-line reply in pieces is one reply; a line without a code is its own', () => {
    const reader = createReplyReader();
    expect(reader.feed('250-smtp-lab Hello\r\n250-PIPE')).toEqual([]);
    expect(reader.feed('LINING\r\n250 HELP\r\n354 Go')).toEqual([{ lines: ['250-smtp-lab Hello', '250-PIPELINING', '250 HELP'], code: 250 }]);
    expect(reader.feed(' ahead\r\nnonsense\n221\r\n')).toEqual([
      { lines: ['354 Go ahead'], code: 354 },
      { lines: ['nonsense'] },
      { lines: ['221'], code: 221 },
    ]);
    reader.feed('250-half');
    reader.reset();
    expect(reader.feed('220 TLS go\r\n')).toEqual([{ lines: ['220 TLS go'], code: 220 }]);
  });
});

describe('the dialogue as the bridge reads it', () => {
  it('goes into DATA after 354 and out of it with a single dot; limits follow the mode', () => {
    const d = createConsoleDialogue();
    expect(d.check('x'.repeat(511))).toMatchObject({ ok: false, reason: 'line-too-long', limit: 510 });
    d.sent('DATA');
    expect(d.replied(354).mode).toBe('data');
    expect(d.check('x'.repeat(998))).toMatchObject({ ok: true, shown: 'x'.repeat(998), mode: 'data' });
    expect(d.check('x'.repeat(999))).toMatchObject({ ok: false, limit: 998 });
    expect(d.sent('QUIT')).toBe('data');
    expect(d.check('.')).toMatchObject({ ok: true, mode: 'command' });
    expect(d.sent('.')).toBe('command');
    expect(d.replied(250).mode).toBe('command');
  });

  it('masks what answers a 334 and the initial response of AUTH, never the mechanism', () => {
    const d = createConsoleDialogue();
    expect(d.check('AUTH PLAIN AHN0dWRlbnQAc2VjcmV0')).toMatchObject({ ok: true, shown: `AUTH PLAIN ${MASK}`, masked: true });
    d.sent('AUTH LOGIN');
    expect(d.replied(334).mode).toBe('secret');
    expect(d.check('c2VjcmV0'.repeat(600))).toMatchObject({ ok: true, shown: MASK, masked: true });
    expect(d.sent('c2VjcmV0')).toBe('command');
    expect(maskAuthLine('auth login')).toEqual({ shown: 'auth login', masked: false });
    expect(maskAuthLine('EHLO a b')).toEqual({ shown: 'EHLO a b', masked: false });
  });

  it('holds the lines after STARTTLS until its 220 and the handshake; a refusal lets them go in clear', () => {
    const d = createConsoleDialogue();
    d.sent('STARTTLS');
    expect(d.holding()).toBe(true);
    expect(d.check('EHLO a')).toMatchObject({ ok: true, hold: true });
    expect(d.replied(220)).toEqual({ mode: 'command', startTls: true });
    expect(d.holding()).toBe(true);
    d.tlsStarted();
    expect(d.holding()).toBe(false);
    d.sent('STARTTLS');
    expect(d.replied(454)).toEqual({ mode: 'command', startTls: false });
    expect(d.holding()).toBe(false);
    // The greeting's 220 is not an answer to STARTTLS.
    expect(createConsoleDialogue().replied(220).startTls).toBe(false);
  });
});
