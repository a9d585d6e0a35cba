// The console page's own logic without a browser: the command history (Up, Down, back to what
// was typed), where the dialogue stands and the next step hinted, the 334 prompts decoded, and
// base64 of UTF-8 for AUTH.
import { describe, expect, it } from 'vitest';
import type { ConsoleServerFrame, ConsoleTarget } from '../../lab/console/console-wire.js';
import { createCommandHistory } from '../../client/src/console/command-history.js';
import { base64, nextStep, NO_PROGRESS, progressAfter, quickCommands, serverPrompt } from '../../client/src/console/console-steps.js';

const submission: ConsoleTarget = { name: 'submission', port: 1587, security: 'starttls', profile: 'lab' };
const plain: ConsoleTarget = { name: 'smtp', port: 1025, security: 'none', profile: 'open' };

describe('the command history', () => {
  it('goes back and forth like a shell, and keeps what was being typed', () => {
    const history = createCommandHistory(3);
    expect(history.up('x')).toBeUndefined();
    for (const line of ['EHLO a', 'MAIL FROM:<a@b.c>', 'MAIL FROM:<a@b.c>', '', 'RCPT TO:<c@d.e>', 'DATA']) history.add(line);
    expect(history.list()).toEqual(['MAIL FROM:<a@b.c>', 'RCPT TO:<c@d.e>', 'DATA']);
    expect(history.up('QU')).toBe('DATA');
    expect(history.up('ignored')).toBe('RCPT TO:<c@d.e>');
    expect(history.up('')).toBe('MAIL FROM:<a@b.c>');
    expect(history.up('')).toBeUndefined();
    expect(history.down()).toBe('RCPT TO:<c@d.e>');
    expect(history.down()).toBe('DATA');
    expect(history.down()).toBe('QU');
    expect(history.down()).toBeUndefined();
  });
});

describe('the next step', () => {
  const play = (target: ConsoleTarget, frames: ConsoleServerFrame[]) => {
    const steps: string[] = [];
    let p = NO_PROGRESS;
    for (const frame of frames) {
      p = progressAfter(p, frame);
      if (frame.type === 'reply' || frame.type === 'tls') steps.push(nextStep(p, target));
    }
    return steps;
  };
  const sent = (text: string, masked = false): ConsoleServerFrame => ({ type: 'sent', text, masked, mode: 'command' });
  const reply = (code: number, mode: 'command' | 'data' | 'secret' = 'command'): ConsoleServerFrame => ({ type: 'reply', lines: [`${code} x`], code, mode });

  it('walks the STARTTLS listener: EHLO, STARTTLS, EHLO again, AUTH, MAIL, RCPT, DATA, the body, done', () => {
    expect(
      play(submission, [
        reply(220),
        sent('EHLO a'),
        reply(250),
        sent('STARTTLS'),
        reply(220),
        { type: 'tls', protocol: 'TLSv1.3', cipher: 'x', upgraded: true },
        sent('EHLO a'),
        reply(250),
        sent('AUTH LOGIN'),
        reply(334, 'secret'),
        sent('••••••••', true),
        reply(334, 'secret'),
        sent('••••••••', true),
        reply(235),
        sent('MAIL FROM:<a@b.c>'),
        reply(250),
        sent('RCPT TO:<c@d.e>'),
        reply(550),
        sent('RCPT TO:<c@d.e>'),
        reply(250),
        sent('DATA'),
        reply(354, 'data'),
        sent('.'),
        reply(250),
      ]),
    ).toEqual(['ehlo', 'starttls', 'starttls', 'ehloAgain', 'auth', 'auth', 'auth', 'mail', 'rcpt', 'rcpt', 'data', 'body', 'done']);
  });

  it('needs no TLS nor AUTH on the open plain listener, and offers the message lines in DATA mode', () => {
    expect(play(plain, [reply(220), sent('HELO a'), reply(250)])).toEqual(['ehlo', 'mail']);
    const inData = progressAfter(NO_PROGRESS, reply(354, 'data'));
    expect(quickCommands(inData, plain, 'me@lab.local').map((q) => q.text)).toEqual(['Subject: ', '', '.']);
    expect(quickCommands(NO_PROGRESS, plain, 'me@lab.local').map((q) => q.text)).toContain('MAIL FROM:<me@lab.local>');
    expect(quickCommands(NO_PROGRESS, plain, 'me@lab.local').some((q) => q.text === 'STARTTLS')).toBe(false);
  });
});

describe('AUTH by hand', () => {
  it('reads what a 334 asks, and makes base64 of UTF-8', () => {
    expect(serverPrompt(['334 VXNlcm5hbWU6'])).toBe('Username:');
    expect(serverPrompt(['334 '])).toBeUndefined();
    expect(serverPrompt(['334 ////'])).toBeUndefined();
    expect(base64('\0student@lab.local\0пароль')).toBe(Buffer.from('\0student@lab.local\0пароль', 'utf8').toString('base64'));
  });
});
