// The practical work's step «добавьте в состояние команду Отправить e-mail»: add, edit and
// remove a send-email action in a state's onenter or onexit list. Edits are pure: they return a
// new document and leave the given one as it was. Only the action list changes; every other
// field of the file (positions, points, blocks, userCode, descriptions) is carried through.
// `send-email` is the lab's id for the platform's command: no public export holding it was found.
import type { Bilingual } from '../integration/integration-types.js';
import { SEND_EMAIL_ID } from './action-parse.js';
import type { Action, ActionList, Automaton, EmailTemplate, HtmlEncoding } from './automaton-types.js';
import { cloneJson } from './file-format.js';
import { decodeHtmlBody, HTML_ENCODINGS, readEncoding } from './html-encoding.js';
import { buildAutomaton, type AutomatonDocument } from './import-automaton.js';
import { AutomatonImportError, own, PathReader, type JsonObject } from './import-error.js';
import { validateRecipients, validateSender } from './runner-actions.js';

export const SEND_EMAIL_NAME = 'Отправить e-mail';
const ENCODING_DATA_TYPE = `type:option, options:[${HTML_ENCODINGS.join(',')}]`;

export type EmailFields = Partial<EmailTemplate> & { recipients: string };
export type EmailField = keyof EmailTemplate;

export interface ActionLocation {
  stateId: string;
  list: ActionList;
  index: number;
}

/** An edit refused: the form's field at fault (`state`, `action`: where it was to go). */
export type EditFailure<F extends string> = { ok: false; field: F | 'state' | 'action'; error: Bilingual };
export type EditResult<F extends string = EmailField> = { ok: true; document: AutomatonDocument; location: ActionLocation } | EditFailure<F>;

type FieldCheck = { ok: true; value: EmailTemplate } | { ok: false; field: EmailField; error: Bilingual };

const CONTROL = /[\x00-\x1f\x7f]/;

/** Check the form's fields the way the runner will use them; what passes is normalised. */
export function validateEmailFields(fields: EmailFields): FieldCheck {
  const input = (typeof fields === 'object' && fields !== null ? fields : {}) as Record<string, unknown>;
  for (const key of ['sender', 'recipients', 'subject', 'text', 'html', 'encoding'] as const) {
    const v = input[key];
    if (v !== undefined && typeof v !== 'string') return { ok: false, field: key, error: { ru: 'Ожидается текст', en: 'Text expected' } };
  }
  const text = (key: EmailField) => (input[key] as string | undefined) ?? '';
  const recipients = validateRecipients(text('recipients'));
  if (!recipients.ok) return { ok: false, field: 'recipients', error: recipients.error };
  const sender = validateSender(text('sender'));
  if (!sender.ok) return { ok: false, field: 'sender', error: sender.error };
  const subject = text('subject');
  if (CONTROL.test(subject))
    return {
      ok: false,
      field: 'subject',
      error: { ru: 'Тема — в одну строку, без управляющих символов', en: 'The subject is one line, without control characters' },
    };
  const encoding: HtmlEncoding | undefined = text('encoding') === '' ? 'Text' : readEncoding(text('encoding'));
  if (encoding === undefined)
    return { ok: false, field: 'encoding', error: { ru: 'Кодировка HTML: JSON, HEX, Base64 или Text', en: 'The HTML encoding: JSON, HEX, Base64 or Text' } };
  const html = text('html');
  if (html !== '') {
    const decoded = decodeHtmlBody(html, encoding);
    if (!decoded.ok) return { ok: false, field: 'html', error: decoded.error };
  }
  return { ok: true, value: { sender: sender.sender ?? '', recipients: recipients.addresses.join(', '), subject, text: text('text'), html, encoding } };
}

/** The action as the platform's editor would store it. */
export function sendEmailAction(email: EmailTemplate): JsonObject {
  const arg = (id: string, value: string, dataType = 'text') => ({ id, dataType, value });
  return {
    id: SEND_EMAIL_ID,
    name: SEND_EMAIL_NAME,
    args: {
      sender: arg('sender', email.sender),
      recipients: arg('recipients', email.recipients),
      subject: arg('subject', email.subject),
      text: arg('text', email.text),
      html: arg('html', email.html),
      encoding: arg('encoding', email.encoding, ENCODING_DATA_TYPE),
    },
  };
}

