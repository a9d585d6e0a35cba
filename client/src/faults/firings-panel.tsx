// The firings as they happen (the live `fault` frames, after the newest ones fetched): when,
// which rule (linked to it above), at which stage, what the lab did (the reply as sent, or the
// effect), and the session it happened in (linked to the Sessions tab, where the line is marked).
import { EFFECT_NAMES, STAGE_NAMES } from '../../../server/faults/fault-explanations.js';
import type { FaultFiring } from '../../../server/wire/faults.js';
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { fm } from './faults-messages.js';
import { useAccount, useFaultsPage } from './faults-page.js';
import { firingKey } from './faults-store.js';
import { ruleTitle, verbatim } from './rule-describe.js';

/** Enough to read; the store keeps up to 200. */
const SHOWN = 50;

function FiringRow({ firing }: { firing: FaultFiring }) {
  const { router } = useServices();
  const { tr, when } = useI18n();
  const title = ruleTitle({ name: firing.ruleName, preset: firing.preset });
  return (
    <li class="f-firing" data-testid="fault-firing" data-rule={firing.ruleId} data-session={firing.sessionId} data-stage={firing.stage}>
      <time class="f-firing-time" dateTime={firing.at}>
        {when(firing.at)}
      </time>
      <a class="f-firing-rule" {...linkProps(router, { tab: 'faults', id: firing.ruleId })} {...verbatim(title.given)}>
        {tr(title.text)}
      </a>
      <span class="chip f-stage">{tr(STAGE_NAMES[firing.stage])}</span>
      <span class="f-firing-what">
        {firing.reply ? (
          <code class="f-reply" translate={false} data-testid="firing-reply">
            {firing.reply}
          </code>
        ) : (
          tr(EFFECT_NAMES[firing.effect])
        )}
      </span>
      <a class="f-firing-session" {...linkProps(router, { tab: 'sessions', id: firing.sessionId })} data-testid="firing-session">
        {tr(fm.firings.openSession)}
      </a>
    </li>
  );
}

export function FiringsPanel() {
  const { tr } = useI18n();
  const { store } = useFaultsPage();
  const account = useAccount();
  const { firings } = useObservable(store.state);
  if (!account) return null;
  return (
    <section class="card f-card" aria-labelledby="f-firings-title" data-testid="fault-firings">
      <h2 class="card-title" id="f-firings-title">
        {tr(fm.firings.title)}
      </h2>
      {firings.length === 0 ? <p class="muted small">{tr(fm.firings.empty)}</p> : null}
      <ol class="f-firings" aria-live="polite">
        {firings.slice(0, SHOWN).map((firing) => (
          <FiringRow key={firingKey(firing)} firing={firing} />
        ))}
      </ol>
    </section>
  );
}
