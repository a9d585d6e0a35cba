// «Отправить e-mail» in a state: the practical work's step. Pick the state and when (on entering
// or on leaving), fill recipients, subject, text, the HTML body with its encoding and, if need
// be, the sender; the form checks with the server's own rules before sending, and the server's
// messages land at their fields. The automaton's existing «Отправить e-mail» actions can be
// edited and removed. The placeholders ({{param}}, {{object}}, {{state}}, {{time}}) are the
// lab's own addition, said as such.
import { sendEmailActions } from '../../../lab/automaton/authoring.js';
import type { ActionList, HtmlEncoding } from '../../../lab/automaton/automaton-types.js';
import { HTML_ENCODINGS } from '../../../lab/automaton/html-encoding.js';
import type { AutomatonEntry, ModelEntry } from '../../../lab/objects/objects-wire.js';
import { sentence } from '../i18n/sentence.js';
import { useI18n } from '../i18n/use-i18n.js';
import { focusFirst, FormField } from '../lab/form-field.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { fieldErrors } from './automaton-errors.js';
import { zm } from './automaton-messages.js';
import { useAccount, useAutomatonPage } from './automaton-page.js';
import {
  actionStates,
  checkEmailDraft,
  DRAFT_FIELDS,
  draftFromEmail,
  emptyEmailDraft,
  placeServerErrors,
  placeholderChoices,
  type DraftField,
  type EmailDraft,
} from './email-draft.js';
import { PlaceholderChips } from './placeholder-chips.js';
import { Card, StatusLine } from './ui-bits.js';
import { useActionDraft, type ActionPlace } from './action-draft.js';

const idOf = (field: string) => `z-email-${field}`;
type TextField = 'subject' | 'text' | 'html';

