// The alert sender's one attempt: one mail through nodemailer with the saved SMTP integration, as
// the platform sends its test e-mail and its alerts. It answers with what the student needs:
// success or the server's reply verbatim with an explanation, each recipient's reply, and the
// client's side of the dialogue (masked). delivery.ts makes the attempts and decides on retries.
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Bilingual, IntegrationSettings, TestMail, TestResult } from '../integration/integration-types.js';
import { createClientLog } from './client-log.js';
import { explainFailure, type SendFailure, type Surface } from './error-explainer.js';

export const SENT: Bilingual = { ru: 'Тестовое письмо успешно отправлено', en: 'Test e-mail sent successfully' };
export const NOT_SENT: Bilingual = { ru: 'Тестовое письмо не отправлено', en: 'The test e-mail was not sent' };

export interface SendOptions {
  /** PEM of the lab's certificate: trusted (as the only CA) when the settings' preset is `lab`. */
  labCertificate?: string;
  connectionTimeoutMs?: number;
  /** nodemailer waits this long for the 220 greeting (its default is 30 s). */
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** The EHLO name; nodemailer's default is the machine's host name. */
  clientName?: string;
  /** Each line of the client's log as it happens (masked). */
  onClientLine?: (line: string) => void;
  /** The local port of the connection, as soon as it is connected. */
  onConnected?: (localPort: number) => void;
  /** Where the explanation is read: the Lab page (default) or the CLI. */
  surface?: Surface;
  /**
   * Whether an account exists for this login, asked only when signing in failed: the lab knows
   * its accounts (a real provider does not tell). Undefined when the target is not the lab.
   */
  loginExists?: (login: string) => boolean | undefined | Promise<boolean | undefined>;
  /** The words of the outcome (the test e-mail's by default). */
  texts?: OutcomeTexts;
}

/** A mail the sender sends: the test e-mail, or an automaton's alert with its HTML and sender. */
export interface OutgoingMail extends TestMail {
  /** The HTML body, beside the text; none when absent. */
  html?: string | null;
  /** The sender field of «Отправить e-mail»; the integration's sender when empty. */
  from?: string | null;
  /**
   * A retry's envelope: only these recipients (those deferred before), the headers unchanged — the
   * same message again, as a mail server retries it (RFC 5321 §4.5.4.1).
   */
  envelopeTo?: readonly string[];
  /** The same Message-ID on every attempt: one message, tried again. */
  messageId?: string;
}

/** What the server answered about one recipient at RCPT TO. */
export interface RecipientReply {
  address: string;
  reply: string | null;
  code: number | null;
}

/** What the outcome says: the test e-mail's words by default, an alert's for the automaton. */
export interface OutcomeTexts {
  sent: Bilingual;
  notSent: Bilingual;
  /** Some recipients got the mail, not all: success for those, said as such. */
  partial(accepted: number, total: number): Bilingual;
}

export const TEST_TEXTS: OutcomeTexts = {
  sent: SENT,
  notSent: NOT_SENT,
  partial: (accepted, total) => ({
    ru: `Тестовое письмо отправлено не всем: его приняли для ${accepted} из ${total} получателей`,
    en: `The test e-mail was sent to ${accepted} of ${total} recipients only`,
  }),
};

export const ALERT_TEXTS: OutcomeTexts = {
  sent: { ru: 'Письмо-оповещение отправлено', en: 'Alert e-mail sent' },
  notSent: { ru: 'Письмо-оповещение не отправлено', en: 'The alert e-mail was not sent' },
  partial: (accepted, total) => ({
    ru: `Письмо-оповещение отправлено не всем: его приняли для ${accepted} из ${total} получателей`,
    en: `The alert e-mail was sent to ${accepted} of ${total} recipients only`,
  }),
};

export interface SendOutcome extends TestResult {
  /** The local port of the connection, to find the server's record of the session. */
  localPort?: number;
  /** The recipients the server accepted (when the mail went through). */
  accepted: string[];
  /** The recipients the server refused at RCPT TO, with its reply for each. */
  rejected: RecipientReply[];
  /** What nodemailer reported, for the retry rules (delivery-rules.ts); absent on success. */
  failure?: SendFailure;
}

