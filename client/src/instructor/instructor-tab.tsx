// The Instructor tab (issue 14, point 3): the class at a glance, live — one row per student —
// faults for a student or the class, the roster import and the class report. In the bar only
// while the signed-in account is an instructor (`shown`); its path (/instructor) opens the
// sign-in for anyone else. The store is the page's (create-services.ts), fed by the stream; it
// fetches the class only while this page is open.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AuthPanel } from '../account/auth-panel.js';
import type { TabDefinition } from '../app/tab-registry.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { LabStore } from '../lab/lab-store.js';
import { useObservable } from '../ui/use-observable.js';
import { ClassFaults } from './class-faults.js';
import { classRows, classSummary, SORT_KEYS, type SortKey } from './class-rows.js';
import { ClassTable } from './class-table.js';
import type { InstructorStore } from './instructor-store.js';
import { im } from './instructor-messages.js';
import { ReportLinks } from './report-links.js';
import { RosterImport } from './roster-import.js';
import './instructor.css';

function Summary({ store }: { store: InstructorStore }) {
  const { tr } = useI18n();
  const { overview } = useObservable(store.state);
  if (!overview) return null;
  const s = classSummary(overview);
  return (
    <p class="ins-summary" data-testid="class-summary" data-students={s.students} data-attention={s.attention}>
      <span>{tr(im.summary.students)(s.students)}</span>
      <span>{tr(im.summary.working)(s.working)}</span>
      <span>{tr(im.summary.done)(s.done)}</span>
      <span class={s.attention > 0 ? 'error' : ''} title={tr(im.summary.attentionHint)}>
        {tr(im.summary.attention)(s.attention)}
      </span>
    </p>
  );
}

function ClassView({ store }: { store: InstructorStore }) {
  const { tr } = useI18n();
  const state = useObservable(store.state);
  const [sort, setSort] = useState<SortKey>('name');
  const [query, setQuery] = useState('');
  useEffect(() => store.watch(), []);
  const rows = useMemo(() => (state.overview ? classRows(state.overview, sort, query) : []), [state.overview, sort, query]);
  const overview = state.overview;
  return (
    <>
      <Summary store={store} />
      {state.status === 'loading' || state.status === 'idle' ? <p class="muted">{tr(im.loading)}</p> : null}
      {state.error ? (
        <p class="error" role="alert" data-testid="class-error">
          {tr(im.loadFailed)(tr(state.error))}{' '}
          <button type="button" class="btn btn-small" onClick={() => void store.resync()}>
            {tr(im.retry)}
          </button>
        </p>
      ) : null}
      {overview ? (
        <>
          <div class="ins-tools">
            <label class="ins-tool">
              <span class="small">{tr(im.table.filter)}</span>
              <input
                class="input"
                type="search"
                value={query}
                data-testid="class-filter"
                onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <label class="ins-tool">
              <span class="small">{tr(im.table.sortBy)}</span>
              <select class="input" value={sort} data-testid="class-sort" onChange={(e) => setSort((e.currentTarget as HTMLSelectElement).value as SortKey)}>
                {SORT_KEYS.map((key) => (
                  <option value={key}>{tr(im.table.sort[key])}</option>
                ))}
              </select>
            </label>
          </div>
          <ClassTable rows={rows} store={store} empty={tr(overview.students.length === 0 ? im.table.empty : im.table.nothingFound)} />
          <div class="ins-cards">
            <ClassFaults store={store} rules={overview.classFaults} />
            <ReportLinks />
          </div>
        </>
      ) : null}
      <RosterImport store={store} />
    </>
  );
}

export function createInstructorTab(store: InstructorStore, lab: LabStore): TabDefinition {
  function InstructorPage() {
    const { tr } = useI18n();
    const auth = useObservable(lab.auth);
    const instructor = useObservable(store.isInstructor);
    useEffect(() => lab.start(), []);
    return (
      <div class="ins-page" data-testid="instructor-page" data-access={instructor ? 'instructor' : auth.status}>
        <p class="ins-intro">{tr(im.intro)}</p>
        {auth.status === 'unknown' ? <p class="muted">{tr(im.loading)}</p> : null}
        {auth.status === 'error' ? (
          <p class="error" role="alert">
            {tr(im.loadFailed)(auth.message)}{' '}
            <button type="button" class="btn btn-small" onClick={() => lab.start()}>
              {tr(im.retry)}
            </button>
          </p>
        ) : null}
        {auth.status === 'signed-out' ? (
          <div class="ins-auth" data-testid="instructor-sign-in">
            <p class="notice small">{tr(im.signInFirst)}</p>
            <AuthPanel expired={auth.expired} onSignIn={(a, p) => lab.signIn(a, p)} onSignUp={(a, p) => lab.signUp(a, p)} />
          </div>
        ) : null}
        {auth.status === 'signed-in' && !instructor ? (
          <p class="notice" data-testid="not-instructor">
            {tr(im.notInstructor)}
          </p>
        ) : null}
        {instructor ? <ClassView store={store} /> : null}
      </div>
    );
  }

  return { id: 'instructor', label: im.tab, order: 70, View: InstructorPage, shown: store.isInstructor };
}
