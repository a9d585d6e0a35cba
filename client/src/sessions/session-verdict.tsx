// The steps of a session as cards (TLS and AUTH where the listener requires them, then the
// three mandatory commands of the practical work), and, once the session has ended, the
// verdict: a mail went through, or the step where the dialogue stopped, the reply there
// verbatim, what it then cost, and what it means.
import type { ListenerSecurity } from '../../../server/wire/sessions.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { DialogueAnalysis, Verdict } from '../smtp/dialogue-analysis.js';
import { CARD_STATES, meaningOf, SPECIAL_STATE_LINES, STAGE_NAMES, STATE_LINES, stepName, vt } from '../smtp/verdict-texts.js';

/** Where the dialogue stopped: the step, what happened there, the reply, what it cost, what it means. */
function Stopped({ verdict, security }: { verdict: Extract<Verdict, { kind: 'stopped' }>; security: ListenerSecurity }) {
  const { tr } = useI18n();
  const { stage, state, code, reason, reply, then } = verdict;
  const name = stage === 'greeting' || stage === 'body' ? tr(STAGE_NAMES[stage]) : stepName(stage, security);
  const special = SPECIAL_STATE_LINES[`${stage}.${reason ?? state}`] ?? SPECIAL_STATE_LINES[`${stage}.${state}`];
  return (
    <div class="verdict verdict-missing" data-testid="verdict" data-verdict="stopped" data-stage={stage} data-state={state} role="note">
      <p class="verdict-title">{tr(vt.stopped)(name)}</p>
      <p data-testid="verdict-what">{special ? tr(special)(code) : tr(STATE_LINES[state])(name, code)}</p>
      {reply ? (
        <pre class="verdict-reply" translate={false} data-testid="verdict-reply">
          {reply}
        </pre>
      ) : null}
      {then ? <p data-testid="verdict-then">{tr(vt.then)(stepName(then.command, security), then.code)}</p> : null}
      <p data-testid="verdict-meaning">{tr(meaningOf(stage, state, code, reason))}</p>
      {verdict.mails > 0 ? <p>{tr(vt.earlierMails)(tr(m.sessions.mails)(verdict.mails))}</p> : null}
    </div>
  );
}

export function SessionVerdict({ analysis, security }: { analysis: DialogueAnalysis; security: ListenerSecurity }) {
  const { tr } = useI18n();
  const verdict = analysis.verdict;
  return (
    <section class="verdict-box" aria-label={tr(vt.heading)}>
      <ol class="steps" data-testid="mandatory-steps">
        {analysis.steps.map((card) => {
          const labels = CARD_STATES[card.id === 'TLS' ? 'tls' : 'command'];
          const label = card.state === 'none' && !analysis.ended ? labels['not-yet'] : labels[card.state];
          return (
            <li class={`step step-${card.state}`} data-step={card.id} data-state={card.state}>
              <span class="step-name">{stepName(card.id, security)}</span>
              <span class="step-state">
                {tr(label)}
                {card.state === 'refused' && card.code !== undefined ? ` · ${card.code}` : ''}
              </span>
            </li>
          );
        })}
      </ol>
      {verdict?.kind === 'complete' ? (
        <p class="verdict verdict-ok" data-testid="verdict" data-verdict="complete">
          {tr(vt.complete)(tr(m.sessions.mails)(verdict.mails))}
        </p>
      ) : null}
      {verdict?.kind === 'stopped' ? <Stopped verdict={verdict} security={security} /> : null}
    </section>
  );
}