/** The addresses of an address field ("a@x, Name <b@y>"), in order. */
export function addressesOf(field: string): string[] {
  return addressparser(field, { flatten: true })
    .map((a) => a.address.trim())
    .filter(Boolean);
}

interface RejectedError {
  recipient?: unknown;
  response?: unknown;
  responseCode?: unknown;
}

function rejectedOf(errors: unknown, mask: (text: string) => string): RecipientReply[] {
  if (!Array.isArray(errors)) return [];
  return (errors as RejectedError[]).map((e) => ({
    address: String(e.recipient ?? ''),
    reply: typeof e.response === 'string' ? mask(e.response) : null,
    code: typeof e.responseCode === 'number' ? e.responseCode : null,
  }));
}

export function transportOptions(settings: IntegrationSettings, options: SendOptions = {}): SMTPTransport.Options {
  const trustLab = settings.preset === 'lab' && options.labCertificate !== undefined;
  return {
    host: settings.host,
    port: settings.port,
    // "SSL/TLS" is implicit TLS (port 465); "STARTTLS" must upgrade or fail (requireTLS); "none"
    // never upgrades, so a server that wants TLS first says so (530) and the lab explains it.
    secure: settings.security === 'ssl',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: { user: settings.login, pass: settings.password },
    tls: trustLab ? { ca: options.labCertificate } : {},
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.greetingTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    ...(options.clientName ? { name: options.clientName } : {}),
  };
}

export async function sendMail(settings: IntegrationSettings, mail: OutgoingMail, options: SendOptions = {}): Promise<SendOutcome> {
  const texts = options.texts ?? TEST_TEXTS;
  const log = createClientLog([settings.password], {
    ...(options.onClientLine ? { onLine: options.onClientLine } : {}),
    ...(options.onConnected ? { onLocalPort: options.onConnected } : {}),
  });
  const transport = nodemailer.createTransport({ ...transportOptions(settings, options), logger: log.logger, transactionLog: true });
  try {
    const integrationFrom = settings.fromName ? { name: settings.fromName, address: settings.fromAddress } : settings.fromAddress;
    const from = mail.from?.trim() ? mail.from.trim() : integrationFrom;
    const envelopeFrom = typeof from === 'string' ? (addressesOf(from)[0] ?? from) : from.address;
    const info = await transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.body,
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.envelopeTo ? { envelope: { from: envelopeFrom, to: [...mail.envelopeTo] } } : {}),
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      headers: { 'X-Mailer': 'smtp-lab alert sender' },
    });
    return {
      ok: true,
      message: texts.sent,
      reply: typeof info.response === 'string' ? info.response : null,
      explanation: null,
      clientLog: log.lines(),
      accepted: (info.accepted ?? []).map(String),
      rejected: rejectedOf((info as { rejectedErrors?: unknown }).rejectedErrors, log.mask),
      ...withPort(log.localPort()),
    };
  } catch (err) {
    const e = err as Error & Partial<SendFailure> & { rejectedErrors?: unknown };
    const failure: SendFailure = {
      message: log.mask(e.message ?? String(err)),
      ...(e.code ? { code: e.code } : {}),
      ...(e.command ? { command: e.command } : {}),
      ...(typeof e.response === 'string' ? { response: log.mask(e.response) } : {}),
      ...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
      ...(e.originalCode ? { originalCode: e.originalCode } : {}),
    };
    const loginExists = failure.code === 'EAUTH' && options.loginExists ? await options.loginExists(settings.login) : undefined;
    return {
      ok: false,
      message: texts.notSent,
      reply: failure.response ?? null,
      explanation: explainFailure(failure, settings, {
        ...(options.surface ? { surface: options.surface } : {}),
        ...(loginExists !== undefined ? { loginExists } : {}),
      }),
      clientLog: log.lines(),
      error: { code: failure.code ?? 'ERROR', command: failure.command ?? null, message: failure.message },
      accepted: [],
      rejected: rejectedOf(e.rejectedErrors, log.mask),
      failure,
      ...withPort(log.localPort()),
    };
  } finally {
    transport.close();
  }
}

function withPort(port: number | undefined): { localPort?: number } {
  return port === undefined ? {} : { localPort: port };
}
