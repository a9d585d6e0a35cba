// The outcome of the last action, in a line that keeps its height (a message that comes and goes
// moves nothing around it), or, with hideIdle, takes no room until there is something to say.
import { useI18n } from '../i18n/use-i18n.js';
import { fm } from './faults-messages.js';
import type { ActionStatus } from './use-action.js';

export function StatusLine({ status, testId, hideIdle }: { status: ActionStatus; testId?: string; hideIdle?: boolean }) {
  const { tr } = useI18n();
  if (hideIdle && status.state === 'idle') return null;
  const cls = status.state === 'ok' ? 'is-ok' : status.state === 'bad' ? 'is-bad' : status.state === 'busy' ? 'is-busy' : '';
  return (
    <p class={`form-status ${cls}`} role={status.state === 'bad' ? 'alert' : 'status'} data-testid={testId} data-state={status.state}>
      {status.state === 'busy' ? tr(fm.busy) : status.state === 'ok' || status.state === 'bad' ? tr(status.text) : ''}
    </p>
  );
}
