// The «Отправить e-mail» form as data: what the author typed, checked with the server's own
// rules and messages (lab/automaton/authoring.ts validateEmailFields), the server's messages per
// field placed at the form's fields, and the placeholders a mail may use ({{param}} and the
// lab's {{object}}, {{state}}, {{time}}).
import { validateEmailFields, type EmailFields } from '../../../lab/automaton/authoring.js';
import type { ActionList, Automaton, EmailTemplate, HtmlEncoding, Model } from '../../../lab/automaton/automaton-types.js';
import { automatonParameters } from '../../../lab/automaton/infer-parameters.js';
import { RESERVED_PLACEHOLDERS } from '../../../lab/automaton/templating.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { zm } from './automaton-messages.js';

export interface EmailDraft {
  stateId: string;
  list: ActionList;
  recipients: string;
  subject: string;
  text: string;
  html: string;
  encoding: HtmlEncoding;
  sender: string;
}

export type DraftField = 'stateId' | 'list' | 'recipients' | 'subject' | 'text' | 'html' | 'encoding' | 'sender';
/** The form's order: the first wrong field gets the focus. */
export const DRAFT_FIELDS: readonly DraftField[] = ['stateId', 'list', 'recipients', 'subject', 'text', 'html', 'encoding', 'sender'];

export type DraftErrors = Partial<Record<DraftField, Bilingual>>;

/** The ordinary states, the only ones an action goes into. */
export const actionStates = (automaton: Automaton) => automaton.states.filter((s) => s.type === 'state');

export function emptyEmailDraft(automaton: Automaton | undefined, stateId?: string): EmailDraft {
  const states = automaton ? actionStates(automaton) : [];
  const chosen = states.find((s) => s.id === stateId) ?? states[0];
  return { stateId: chosen?.id ?? '', list: 'onenter', recipients: '', subject: '', text: '', html: '', encoding: 'Text', sender: '' };
}

export function draftFromEmail(at: { stateId: string; list: ActionList }, email: EmailTemplate): EmailDraft {
  return { stateId: at.stateId, list: at.list, ...email };
}

export function draftFields(draft: EmailDraft): EmailFields {
  const { recipients, subject, text, html, encoding, sender } = draft;
  return { recipients, subject, text, html, encoding, sender };
}

/** The form checked as the server will check it; the normalised fields when it passes. */
export function checkEmailDraft(draft: EmailDraft): { ok: true; fields: EmailTemplate } | { ok: false; errors: DraftErrors } {
  if (!draft.stateId) return { ok: false, errors: { stateId: zm.email.noStates } };
  const checked = validateEmailFields(draftFields(draft));
  if (!checked.ok) return { ok: false, errors: { [checked.field]: checked.error } };
  return { ok: true, fields: checked.value };
}

/** The server's messages per field, at the form's fields (`state`/`stateId`, `fields.subject`, …). */
export function placeServerErrors(fields: Readonly<Record<string, Bilingual>>): { errors: DraftErrors; rest: Bilingual[] } {
  const errors: DraftErrors = {};
  const rest: Bilingual[] = [];
  for (const [key, text] of Object.entries(fields)) {
    const name = key.replace(/^fields\./, '');
    const field: DraftField | undefined =
      name === 'state' || name === 'stateId' ? 'stateId' : (DRAFT_FIELDS as readonly string[]).includes(name) ? (name as DraftField) : undefined;
    if (field) errors[field] = text;
    else rest.push(text);
  }
  return { errors, rest };
}

export interface PlaceholderChoice {
  token: string;
  /** What it stands for. */
  label: Bilingual;
}

/** {{param}} for each parameter the mail can use (the model's, then the automaton's), and the lab's three. */
export function placeholderChoices(automaton: Automaton, model: Model | null | undefined): PlaceholderChoice[] {
  const reserved = new Set<string>(RESERVED_PLACEHOLDERS);
  const params = automatonParameters(automaton, model ?? null).filter((p) => !reserved.has(p.id));
  const fixed: Record<(typeof RESERVED_PLACEHOLDERS)[number], Bilingual> = { object: zm.email.objectId, state: zm.email.stateName, time: zm.email.timeIso };
  return [
    ...params.map((p) => {
      const name = p.name && p.name !== p.id ? `${p.name}, ${p.id}` : p.id;
      const unit = p.unitText ? ` (${p.unitText})` : '';
      return { token: `{{${p.id}}}`, label: { ru: zm.email.parameterOf.ru(name) + unit, en: zm.email.parameterOf.en(name) + unit } };
    }),
    ...RESERVED_PLACEHOLDERS.map((name) => ({ token: `{{${name}}}`, label: fixed[name] })),
  ];
}

/** The text with `token` put where the caret was (replacing a selection); where the caret goes next. */
export function insertAt(value: string, start: number | null, end: number | null, token: string): { value: string; caret: number } {
  const from = Math.max(0, Math.min(value.length, start ?? value.length));
  const to = Math.max(from, Math.min(value.length, end ?? from));
  return { value: value.slice(0, from) + token + value.slice(to), caret: from + token.length };
}
