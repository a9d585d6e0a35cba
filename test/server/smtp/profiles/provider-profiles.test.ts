// The provider-like profiles over raw SMTP: TLS rules on the STARTTLS and implicit-TLS listeners,
// EHLO before and after TLS, AUTH with app passwords only, and the providers' replies verbatim
// (../shared/reference/providers.md), written out here rather than taken from the profiles.
import { describe, expect, test } from 'vitest';
import type { TlsProfileName } from '../../../../server/smtp/profiles/tls-profiles.js';
import { connectSmtp, expectReply, type SmtpConnection } from '../../../helpers/smtp-dialogue.js';
import { ACCOUNT_PASSWORD, STUDENT, startAccountLab } from '../../../lab/lab-fixtures.js';

/** EHLO keywords without the "250-" / "250 " of their lines. */
const extensions = (lines: string[]) => lines.slice(1).map((l) => l.slice(4));
const plain = (user: string, password: string) => `AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`;

interface ProfileCase {
  profile: TlsProfileName;
  greeting: (id: string) => string;
  ehloFirst: string;
  /** The AUTH keyword line after TLS (RFC 4954 §3), without its reply code. */
  authLine: string;
  startTlsRequired: (id: string) => string;
  startTlsReady: string;
  authRequired: (id: string) => string;
  appPasswordRequired: (id: string) => string;
  badCredentials: (id: string) => string;
  authAccepted: string;
  mailAccepted: string;
  rcptAccepted: string;
  dataReady: string;
  /** The reply to a MAIL FROM the account does not own; null when the provider lets it pass. */
  senderNotOwned: string | null;
  queued: (id: string) => RegExp;
  closing: string;
}

const CASES: ProfileCase[] = [
  {
    profile: 'gmail',
    greeting: (id) => `220 smtp.gmail.com ESMTP ${id} - gsmtp`,
    ehloFirst: '250-smtp.gmail.com at your service, [127.0.0.1]',
    authLine: 'AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH',
    startTlsRequired: (id) =>
      [
        '530-5.7.0 Must issue a STARTTLS command first. For more information, go to',
        '530-5.7.0  https://support.google.com/a/answer/3221692 and review RFC 3207',
        `530 5.7.0 specifications. ${id} - gsmtp`,
      ].join('\n'),
    startTlsReady: '220 2.0.0 Ready to start TLS',
    authRequired: (id) =>
      ['530-5.7.0 Authentication Required. For more information, go to', `530 5.7.0  https://support.google.com/mail/?p=WantAuthError ${id} - gsmtp`].join(
        '\n',
      ),
    appPasswordRequired: (id) =>
      [
        '534-5.7.9 Application-specific password required. For more information, go to',
        `534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor ${id} - gsmtp`,
      ].join('\n'),
    badCredentials: (id) =>
      [
        '535-5.7.8 Username and Password not accepted. For more information, go to',
        `535 5.7.8  https://support.google.com/mail/?p=BadCredentials ${id} - gsmtp`,
      ].join('\n'),
    authAccepted: '235 2.7.0 Accepted',
    mailAccepted: '250 2.1.0 OK',
    rcptAccepted: '250 2.1.5 OK',
    dataReady: '354  Go ahead',
    senderNotOwned: null,
    queued: () => /^250 2\.0\.0 OK$/,
    closing: '221 2.0.0 closing connection',
  },
  {
    profile: 'yandex',
    greeting: (id) => `220 smtp.yandex.ru Ok ${id}`,
    ehloFirst: '250-smtp.yandex.ru',
    authLine: 'AUTH LOGIN PLAIN XOAUTH2',
    startTlsRequired: () => '530 5.7.0 Must issue a STARTTLS command first',
    startTlsReady: '220 Go ahead',
    authRequired: () => '503 5.5.4 Error: send AUTH command first.',
    appPasswordRequired: () => '535 5.7.8 Error: authentication failed: This user does not have access rights to this service',
    badCredentials: () => '535 5.7.8 Error: authentication failed: Invalid user or password!',
    authAccepted: '235 2.7.0 Authentication successful.',
    mailAccepted: '250 2.1.0 Ok',
    rcptAccepted: '250 2.1.5 Ok',
    dataReady: '354 Enter mail, end with "." on a line by itself',
    senderNotOwned: '553 5.7.1 Sender address rejected: not owned by auth user.',
    queued: (id) => new RegExp(`^250 2\\.0\\.0 Ok: queued on smtp\\.yandex\\.ru ${id}-\\S+$`),
    closing: '221 2.0.0 Closing connection.',
  },
  {
    profile: 'mailru',
    greeting: () => '220 smtp.mail.ru ESMTP ready (Looking for Mail for your domain? Visit https://biz.mail.ru)',
    ehloFirst: '250-smtp.mail.ru',
    authLine: 'AUTH PLAIN LOGIN XOAUTH2',
    startTlsRequired: () => '530 5.7.0 Must issue a STARTTLS command first',
    startTlsReady: '220 TLS go ahead',
    authRequired: () => '530 5.7.0 Authentication required',
    appPasswordRequired: () =>
      '535 5.7.0 NEOBHODIM parol prilozheniya https://help.mail.ru/mail/security/protection/external / Application password is REQUIRED',
    badCredentials: () => '535 5.7.0 Invalid login or password',
    authAccepted: '235 Authentication succeeded',
    mailAccepted: '250 OK',
    rcptAccepted: '250 Accepted',
    dataReady: '354 Enter message, ending with "." on a line by itself',
    senderNotOwned: '501 sender address must match authenticated user',
    queued: (id) => new RegExp(`^250 OK id=${id}-\\S+$`),
    closing: '221 smtp.mail.ru closing connection',
  },
];

