// The SMTP integration of the practical work (Administration → Project settings → Integrations →
// SMTP) as data: what the form holds, what a client may see of it, and what a test send answers.
// Types only: the browser client imports this file as well as the server and the CLI.
import type { Bilingual } from '../../server/wire/bilingual.js';
import type { FieldErrors } from '../../server/wire/http-errors.js';

export type { Bilingual, FieldErrors };

/** Connection security as the platform's form names it: none, STARTTLS, SSL/TLS (implicit TLS). */
export type Security = 'none' | 'starttls' | 'ssl';

export type PresetId = 'gmail' | 'yandex' | 'mailru' | 'lab' | 'custom';

export interface IntegrationSettings {
  /** The preset the form was last filled from; `lab` also means "trust the lab's certificate". */
  preset: PresetId;
  host: string;
  port: number;
  security: Security;
  login: string;
  password: string;
  fromAddress: string;
  fromName: string;
  /**
   * How many times the sender tries one mail in all, the first try included (Zabbix's media type
   * calls it "Attempts"; 1 means no retry). A transient failure is retried, a permanent one is not
   * (RFC 5321 §4.2.1, §4.5.4.1; lab/sender/delivery-rules.ts). Absent (saved before there was
   * such a field): 3, Zabbix's default.
   */
  attempts?: number;
  /**
   * Seconds before the second try (Zabbix's "Attempt interval"); each later wait doubles, capped.
   * Absent: 10, Zabbix's default.
   */
  attemptInterval?: number;
}

export type IntegrationField = keyof IntegrationSettings;

/** What a client is shown of a saved integration: the password is write-only. */
export type IntegrationView = Omit<IntegrationSettings, 'password'> & { passwordSet: boolean };

export interface TestMail {
  to: string;
  subject: string;
  body: string;
}

export type TestMailField = keyof TestMail;

export interface Preset {
  id: PresetId;
  name: Bilingual;
  host: string;
  port: number;
  security: Security;
  /** Login, password and port advice, as the provider's help page gives it. */
  note: Bilingual;
  /** The lab preset only: the profile the lab's TLS listeners run (gmail, yandex, mailru, lab). */
  profile?: string;
}

/** Why a test send failed, and what to change. */
export interface Explanation {
  /** A stable key of the case, e.g. `app-password-required`; clients may style by it. */
  code: string;
  cause: Bilingual;
  /** The form field to fix; null when no setting is wrong (the server is busy, retry later). */
  field: IntegrationField | TestMailField | null;
  fix: Bilingual;
}

export interface TestResult {
  ok: boolean;
  /** "Тестовое письмо успешно отправлено" / "Test e-mail sent successfully", or the failure. */
  message: Bilingual;
  /** The server's reply verbatim (a multi-line reply joined with "\n"); null when there was none. */
  reply: string | null;
  explanation: Explanation | null;
  /** The client's side of the dialogue (nodemailer's transaction log), secrets masked. */
  clientLog: string[];
  /** nodemailer's error code and the command it failed on (EAUTH, AUTH PLAIN, ...). */
  error?: { code: string; command: string | null; message: string };
  /** The lab's session id of this attempt, when the target was one of the lab's listeners. */
  sessionId?: string;
}
