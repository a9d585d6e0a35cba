// What the explainer's rules share: the failure nodemailer reports, the rule shape, and a few
// readers of the failure and texts several rules use. No Node imports (the browser uses it too).
import type { Bilingual, Explanation, IntegrationSettings } from '../integration/integration-types.js';
import type { Wording } from './explain-wording.js';

/** What nodemailer reports (providers.md, "What the sending side reports"). */
export interface SendFailure {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  message: string;
  /** The system error code nodemailer replaced with its own (ECONNREFUSED under ESOCKET). */
  originalCode?: string;
}

/** What the explainer knows besides the failure and the settings. */
export interface ExplainContext {
  /** Where the advice is read: field names and Save on the Lab page, flags in the CLI. */
  w: Wording;
  /**
   * Whether an account with this login exists, when the target is the lab's own listener (the
   * lab knows its accounts; a real provider never says whether the login or the password was
   * wrong). Undefined when not known.
   */
  loginExists?: boolean;
}

export interface Rule {
  code: string;
  when(failure: SendFailure, settings: IntegrationSettings, context: ExplainContext): boolean;
  explain(failure: SendFailure, settings: IntegrationSettings, context: ExplainContext): Omit<Explanation, 'code'>;
}

export const reply = (f: SendFailure) => f.response ?? '';
export const all = (f: SendFailure) => `${f.message}\n${f.response ?? ''}\n${f.originalCode ?? ''}`;
export const target = (s: IntegrationSettings) => `${s.host}:${s.port}`;
export const code3 = (f: SendFailure): number | undefined => f.responseCode ?? (Number(/^(\d{3})[ -]/.exec(reply(f))?.[1]) || undefined);
/** A phrase of the Wording at the start of a sentence. */
export const cap = (text: string) => text.replace(/^./, (c) => c.toUpperCase());
/** The library's own message, quoted: it is English and verbatim, not our words. */
export const quoted = (f: SendFailure): Bilingual => ({ ru: `«${f.message.trim()}»`, en: `"${f.message.trim()}"` });

export const SECURITY_FOR_PORT: Bilingual = {
  ru: 'Порт 465 — «SSL/TLS» (TLS сразу), порт 587 — «STARTTLS» (в лаборатории: 1465 — «SSL/TLS», 1587 — «STARTTLS», 1025 — «нет»).',
  en: 'Port 465 takes "SSL/TLS" (TLS at once), port 587 takes "STARTTLS" (in the lab: 1465 "SSL/TLS", 1587 "STARTTLS", 1025 "none").',
};
