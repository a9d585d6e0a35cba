// Issue 8, point 6: what the README says a student gets for leaving out one of the three
// mandatory commands, in English and in Russian, is what the server really answers: RCPT TO
// before MAIL FROM and DATA before RCPT TO get 503, but leaving out DATA gets no error at all —
// QUIT gets 221 and no mail is sent; the handout's MAILFROM without its space gets 500.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startLab } from '../helpers/lab.js';
import { expectReply, openSession } from '../helpers/smtp-dialogue.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');

describe("the README's first walkthrough", () => {
  test('says what leaving out a command gets, in both languages, and no longer that DATA gets 503', () => {
    expect(README).toContain('Send RCPT TO before MAIL FROM, or DATA before an accepted RCPT TO, and the server answers `503`');
    expect(README).toContain('Leave out DATA and nothing complains: QUIT gets `221`, and no mail is sent');
    expect(README).toContain('`MAILFROM:` gets `500`');
    expect(README).toContain('Отправьте RCPT TO раньше MAIL FROM или DATA раньше принятой RCPT TO — сервер ответит `503`');
    expect(README).toContain('Пропустите DATA — никто не возразит: QUIT получит `221`');
    expect(README).toContain('`MAILFROM:` получит `500`');
    expect(README).not.toMatch(/Leave out MAIL FROM, RCPT TO or DATA[^.]*`503`/);
    expect(README).not.toMatch(/Пропустите одну из трёх обязательных команд — сервер ответит `503`/);
  });

  test('which is what the server does', async () => {
    const lab = await startLab();
    const rcptFirst = await openSession(lab.smtpPort);
    await expectReply(rcptFirst, 'RCPT TO:<operator@lab.local>', 503);
    await expectReply(rcptFirst, 'MAILFROM:<alerts@plant.example>', 500);
    const dataFirst = await openSession(lab.smtpPort);
    await expectReply(dataFirst, 'MAIL FROM:<alerts@plant.example>', 250);
    await expectReply(dataFirst, 'DATA', 503);
    const noData = await openSession(lab.smtpPort);
    await expectReply(noData, 'MAIL FROM:<alerts@plant.example>', 250);
    await expectReply(noData, 'RCPT TO:<operator@lab.local>', 250);
    await expectReply(noData, 'QUIT', 221);
    await noData.closed();
    expect(lab.mailbox.list().total).toBe(0);
  });
});
