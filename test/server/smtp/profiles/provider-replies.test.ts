// The reply shaper on a bare smtp-server: a hook's multi-line rejection goes out with every line
// and leaves the session usable; the library's own replies are reworded; 421 and other errors
// are left alone; a line cannot be split by what a client sent.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { expect, onTestFinished, test } from 'vitest';
import { SmtpReplyError } from '../../../../server/smtp/reply-error.js';
import { createReplyShaper } from '../../../../server/smtp/profiles/provider-replies.js';
import { connectSmtp, expectReply } from '../../../helpers/smtp-dialogue.js';

async function startShapedServer(): Promise<number> {
  const shaper = createReplyShaper(({ code, context }) => {
    if (code === 250 && context === 'MAIL_FROM_OK') return { code: 250, lines: ['2.1.0 Sender OK'] };
    if (code === 221) return { code: 221, lines: ['2.0.0 Bye now'] };
    return undefined;
  });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideENHANCEDSTATUSCODES: true,
    logger: false,
    onConnect: shaper.onConnect,
    onMailFrom(address, session, callback) {
      if (address.address === 'multi@example.com') {
        callback(shaper.fail(session, 553, ['5.7.1 First line of the refusal,', `5.7.1 second line for ${address.address}.`]));
      } else if (address.address === 'plain@example.com') {
        callback(new SmtpReplyError(550, '5.7.1 First line of the refusal, 5.7.1 second line for plain@example.com.'));
      } else {
        callback();
      }
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.server.address() as AddressInfo).port;
}

test('a rejection with several lines, then the same session goes on', async () => {
  const conn = await connectSmtp(await startShapedServer());
  await expectReply(conn, null, 220);
  await expectReply(conn, 'EHLO client.test', 250);
  const refused = await expectReply(conn, 'MAIL FROM:<multi@example.com>', 553);
  expect(refused.lines).toEqual(['553-5.7.1 First line of the refusal,', '553 5.7.1 second line for multi@example.com.']);
  // The library saw the failure through its callback: no transaction was opened.
  expect((await expectReply(conn, 'RCPT TO:<ops@example.com>', 503)).text).toBe('503 Error: need MAIL command');
  expect((await expectReply(conn, 'MAIL FROM:<ok@example.com>', 250)).text).toBe('250 2.1.0 Sender OK');
  await expectReply(conn, 'RCPT TO:<ops@example.com>', 250);
  expect((await expectReply(conn, 'QUIT', 221)).text).toBe('221 2.0.0 Bye now');
});

test('an ordinary error with the same text stays one line; the shaper only answers for its own', async () => {
  const conn = await connectSmtp(await startShapedServer());
  await expectReply(conn, null, 220);
  await expectReply(conn, 'EHLO client.test', 250);
  const refused = await expectReply(conn, 'MAIL FROM:<plain@example.com>', 550);
  expect(refused.lines).toEqual(['550 5.7.1 First line of the refusal, 5.7.1 second line for plain@example.com.']);
});

test('what a client sent cannot add a line: control characters in a shaped reply become spaces', async () => {
  const shaper = createReplyShaper(() => undefined);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideENHANCEDSTATUSCODES: true,
    logger: false,
    onConnect: shaper.onConnect,
    onMailFrom(_address, session, callback) {
      callback(shaper.fail(session, 550, ['5.7.1 one\r\n250 injected', '5.7.1 two']));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const conn = await connectSmtp((server.server.address() as AddressInfo).port);
  await expectReply(conn, null, 220);
  await expectReply(conn, 'EHLO client.test', 250);
  const refused = await expectReply(conn, 'MAIL FROM:<a@example.com>', 550);
  expect(refused.lines).toEqual(['550-5.7.1 one  250 injected', '550 5.7.1 two']);
  await expectReply(conn, 'NOOP', 250);
});
