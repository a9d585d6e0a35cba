// The imported automatons and models: fetched on (re)connect, kept current from the live
// `automaton` and `automaton-removed` frames, and changed by the page's own imports and
// «Отправить e-mail» and channel alert edits (the answer replaces the entry at once; the frame that follows
// changes nothing).
import type { LiveEvent } from '../../../lab/live-events.js';
import type { ActionList } from '../../../lab/automaton/automaton-types.js';
import type {
  AddChannelAlertRequest,
  AddEmailRequest,
  AutomatonEntry,
  ModelEntry,
  UpdateChannelAlertRequest,
  UpdateEmailRequest,
} from '../../../lab/objects/objects-wire.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { createState, type Observable } from '../ui/observable.js';
import { errorText } from './automaton-errors.js';
import { EXAMPLE_AUTOMATON, EXAMPLE_MODEL, type AutomatonApi } from './automaton-api.js';

export interface LibraryState {
  loaded: boolean;
  error: Bilingual | undefined;
  /** Newest first, as the server lists them. */
  automatons: AutomatonEntry[];
  models: ModelEntry[];
}

export interface LibraryStore {
  state: Observable<LibraryState>;
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
  importAutomaton(file: string, fileName?: string): Promise<AutomatonEntry>;
  importModel(file: string, fileName?: string): Promise<ModelEntry>;
  /** The lab's bundled example: the kettle's model, then the temperature-control automaton. */
  importExample(): Promise<{ automaton: AutomatonEntry; model: ModelEntry }>;
  removeAutomaton(id: string): Promise<void>;
  addEmail(automatonId: string, request: AddEmailRequest): Promise<AutomatonEntry>;
  updateEmail(automatonId: string, at: { stateId: string; list: ActionList; index: number }, request: UpdateEmailRequest): Promise<AutomatonEntry>;
  removeEmail(automatonId: string, at: { stateId: string; list: ActionList; index: number }): Promise<AutomatonEntry>;
  addChannelAlert(automatonId: string, request: AddChannelAlertRequest): Promise<AutomatonEntry>;
  updateChannelAlert(
    automatonId: string,
    at: { stateId: string; list: ActionList; index: number },
    request: UpdateChannelAlertRequest,
  ): Promise<AutomatonEntry>;
  removeChannelAlert(automatonId: string, at: { stateId: string; list: ActionList; index: number }): Promise<AutomatonEntry>;
  automaton(id: string | null | undefined): AutomatonEntry | undefined;
  /** The model imported for an automaton: by the platform's model id it names, else none. */
  modelFor(entry: AutomatonEntry | undefined): ModelEntry | undefined;
}

export type ExportKind = 'automaton' | 'model';

/** Which route a dropped file goes to: a model export says `"store": "models"`. */
export function exportKind(text: string): ExportKind {
  try {
    const value = JSON.parse(text) as { store?: unknown };
    return value && typeof value === 'object' && value.store === 'models' ? 'model' : 'automaton';
  } catch {
    // Not JSON: the automaton route says where the syntax breaks.
    return 'automaton';
  }
}

/** Replace by id, or put a new one first (newest first). */
export function upsertById<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const at = list.findIndex((x) => x.id === item.id);
  if (at < 0) return [item, ...list];
  const next = list.slice();
  next[at] = item;
  return next;
}

export function createLibraryStore(api: AutomatonApi): LibraryStore {
  const state = createState<LibraryState>({ loaded: false, error: undefined, automatons: [], models: [] });
  const putAutomaton = (entry: AutomatonEntry) => {
    state.update((s) => ({ ...s, automatons: upsertById(s.automatons, entry) }));
    return entry;
  };
  const putModel = (entry: ModelEntry) => {
    state.update((s) => ({ ...s, models: upsertById(s.models, entry) }));
    return entry;
  };

  const store: LibraryStore = {
    state,
    async resync() {
      try {
        const [automatons, models] = await Promise.all([api.automatons(), api.models()]);
        state.update((s) => ({ ...s, loaded: true, error: undefined, automatons, models }));
      } catch (err) {
        // The rest of the page goes on: the Automaton page says what failed.
        state.update((s) => ({ ...s, loaded: true, error: errorText(err) }));
      }
    },
    apply(events) {
      let next = state.get();
      for (const event of events) {
        if (event.Type === 'automaton') next = { ...next, automatons: upsertById(next.automatons, event.Data.automaton) };
        else if (event.Type === 'automaton-removed') next = { ...next, automatons: next.automatons.filter((a) => a.id !== event.Data.id) };
      }
      state.set(next);
    },
    async importAutomaton(file, fileName) {
      return putAutomaton(await api.importAutomaton(fileName ? { file, fileName } : { file }));
    },
    async importModel(file, fileName) {
      return putModel(await api.importModel(fileName ? { file, fileName } : { file }));
    },
    async importExample() {
      const [automatonFile, modelFile] = await Promise.all([api.example(EXAMPLE_AUTOMATON), api.example(EXAMPLE_MODEL)]);
      const model = await store.importModel(modelFile, EXAMPLE_MODEL);
      const automaton = await store.importAutomaton(automatonFile, EXAMPLE_AUTOMATON);
      return { automaton, model };
    },
    async removeAutomaton(id) {
      await api.removeAutomaton(id);
      state.update((s) => ({ ...s, automatons: s.automatons.filter((a) => a.id !== id) }));
    },
    async addEmail(automatonId, request) {
      return putAutomaton(await api.addEmail(automatonId, request));
    },
    async updateEmail(automatonId, at, request) {
      return putAutomaton(await api.updateEmail(automatonId, at.stateId, at.list, at.index, request));
    },
    async removeEmail(automatonId, at) {
      return putAutomaton(await api.removeEmail(automatonId, at.stateId, at.list, at.index));
    },
    async addChannelAlert(automatonId, request) {
      return putAutomaton(await api.addChannelAlert(automatonId, request));
    },
    async updateChannelAlert(automatonId, at, request) {
      return putAutomaton(await api.updateChannelAlert(automatonId, at.stateId, at.list, at.index, request));
    },
    async removeChannelAlert(automatonId, at) {
      return putAutomaton(await api.removeChannelAlert(automatonId, at.stateId, at.list, at.index));
    },
    automaton(id) {
      return id ? state.get().automatons.find((a) => a.id === id) : undefined;
    },
    modelFor(entry) {
      if (!entry) return undefined;
      const platformId = entry.modelId ?? entry.automaton.modelId;
      if (!platformId) return undefined;
      // Newest first: the latest import of that model wins.
      return state.get().models.find((m) => m.model.id === platformId);
    },
  };
  return store;
}