/** The session id of the newest session of the lab (the one just connected). */
async function greet(conn: SmtpConnection, lab: Awaited<ReturnType<typeof startAccountLab>>, c: ProfileCase): Promise<string> {
  const greeting = await conn.read();
  const id = lab.sessions.list({ limit: 1 }).sessions[0]?.ID as string;
  expect(greeting.text).toBe(c.greeting(id));
  return id;
}

describe.each(CASES)('profile $profile', (c) => {
  test('on the STARTTLS listener: STARTTLS and no AUTH before TLS, 530 for mail and AUTH until then', async () => {
    const lab = await startAccountLab({ profile: c.profile });
    const conn = await connectSmtp(lab.submissionPort as number);
    const id = await greet(conn, lab, c);

    const ehlo = await expectReply(conn, 'EHLO client.test', 250);
    expect(ehlo.lines[0]).toBe(c.ehloFirst);
    expect(ehlo.lines.some((l) => /^250[ -]STARTTLS$/.test(l))).toBe(true);
    expect(ehlo.lines.some((l) => /AUTH/.test(l))).toBe(false);

    expect((await expectReply(conn, `MAIL FROM:<${STUDENT}>`, 530)).text).toBe(c.startTlsRequired(id));
    expect((await expectReply(conn, plain(STUDENT, lab.appPassword), 530)).text).toBe(c.startTlsRequired(id));

    expect((await expectReply(conn, 'STARTTLS', 220)).text).toBe(c.startTlsReady);
    await conn.startTls();
    const secured = await expectReply(conn, 'EHLO client.test', 250);
    expect(extensions(secured.lines)).toContain(c.authLine);
    expect(secured.lines.some((l) => /STARTTLS/.test(l))).toBe(false);
    expect((await expectReply(conn, `MAIL FROM:<${STUDENT}>`, c.authRequired(id).slice(0, 3) === '503' ? 503 : 530)).text).toBe(c.authRequired(id));
  });

  test("account password → the provider's app-password reply; then the app password in the same session sends a mail", async () => {
    const lab = await startAccountLab({ profile: c.profile });
    const conn = await connectSmtp(lab.smtpsPort as number, { tls: true });
    const id = await greet(conn, lab, c);
    const ehlo = await expectReply(conn, 'EHLO client.test', 250);
    expect(extensions(ehlo.lines)).toContain(c.authLine);
    expect(ehlo.lines.some((l) => /STARTTLS/.test(l))).toBe(false);

    const refused = await expectReply(conn, plain(STUDENT, ACCOUNT_PASSWORD), Number(c.appPasswordRequired(id).slice(0, 3)));
    expect(refused.text).toBe(c.appPasswordRequired(id));
    // The multi-line reply went through the library's own callback path: the session goes on.
    expect((await expectReply(conn, plain(STUDENT, lab.appPassword), 235)).text).toBe(c.authAccepted);

    if (c.senderNotOwned) {
      const code = Number(c.senderNotOwned.slice(0, 3));
      expect((await expectReply(conn, 'MAIL FROM:<someone.else@example.com>', code)).text).toBe(c.senderNotOwned);
      expect((await expectReply(conn, `MAIL FROM:<${STUDENT}>`, 250)).text).toBe(c.mailAccepted);
    } else {
      expect((await expectReply(conn, 'MAIL FROM:<someone.else@example.com>', 250)).text).toBe(c.mailAccepted);
    }
    expect((await expectReply(conn, 'RCPT TO:<ops@example.com>', 250)).text).toBe(c.rcptAccepted);
    expect((await expectReply(conn, 'DATA', 354)).text).toBe(c.dataReady);
    conn.write('To: ops@example.com\r\nSubject: alert\r\n\r\nTemperature is high.\r\n.\r\n');
    expect((await conn.read()).text).toMatch(c.queued(id));
    expect((await expectReply(conn, 'QUIT', 221)).text).toBe(c.closing);

    const mail = await lab.mailbox.waitFor('to:ops@example.com');
    expect(mail.SessionID).toBe(id);
    // The dialogue keeps the multi-line reply whole and the secrets masked.
    const record = lab.sessions.get(id);
    expect(record?.Lines.some((l) => l.Dir === 'S' && l.Text === c.appPasswordRequired(id))).toBe(true);
    expect(JSON.stringify(record)).not.toContain(lab.appPassword);
    expect(record?.User).toBe(STUDENT);
  });

  test("a wrong password and an unknown login get the provider's 535", async () => {
    const lab = await startAccountLab({ profile: c.profile });
    const conn = await connectSmtp(lab.smtpsPort as number, { tls: true });
    const id = await greet(conn, lab, c);
    await expectReply(conn, 'EHLO client.test', 250);
    expect((await expectReply(conn, plain(STUDENT, 'not-the-password'), 535)).text).toBe(c.badCredentials(id));
    expect((await expectReply(conn, plain('nobody@lab.local', lab.appPassword), 535)).text).toBe(c.badCredentials(id));
  });
});

