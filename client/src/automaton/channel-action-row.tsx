// One channel alert of the automaton in the Automaton page's list: which command, where (state,
// on entering or leaving, its place in the list), where it goes and what it says, with Edit and
// Remove for a signed-in student.
import type { ChannelActionPlace } from '../../../lab/automaton/channel-authoring.js';
import { describeChannelTarget } from '../../../lab/automaton/describe.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { zm } from './automaton-messages.js';
import { useAccount } from './automaton-page.js';
import { CHANNEL_ICONS, zc } from './channel-messages.js';

export function ChannelActionRow({
  x,
  names,
  editing,
  onEdit,
  onRemove,
}: {
  x: ChannelActionPlace;
  names: Map<string, string>;
  editing: boolean;
  onEdit(): void;
  onRemove(): Promise<void>;
}) {
  const { tr } = useI18n();
  const account = useAccount();
  const { template } = x.action;
  const where = describeChannelTarget(x.action.channel, 'to' in template ? template.to : null);
  const title = 'title' in template && template.title ? `${template.title} — ` : '';
  return (
    <li
      class={`z-row${editing ? ' is-selected' : ''}`}
      data-testid="channel-action"
      data-channel={x.action.channel}
      data-state={x.stateId}
      data-list={x.list}
      data-index={x.index}
    >
      <div class="z-row-main">
        <strong class="z-row-title">
          <span aria-hidden="true">{CHANNEL_ICONS[x.action.channel]}</span> {tr(zm.action.kinds[x.action.kind])}:{' '}
          <span translate={false}>{names.get(x.stateId) ?? x.stateId}</span>, {tr(zm.email.listShort[x.list])}, №{x.index + 1}
        </strong>
        <span class="small z-row-meta z-wrap" translate={false}>
          {tr(where)}
        </span>
        <span class="small muted z-row-meta z-wrap" data-testid="channel-action-text" translate={false}>
          {title}
          {template.text}
        </span>
      </div>
      {account ? (
        <div class="z-row-actions">
          <button type="button" class="btn btn-small" onClick={onEdit} data-testid="edit-channel">
            {tr(zm.email.edit)}
          </button>
          <ConfirmButton
            label={tr(zm.remove)}
            question={tr(zc.removeQuestion)}
            confirm={tr(zm.yes)}
            cancel={tr(zm.cancel)}
            onConfirm={onRemove}
            testId="remove-channel"
          />
        </div>
      ) : null}
    </li>
  );
}
