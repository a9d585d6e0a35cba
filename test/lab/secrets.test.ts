// Account passwords and app passwords appear in no API response (but the one that creates an app
// password), no session transcript, no live event and no log line, in any form a client might
// send them: as typed, with display spaces, base64 (AUTH LOGIN), or inside an AUTH PLAIN token.
import { expect, test } from 'vitest';
import { getJson, startLab } from '../helpers/lab.js';
import { subscribe } from '../helpers/live-events.js';
import { connectSmtp, expectReply } from '../helpers/smtp-dialogue.js';
import { createBrowser } from './browser-client.js';

const ACCOUNT_PASSWORD = 'Account-Password-42';

function forms(login: string, password: string): string[] {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const spaced = password.replace(/(.{4})(?=.)/g, '$1 ');
  return [password, spaced, b64(password), b64(spaced), b64(`\0${login}\0${password}`), b64(`\0${login}\0${spaced}`)];
}

test.each(['gmail', 'lab'] as const)('profile %s: no secret leaves the server', async (profile) => {
  const lab = await startLab({ profile });
  const events = await subscribe(lab.url);
  const browser = createBrowser(lab.url);
  await browser.request('POST', '/api/lab/account/sign-up', { address: 'student', password: ACCOUNT_PASSWORD });
  const beforeCreate = browser.transcript().length;
  const created = await browser.request('POST', '/api/lab/account/app-passwords', { label: 'platform' });
  const appPassword = created.body.password as string;
  const afterCreate = browser.transcript().length;

  const form = { preset: 'lab', host: '127.0.0.1', port: lab.smtpsPort, security: 'ssl', login: 'student@lab.local', fromAddress: 'student@lab.local' };
  // Every password the student might try: the account password, the app password with its
  // display spaces, then the right one, over SSL/TLS and over STARTTLS.
  for (const password of [ACCOUNT_PASSWORD, appPassword.replace(/(.{4})(?=.)/g, '$1 '), appPassword]) {
    for (const over of [{}, { port: lab.submissionPort, security: 'starttls' }]) {
      await browser.request('PUT', '/api/lab/integration', { ...form, ...over, password });
      await browser.request('GET', '/api/lab/integration');
      await browser.request('POST', '/api/lab/integration/test', { to: 'ops@example.com' });
    }
  }
  // AUTH LOGIN by hand: user name and password as base64 continuation lines (RFC 4954 §4).
  const conn = await connectSmtp(lab.smtpsPort as number, { tls: true });
  await expectReply(conn, null, 220);
  await expectReply(conn, 'EHLO client.test', 250);
  await expectReply(conn, 'AUTH LOGIN', 334);
  await expectReply(conn, Buffer.from('student@lab.local').toString('base64'), 334);
  await expectReply(conn, Buffer.from(appPassword).toString('base64'), 235);
  await expectReply(conn, 'QUIT', 221);
  await conn.closed();

  const sent = await lab.mailbox.waitFor('to:ops@example.com');
  expect(sent).toBeDefined();
  const list = await getJson<{ sessions: Array<{ ID: string }> }>(`${lab.url}/api/lab/sessions`);
  const transcripts: string[] = [];
  for (const s of list.body.sessions) transcripts.push(JSON.stringify((await getJson(`${lab.url}/api/lab/sessions/${s.ID}`)).body));
  expect(transcripts.length).toBeGreaterThanOrEqual(7);
  const messages = JSON.stringify((await getJson(`${lab.url}/api/v1/messages`)).body);
  await new Promise((resolve) => setTimeout(resolve, 200)); // the live hub's coalesced frames
  const everything = {
    'API responses': browser.transcript().slice(0, beforeCreate) + browser.transcript().slice(afterCreate),
    transcripts: transcripts.join('\n'),
    'live events': JSON.stringify(events.events),
    messages,
    log: lab.logs.text(),
  };
  // The checks must be able to fail: the secrets did go over the wire.
  expect(everything.transcripts).toContain('••••••••');
  expect(events.events.length).toBeGreaterThan(0);
  for (const [where, text] of Object.entries(everything)) {
    for (const secret of [...forms('student@lab.local', ACCOUNT_PASSWORD), ...forms('student@lab.local', appPassword)]) {
      expect(text.includes(secret), `${where} contains a secret (${secret.slice(0, 3)}…)`).toBe(false);
    }
  }
});
