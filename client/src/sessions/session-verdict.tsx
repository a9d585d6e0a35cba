// The three mandatory commands of the practical work as a tracker (how far the current mail
// got), and, once the session has ended, the verdict: a mail went through, or which command
// was missing and what that means.
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { DialogueAnalysis, StepState } from '../smtp/dialogue-analysis.js';
import { MANDATORY_COMMANDS, MANDATORY_LABELS } from '../smtp/explanations.js';

export function SessionVerdict({ analysis }: { analysis: DialogueAnalysis }) {
  const { tr } = useI18n();
  const steps: Record<string, StepState> = analysis.attempt
    ? { MAIL: analysis.attempt.MAIL, RCPT: analysis.attempt.RCPT, DATA: analysis.attempt.DATA }
    : analysis.mailsAccepted > 0
      ? { MAIL: 'done', RCPT: 'done', DATA: 'done' }
      : { MAIL: 'none', RCPT: 'none', DATA: 'none' };
  const verdict = analysis.verdict;
  return (
    <section class="verdict-box" aria-label={tr(m.session.progress)}>
      <ol class="steps" data-testid="mandatory-steps">
        {MANDATORY_COMMANDS.map((command) => (
          <li class={`step step-${steps[command]}`} data-step={command} data-state={steps[command]}>
            <span class="step-name">{MANDATORY_LABELS[command]}</span>
            <span class="step-state">{tr(m.session.stepState[steps[command] ?? 'none'])}</span>
          </li>
        ))}
      </ol>
      {verdict?.kind === 'complete' ? (
        <p class="verdict verdict-ok" data-testid="verdict" data-verdict="complete">
          {tr(m.verdict.complete)(tr(m.sessions.mails)(verdict.mails))}
        </p>
      ) : null}
      {verdict?.kind === 'missing' ? (
        <div class="verdict verdict-missing" data-testid="verdict" data-verdict="missing" data-missing={verdict.missing} role="note">
          <p class="verdict-title">{tr(m.verdict.missingTitle)(MANDATORY_LABELS[verdict.missing])}</p>
          <p>
            {verdict.code !== undefined
              ? tr(m.verdict.refused)(MANDATORY_LABELS[verdict.missing], verdict.code)
              : tr(m.verdict.neverSent)(MANDATORY_LABELS[verdict.missing])}{' '}
            {verdict.state === 'incomplete' ? tr(m.verdict.incomplete) : null}
          </p>
          <p>{tr(m.verdict.meaning[verdict.missing])}</p>
          {verdict.mails > 0 ? <p>{tr(m.verdict.earlierMails)(tr(m.sessions.mails)(verdict.mails))}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
