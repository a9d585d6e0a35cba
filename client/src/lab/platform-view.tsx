// The platform's screen of the practical work: Administration → Project settings →
// Integrations, integration type SMTP; the form and the Testing panel on one side, the result
// and the dialogue of the attempt on the other (one under the other on a phone).
import { useEffect } from 'preact/hooks';
import type { IntegrationField, TestMailField } from '../../../lab/integration/integration-types.js';
import { useServices } from '../app/services.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { AttemptDialogue } from './attempt-dialogue.js';
import { FORM_FIELDS, TEST_FIELDS } from './integration-draft.js';
import { IntegrationForm } from './integration-form.js';
import { lm } from './lab-messages.js';
import type { LabStore } from './lab-store.js';
import { TestResultPanel } from './test-result.js';
import { TestingPanel } from './testing-panel.js';

function Breadcrumbs() {
  const { tr } = useI18n();
  return (
    <nav class="crumbs" aria-label={tr(lm.crumbs.label)} data-testid="breadcrumbs">
      <ol>
        <li>
          {tr(lm.crumbs.admin)}
          <span class="crumb-sep" aria-hidden="true">
            {' → '}
          </span>
        </li>
        <li>
          {tr(lm.crumbs.project)}
          <span class="crumb-sep" aria-hidden="true">
            {' → '}
          </span>
        </li>
        <li aria-current="page">{tr(lm.crumbs.integrations)}</li>
      </ol>
    </nav>
  );
}

/** Brings the result up on a phone, where it is below the form, when a test starts. */
function revealResult(): void {
  const el = document.getElementById('lab-result');
  if (!el) return;
  const box = el.getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight / 2) el.scrollIntoView({ block: 'start' });
}

export function PlatformView({ store }: { store: LabStore }) {
  const { sessionDetail } = useServices();
  const { tr } = useI18n();
  const attempt = useObservable(store.attempt);
  const sessionId = attempt?.sessionId;
  // The server's side of the attempt comes on the live stream for the followed session; the
  // Sessions tab lets go of its own when it closes, and so does this view.
  useEffect(() => {
    sessionDetail.select(sessionId);
  }, [sessionId]);
  useEffect(() => () => sessionDetail.select(undefined), []);

  const field = attempt?.status === 'done' && attempt.result && !attempt.result.ok ? (attempt.result.explanation?.field ?? undefined) : undefined;
  const formField = field && (FORM_FIELDS as readonly string[]).includes(field) ? (field as IntegrationField) : undefined;
  const testField = field && (TEST_FIELDS as readonly string[]).includes(field) ? (field as TestMailField) : undefined;

  return (
    <div class="platform" data-testid="platform-view">
      <header class="platform-head">
        <Breadcrumbs />
        <h2 class="platform-title">{tr(lm.crumbs.integrations)}</h2>
        <p class="integration-type">
          {tr(lm.integrationType)}: <span class="chip chip-type">SMTP</span>
        </p>
        <p class="muted small platform-intro">{tr(lm.platformIntro)}</p>
      </header>
      <div class="platform-cols">
        <div class="platform-col" data-testid="settings-column">
          <IntegrationForm store={store} toFix={formField} />
          <TestingPanel store={store} toFix={testField} onStart={() => requestAnimationFrame(revealResult)} />
        </div>
        <div class={`platform-col${attempt ? ' has-attempt' : ''}`} data-testid="result-column">
          <TestResultPanel store={store} />
          <AttemptDialogue store={store} />
        </div>
      </div>
    </div>
  );
}