/** Every send-email action of the automaton, where it is and what it holds. */
export function sendEmailActions(automaton: Automaton): (ActionLocation & { action: Extract<Action, { kind: 'send-email' }> })[] {
  const found: (ActionLocation & { action: Extract<Action, { kind: 'send-email' }> })[] = [];
  for (const state of automaton.states) {
    for (const list of ['onenter', 'onexit'] as const) {
      state[list].forEach((action, index) => {
        if (action.kind === 'send-email') found.push({ stateId: state.id, list, index, action });
      });
    }
  }
  return found;
}

export const noState = (stateId: string): EditFailure<never> => ({
  ok: false,
  field: 'state',
  error: { ru: `Нет состояния «${stateId}»`, en: `There is no state "${stateId}"` },
});
/** `name`: the action's name in both languages, «Отправить e-mail» / "Send e-mail". */
export const noActionHere = (name: Bilingual): EditFailure<never> => ({
  ok: false,
  field: 'action',
  error: { ru: `На этом месте нет действия «${name.ru}»`, en: `There is no "${name.en}" action at this place` },
});
const noAction = noActionHere({ ru: 'Отправить e-mail', en: 'Send e-mail' });

/** Change the list of one state in a copy of the logic, then read the copy back as a whole. */
export function editActionList<F extends string>(
  document: AutomatonDocument,
  stateId: string,
  list: ActionList,
  change: (actions: unknown[]) => number | EditFailure<F>,
): EditResult<F> {
  const logic = cloneJson(document.logic);
  const states = own(logic, 'states') as JsonObject;
  const state = own(states, stateId) as JsonObject | undefined;
  const data = state ? (own(state, 'data') as JsonObject) : undefined;
  if (!data) return noState(stateId);
  const type = own(data, 'type');
  if (type !== 'state')
    return {
      ok: false,
      field: 'state',
      error: {
        ru: 'Действия добавляются в обычное состояние, не в начальное или конечное',
        en: 'Actions go into an ordinary state, not the initial or final one',
      },
    };
  const existing = own(data, list);
  const actions = Array.isArray(existing) ? existing : [];
  const index = change(actions);
  if (typeof index !== 'number') return index;
  data[list] = actions;
  try {
    const automaton = buildAutomaton(document.file, logic, new PathReader('automaton'));
    return { ok: true, document: { ...document, automaton, logic }, location: { stateId, list, index } };
  } catch (e) {
    if (e instanceof AutomatonImportError) return { ok: false, field: 'action', error: e.text };
    throw e;
  }
}

/** Add a send-email action at `index` of the list (default: at its end). */
export function addSendEmail(document: AutomatonDocument, target: { stateId: string; list: ActionList; index?: number }, fields: EmailFields): EditResult {
  const checked = validateEmailFields(fields);
  if (!checked.ok) return checked;
  return editActionList(document, target.stateId, target.list, (actions) => {
    const index = target.index === undefined ? actions.length : Math.max(0, Math.min(actions.length, Math.trunc(target.index)));
    actions.splice(index, 0, sendEmailAction(checked.value));
    return index;
  });
}

const isSendEmail = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v) && own(v as JsonObject, 'id') === SEND_EMAIL_ID;

/** Change some fields of the send-email action at `location`; its other fields stay. */
export function updateSendEmail(document: AutomatonDocument, location: ActionLocation, changes: Partial<EmailTemplate>): EditResult {
  const state = document.automaton.states.find((s) => s.id === location.stateId);
  if (!state) return noState(location.stateId);
  const current = state[location.list][location.index];
  if (!current || current.kind !== 'send-email') return noAction;
  const checked = validateEmailFields({ ...current.email, ...changes });
  if (!checked.ok) return checked;
  return editActionList(document, location.stateId, location.list, (actions) => {
    const raw = actions[location.index];
    if (!isSendEmail(raw)) return noAction;
    const argsRaw = own(raw, 'args');
    const args: JsonObject = typeof argsRaw === 'object' && argsRaw !== null && !Array.isArray(argsRaw) ? (argsRaw as JsonObject) : {};
    const fresh = own(sendEmailAction(checked.value), 'args') as JsonObject;
    for (const [key, value] of Object.entries(fresh)) {
      const old = own(args, key);
      // An argument the author's file already has keeps its dataType and any other field.
      args[key] = typeof old === 'object' && old !== null && !Array.isArray(old) ? { ...old, value: (value as JsonObject).value } : value;
    }
    raw.args = args;
    return location.index;
  });
}

export function removeSendEmail(document: AutomatonDocument, location: ActionLocation): EditResult {
  return editActionList(document, location.stateId, location.list, (actions) => {
    if (!isSendEmail(actions[location.index])) return noAction;
    actions.splice(location.index, 1);
    return location.index;
  });
}
