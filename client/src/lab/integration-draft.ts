// The integration form as the student edits it (every field as typed, the port as text), how a
// preset fills it, and its check before Save with the very validation the server runs
// (lab/integration/validation.ts), so a bad field is refused at the field with the same words
// before any request.
import type { FieldErrors, IntegrationField, IntegrationView, Preset, PresetId, Security, TestMailField } from '../../../lab/integration/integration-types.js';
import {
  DEFAULT_ATTEMPT_INTERVAL,
  DEFAULT_ATTEMPTS,
  DEFAULT_TEST_BODY,
  DEFAULT_TEST_SUBJECT,
  validateIntegration,
  validateTestMail,
  type TestMailLanguage,
} from '../../../lab/integration/validation.js';
import type { IntegrationInput, TestMailInput } from './lab-api.js';

export interface IntegrationDraft {
  preset: PresetId;
  host: string;
  port: string;
  security: Security;
  login: string;
  /** Typed now; empty means "keep the saved one" (the saved one is never in the page). */
  password: string;
  fromAddress: string;
  fromName: string;
  /** The sender's retries, as typed: attempts in all, and seconds before the second one. */
  attempts: string;
  attemptInterval: string;
}

/** The form's fields in the order the page shows them (the first wrong one gets the focus). */
export const FORM_FIELDS: readonly IntegrationField[] = [
  'preset',
  'host',
  'port',
  'security',
  'login',
  'password',
  'fromAddress',
  'fromName',
  'attempts',
  'attemptInterval',
];
export const TEST_FIELDS: readonly TestMailField[] = ['to', 'subject', 'body'];

export function emptyDraft(): IntegrationDraft {
  return {
    preset: 'custom',
    host: '',
    port: '',
    security: 'ssl',
    login: '',
    password: '',
    fromAddress: '',
    fromName: '',
    attempts: String(DEFAULT_ATTEMPTS),
    attemptInterval: String(DEFAULT_ATTEMPT_INTERVAL),
  };
}

export function draftFromView(view: IntegrationView): IntegrationDraft {
  return {
    preset: view.preset,
    host: view.host,
    port: String(view.port),
    security: view.security,
    login: view.login,
    password: '',
    fromAddress: view.fromAddress,
    fromName: view.fromName,
    // Saved before these fields existed: the defaults they stand for.
    attempts: String(view.attempts ?? DEFAULT_ATTEMPTS),
    attemptInterval: String(view.attemptInterval ?? DEFAULT_ATTEMPT_INTERVAL),
  };
}

/** A preset fills host, port and security; login, password and sender stay the student's. */
export function applyPreset(draft: IntegrationDraft, id: PresetId, presets: readonly Preset[]): IntegrationDraft {
  const preset = presets.find((p) => p.id === id);
  if (!preset) return { ...draft, preset: id };
  return { ...draft, preset: id, host: preset.host, port: String(preset.port), security: preset.security };
}

export function draftToInput(draft: IntegrationDraft): IntegrationInput {
  const { password, ...rest } = draft;
  return password === '' ? rest : { ...rest, password };
}

/**
 * The server's own check of what Save would send. A saved password is never in the page, so
 * when one is saved an empty field stands for it: the validator is given a stand-in of the
 * right shape, which only tells it "there is one".
 */
export function checkDraft(draft: IntegrationDraft, passwordSaved: boolean): FieldErrors<IntegrationField> {
  const result = validateIntegration(draftToInput(draft), passwordSaved ? { savedPassword: 'saved' } : {});
  return result.ok ? {} : result.errors;
}

export function defaultTestMail(lang: TestMailLanguage): TestMailInput {
  return { to: '', subject: DEFAULT_TEST_SUBJECT[lang], body: DEFAULT_TEST_BODY[lang] };
}

/**
 * The test mail in another language: a subject or body the student left as the default follows
 * the language switch; what they typed stays.
 */
export function localizeTestMail(mail: TestMailInput, lang: TestMailLanguage): TestMailInput {
  const isDefault = (text: string, defaults: Record<TestMailLanguage, string>) => Object.values(defaults).includes(text);
  return {
    ...mail,
    subject: isDefault(mail.subject, DEFAULT_TEST_SUBJECT) ? DEFAULT_TEST_SUBJECT[lang] : mail.subject,
    body: isDefault(mail.body, DEFAULT_TEST_BODY) ? DEFAULT_TEST_BODY[lang] : mail.body,
  };
}

export function checkTestMail(mail: TestMailInput): FieldErrors<TestMailField> {
  const result = validateTestMail(mail);
  return result.ok ? {} : result.errors;
}

/**
 * Why "Send test e-mail" cannot run now: the test sends with the SAVED settings, so a form that
 * differs from them (or is invalid) would be tested with something other than what is on screen.
 */
export type TestBlock = 'not-saved' | 'invalid' | 'unsaved' | undefined;

export function testBlock(draft: IntegrationDraft, saved: IntegrationView | null | undefined): TestBlock {
  if (!saved) return 'not-saved';
  if (!isDirty(draft, saved)) return undefined;
  return Object.keys(checkDraft(draft, saved.passwordSet)).length > 0 ? 'invalid' : 'unsaved';
}

/** Whether the form differs from what is saved (a typed password always does). */
export function isDirty(draft: IntegrationDraft, saved: IntegrationView | null | undefined): boolean {
  if (!saved) {
    const blank = emptyDraft();
    return FORM_FIELDS.some((field) => field !== 'preset' && field !== 'security' && draft[field] !== blank[field]);
  }
  const base = draftFromView(saved);
  return FORM_FIELDS.some((field) => draft[field] !== base[field]);
}
