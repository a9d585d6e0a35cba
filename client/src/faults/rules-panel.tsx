// The rules the student sees: their own (a switch, remove) and the lab-wide ones (made by the
// CLI, the admin or Mailpit's chaos API: listed read-only and marked so), each in words, with
// how often it fired and when last. A rule linked from a session (/faults/{rule id}) is marked.
import { useEffect } from 'preact/hooks';
import type { FaultRule } from '../../../server/wire/faults.js';
import { STAGE_NAMES } from '../../../server/faults/fault-explanations.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { useObservable } from '../ui/use-observable.js';
import { fm } from './faults-messages.js';
import { useAccount, useFaultsPage } from './faults-page.js';
import { isOwn } from './faults-store.js';
import { describeAttempts, describeEffect, describeLifetime, describeMatch, ruleTitle, verbatim } from './rule-describe.js';
import { StatusLine } from './status-line.js';
import { Switch } from './switch.js';
import { useAction } from './use-action.js';

export const ruleAnchor = (id: string) => `fault-rule-${id}`;

function RuleCard({ rule, selected, writable }: { rule: FaultRule; selected: boolean; writable: boolean }) {
  const { tr, number, when } = useI18n();
  const { store } = useFaultsPage();
  const action = useAction();
  const own = isOwn(rule);
  const title = ruleTitle(rule);
  const name = tr(title.text);
  return (
    <li
      id={ruleAnchor(rule.id)}
      class={`f-rule${rule.enabled ? ' is-on' : ' is-off'}${own ? ' is-own' : ' is-lab'}${selected ? ' is-selected' : ''}`}
      data-testid="fault-rule"
      data-rule={rule.id}
      data-preset={rule.preset ?? undefined}
      data-scope={rule.scope.kind}
      data-enabled={rule.enabled}
      data-fired={rule.fired}
      aria-current={selected ? 'true' : undefined}
    >
      <div class="f-rule-head">
        {own ? (
          <Switch
            on={rule.enabled}
            label={tr(fm.rules.toggle)(name)}
            disabled={!writable || action.busy}
            onChange={(next) => void action.run(() => store.setEnabled(rule.id, next)).catch(() => undefined)}
            testId="rule-switch"
          />
        ) : (
          <span class={`chip f-state${rule.enabled ? ' is-on' : ''}`}>{rule.enabled ? tr(fm.on) : tr(fm.off)}</span>
        )}
        <h3 class="f-rule-name" {...verbatim(title.given)}>
          {name}
        </h3>
        <span class={`chip f-scope${own ? '' : ' is-lab'}`} data-testid="rule-scope" title={own ? undefined : tr(fm.rules.labWideHint)}>
          {own ? tr(fm.rules.own) : tr(fm.rules.labWide)}
        </span>
        {own ? (
          <span class="f-rule-remove">
            <ConfirmButton
              label={tr(fm.remove)}
              question={tr(fm.rules.removeConfirm)}
              confirm={tr(fm.yes)}
              cancel={tr(fm.cancel)}
              disabled={!writable}
              onConfirm={() =>
                action
                  .run(() => store.remove(rule.id))
                  .then(
                    () => undefined,
                    () => undefined,
                  )
              }
              testId="rule-remove"
            />
          </span>
        ) : null}
      </div>
      {own ? null : <p class="small muted f-lab-hint">{tr(fm.rules.labWideHint)}</p>}
      <dl class="f-rule-facts small">
        <dt>{tr(fm.rules.stage)}</dt>
        <dd>{tr(STAGE_NAMES[rule.stage])}</dd>
        <dt>{tr(fm.rules.effect)}</dt>
        <dd>{tr(describeEffect(rule.effect))}</dd>
        <dt>{tr(fm.rules.match)}</dt>
        <dd>{tr(describeMatch(rule.match))}</dd>
        <dt>{tr(fm.rules.attempts)}</dt>
        <dd>{tr(describeAttempts(rule.attempts))}</dd>
        <dt>{tr(fm.rules.lifetime)}</dt>
        <dd>
          {tr(describeLifetime(rule.lifetime))}
          {rule.expiresAt ? ` · ${tr(fm.rules.expires)(when(rule.expiresAt))}` : ''}
        </dd>
      </dl>
      <p class="f-rule-fired small" data-testid="rule-fired">
        <strong>{tr(fm.rules.fired)(rule.fired)}</strong> {tr(fm.rules.attempted)(number(rule.attempted))}
        {' · '}
        {rule.lastFired ? tr(fm.rules.lastFired)(when(rule.lastFired)) : tr(fm.rules.never)}
      </p>
      <StatusLine status={action.status} hideIdle />
    </li>
  );
}

export function RulesPanel({ selectedId }: { selectedId: string | undefined }) {
  const { tr } = useI18n();
  const { store } = useFaultsPage();
  const account = useAccount();
  const { rules, status } = useObservable(store.state);
  const clearing = useAction();
  const writable = account !== undefined && status === 'ready';
  const found = selectedId !== undefined && rules.some((r) => r.id === selectedId);
  // A rule opened from a session's badge is brought into view once it is listed.
  useEffect(() => {
    if (found && selectedId) document.getElementById(ruleAnchor(selectedId))?.scrollIntoView({ block: 'nearest' });
  }, [found, selectedId]);
  if (!account) return null;
  const mine = rules.filter(isOwn);
  return (
    <section class="card f-card" aria-labelledby="f-rules-title" data-testid="fault-rules">
      <div class="f-card-head">
        <h2 class="card-title" id="f-rules-title">
          {tr(fm.rules.title)}
        </h2>
        {mine.length > 0 ? (
          <ConfirmButton
            label={tr(fm.rules.clearAll)}
            question={tr(fm.rules.clearConfirm)}
            confirm={tr(fm.yes)}
            cancel={tr(fm.cancel)}
            disabled={!writable}
            onConfirm={() =>
              clearing
                .run(() => store.clear())
                .then(
                  () => undefined,
                  () => undefined,
                )
            }
            testId="rules-clear"
          />
        ) : null}
      </div>
      <StatusLine status={clearing.status} hideIdle />
      {status === 'loading' ? <p class="muted small">{tr(fm.loading)}</p> : null}
      {status !== 'loading' && rules.length === 0 ? <p class="muted small">{tr(fm.rules.empty)}</p> : null}
      <ul class="f-rules">
        {rules.map((rule) => (
          <RuleCard key={rule.id} rule={rule} selected={rule.id === selectedId} writable={writable} />
        ))}
      </ul>
    </section>
  );
}
