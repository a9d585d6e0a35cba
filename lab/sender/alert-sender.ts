// The alert sender: one mail through nodemailer with the saved SMTP integration, as the platform
// sends its test e-mail and its alerts. It answers with what the student needs: success or the
// server's reply verbatim with an explanation, and the client's side of the dialogue (masked).
import nodemailer from 'nodemailer';
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
}

/** What the outcome says: the test e-mail's words by default, an alert's for the automaton. */
export interface OutcomeTexts {
  sent: Bilingual;
  notSent: Bilingual;
}

export const ALERT_TEXTS: OutcomeTexts = {
  sent: { ru: 'Письмо-оповещение отправлено', en: 'Alert e-mail sent' },
  notSent: { ru: 'Письмо-оповещение не отправлено', en: 'The alert e-mail was not sent' },
};

export interface SendOutcome extends TestResult {
  /** The local port of the connection, to find the server's record of the session. */
  localPort?: number;
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
  const texts = options.texts ?? { sent: SENT, notSent: NOT_SENT };
  const log = createClientLog([settings.password], {
    ...(options.onClientLine ? { onLine: options.onClientLine } : {}),
    ...(options.onConnected ? { onLocalPort: options.onConnected } : {}),
  });
  const transport = nodemailer.createTransport({ ...transportOptions(settings, options), logger: log.logger, transactionLog: true });
  try {
    const integrationFrom = settings.fromName ? { name: settings.fromName, address: settings.fromAddress } : settings.fromAddress;
    const info = await transport.sendMail({
      from: mail.from?.trim() ? mail.from.trim() : integrationFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.body,
      ...(mail.html ? { html: mail.html } : {}),
      headers: { 'X-Mailer': 'smtp-lab alert sender' },
    });
    return {
      ok: true,
      message: texts.sent,
      reply: typeof info.response === 'string' ? info.response : null,
      explanation: null,
      clientLog: log.lines(),
      ...withPort(log.localPort()),
    };
  } catch (err) {
    const e = err as Error & Partial<SendFailure>;
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
      ...withPort(log.localPort()),
    };
  } finally {
    transport.close();
  }
}

function withPort(port: number | undefined): { localPort?: number } {
  return port === undefined ? {} : { localPort: port };
}
