// The class roster from a CSV file (name,address a line): the server creates the accounts and
// answers with their first passwords — shown here once, with copy buttons and the warning that
// they are not shown again — or with the lines it could not read (then nothing was imported).
// The passwords live in this component only: leaving the page, or Done, forgets them.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RosterImportResult, RosterProblem } from '../../../lab/class/class-wire.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { sentences } from '../i18n/sentence.js';
import { useI18n } from '../i18n/use-i18n.js';
import { passwordsCsv } from './class-rows.js';
import type { InstructorStore } from './instructor-store.js';
import { textOf } from './instructor-store.js';
import { im } from './instructor-messages.js';

type Shown =
  | { kind: 'none' }
  | { kind: 'busy' }
  | { kind: 'imported'; result: RosterImportResult }
  | { kind: 'invalid'; problems: RosterProblem[] }
  | { kind: 'failed'; text: Bilingual };

function Copy({ text, label, testId }: { text: string; label: string; testId: string }) {
  const { tr } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        class="btn btn-small"
        data-testid={testId}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setState('copied');
          } catch {
            setState('failed');
          }
        }}
      >
        {label}
      </button>
      <span class={`small ${state === 'failed' ? 'error' : 'muted'}`} role="status">
        {state === 'copied' ? ` ${tr(im.roster.copied)}` : state === 'failed' ? ` ${tr(im.roster.copyFailed)}` : ''}
      </span>
    </>
  );
}

function Imported({ result, onDone }: { result: RosterImportResult; onDone(): void }) {
  const { tr } = useI18n();
  return (
    <div data-testid="roster-result">
      {result.created.length > 0 ? (
        <div class="ins-passwords" data-testid="roster-created" data-count={result.created.length}>
          <p class="ins-strong">{tr(im.roster.created)(result.created.length)}</p>
          <p class="notice small" role="note" data-testid="roster-once">
            ⚠ {tr(im.roster.once)}
          </p>
          <div class="ins-table-wrap">
            <table class="ins-table ins-password-table">
              <thead>
                <tr>
                  <th scope="col">{tr(im.roster.name)}</th>
                  <th scope="col">{tr(im.roster.address)}</th>
                  <th scope="col">{tr(im.roster.password)}</th>
                  <th scope="col">
                    <span class="sr-only">{tr(im.roster.copy)}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.created.map((c) => (
                  <tr data-testid="roster-account" data-address={c.address}>
                    <td>{c.name}</td>
                    <td translate={false}>{c.address}</td>
                    <td>
                      <code class="ins-password" translate={false} data-testid="roster-password">
                        {c.password}
                      </code>
                    </td>
                    <td>
                      <Copy text={c.password} label={tr(im.roster.copy)} testId="roster-copy" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="ins-actions">
            <Copy text={passwordsCsv(result.created)} label={tr(im.roster.copyAll)} testId="roster-copy-all" />
          </p>
        </div>
      ) : (
        <p data-testid="roster-nothing-new">{tr(im.roster.nothingNew)}</p>
      )}
      {result.notCreated && result.notCreated.length > 0 ? (
        <div class="error" role="alert" data-testid="roster-not-created" data-count={result.notCreated.length}>
          <p class="small">{tr(im.roster.notCreated)(result.notCreated.length)}</p>
          <ul class="ins-plain small">
            {result.notCreated.map((n) => (
              <li>
                <span translate={false}>{n.address}</span>: {tr(n.text)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.classMode === false ? (
        <p class="notice small" role="alert" data-testid="roster-not-class">
          {tr(im.roster.notClass)}
        </p>
      ) : null}
      {result.existing.length > 0 ? (
        <div data-testid="roster-existing" data-count={result.existing.length}>
          <p class="small">{tr(im.roster.existing)(result.existing.length)}</p>
          <ul class="ins-plain small">
            {result.existing.map((address) => (
              <li translate={false}>{address}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" class="btn btn-primary" onClick={onDone} data-testid="roster-done">
        {tr(im.roster.done)}
      </button>
    </div>
  );
}

export function RosterImport({ store }: { store: InstructorStore }) {
  const { tr } = useI18n();
  const [shown, setShown] = useState<Shown>({ kind: 'none' });
  // A new input after each import, so the same file can be chosen again once it is fixed.
  const [inputKey, setInputKey] = useState(0);
  // The answer comes below the file input, maybe below the screen's edge: brought into view and focused.
  const answer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown.kind === 'none' || shown.kind === 'busy') return;
    answer.current?.scrollIntoView({ block: 'nearest' });
    answer.current?.focus({ preventScroll: true });
  }, [shown]);

  const onFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file || shown.kind === 'busy') return;
    setShown({ kind: 'busy' });
    try {
      const outcome = await store.importRoster(await file.text());
      setShown(outcome.kind === 'imported' ? { kind: 'imported', result: outcome.result } : { kind: 'invalid', problems: outcome.problems });
    } catch (err) {
      setShown({ kind: 'failed', text: sentences(textOf(err)) });
    }
    setInputKey((k) => k + 1);
  };

  return (
    <section class="card ins-card" aria-labelledby="ins-roster" data-testid="roster-import" data-state={shown.kind}>
      <h2 id="ins-roster" class="card-title">
        {tr(im.roster.title)}
      </h2>
      <p class="small muted">{tr(im.roster.hint)}</p>
      <label class="ins-file">
        <span class="field-label">{tr(im.roster.choose)}</span>
        <input
          key={inputKey}
          type="file"
          accept=".csv,text/csv,text/plain"
          disabled={shown.kind === 'busy'}
          data-testid="roster-file"
          onChange={(e) => void onFile(e)}
        />
      </label>
      {shown.kind === 'busy' ? (
        <p class="small" role="status">
          {tr(im.roster.importing)}
        </p>
      ) : null}
      <div ref={answer} tabIndex={-1} class="ins-answer">
        {shown.kind === 'imported' ? <Imported result={shown.result} onDone={() => setShown({ kind: 'none' })} /> : null}
        {shown.kind === 'invalid' ? (
          <div class="ins-problems" role="alert" data-testid="roster-problems">
            <p class="error ins-strong">{tr(im.roster.invalid)}</p>
            <ul class="ins-plain">
              {shown.problems.map((p) => (
                <li data-testid="roster-problem" data-line={p.line}>
                  <strong>{tr(im.roster.line)(p.line)}</strong>: {tr(p.text)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {shown.kind === 'failed' ? (
          <p class="error" role="alert" data-testid="roster-failed">
            {tr(im.roster.failed)(tr(shown.text))}
          </p>
        ) : null}
      </div>
    </section>
  );
}
