// The catalogue of scenarios and the student's progress in each, fed by the live stream: a
// `scenario-progress` frame (a step passed or failed, a hint more) replaces that scenario's
// progress at once, so the side panel ticks while the student works in another tab. Who the
// student is, the server says (the signed-in account, or "local"); when the page's one lab
// account signs in or out, the catalogue is fetched again for the new student. The store also
// keeps which scenario the side panel shows and whether it is open (the choice remembered).
import type { LiveEvent } from '../../../lab/live-events.js';
import type { ScenarioProgress } from '../../../lab/scenarios/scenario-types.js';
import { ApiError } from '../api/api-error.js';
import type { Bilingual } from '../i18n/bilingual.js';
import type { LanguageStorage } from '../i18n/language.js';
import type { AuthState } from '../lab/lab-store.js';
import { createState, type Observable } from '../ui/observable.js';
import { entryStatus, mergeCatalogue, sameStudent, withProgress, type ScenarioEntry } from './scenario-logic.js';
import type { ScenariosApi } from './scenarios-api.js';

export const PANEL_STORAGE_KEY = 'smtp-lab.scenario-panel';

export interface ScenariosState {
  status: 'loading' | 'ready' | 'error';
  error: Bilingual | undefined;
  /** Whose progress this is (the server's word); undefined before the first answer. */
  student: string | undefined;
  /** In the catalogue's order. */
  entries: readonly ScenarioEntry[];
  /** The scenario the student chose for the side panel; undefined: the panel picks (scenario-logic focusedEntry). */
  focus: string | undefined;
  /** The student's choice of open or collapsed; undefined: open once a scenario is started. */
  panel: 'open' | 'closed' | undefined;
}

export interface ScenariosAccount {
  auth: Observable<AuthState>;
}

export interface ScenariosStore {
  state: Observable<ScenariosState>;
  /** Fetches the catalogue again; never rejects (the error is kept in the state). */
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
  /** Starts the scenario and shows it in the open panel; rejects with the server's ApiError (409 needs_account). */
  start(id: string): Promise<ScenarioProgress>;
  reset(id: string): Promise<void>;
  focus(id: string | undefined): void;
  setPanelOpen(open: boolean): void;
}

/** Open when the student said so, else once a scenario is started (before, it stays out of the way). */
export function panelOpen(state: Pick<ScenariosState, 'panel' | 'entries'>): boolean {
  return state.panel ? state.panel === 'open' : state.entries.some((e) => entryStatus(e) !== 'not-started');
}

function textOf(err: unknown): Bilingual {
  if (err instanceof ApiError) return err.bilingual();
  const message = err instanceof Error ? err.message : String(err);
  return { ru: message, en: message };
}

function readPanel(storage: LanguageStorage | undefined): ScenariosState['panel'] {
  try {
    const value = storage?.getItem(PANEL_STORAGE_KEY);
    return value === 'open' || value === 'closed' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function createScenariosStore(api: ScenariosApi, account: ScenariosAccount, storage?: LanguageStorage): ScenariosStore {
  const state = createState<ScenariosState>({
    status: 'loading',
    error: undefined,
    student: undefined,
    entries: [],
    focus: undefined,
    panel: readPanel(storage),
  });
  // A start, a reset or another sign-in during a fetch makes its answer stale: it is fetched again.
  let generation = 0;
  let fetching: Promise<void> | undefined;

  async function fetchUntilCurrent(): Promise<void> {
    for (;;) {
      const asked = generation;
      try {
        const catalogue = await api.catalogue();
        if (asked !== generation) continue;
        state.update((s) => ({
          ...s,
          status: 'ready',
          error: undefined,
          student: catalogue.student,
          // Another student's progress is not merged into this one's.
          entries: mergeCatalogue(catalogue.scenarios, sameStudent(s.student, catalogue.student) ? s.entries : []),
        }));
      } catch (err) {
        if (asked !== generation) continue;
        state.update((s) => ({ ...s, status: s.status === 'ready' ? 'ready' : 'error', error: textOf(err) }));
      }
      return;
    }
  }

  function refetch(): Promise<void> {
    fetching ??= fetchUntilCurrent().finally(() => {
      fetching = undefined;
    });
    return fetching;
  }

  const upsert = (progress: ScenarioProgress) =>
    state.update((s) => {
      if (!sameStudent(s.student, progress.student)) return s;
      const entries = withProgress(s.entries, progress);
      return entries === s.entries ? s : { ...s, entries };
    });

  const forget = (scenarioId: string, student: string) =>
    state.update((s) =>
      !sameStudent(s.student, student) ? s : { ...s, entries: s.entries.map((e) => (e.scenario.id === scenarioId ? { ...e, progress: null } : e)) },
    );

  // The account's record changes too (a new app password): only another address means another student.
  const addressOf = (auth: AuthState) => (auth.status === 'signed-in' ? auth.account.address : auth.status === 'signed-out' ? null : undefined);
  let signedIn = addressOf(account.auth.get());
  account.auth.subscribe((auth) => {
    const who = addressOf(auth);
    if (who === undefined || who === signedIn) return;
    signedIn = who;
    generation++;
    void refetch();
  });

  function setPanelOpen(open: boolean): void {
    const panel = open ? 'open' : 'closed';
    try {
      storage?.setItem(PANEL_STORAGE_KEY, panel);
    } catch {
      // Not remembered; the choice holds for this page.
    }
    state.update((s) => (s.panel === panel ? s : { ...s, panel }));
  }

  return {
    state,
    resync: refetch,
    apply(events) {
      for (const event of events) {
        switch (event.Type) {
          case 'scenario-progress':
            upsert(event.Data);
            break;
          case 'scenario-reset':
            forget(event.Data.scenarioId, event.Data.student);
            break;
        }
      }
    },
    async start(id) {
      generation++;
      const progress = await api.start(id);
      upsert(progress);
      state.update((s) => ({ ...s, focus: id }));
      setPanelOpen(true);
      return progress;
    },
    async reset(id) {
      generation++;
      await api.reset(id);
      state.update((s) => ({ ...s, entries: s.entries.map((e) => (e.scenario.id === id ? { ...e, progress: null } : e)) }));
    },
    focus(id) {
      state.update((s) => (s.focus === id ? s : { ...s, focus: id }));
    },
    setPanelOpen,
  };
}