test('gmail: an app password pasted with its display spaces is a wrong password (535)', async () => {
  const lab = await startAccountLab({ profile: 'gmail' });
  const conn = await connectSmtp(lab.smtpsPort as number, { tls: true });
  await conn.read();
  await expectReply(conn, 'EHLO client.test', 250);
  const spaced = lab.appPassword.replace(/(.{4})(?=.)/g, '$1 ');
  const reply = await expectReply(conn, plain(STUDENT, spaced), 535);
  expect(reply.lines[0]).toBe('535-5.7.8 Username and Password not accepted. For more information, go to');
});

test('HELO gets the first line of the EHLO reply alone', async () => {
  const lab = await startAccountLab({ profile: 'gmail' });
  const conn = await connectSmtp(lab.smtpsPort as number, { tls: true });
  await conn.read();
  expect((await expectReply(conn, 'HELO client.test', 250)).text).toBe('250 smtp.gmail.com at your service, [127.0.0.1]');
});

test('yandex: the login may be the name without the domain', async () => {
  const lab = await startAccountLab({ profile: 'yandex' });
  const conn = await connectSmtp(lab.smtpsPort as number, { tls: true });
  await conn.read();
  await expectReply(conn, 'EHLO client.test', 250);
  await expectReply(conn, plain('student', lab.appPassword), 235);
  await expectReply(conn, `MAIL FROM:<${STUDENT}>`, 250);
});

test('a revoked app password is refused', async () => {
  const lab = await startAccountLab({ profile: 'gmail' });
  const [app] = lab.accounts.get(STUDENT)?.appPasswords ?? [];
  await lab.accounts.revokeAppPassword(STUDENT, app?.id as string);
  const conn = await connectSmtp(lab.smtpsPort as number, { tls: true });
  await conn.read();
  await expectReply(conn, 'EHLO client.test', 250);
  await expectReply(conn, plain(STUDENT, lab.appPassword), 535);
});

describe('profile lab', () => {
  test.each([
    { name: 'the account password', password: () => ACCOUNT_PASSWORD, code: 235 },
    { name: 'an app password', password: (lab: { appPassword: string }) => lab.appPassword, code: 235 },
    { name: 'a wrong password', password: () => 'not-the-password', code: 535 },
  ])('AUTH with $name → $code', async ({ password, code }) => {
    const lab = await startAccountLab();
    expect(lab.profile).toBe('lab');
    const conn = await connectSmtp(lab.smtpsPort as number, { tls: true });
    await expectReply(conn, null, 220);
    await expectReply(conn, 'EHLO client.test', 250);
    await expectReply(conn, plain(STUDENT, password(lab)), code);
  });

  test('the listeners report the profile they run', async () => {
    const lab = await startAccountLab({ profile: 'mailru' });
    expect(lab.listeners.map((l) => [l.Name, l.Profile])).toEqual([
      ['smtp', 'open'],
      ['smtps', 'mailru'],
      ['submission', 'mailru'],
    ]);
  });
});