export function EmailEditor({ entry, model }: { entry: AutomatonEntry; model: ModelEntry | undefined }) {
  const { tr, lang } = useI18n();
  const { stores } = useAutomatonPage();
  const account = useAccount();
  const automaton = entry.automaton;
  const { editing, setEditing, draft, setDraft, errors, setErrors, action, lastText, set, insert } = useActionDraft<EmailDraft, DraftField, TextField>({
    entry,
    empty: () => emptyEmailDraft(automaton),
    firstText: 'subject',
    idOf,
  });
  const states = actionStates(automaton);
  const existing = sendEmailActions(automaton);
  const names = new Map(automaton.states.map((s) => [s.id, s.name || s.id]));

  const startEdit = (place: ActionPlace) => {
    const found = existing.find((x) => x.stateId === place.stateId && x.list === place.list && x.index === place.index);
    if (!found) return;
    setEditing(place);
    setDraft(draftFromEmail(place, found.action.email));
    setErrors({});
    action.clear();
    requestAnimationFrame(() => document.getElementById(idOf('recipients'))?.focus());
  };

  const cancelEdit = () => {
    setEditing(undefined);
    setDraft(emptyEmailDraft(automaton, draft.stateId));
    setErrors({});
    action.clear();
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!account) return;
    const checked = checkEmailDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      action.fail(zm.email.fixFields);
      focusFirst(DRAFT_FIELDS, checked.errors, idOf);
      return;
    }
    setErrors({});
    try {
      if (editing) {
        await action.run(() => stores.library.updateEmail(entry.id, editing, { fields: checked.fields }), zm.email.saved);
        setEditing(undefined);
      } else {
        await action.run(() => stores.library.addEmail(entry.id, { stateId: draft.stateId, list: draft.list, fields: checked.fields }), zm.email.added);
      }
      setDraft(emptyEmailDraft(automaton, draft.stateId));
    } catch (err) {
      const { errors: placed } = placeServerErrors(fieldErrors(err));
      setErrors(placed);
      focusFirst(DRAFT_FIELDS, placed, idOf);
    }
  };

  const err = (field: DraftField) => (errors[field] ? sentence(errors[field]![lang]) : undefined);
  const textControl = (field: TextField, rows?: number) => (aria: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) =>
    rows ? (
      <textarea
        {...aria}
        class="input z-mono"
        rows={rows}
        value={draft[field]}
        onFocus={() => (lastText.current = field)}
        onInput={(e) => set(field, (e.currentTarget as HTMLTextAreaElement).value)}
      />
    ) : (
      <input
        {...aria}
        class="input"
        type="text"
        value={draft[field]}
        onFocus={() => (lastText.current = field)}
        onInput={(e) => set(field, (e.currentTarget as HTMLInputElement).value)}
      />
    );

  const choices = placeholderChoices(automaton, model?.model);
  const place = editing ? tr(zm.email.at)(names.get(editing.stateId) ?? editing.stateId, tr(zm.email.listShort[editing.list]), editing.index + 1) : '';

  return (
    <Card id="z-email" title={tr(zm.email.title)} testId="email-editor">
      <p class="small muted">{tr(zm.email.intro)}</p>
      <p class="small muted">{tr(zm.email.running)}</p>
      <h3 class="sub-title">{tr(zm.email.existing)}</h3>
      {existing.length === 0 ? (
        <p class="muted small" data-testid="email-actions-empty">
          {tr(zm.email.none)}
        </p>
      ) : (
        <ul class="z-list" data-testid="email-actions">
          {existing.map((x) => (
            <li
              class="z-row"
              data-testid="email-action"
              data-state={x.stateId}
              data-list={x.list}
              data-index={x.index}
              key={`${x.stateId}-${x.list}-${x.index}`}
            >
              <div class="z-row-main">
                <strong class="z-row-title">
                  ✉ <span translate={false}>{names.get(x.stateId) ?? x.stateId}</span>, {tr(zm.email.listShort[x.list])}, №{x.index + 1}
                </strong>
                <span class="small z-row-meta z-wrap" translate={false}>
                  {x.action.email.recipients}
                </span>
                {x.action.email.subject ? (
                  <span class="small muted z-row-meta z-wrap" data-testid="email-action-subject" translate={false}>
                    {x.action.email.subject}
                  </span>
                ) : (
                  <span class="small muted z-row-meta" data-testid="email-action-subject">
                    {tr(zm.alerts.noSubject)}
                  </span>
                )}
              </div>
              {account ? (
                <div class="z-row-actions">
                  <button type="button" class="btn btn-small" onClick={() => startEdit(x)} data-testid="edit-email">
                    {tr(zm.email.edit)}
                  </button>
                  <ConfirmButton
                    label={tr(zm.remove)}
                    question={tr(zm.email.removeQuestion)}
                    confirm={tr(zm.yes)}
                    cancel={tr(zm.cancel)}
                    onConfirm={async () => {
                      if (editing && editing.stateId === x.stateId && editing.list === x.list && editing.index === x.index) cancelEdit();
                      await action.run(() => stores.library.removeEmail(entry.id, x), zm.email.removed).catch(() => undefined);
                    }}
                    testId="remove-email"
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h3 class="sub-title" id="z-email-form-title">
        {editing ? tr(zm.email.editTitle)(place) : tr(zm.email.addTitle)}
      </h3>
      {states.length === 0 ? (
        <p class="muted small">{tr(zm.email.noStates)}</p>
      ) : (
        <form noValidate onSubmit={onSubmit} aria-labelledby="z-email-form-title" data-testid="email-form" data-mode={editing ? 'edit' : 'add'}>
          <fieldset class="z-fieldset" disabled={!account}>
            <div class="z-grid-2">
              <FormField
                id={idOf('stateId')}
                name="stateId"
                label={tr(zm.email.state)}
                error={err('stateId')}
                control={(aria) => (
                  <select
                    {...aria}
                    class="input"
                    translate={false}
                    value={draft.stateId}
                    disabled={Boolean(editing)}
                    onChange={(e) => set('stateId', (e.currentTarget as HTMLSelectElement).value)}
                  >
                    {states.map((s) => (
                      <option value={s.id} key={s.id}>
                        {s.name || s.id}
                      </option>
                    ))}
                  </select>
                )}
              />
              <FormField
                id={idOf('list')}
                name="list"
                label={tr(zm.email.list)}
                error={err('list')}
                control={(aria) => (
                  <select
                    {...aria}
                    class="input"
                    value={draft.list}
                    disabled={Boolean(editing)}
                    onChange={(e) => set('list', (e.currentTarget as HTMLSelectElement).value as ActionList)}
                  >
                    {(['onenter', 'onexit'] as const).map((l) => (
                      <option value={l} key={l}>
                        {tr(zm.email.lists[l])}
                      </option>
                    ))}
                  </select>
                )}
              />
            </div>
            <FormField
              id={idOf('recipients')}
              name="recipients"
              label={tr(zm.email.recipients)}
              error={err('recipients')}
              hint={tr(zm.email.recipientsHint)}
              control={(aria) => (
                <input
                  {...aria}
                  class="input"
                  type="text"
                  inputMode="email"
                  autocomplete="off"
                  autocapitalize="none"
                  spellcheck={false}
                  placeholder="ops@lab.local"
                  value={draft.recipients}
                  onInput={(e) => set('recipients', (e.currentTarget as HTMLInputElement).value)}
                />
              )}
            />
            <FormField
              id={idOf('subject')}
              name="subject"
              label={tr(zm.email.subject)}
              aside={tr(zm.optional)}
              error={err('subject')}
              control={textControl('subject')}
            />
            <FormField id={idOf('text')} name="text" label={tr(zm.email.text)} aside={tr(zm.optional)} error={err('text')} control={textControl('text', 3)} />
            <PlaceholderChips choices={choices} onInsert={insert} titleId="z-ph-title" testId="placeholders" />
            <FormField id={idOf('html')} name="html" label={tr(zm.email.html)} aside={tr(zm.optional)} error={err('html')} control={textControl('html', 3)} />
            <div class="z-grid-2">
              <FormField
                id={idOf('encoding')}
                name="encoding"
                label={tr(zm.email.encoding)}
                error={err('encoding')}
                control={(aria) => (
                  <select
                    {...aria}
                    class="input"
                    value={draft.encoding}
                    onChange={(e) => set('encoding', (e.currentTarget as HTMLSelectElement).value as HtmlEncoding)}
                  >
                    {HTML_ENCODINGS.map((enc) => (
                      <option value={enc} key={enc}>
                        {tr(zm.email.encodings[enc])}
                      </option>
                    ))}
                  </select>
                )}
              />
              <FormField
                id={idOf('sender')}
                name="sender"
                label={tr(zm.email.sender)}
                aside={tr(zm.optional)}
                error={err('sender')}
                hint={tr(zm.email.senderHint)}
                control={(aria) => (
                  <input
                    {...aria}
                    class="input"
                    type="text"
                    inputMode="email"
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck={false}
                    value={draft.sender}
                    onInput={(e) => set('sender', (e.currentTarget as HTMLInputElement).value)}
                  />
                )}
              />
            </div>
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="save-email">
                {editing ? tr(zm.email.save) : tr(zm.email.add)}
              </button>
              {editing ? (
                <button type="button" class="btn" onClick={cancelEdit} data-testid="cancel-email">
                  {tr(zm.cancel)}
                </button>
              ) : null}
              <StatusLine status={action.status} testId="email-status" />
            </div>
          </fieldset>
        </form>
      )}
    </Card>
  );
}
