// Every mistake of the practical work's test step (issue 4, item 4), each sent by the alert
// sender through nodemailer to a real server: the lab's listeners under the provider profiles,
// or a foreign server where the lab cannot play the part. Each asserts nodemailer's error code,
// the server's reply verbatim, and the explanation's case and field.
import net from 'node:net';
import { describe, expect, onTestFinished, test } from 'vitest';
import type { IntegrationSettings, TestMail, TestResult } from '../../lab/integration/integration-types.js';
import { sendMail, type SendOutcome } from '../../lab/sender/alert-sender.js';
import type { LabServerOptions } from '../../server/index.js';
import { eventually } from '../helpers/lab.js';
import { closedPort, startBannerServer, startHangUpServer, startRecipientRejectingServer } from './foreign-servers.js';
import { ACCOUNT_PASSWORD, STUDENT, startAccountLab } from './lab-fixtures.js';

type Lab = Awaited<ReturnType<typeof startAccountLab>>;

interface Mistake {
  name: string;
  lab?: LabServerOptions;
  /** What the student got wrong, over the lab preset on the implicit-TLS listener. */
  settings(lab: Lab): Promise<Partial<IntegrationSettings>> | Partial<IntegrationSettings>;
  mail?: Partial<TestMail>;
  /** nodemailer's error code (providers.md's table). */
  code: string;
  /** The server's reply verbatim (`id`: the lab's session id); null when the server sent none. */
  reply: ((id: string) => string) | null;
  explanation: { code: string; field: string | null };
}

const gmailId = (id: string) => `${id} - gsmtp`;

