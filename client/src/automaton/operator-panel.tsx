// The operator's message panel, as the platform shows it: «Сообщение оператору» grouped by text
// or by object, sorted by time or by importance, each message with its importance; a critical
// one lights the alert indicator (the tab's badge and the page's banner) until acknowledged.
import type { Importance } from '../../../lab/automaton/automaton-types.js';
import type { OperatorMessage } from '../../../lab/objects/operator-messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { zm } from './automaton-messages.js';
import { useAccount, useAutomatonPage } from './automaton-page.js';
import { groupByRules } from './operator-store.js';
import { Card, Segmented, StatusLine, useRun } from './ui-bits.js';

export function ImportanceChip({ importance }: { importance: Importance }) {
  const { tr } = useI18n();
  return (
    <span class={`chip z-imp z-imp-${importance}`} data-importance={importance}>
      {importance === 'critical' ? '‼ ' : importance === 'important' ? '! ' : 'i '}
      {tr(zm.importance[importance])}
    </span>
  );
}

function MessageRow({ message, onAcknowledge, canAcknowledge }: { message: OperatorMessage; onAcknowledge(): void; canAcknowledge: boolean }) {
  const { tr, when } = useI18n();
  return (
    <li
      class={`z-msg z-msg-${message.importance}${message.acknowledged ? ' is-acknowledged' : ''}`}
      data-testid="operator-message"
      data-id={message.id}
      data-importance={message.importance}
      data-acknowledged={message.acknowledged ? 'true' : 'false'}
    >
      <div class="z-msg-top">
        <ImportanceChip importance={message.importance} />
        <span class="small muted">{when(new Date(message.time).toISOString())}</span>
        <span class="small muted z-wrap" translate={false}>
          {tr(zm.operator.from)(message.objectId, message.stateName || message.stateId)}
        </span>
      </div>
      <p class="z-msg-text" data-testid="operator-message-text" translate={false}>
        {message.text}
      </p>
      {message.acknowledged ? (
        <span class="small muted">✓ {tr(zm.operator.acknowledged)}</span>
      ) : canAcknowledge ? (
        <button type="button" class="btn btn-small" onClick={onAcknowledge} data-testid="acknowledge">
          {tr(zm.operator.acknowledge)}
        </button>
      ) : null}
    </li>
  );
}

export function OperatorPanel() {
  const { tr } = useI18n();
  const { stores } = useAutomatonPage();
  const state = useObservable(stores.operator.state);
  const account = useAccount();
  const action = useRun();
  const groups = groupByRules(state.messages, state.group, state.sort);
  const acknowledge = (ids: string[] | 'all') => action.run(() => stores.operator.acknowledge(ids, account)).catch(() => undefined);
  return (
    <Card
      id="z-operator"
      title={tr(zm.operator.title)}
      testId="operator-panel"
      aside={
        state.critical > 0 ? (
          <span class="tab-badge is-alert" data-testid="operator-indicator">
            ‼ {state.critical}
          </span>
        ) : null
      }
    >
      <p class="small muted">{tr(zm.operator.hint)}</p>
      <div class="z-toolbar">
        <span class="small">{tr(zm.operator.groupBy)}</span>
        <Segmented
          label={tr(zm.operator.groupBy)}
          value={state.group}
          options={(['text', 'object'] as const).map((g) => ({ value: g, label: tr(zm.operator.groups[g]) }))}
          onChange={(g) => stores.operator.setGroup(g)}
          testId="operator-group"
        />
        <span class="small">{tr(zm.operator.sortBy)}</span>
        <Segmented
          label={tr(zm.operator.sortBy)}
          value={state.sort}
          options={(['time', 'importance'] as const).map((s) => ({ value: s, label: tr(zm.operator.sorts[s]) }))}
          onChange={(s) => stores.operator.setSort(s)}
          testId="operator-sort"
        />
        {account && state.unacknowledged > 0 ? (
          <button type="button" class="btn btn-small" onClick={() => acknowledge('all')} data-testid="acknowledge-all">
            {tr(zm.operator.acknowledgeAll)}
          </button>
        ) : null}
      </div>
      {action.status.state !== 'idle' ? <StatusLine status={action.status} /> : null}
      {state.error ? <p class="error small">{tr(zm.loadFailed)(tr(state.error))}</p> : null}
      {groups.length === 0 ? (
        <p class="muted small">{tr(zm.operator.none)}</p>
      ) : (
        <ul class="z-groups" data-testid="operator-groups">
          {groups.map((g) => (
            <li class="z-group" data-testid="operator-group-row" data-key={g.key} data-importance={g.importance} key={g.key}>
              <div class="z-group-head">
                <strong class="z-wrap z-group-key" translate={false}>
                  {g.key}
                </strong>
                <ImportanceChip importance={g.importance} />
                <span class="small muted">
                  {tr(zm.operator.count)(g.count)}
                  {g.unacknowledged > 0 ? ` · ${tr(zm.operator.unacknowledged)(g.unacknowledged)}` : ''}
                </span>
              </div>
              <ul class="z-msgs">
                {g.messages.slice(0, 50).map((m) => (
                  <MessageRow message={m} canAcknowledge={Boolean(account)} onAcknowledge={() => acknowledge([m.id])} key={m.id} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
