// The pieces the side panel and the Scenarios tab share: a step's mark (✓ ✗ ·), the current
// step's instructions with why it did not count and the latest hint, Start and Reset, and what a
// scenario needs before it can run (a sign-in, the lab started with another profile).
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { InstructionText } from './instruction-text.js';
import { entryStatus, latestHint, MARK_SIGN, profileAdvice, stepProgress, type ScenarioEntry, type StepMark } from './scenario-logic.js';
import { sm } from './scenarios-messages.js';
import type { ScenariosStore } from './scenarios-store.js';
import { useScenarioAction } from './use-scenario-action.js';

/** The student the server uses when the page is not signed in (lab/scenarios/scenario-runner.ts LOCAL_STUDENT). */
export const LOCAL_STUDENT = 'local';

export function Mark({ mark }: { mark: StepMark }) {
  const { tr } = useI18n();
  return (
    <span class={`scn-mark is-${mark}`} role="img" aria-label={tr(sm.mark[mark])} title={tr(sm.mark[mark])} data-mark={mark}>
      {MARK_SIGN[mark]}
    </span>
  );
}

/** What to do now, why the last try did not count, and the latest hint ("hint 2 of 3"). */
export function StepDetail({ entry, index }: { entry: ScenarioEntry; index: number }) {
  const { tr } = useI18n();
  const step = entry.scenario.steps[index];
  if (!step) return null;
  const progress = stepProgress(entry.progress, step.id);
  const hint = latestHint(step, progress);
  return (
    <div class="scn-detail" data-testid="scenario-step-detail" data-step={step.id}>
      <InstructionText text={tr(step.instructions)} class="scn-instructions" />
      {progress?.state === 'failed' && progress.reason ? (
        <div class="scn-reason" role="status" data-testid="scenario-reason">
          <strong>{tr(sm.reason)}</strong>
          <InstructionText text={tr(progress.reason)} />
        </div>
      ) : null}
      {hint ? (
        <div class="scn-hint" data-testid="scenario-hint" data-n={hint.n} data-of={hint.of}>
          <strong>{tr(sm.hint)(hint.n, hint.of)}</strong>
          <InstructionText text={tr(hint.text)} />
        </div>
      ) : null}
    </div>
  );
}

export function ScenarioControls({ store, entry }: { store: ScenariosStore; entry: ScenarioEntry }) {
  const { tr } = useI18n();
  const { student } = useObservable(store.state);
  const action = useScenarioAction();
  const status = entryStatus(entry);
  const blocked = entry.scenario.setup.account === true && student === LOCAL_STUDENT;
  const id = entry.scenario.id;
  const start = () => void action.run(() => store.start(id)).catch(() => undefined);
  return (
    <div class="scn-controls">
      {status === 'not-started' ? (
        <button type="button" class="btn btn-primary" disabled={action.busy || blocked} onClick={start} data-testid="scenario-start">
          {tr(sm.start)}
        </button>
      ) : (
        <>
          <button type="button" class="btn" disabled={action.busy || blocked} onClick={start} data-testid="scenario-restart">
            {tr(sm.startAgain)}
          </button>
          <ConfirmButton
            label={tr(sm.reset)}
            question={tr(sm.resetQuestion)}
            confirm={tr(sm.yes)}
            cancel={tr(sm.cancel)}
            disabled={action.busy}
            testId="scenario-reset"
            onConfirm={() => action.run(() => store.reset(id)).catch(() => undefined)}
          />
        </>
      )}
      {action.status.state === 'busy' ? <span class="muted small">{tr(sm.busy)}</span> : null}
      {action.status.state === 'bad' ? (
        <p class="error small scn-error" role="alert" data-testid="scenario-error">
          {tr(action.status.text)}
        </p>
      ) : null}
    </div>
  );
}

/** Before it can run: a sign-in for a scenario that needs the account; the lab started with its profile. */
export function ScenarioNotices({ store, entry }: { store: ScenariosStore; entry: ScenarioEntry }) {
  const { tr } = useI18n();
  const { info, router } = useServices();
  const lab = useObservable(info);
  const { student } = useObservable(store.state);
  const advice = profileAdvice(entry.scenario, lab?.Lab.Listeners);
  const needsAccount = entry.scenario.setup.account === true && student === LOCAL_STUDENT;
  if (!advice && !needsAccount) return null;
  return (
    <div class="scn-notices">
      {needsAccount ? (
        <p class="notice small" data-testid="scenario-needs-account">
          {tr(sm.needsAccount)}{' '}
          <a {...linkProps(router, { tab: 'lab', id: 'account' })} data-testid="scenario-to-lab">
            {tr(sm.toLab)}
          </a>
        </p>
      ) : null}
      {advice ? (
        <div class="notice small scn-profile" data-testid="scenario-profile" data-wanted={advice.wanted}>
          <p>{advice.running ? tr(sm.profile.other)(advice.wanted, advice.running) : tr(sm.profile.none)(advice.wanted)}</p>
          <p>
            <code>npm start -- --profile {advice.wanted}</code> {tr(sm.profile.or)} <code>smtp-lab start --profile {advice.wanted}</code>
          </p>
        </div>
      ) : null}
    </div>
  );
}
