// What the Instructor page shows: the class overview, fetched while the page is open and the
// signed-in account is the instructor, and again (throttled, at most every 500 ms) when a live
// frame says the class changed — a step passed, a session, a mail, an alert, a fault. The store
// lives with the page's services (fed by the stream from the start); it fetches nothing while
// nobody watches. Whether the Instructor tab is in the bar follows `isInstructor`.
import type { ClassFaultRequest, ClassOverview } from '../../../lab/class/class-wire.js';
import type { LiveEvent } from '../../../lab/live-events.js';
import type { FaultRule } from '../../../server/wire/faults.js';
import { ApiError } from '../api/api-error.js';
import type { Bilingual } from '../i18n/bilingual.js';
import type { AuthState } from '../lab/lab-store.js';
import { createState, type Observable } from '../ui/observable.js';
import { changesClass } from './class-rows.js';
import type { FaultPresetInfo, InstructorApi, RosterOutcome } from './instructor-api.js';
import { createThrottledFetch } from './throttled-fetch.js';

export const REFETCH_MS = 500;

export interface InstructorState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  overview: ClassOverview | undefined;
  error: Bilingual | undefined;
}

export interface InstructorAccount {
  auth: Observable<AuthState>;
  signedOutElsewhere(): void;
}

export interface InstructorStore {
  state: Observable<InstructorState>;
  /** The signed-in account is an instructor (not in a student's read-only view: that is the student). */
  isInstructor: Observable<boolean>;
  presets: Observable<FaultPresetInfo[] | undefined>;
  /** The page is open: fetch now and on every change; the returned function stops. */
  watch(): () => void;
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
  importRoster(csv: string): Promise<RosterOutcome>;
  addFault(request: ClassFaultRequest): Promise<FaultRule>;
  removeFault(id: string): Promise<void>;
  close(): void;
}

export function textOf(err: unknown): Bilingual {
  if (err instanceof ApiError) return err.bilingual();
  const message = err instanceof Error ? err.message : String(err);
  return { ru: message, en: message };
}

const EMPTY: InstructorState = { status: 'idle', overview: undefined, error: undefined };

export function createInstructorStore(api: InstructorApi, account: InstructorAccount): InstructorStore {
  const state = createState<InstructorState>(EMPTY);
  const presets = createState<FaultPresetInfo[] | undefined>(undefined);
  const instructorOf = (auth: AuthState) => auth.status === 'signed-in' && auth.account.role === 'instructor';
  const isInstructor = createState(instructorOf(account.auth.get()));
  let watchers = 0;

  async function guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) account.signedOutElsewhere();
      throw err;
    }
  }

  async function fetchOverview(): Promise<void> {
    if (!isInstructor.get()) return;
    if (state.get().status === 'idle') state.set({ ...state.get(), status: 'loading' });
    try {
      const overview = await guard(api.overview());
      if (!isInstructor.get()) return;
      state.set({ status: 'ready', overview, error: undefined });
    } catch (err) {
      if (!isInstructor.get()) return;
      const s = state.get();
      state.set({ ...s, status: s.overview ? 'ready' : 'error', error: textOf(err) });
    }
  }

  function loadPresets(): void {
    if (presets.get() !== undefined) return;
    api.presets().then(
      (list) => presets.set(list),
      // Without the list, greylisting still has its switch.
      () => presets.set([]),
    );
  }

  const throttle = createThrottledFetch(fetchOverview, REFETCH_MS);
  const watched = () => watchers > 0 && isInstructor.get();

  const offAuth = account.auth.subscribe((auth) => {
    const now = instructorOf(auth);
    if (now === isInstructor.get()) return;
    isInstructor.set(now);
    state.set(EMPTY);
    if (now && watchers > 0) {
      loadPresets();
      void throttle.now();
    }
  });

  const afterChange = () => void throttle.now();

  return {
    state,
    isInstructor,
    presets,
    watch() {
      watchers++;
      if (watched()) {
        loadPresets();
        void throttle.now();
      }
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        watchers--;
      };
    },
    resync: () => (watched() ? throttle.now() : Promise.resolve()),
    apply(events) {
      if (!watched()) return;
      if (events.some((e) => changesClass(e.Type))) throttle.request();
    },
    async importRoster(csv) {
      const outcome = await guard(api.importRoster(csv));
      if (outcome.kind === 'imported') afterChange();
      return outcome;
    },
    async addFault(request) {
      const rule = await guard(api.addFault(request));
      afterChange();
      return rule;
    },
    async removeFault(id) {
      await guard(api.removeFault(id));
      afterChange();
    },
    close() {
      offAuth();
      throttle.close();
    },
  };
}
