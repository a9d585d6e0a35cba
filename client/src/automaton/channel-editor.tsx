// The lab's «Отправить SMS», «Отправить в Telegram», «Отправить в Discord» in a state, beside
// «Отправить e-mail»: pick the channel, the state and when, fill that channel's fields (the
// phone number and text; the text, another chat and the markup; the title and text); the form
// checks with the server's own rules before sending, and the server's messages land at their
// fields. The automaton's channel alerts can be edited and removed. The commands are the lab's
// own (the platform has none), said as such.
import type { ActionList, AlertChannel } from '../../../lab/automaton/automaton-types.js';
import { ALERT_CHANNELS } from '../../../lab/automaton/channel-alerts.js';
import { channelActions, type ChannelActionPlace, type ChannelField } from '../../../lab/automaton/channel-authoring.js';
import type { AutomatonEntry, ModelEntry } from '../../../lab/objects/objects-wire.js';
import { sentence } from '../i18n/sentence.js';
import { useI18n } from '../i18n/use-i18n.js';
import { focusFirst, FormField } from '../lab/form-field.js';
import { fieldErrors } from './automaton-errors.js';
import { zm } from './automaton-messages.js';
import { useAccount, useAutomatonPage } from './automaton-page.js';
import {
  channelDraftOrder,
  checkChannelDraft,
  draftFromChannelAction,
  emptyChannelDraft,
  placeChannelServerErrors,
  type ChannelDraft,
  type ChannelDraftField,
} from './channel-draft.js';
import { ChannelActionRow } from './channel-action-row.js';
import { channelFieldId, ChannelFieldInput, type ChannelTextField } from './channel-fields.js';
import { CHANNEL_ICONS, zc } from './channel-messages.js';
import { actionStates, placeholderChoices } from './email-draft.js';
import { useActionDraft } from './action-draft.js';
import { PlaceholderChips } from './placeholder-chips.js';
import { Card, StatusLine } from './ui-bits.js';

const idOf = channelFieldId;

