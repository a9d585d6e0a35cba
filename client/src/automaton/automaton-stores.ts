// The Automaton page's stores, made once by the page's services and fed by the one live
// connection (create-services.ts): every batch of frames goes to each, and on every (re)connect
// each fetches its state again. A store that cannot load says so on the page; it never holds up
// the live stream of the other tabs.
import type { LiveEvent } from '../../../lab/live-events.js';
import { createAlertsStore, type AlertsStore } from './alerts-store.js';
import type { AutomatonApi } from './automaton-api.js';
import { createLibraryStore, type LibraryStore } from './library-store.js';
import { createObjectsStore, type ObjectsStore } from './objects-store.js';
import { createOperatorStore, type OperatorStore } from './operator-store.js';

export interface AutomatonStores {
  api: AutomatonApi;
  library: LibraryStore;
  objects: ObjectsStore;
  operator: OperatorStore;
  alerts: AlertsStore;
  /** Never rejects: each store keeps its own error. */
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
}

export function createAutomatonStores(api: AutomatonApi): AutomatonStores {
  const library = createLibraryStore(api);
  const objects = createObjectsStore(api);
  const operator = createOperatorStore(api);
  const alerts = createAlertsStore(api);
  return {
    api,
    library,
    objects,
    operator,
    alerts,
    async resync() {
      await Promise.all([library.resync(), objects.resync(), operator.resync(), alerts.resync()]);
    },
    apply(events) {
      library.apply(events);
      objects.apply(events);
      operator.apply(events);
      alerts.apply(events);
    },
  };
}