const MISTAKES: Mistake[] = [
  {
    name: 'Gmail: the account password instead of an app password',
    lab: { profile: 'gmail' },
    settings: () => ({ password: ACCOUNT_PASSWORD }),
    code: 'EAUTH',
    reply: (id) =>
      `534-5.7.9 Application-specific password required. For more information, go to\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor ${gmailId(id)}`,
    explanation: { code: 'app-password-required', field: 'password' },
  },
  {
    name: 'Gmail: a wrong password',
    lab: { profile: 'gmail' },
    settings: () => ({ password: 'abcdefghijklmnop' }),
    code: 'EAUTH',
    reply: (id) =>
      `535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials ${gmailId(id)}`,
    explanation: { code: 'bad-credentials', field: 'password' },
  },
  {
    name: 'Gmail: the app password pasted with its display spaces',
    lab: { profile: 'gmail' },
    settings: (lab) => ({ password: lab.appPassword.replace(/(.{4})(?=.)/g, '$1 ') }),
    code: 'EAUTH',
    reply: (id) =>
      `535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials ${gmailId(id)}`,
    explanation: { code: 'app-password-spaces', field: 'password' },
  },
  {
    name: 'Gmail: security "none" on the STARTTLS port (mail before STARTTLS)',
    lab: { profile: 'gmail' },
    settings: (lab) => ({ port: lab.submissionPort as number, security: 'none' }),
    code: 'EENVELOPE',
    reply: (id) =>
      [
        '530-5.7.0 Must issue a STARTTLS command first. For more information, go to',
        '530-5.7.0  https://support.google.com/a/answer/3221692 and review RFC 3207',
        `530 5.7.0 specifications. ${gmailId(id)}`,
      ].join('\n'),
    explanation: { code: 'starttls-required', field: 'security' },
  },
  {
    name: 'Gmail: a message over the size limit (552)',
    lab: { profile: 'gmail', maxMessageSize: 2048 },
    settings: () => ({}),
    mail: { body: 'Temperature is high. '.repeat(400) },
    code: 'EMESSAGE',
    reply: (id) =>
      `552-5.3.4 Your message exceeded Google's message size limits. For more information, go to\n552 5.3.4  https://support.google.com/mail/?p=MaxSizeError ${gmailId(id)}`,
    explanation: { code: 'message-too-large', field: 'body' },
  },
  {
    name: 'Yandex: the account password instead of an app password',
    lab: { profile: 'yandex' },
    settings: () => ({ password: ACCOUNT_PASSWORD }),
    code: 'EAUTH',
    reply: () => '535 5.7.8 Error: authentication failed: This user does not have access rights to this service',
    explanation: { code: 'app-password-required', field: 'password' },
  },
  {
    name: 'Yandex: a wrong password',
    lab: { profile: 'yandex' },
    settings: () => ({ password: 'wrong-password' }),
    code: 'EAUTH',
    reply: () => '535 5.7.8 Error: authentication failed: Invalid user or password!',
    explanation: { code: 'bad-credentials', field: 'password' },
  },
  {
    name: 'Yandex: a sender address the account does not own',
    lab: { profile: 'yandex' },
    settings: () => ({ fromAddress: 'alerts@example.com' }),
    code: 'EENVELOPE',
    reply: () => '553 5.7.1 Sender address rejected: not owned by auth user.',
    explanation: { code: 'sender-not-owned', field: 'fromAddress' },
  },
  {
    name: 'Mail.ru: the account password instead of an app password',
    lab: { profile: 'mailru' },
    settings: () => ({ password: ACCOUNT_PASSWORD }),
    code: 'EAUTH',
    reply: () => '535 5.7.0 NEOBHODIM parol prilozheniya https://help.mail.ru/mail/security/protection/external / Application password is REQUIRED',
    explanation: { code: 'app-password-required', field: 'password' },
  },
  {
    name: 'Mail.ru: a sender address the account does not own',
    lab: { profile: 'mailru' },
    settings: () => ({ fromAddress: 'alerts@example.com' }),
    code: 'EENVELOPE',
    reply: () => '501 sender address must match authenticated user',
    explanation: { code: 'sender-not-owned', field: 'fromAddress' },
  },
  {
    name: 'ETIMEDOUT: security "none" on the implicit-TLS port (Greeting never received)',
    settings: () => ({ security: 'none' }),
    code: 'ETIMEDOUT',
    reply: null,
    explanation: { code: 'greeting-never-received', field: 'security' },
  },
  {
    name: 'ESOCKET: SSL/TLS on the STARTTLS port (wrong version number)',
    settings: (lab) => ({ port: lab.submissionPort as number, security: 'ssl' }),
    code: 'ESOCKET',
    reply: null,
    explanation: { code: 'tls-on-plain-port', field: 'security' },
  },
  {
    name: 'ESOCKET: nothing listens on the port (ECONNREFUSED)',
    settings: async () => ({ port: await closedPort() }),
    code: 'ESOCKET',
    reply: null,
    explanation: { code: 'connection-refused', field: 'port' },
  },
  {
    name: "ESOCKET: the lab's self-signed certificate, not trusted (custom preset, SSL/TLS)",
    settings: () => ({ preset: 'custom' }),
    code: 'ESOCKET',
    reply: null,
    explanation: { code: 'untrusted-certificate', field: 'host' },
  },
  {
    name: "ESOCKET: the lab's self-signed certificate, not trusted (custom preset, STARTTLS)",
    settings: (lab) => ({ preset: 'custom', port: lab.submissionPort as number, security: 'starttls' }),
    code: 'ESOCKET',
    reply: null,
    explanation: { code: 'untrusted-certificate', field: 'host' },
  },
  {
    name: 'ETLS: STARTTLS required against a plain server that does not offer it',
    settings: (lab) => ({ port: lab.smtpPort, security: 'starttls' }),
    code: 'ETLS',
    reply: () => '500 5.5.2 Error: command not recognized',
    explanation: { code: 'starttls-not-offered', field: 'security' },
  },
  {
    name: 'EPROTOCOL / 421: the server is full (max clients) and says so instead of its greeting',
    lab: { maxClients: 1 },
    settings: async (lab) => {
      // One client holds the only place (on the STARTTLS listener: an implicit-TLS listener
      // drops a client over the limit during the handshake, before any reply).
      const holder = net.connect(lab.submissionPort as number, '127.0.0.1');
      holder.on('error', () => undefined);
      await new Promise<void>((resolve) => holder.once('connect', () => resolve()));
      onTestFinished(() => void holder.destroy());
      await eventually(() => (lab.sessions.openCount() === 1 ? true : undefined));
      return { port: lab.submissionPort as number, security: 'starttls' };
    },
    code: 'EPROTOCOL',
    reply: () => '421 smtp-lab Too many connected clients, try again in a moment',
    explanation: { code: 'server-closing', field: null },
  },
  {
    name: 'ECONNECTION: the server closes the connection before its greeting',
    settings: async () => ({ preset: 'custom', port: await startHangUpServer(), security: 'none' }),
    code: 'ECONNECTION',
    reply: null,
    explanation: { code: 'connection-closed', field: null },
  },
  {
    name: 'EPROTOCOL: not an SMTP server on that port',
    settings: async () => ({ preset: 'custom', port: await startBannerServer('SSH-2.0-OpenSSH_9.2p1 Debian-2'), security: 'none' }),
    code: 'EPROTOCOL',
    reply: () => 'SSH-2.0-OpenSSH_9.2p1 Debian-2',
    explanation: { code: 'not-smtp', field: 'port' },
  },
  {
    name: 'EENVELOPE / 550: the recipient does not exist',
    settings: async () => ({ preset: 'custom', port: await startRecipientRejectingServer(), security: 'none' }),
    mail: { to: 'nobody@example.com' },
    code: 'EENVELOPE',
    reply: () => '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    explanation: { code: 'recipient-rejected', field: 'to' },
  },
];

