// Importing the platform's exports: an automaton (required) and its model (optional), by the file
// picker, by dropping the file, or the lab's own example in one click; the list of what is
// imported. A file the server refuses shows its text in both languages, which says where in
// the file it is wrong and what was expected there.
import { useState } from 'preact/hooks';
import { sendEmailActions } from '../../../lab/automaton/authoring.js';
import { channelActions } from '../../../lab/automaton/channel-authoring.js';
import type { AutomatonEntry } from '../../../lab/objects/objects-wire.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { useObservable } from '../ui/use-observable.js';
import { zm } from './automaton-messages.js';
import { modelForAutomaton, useAccount, useAutomatonPage } from './automaton-page.js';
import { exportKind, type ExportKind as Kind } from './library-store.js';
import { Card, StatusLine, useRun } from './ui-bits.js';

function AutomatonRow({ entry, shown, onShow }: { entry: AutomatonEntry; shown: boolean; onShow(): void }) {
  const { tr } = useI18n();
  const { stores } = useAutomatonPage();
  const library = useObservable(stores.library.state);
  const account = useAccount();
  const { automaton } = entry;
  const states = automaton.states.filter((s) => s.type === 'state').length;
  const emails = sendEmailActions(automaton).length;
  const channelAlerts = channelActions(automaton).length;
  const model = modelForAutomaton(library, entry);
  return (
    <li class={`z-row${shown ? ' is-selected' : ''}`} data-testid="automaton-row" data-id={entry.id} data-name={automaton.name}>
      <div class="z-row-main">
        <strong class="z-row-title" translate={false}>
          {automaton.name}
        </strong>
        <span class="muted small z-row-meta">
          {entry.fileName ? <span translate={false}>{entry.fileName} · </span> : null}
          {[
            tr(zm.library.states)(states),
            tr(zm.library.transitions)(automaton.transitions.length),
            tr(zm.library.emails)(emails),
            ...(channelAlerts > 0 ? [tr(zm.library.channelAlerts)(channelAlerts)] : []),
          ].join(' · ')}
        </span>
        {entry.modelId ? (
          <span class="muted small z-row-meta">
            {tr(zm.library.forModel)(entry.modelId)}
            {model ? ` · ${tr(zm.library.modelImported)}` : ''}
          </span>
        ) : null}
      </div>
      <div class="z-row-actions">
        <button type="button" class="btn btn-small" aria-pressed={shown} onClick={onShow} data-testid="show-automaton">
          {shown ? tr(zm.library.shown) : tr(zm.library.show)}
        </button>
        <a
          class="btn btn-small"
          href={stores.api.exportUrl(entry.id)}
          download={entry.fileName ?? `${automaton.name}.json`}
          title={tr(zm.library.exportHint)}
          data-testid="export-automaton"
        >
          {tr(zm.library.export)}
        </a>
        {account ? (
          <ConfirmButton
            label={tr(zm.remove)}
            question={tr(zm.library.removeQuestion)}
            confirm={tr(zm.yes)}
            cancel={tr(zm.cancel)}
            onConfirm={() => stores.library.removeAutomaton(entry.id).catch(() => undefined)}
            testId="remove-automaton"
          />
        ) : null}
      </div>
    </li>
  );
}

