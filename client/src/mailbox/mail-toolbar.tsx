// Above the mail list: counts, the search box (the API's query words), delete all.
import { useState } from 'preact/hooks';
import { useServices } from '../app/services.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { useObservable } from '../ui/use-observable.js';

export function MailToolbar() {
  const { mailbox, router } = useServices();
  const state = useObservable(mailbox.state);
  const { tr, number } = useI18n();
  const [query, setQuery] = useState(state.search?.query ?? '');
  const search = state.search;
  const [showHelp, setShowHelp] = useState(false);
  const count = search ? search.total : state.total;
  return (
    <div class="pane-head mail-toolbar">
      <div class="pane-head-row">
        <h2 class="pane-title">
          {tr(m.tabs.mailbox)}{' '}
          <span class="count" data-testid="mail-total">
            {number(state.total)}
          </span>
          <span class="muted small unread-count" data-testid="mail-unread">
            {tr(m.mailbox.unread)(number(state.unread))}
          </span>
        </h2>
        <ConfirmButton
          label={search ? tr(m.mailbox.deleteFound) : tr(m.mailbox.deleteAll)}
          question={tr(m.mailbox.deleteAllConfirm)(tr(m.mailbox.count)(count))}
          confirm={tr(m.mailbox.confirm)}
          cancel={tr(m.common.cancel)}
          disabled={count === 0}
          testId="delete-all"
          onConfirm={async () => {
            await mailbox.deleteAll();
            router.navigate({ tab: 'mailbox' });
            if (search) await mailbox.search(search.query);
          }}
        />
      </div>
      <form
        class="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void mailbox.search(query);
        }}
      >
        <label class="sr-only" for="mail-search">
          {tr(m.mailbox.search)}
        </label>
        <input
          id="mail-search"
          type="search"
          value={query}
          placeholder={tr(m.mailbox.searchPlaceholder)}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          aria-describedby="search-help"
        />
        <button type="submit" class="btn">
          {tr(m.mailbox.searchButton)}
        </button>
        <button type="button" class="btn btn-icon" aria-expanded={showHelp} aria-controls="search-help" onClick={() => setShowHelp((v) => !v)}>
          ?
        </button>
      </form>
      <p id="search-help" class="muted small" hidden={!showHelp}>
        {tr(m.mailbox.searchHelp)}
      </p>
      {search ? (
        <div class="search-status" role="status" data-testid="search-status">
          {search.error ? (
            <span class="error">{tr(m.mailbox.badQuery)(search.error)}</span>
          ) : search.loading ? (
            <span class="muted">{tr(m.common.loading)}</span>
          ) : (
            <span>{tr(m.mailbox.found)(number(search.total), search.query)}</span>
          )}{' '}
          {search.arrivedSince > 0 ? (
            <span class="muted">
              {tr(m.mailbox.arrivedSince)(number(search.arrivedSince))}{' '}
              <button type="button" class="btn btn-small" onClick={() => void mailbox.search(search.query)}>
                {tr(m.mailbox.searchAgain)}
              </button>
            </span>
          ) : null}{' '}
          <button
            type="button"
            class="btn btn-small"
            onClick={() => {
              setQuery('');
              mailbox.clearSearch();
            }}
          >
            {tr(m.mailbox.searchClear)}
          </button>
        </div>
      ) : null}
    </div>
  );
}