const MAIL: TestMail = { to: 'ops@example.com', subject: 'Тестовое письмо', body: 'Проверка интеграции.' };

function sessionIdOf(lab: Lab, result: SendOutcome): string {
  return lab.sessions.list({ limit: 50 }).sessions.find((s) => s.ClientPort === result.localPort)?.ID ?? '(no session)';
}

function expectExplained(result: TestResult): void {
  expect(result.explanation?.cause.ru).toMatch(/[а-я]/);
  expect(result.explanation?.fix.ru).toMatch(/[а-я]/);
  expect(result.explanation?.cause.en).toMatch(/[a-z]/);
  expect(result.explanation?.fix.en).toMatch(/[a-z]/);
}

describe.each(MISTAKES)('$name', (mistake) => {
  test(`→ ${mistake.code}, reply verbatim, explained as ${mistake.explanation.code} (field ${mistake.explanation.field})`, async () => {
    const lab = await startAccountLab(mistake.lab ?? {});
    const settings = lab.settings(await mistake.settings(lab));
    const result = await sendMail(settings, { ...MAIL, ...mistake.mail }, { labCertificate: lab.certificate, greetingTimeoutMs: 1500 });

    expect(result.ok).toBe(false);
    expect(result.message).toEqual({ ru: 'Тестовое письмо не отправлено', en: 'The test e-mail was not sent' });
    expect(result.error?.code).toBe(mistake.code);
    const expectedReply = mistake.reply ? mistake.reply(sessionIdOf(lab, result)) : null;
    expect(result.reply).toBe(expectedReply);
    if (expectedReply) {
      // The client's side of the dialogue shows the same reply, line by line.
      for (const line of expectedReply.split('\n')) expect(result.clientLog).toContain(`S: ${line}`);
    }
    expect({ code: result.explanation?.code, field: result.explanation?.field }).toEqual(mistake.explanation);
    expectExplained(result);
  });
});

describe('the fix: the same integration with the app password', () => {
  test.each(['lab', 'gmail', 'yandex', 'mailru'] as const)('profile %s over SSL/TLS and STARTTLS → sent', async (profile) => {
    const lab = await startAccountLab({ profile });
    for (const over of [{}, { port: lab.submissionPort as number, security: 'starttls' as const }]) {
      const result = await sendMail(lab.settings(over), MAIL, { labCertificate: lab.certificate });
      expect(result).toMatchObject({ ok: true, message: { ru: 'Тестовое письмо успешно отправлено', en: 'Test e-mail sent successfully' }, explanation: null });
      expect(result.reply).toMatch(/^250 /);
      expect(result.clientLog).toContain(`C: MAIL FROM:<${STUDENT}>`);
      expect(result.clientLog.some((l) => /^C: AUTH PLAIN ••••••••$/.test(l))).toBe(true);
    }
    expect(lab.mailbox.list({ limit: 10 }).messages).toHaveLength(2);
  });
});
