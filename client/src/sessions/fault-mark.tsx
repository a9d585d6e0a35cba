// The marks of what the lab injected (a fault rule, issue 11): a badge on each injected line with
// the rule's name, linked to the rule on the Faults tab, and a note above the dialogue that says
// which rules made which lines — so that an injected reply is never taken for the server's own.
import type { LineFault } from '../../../server/wire/faults.js';
import type { DialogueLine } from '../../../server/wire/sessions.js';
import { useServices } from '../app/services.js';
import { ruleTitle, verbatim } from '../faults/rule-describe.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';

/** The faults tab's path segment (client/src/faults/faults-tab.tsx). */
const FAULTS_TAB = 'faults';

/** The rule's name: a preset's in the page's language, a name its maker gave as given. */
function RuleName({ fault }: { fault: LineFault }) {
  const { tr } = useI18n();
  const title = ruleTitle({ name: fault.ruleName, preset: fault.preset });
  return <span {...verbatim(title.given)}>{tr(title.text)}</span>;
}

export function FaultBadge({ fault }: { fault: LineFault }) {
  const { router } = useServices();
  const { tr } = useI18n();
  const title = ruleTitle({ name: fault.ruleName, preset: fault.preset });
  return (
    <a
      class="badge badge-fault"
      {...linkProps(router, { tab: FAULTS_TAB, id: fault.ruleId })}
      title={tr(m.fault.badgeTitle)(`«${tr(title.text)}»`)}
      data-testid="fault-badge"
      data-rule={fault.ruleId}
    >
      <span aria-hidden="true">⚡ </span>
      {tr(m.fault.badge)} · <RuleName fault={fault} />
    </a>
  );
}

export interface InjectedBy {
  fault: LineFault;
  lines: number;
}

/** The rules that made lines of this dialogue, in the order they first acted, with their counts. */
export function injectedBy(lines: readonly DialogueLine[]): InjectedBy[] {
  const found = new Map<string, InjectedBy>();
  for (const line of lines) {
    if (!line.Fault) continue;
    const seen = found.get(line.Fault.ruleId);
    if (seen) seen.lines++;
    else found.set(line.Fault.ruleId, { fault: line.Fault, lines: 1 });
  }
  return [...found.values()];
}

export function FaultNote({ rules }: { rules: readonly InjectedBy[] }) {
  const { router } = useServices();
  const { tr } = useI18n();
  if (rules.length === 0) return null;
  return (
    <section class="fault-note" role="note" data-testid="fault-note" aria-labelledby="fault-note-title">
      <p class="fault-note-title" id="fault-note-title">
        <span aria-hidden="true">⚡ </span>
        {tr(m.fault.noteTitle)}
      </p>
      <p>{tr(m.fault.note)}</p>
      <ul class="fault-note-rules">
        {rules.map(({ fault, lines }) => (
          <li key={fault.ruleId} data-rule={fault.ruleId}>
            <strong>
              <RuleName fault={fault} />
            </strong>{' '}
            · {tr(m.fault.lines)(lines)} ·{' '}
            <a {...linkProps(router, { tab: FAULTS_TAB, id: fault.ruleId })} data-testid="fault-note-rule">
              {tr(m.fault.openRule)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
