// What the Automaton page's views reach: its stores (fed by the live stream), the lab account
// (the Lab tab's store: signing in on either tab signs in both) and the page's own choices (the
// automaton on the diagram). Handed down through a context, made once per tab.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AutomatonEntry, ModelEntry } from '../../../lab/objects/objects-wire.js';
import type { ObjectSnapshot } from '../../../lab/objects/object-events.js';
import type { LabStore } from '../lab/lab-store.js';
import type { State } from '../ui/observable.js';
import { useObservable } from '../ui/use-observable.js';
import type { AutomatonStores } from './automaton-stores.js';
import type { LibraryState } from './library-store.js';

export interface PageChoices {
  /** The automaton on the diagram and in the e-mail editor. */
  automatonId: string | undefined;
}

export interface AutomatonPageContext {
  stores: AutomatonStores;
  lab: LabStore;
  choices: State<PageChoices>;
}

export const AutomatonContext = createContext<AutomatonPageContext | undefined>(undefined);

export function useAutomatonPage(): AutomatonPageContext {
  const page = useContext(AutomatonContext);
  if (!page) throw new Error('useAutomatonPage outside <AutomatonContext.Provider>');
  return page;
}

/** The signed-in account's address, or undefined (then the page is read-only). */
export function useAccount(): string | undefined {
  const { lab } = useAutomatonPage();
  const auth = useObservable(lab.auth);
  return auth.status === 'signed-in' ? auth.account.address : undefined;
}

/**
 * The imported automaton an object runs: the import it was made from, else (an object the CLI
 * attached, whose file the lab never imported) the newest import with the same platform id.
 */
export function automatonOf(library: LibraryState, object: ObjectSnapshot | undefined): AutomatonEntry | undefined {
  if (!object) return undefined;
  const { libraryId, id } = object.automaton;
  return (
    (libraryId ? library.automatons.find((a) => a.id === libraryId) : undefined) ?? (id ? library.automatons.find((a) => a.automaton.id === id) : undefined)
  );
}

/** The imported model an object uses: the import it was made from, else by the platform's id. */
export function modelOf(library: LibraryState, object: ObjectSnapshot | undefined): ModelEntry | undefined {
  if (!object?.model) return undefined;
  const { libraryId, id } = object.model;
  return (libraryId ? library.models.find((m) => m.id === libraryId) : undefined) ?? (id ? library.models.find((m) => m.model.id === id) : undefined);
}

/** The imported model made for an automaton (the platform's model id it names). */
export function modelForAutomaton(library: LibraryState, entry: AutomatonEntry | undefined): ModelEntry | undefined {
  const platformId = entry?.modelId ?? entry?.automaton.modelId;
  return platformId ? library.models.find((m) => m.model.id === platformId) : undefined;
}
