// The Lab tab: the practical work's SMTP step made real. Two places, as in life: the mail
// account (the lab plays Google, Yandex or Mail.ru: sign up, app passwords) at /lab/account,
// and the platform's SMTP integration with its Testing panel at /lab. The store is the page's
// (create-services.ts), so the form and the last attempt survive a visit to another tab, and
// the Automaton page shares the sign-in.
import { useEffect } from 'preact/hooks';
import { AccountView } from '../account/account-view.js';
import { AuthPanel } from '../account/auth-panel.js';
import { useServices } from '../app/services.js';
import type { TabDefinition, TabViewProps } from '../app/tab-registry.js';
import { useI18n } from '../i18n/use-i18n.js';
import { linkProps } from '../ui/links.js';
import { useObservable } from '../ui/use-observable.js';
import { lm } from './lab-messages.js';
import type { LabStore } from './lab-store.js';
import { PlatformView } from './platform-view.js';
import './lab.css';

const ACCOUNT = 'account';

function LabHead({ store, section }: { store: LabStore; section: 'account' | 'platform' }) {
  const { router } = useServices();
  const { tr } = useI18n();
  const auth = useObservable(store.auth);
  if (auth.status !== 'signed-in') return null;
  return (
    <header class="lab-head">
      <nav class="lab-nav" aria-label={tr(lm.nav)}>
        <a
          class="lab-nav-link"
          {...linkProps(router, { tab: 'lab', id: ACCOUNT })}
          aria-current={section === 'account' ? 'page' : undefined}
          data-testid="lab-nav-account"
        >
          {tr(lm.sections.account)}
        </a>
        <a
          class="lab-nav-link"
          {...linkProps(router, { tab: 'lab' })}
          aria-current={section === 'platform' ? 'page' : undefined}
          data-testid="lab-nav-platform"
        >
          {tr(lm.sections.platform)}
        </a>
      </nav>
      <span class="lab-user">
        <span class="muted small">{tr(lm.signedInAs)}</span> <strong data-testid="lab-user">{auth.account.address}</strong>
      </span>
      <button type="button" class="btn btn-small" onClick={() => void store.signOut()} data-testid="sign-out">
        {tr(lm.signOut)}
      </button>
    </header>
  );
}

function LabBody({ store, section }: { store: LabStore; section: 'account' | 'platform' }) {
  const { router } = useServices();
  const { tr } = useI18n();
  const auth = useObservable(store.auth);
  if (auth.status === 'unknown') return <p class="muted lab-pad">{tr(lm.loading)}</p>;
  if (auth.status === 'error') {
    return (
      <div class="lab-pad">
        <p class="error">{tr(lm.loadFailed)(auth.message)}</p>
        <button type="button" class="btn" onClick={() => store.start()}>
          {tr(lm.retry)}
        </button>
      </div>
    );
  }
  if (auth.status === 'signed-out') {
    return (
      <div class="lab-auth">
        <AuthPanel
          expired={auth.expired}
          onSignIn={(address, password) => store.signIn(address, password)}
          onSignUp={async (address, password) => {
            await store.signUp(address, password);
            // A new account's first step: an app password for the platform.
            router.navigate({ tab: 'lab', id: ACCOUNT });
          }}
        />
      </div>
    );
  }
  return section === 'account' ? <AccountView account={auth.account} store={store} /> : <PlatformView store={store} />;
}

/** The Lab tab over the page's one lab store (the Automaton page signs in through it too). */
export function createLabTab(store: LabStore): TabDefinition {
  function LabPage({ route }: TabViewProps) {
    useEffect(() => store.start(), []);
    const section = route.id === ACCOUNT ? 'account' : 'platform';
    return (
      <div class={`lab-page lab-${section}`} data-testid="lab-page" data-section={section}>
        <LabHead store={store} section={section} />
        <div class="lab-body">
          <LabBody store={store} section={section} />
        </div>
      </div>
    );
  }
  return { id: 'lab', label: lm.tab, order: 30, View: LabPage };
}
