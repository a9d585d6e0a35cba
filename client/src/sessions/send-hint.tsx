// What to do when there is nothing to show yet: send a mail to the open listener and watch.
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';

export function SendHint() {
  const { info } = useServices();
  const lab = useObservable(info);
  const { tr } = useI18n();
  const open = lab?.Lab.Listeners.find((l) => l.Security === 'none') ?? lab?.Lab.Listeners[0];
  const port = open?.Port ?? 1025;
  const host = location.hostname || '127.0.0.1';
  return (
    <div class="hint">
      <p>{tr(m.sessions.tryIt)}</p>
      <pre class="cmd">
        <code>{`swaks --server ${host}:${port} --to student@lab.local`}</code>
      </pre>
    </div>
  );
}