export function LibraryPanel() {
  const { tr } = useI18n();
  const { stores, choices } = useAutomatonPage();
  const library = useObservable(stores.library.state);
  const shownId = useObservable(choices).automatonId;
  const account = useAccount();
  const action = useRun();
  const [dragging, setDragging] = useState(false);
  const readOnly = !account;

  const show = (id: string) => choices.update((c) => ({ ...c, automatonId: id }));

  async function importFile(file: File, kind?: Kind): Promise<void> {
    const text = await file.text();
    const as = kind ?? exportKind(text);
    await action
      .run(
        async () =>
          as === 'model'
            ? (await stores.library.importModel(text, file.name)).model.name
            : (await stores.library.importAutomaton(text, file.name)).automaton.name,
        (name) => ({ ru: zm.library.imported.ru([name]), en: zm.library.imported.en([name]) }),
      )
      .then(() => {
        if (as === 'automaton') {
          const first = stores.library.state.get().automatons[0];
          if (first) show(first.id);
        }
      })
      .catch(() => undefined);
  }

  const onPick = (kind: Kind) => (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void importFile(file, kind);
  };

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (readOnly) return;
    for (const file of [...(event.dataTransfer?.files ?? [])]) await importFile(file);
  };

  const useExample = () =>
    action
      .run(
        () => stores.library.importExample(),
        ({ automaton, model }) => {
          const names = [automaton.automaton.name, model.model.name];
          return { ru: zm.library.imported.ru(names), en: zm.library.imported.en(names) };
        },
      )
      .then((done) => {
        if (done) show(done.automaton.id);
      })
      .catch(() => undefined);

  return (
    <Card id="z-library" title={tr(zm.library.title)} testId="library-panel">
      <div
        class={`z-drop${dragging ? ' is-dragging' : ''}${readOnly ? ' is-disabled' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e: DragEvent) => {
          e.preventDefault();
          if (!readOnly) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p class="small muted z-drop-hint">{tr(zm.library.hint)}</p>
        <div class="z-pickers">
          <label class={`btn btn-primary z-file${readOnly ? ' is-disabled' : ''}`}>
            {tr(zm.library.chooseAutomaton)}
            <input
              type="file"
              accept=".json,application/json"
              class="sr-only"
              aria-label={tr(zm.library.automatonFile)}
              disabled={readOnly}
              onChange={onPick('automaton')}
              data-testid="automaton-file"
            />
          </label>
          <label class={`btn z-file${readOnly ? ' is-disabled' : ''}`}>
            {tr(zm.library.chooseModel)}
            <input
              type="file"
              accept=".json,application/json"
              class="sr-only"
              aria-label={tr(zm.library.modelFile)}
              disabled={readOnly}
              onChange={onPick('model')}
              data-testid="model-file"
            />
          </label>
          <button
            type="button"
            class="btn"
            disabled={readOnly || action.busy}
            onClick={useExample}
            title={tr(zm.library.exampleHint)}
            data-testid="use-example"
          >
            {tr(zm.library.example)}
          </button>
        </div>
        <p class="small muted z-drop-text" aria-hidden="true">
          {dragging ? tr(zm.library.dropActive) : tr(zm.library.drop)}
        </p>
        <StatusLine status={action.status} testId="import-status" />
      </div>
      {library.error ? <p class="error small">{tr(zm.loadFailed)(tr(library.error))}</p> : null}
      <h3 class="sub-title">{tr(zm.library.automatons)}</h3>
      {library.automatons.length === 0 ? (
        <p class="muted small">{tr(zm.library.noAutomatons)}</p>
      ) : (
        <ul class="z-list" data-testid="automaton-list">
          {library.automatons.map((entry) => (
            <AutomatonRow entry={entry} shown={entry.id === shownId} onShow={() => show(entry.id)} key={entry.id} />
          ))}
        </ul>
      )}
      <h3 class="sub-title">{tr(zm.library.models)}</h3>
      {library.models.length === 0 ? (
        <p class="muted small">{tr(zm.library.noModels)}</p>
      ) : (
        <ul class="z-list" data-testid="model-list">
          {library.models.map((entry) => (
            <li class="z-row" data-testid="model-row" data-id={entry.id} key={entry.id}>
              <div class="z-row-main">
                <strong class="z-row-title" translate={false}>
                  {entry.model.name}
                </strong>
                <span class="muted small z-row-meta">
                  {entry.fileName ? <span translate={false}>{entry.fileName} · </span> : null}
                  {[tr(zm.library.parameters)(entry.model.parameters.length), entry.model.id].filter(Boolean).join(' · ')}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