export function ChannelEditor({ entry, model }: { entry: AutomatonEntry; model: ModelEntry | undefined }) {
  const { tr, lang } = useI18n();
  const { stores } = useAutomatonPage();
  const account = useAccount();
  const automaton = entry.automaton;
  const { editing, setEditing, draft, setDraft, errors, setErrors, action, lastText, set, insert } = useActionDraft<
    ChannelDraft,
    ChannelDraftField,
    ChannelTextField
  >({
    entry,
    empty: () => emptyChannelDraft(automaton),
    firstText: 'text',
    idOf,
  });
  const states = actionStates(automaton);
  const existing = channelActions(automaton);
  const names = new Map(automaton.states.map((s) => [s.id, s.name || s.id]));

  const startEdit = (x: ChannelActionPlace) => {
    setEditing({ stateId: x.stateId, list: x.list, index: x.index });
    setDraft(draftFromChannelAction(x, x.action));
    setErrors({});
    action.clear();
    lastText.current = 'text';
    requestAnimationFrame(() => document.getElementById(idOf('text'))?.focus());
  };

  const cancelEdit = () => {
    setEditing(undefined);
    setDraft(emptyChannelDraft(automaton, draft.stateId, draft.channel));
    setErrors({});
    action.clear();
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!account) return;
    const checked = checkChannelDraft(draft);
    const order = channelDraftOrder(draft.channel);
    if (!checked.ok) {
      setErrors(checked.errors);
      action.fail(zm.email.fixFields);
      focusFirst(order, checked.errors, idOf);
      return;
    }
    setErrors({});
    try {
      if (editing) {
        await action.run(() => stores.library.updateChannelAlert(entry.id, editing, { fields: checked.fields }), zm.email.saved);
        setEditing(undefined);
      } else {
        await action.run(
          () => stores.library.addChannelAlert(entry.id, { channel: draft.channel, stateId: draft.stateId, list: draft.list, fields: checked.fields }),
          zc.added,
        );
      }
      setDraft(emptyChannelDraft(automaton, draft.stateId, draft.channel));
    } catch (err) {
      const { errors: placed } = placeChannelServerErrors(fieldErrors(err));
      setErrors(placed);
      focusFirst(order, placed, idOf);
    }
  };

  const err = (field: ChannelDraftField) => (errors[field] ? sentence(errors[field]![lang]) : undefined);
  const choices = placeholderChoices(automaton, model?.model);
  const place = editing ? tr(zm.email.at)(names.get(editing.stateId) ?? editing.stateId, tr(zm.email.listShort[editing.list]), editing.index + 1) : '';
  const fieldsInOrder = channelDraftOrder(draft.channel).filter((f): f is ChannelField => f !== 'channel' && f !== 'stateId' && f !== 'list');

  return (
    <Card id="z-channels" title={tr(zc.title)} testId="channel-editor">
      <p class="small muted">{tr(zc.intro)}</p>
      <p class="small muted">{tr(zc.ownIds)}</p>
      <p class="small muted">{tr(zm.email.running)}</p>
      <h3 class="sub-title">{tr(zc.existing)}</h3>
      {existing.length === 0 ? (
        <p class="muted small" data-testid="channel-actions-empty">
          {tr(zc.none)}
        </p>
      ) : (
        <ul class="z-list" data-testid="channel-actions">
          {existing.map((x) => (
            <ChannelActionRow
              x={x}
              names={names}
              editing={Boolean(editing && editing.stateId === x.stateId && editing.list === x.list && editing.index === x.index)}
              onEdit={() => startEdit(x)}
              onRemove={async () => {
                if (editing && editing.stateId === x.stateId && editing.list === x.list && editing.index === x.index) cancelEdit();
                await action.run(() => stores.library.removeChannelAlert(entry.id, x), zm.email.removed).catch(() => undefined);
              }}
              key={`${x.stateId}-${x.list}-${x.index}`}
            />
          ))}
        </ul>
      )}

      <h3 class="sub-title" id="z-channel-form-title">
        {editing ? tr(zc.editTitle)(tr(zm.action.kinds[`send-${draft.channel}`]), place) : tr(zc.addTitle[draft.channel])}
      </h3>
      {states.length === 0 ? (
        <p class="muted small">{tr(zm.email.noStates)}</p>
      ) : (
        <form
          noValidate
          onSubmit={onSubmit}
          aria-labelledby="z-channel-form-title"
          data-testid="channel-form"
          data-mode={editing ? 'edit' : 'add'}
          data-channel={draft.channel}
        >
          <fieldset class="z-fieldset" disabled={!account}>
            <FormField
              id={idOf('channel')}
              name="channel"
              label={tr(zc.channel)}
              error={err('channel')}
              control={(aria) => (
                <select
                  {...aria}
                  class="input"
                  value={draft.channel}
                  disabled={Boolean(editing)}
                  onChange={(e) => {
                    set('channel', (e.currentTarget as HTMLSelectElement).value as AlertChannel);
                    setErrors({});
                  }}
                >
                  {ALERT_CHANNELS.map((c) => (
                    <option value={c} key={c}>
                      {CHANNEL_ICONS[c]} {tr(zc.channels[c])}
                    </option>
                  ))}
                </select>
              )}
            />
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
            {fieldsInOrder.map((name) => (
              <ChannelFieldInput name={name} draft={draft} error={err(name)} set={set} onTextFocus={(f) => (lastText.current = f)} key={name} />
            ))}
            <PlaceholderChips choices={choices} onInsert={insert} titleId="z-channel-ph-title" testId="channel-placeholders" />
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="save-channel">
                {editing ? tr(zm.email.save) : tr(zc.add)}
              </button>
              {editing ? (
                <button type="button" class="btn" onClick={cancelEdit} data-testid="cancel-channel">
                  {tr(zm.cancel)}
                </button>
              ) : null}
              <StatusLine status={action.status} testId="channel-status" />
            </div>
          </fieldset>
        </form>
      )}
    </Card>
  );
}
