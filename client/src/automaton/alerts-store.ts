// Every «Отправить e-mail» attempt the objects made (GET /api/lab/alerts and the live `alert`
// frames: `sending`, then `sent` or `failed`), newest first, the newest 200 kept.
import type { LiveEvent } from '../../../lab/live-events.js';
import type { AlertRecord, AlertStatus } from '../../../lab/objects/alert-log.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { createState, type Observable } from '../ui/observable.js';
import type { AutomatonApi } from './automaton-api.js';
import { errorText } from './automaton-errors.js';

export const MAX_ALERTS = 200;

export interface AlertsState {
  loaded: boolean;
  error: Bilingual | undefined;
  /** Newest first. */
  alerts: readonly AlertRecord[];
}

export interface AlertsStore {
  state: Observable<AlertsState>;
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
}

const STATUS_RANK: Record<AlertStatus, number> = { sending: 0, sent: 1, failed: 1 };
const seqOf = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
const newestFirst = (a: AlertRecord, b: AlertRecord) => b.startedAt - a.startedAt || seqOf(b.id) - seqOf(a.id);

/** The list with this record in it; a finished attempt is never turned back into "sending". */
export function upsertAlert(list: readonly AlertRecord[], record: AlertRecord, max = MAX_ALERTS): readonly AlertRecord[] {
  const at = list.findIndex((a) => a.id === record.id);
  if (at >= 0) {
    if (STATUS_RANK[list[at]!.status] > STATUS_RANK[record.status]) return list;
    const next = list.slice();
    next[at] = record;
    return next;
  }
  return [record, ...list].sort(newestFirst).slice(0, max);
}

export function createAlertsStore(api: AutomatonApi): AlertsStore {
  const state = createState<AlertsState>({ loaded: false, error: undefined, alerts: [] });
  return {
    state,
    async resync() {
      try {
        const { alerts } = await api.alerts(MAX_ALERTS);
        // Frames that came during the fetch stay when they are newer.
        state.update((s) => {
          let list: readonly AlertRecord[] = [...alerts].sort(newestFirst).slice(0, MAX_ALERTS);
          for (const kept of s.alerts) if (alerts.some((a) => a.id === kept.id)) list = upsertAlert(list, kept);
          return { loaded: true, error: undefined, alerts: list };
        });
      } catch (err) {
        state.update((s) => ({ ...s, loaded: true, error: errorText(err) }));
      }
    },
    apply(events) {
      let alerts = state.get().alerts;
      const start = alerts;
      for (const event of events) if (event.Type === 'alert') alerts = upsertAlert(alerts, event.Data);
      if (alerts !== start) state.update((s) => ({ ...s, alerts }));
    },
  };
}
