// What the Faults page's views reach: its store (fed by the live stream from the page's start)
// and the lab account (the Lab tab's store: signing in on any tab signs in all). Handed down
// through a context, made once per tab.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { LabStore } from '../lab/lab-store.js';
import { useObservable } from '../ui/use-observable.js';
import type { FaultsStore } from './faults-store.js';

export interface FaultsPageContext {
  store: FaultsStore;
  lab: LabStore;
}

export const FaultsContext = createContext<FaultsPageContext | undefined>(undefined);

export function useFaultsPage(): FaultsPageContext {
  const page = useContext(FaultsContext);
  if (!page) throw new Error('useFaultsPage outside <FaultsContext.Provider>');
  return page;
}

/** The signed-in account's address, or undefined (then the page is read-only). */
export function useAccount(): string | undefined {
  const { lab } = useFaultsPage();
  const auth = useObservable(lab.auth);
  return auth.status === 'signed-in' ? auth.account.address : undefined;
}
