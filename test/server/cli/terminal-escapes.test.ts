// Whoever can send mail chooses the bytes the lab prints in its operator's terminal: the subject
// in the mail log, every line with --verbose, the warnings. None of it may reach the terminal as
// a control sequence (retitle the window, clear the screen, overwrite a line).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { terminalSafe } from '../../../server/cli/kit/terminal-text.js';
import { eventually, getJson } from '../../helpers/lab.js';
import { labTransport } from '../../helpers/send-mail.js';
import { expectReply, openSession } from '../../helpers/smtp-dialogue.js';

const CLI = join(import.meta.dirname, '../../../dist/server/cli/main.js');
const ESC = '\u001b';
const BEL = '\u0007';

describe('terminal output', () => {
  it.each([
    ['ESC ] 0 ; title BEL', `${ESC}]0;pwned${BEL}`, '\\x1b]0;pwned\\x07'],
    ['ESC [ 2 K', `${ESC}[2K`, '\\x1b[2K'],
    ['a bare CR', 'ok\rforged', 'ok\\x0dforged'],
    ['C1 CSI', '\u009b2J', '\\x9b2J'],
    ['a right-to-left override', 'abc\u202edef', 'abc\\u202edef'],
    ['plain text and Cyrillic', 'Перегрев: 101 °C', 'Перегрев: 101 °C'],
  ])('%s is shown escaped', (_name, input, shown) => {
    expect(terminalSafe(input)).toBe(shown);
  });

  it('prints mail subjects and --verbose dialogue lines without raw control characters', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    const child = spawn(
      process.execPath,
      [
        CLI,
        'start',
        '--verbose',
        '--smtp-port',
        '0',
        '--smtps-port',
        'off',
        '--submission-port',
        'off',
        '--http-port',
        '0',
        '--mqtt-port',
        'off',
        '--telegram-port',
        'off',
        '--discord-port',
        'off',
        '--sms-port',
        'off',
        '--smpp-port',
        'off',
      ],
      {
        env: { ...process.env, LANG: 'C', XDG_CONFIG_HOME: join(tmpdir(), 'smtp-lab-escape-test-config') },
      },
    );
    onTestFinished(() => void child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const url = await eventually(() => /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], 15_000, 'the start-up summary');
    const { body } = await getJson<{ Lab: { Listeners: Array<{ Name: string; Port: number }> } }>(`${url}/api/v1/info`);
    const port = body.Lab.Listeners.find((l) => l.Name === 'smtp')?.Port as number;

    // An encoded-word subject (RFC 2047) that decodes to a window-title sequence.
    const title = Buffer.from(`${ESC}]0;owned${BEL}Invoice`).toString('base64');
    await labTransport(port).sendMail({
      envelope: { from: 'a@lab.test', to: ['b@lab.test'] },
      raw: `From: a@lab.test\r\nTo: b@lab.test\r\nSubject: =?UTF-8?B?${title}?=\r\n\r\nx\r\n`,
    });
    const conn = await openSession(port);
    await expectReply(conn, `NOOP ${ESC}[2J${ESC}[1;1Hforged`, 250);
    await expectReply(conn, 'QUIT', 221);
    await eventually(() => (out.includes('forged') && out.includes('Invoice') ? true : undefined), 5000, 'the lines in the log');
    expect(out).not.toContain(ESC);
    expect(out).not.toContain(BEL);
    expect(out).toContain('\\x1b]0;owned\\x07Invoice');
    expect(out).toContain('NOOP \\x1b[2J\\x1b[1;1Hforged');
  });
});
