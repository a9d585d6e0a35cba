// The running objects: their snapshots (the live `object` frames), and for each object its log
// (`object-log` frames, with what came before the page opened fetched from
// GET /api/lab/objects/{id}/log and merged by seq), its parameters over time for the chart, and
// the transition it took last, for the diagram. Everything is bounded: the newest 500 log
// entries and 600 points per parameter per object.
import type { LiveEvent } from '../../../lab/live-events.js';
import type { ParameterValue, ParameterValues } from '../../../lab/automaton/automaton-types.js';
import type { SimulatorKnobs } from '../../../lab/automaton/telemetry-simulator.js';
import type { ObjectSnapshot } from '../../../lab/objects/object-events.js';
import type { ObjectLogEntry } from '../../../lab/objects/object-log.js';
import type { ControlRequest, CreateObjectRequest, MqttInfo } from '../../../lab/objects/objects-wire.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { createState, type Observable } from '../ui/observable.js';
import type { AutomatonApi } from './automaton-api.js';
import { errorText } from './automaton-errors.js';
import { addValues, MAX_POINTS, type SeriesMap } from './series.js';

export const MAX_LOG_ENTRIES = 500;

export interface TakenTransition {
  transitionId: string;
  from: string;
  to: string;
  /** Counts the transitions seen live for this object: a view animates when it changes. */
  n: number;
  /** The object's clock when it was taken. */
  objectTime: number;
}

export interface ObjectTrack {
  /** The object's creation time: an object created again under the same id starts a new track. */
  createdAt: number | null;
  /** Oldest first, by seq; at most MAX_LOG_ENTRIES. */
  log: readonly ObjectLogEntry[];
  /** Entries older than the first kept: dropped by the server's cap or by ours. */
  dropped: number;
  /** The history before the page opened has been fetched. */
  logLoaded: boolean;
  series: SeriesMap;
  taken: TakenTransition | null;
}

export interface ObjectsState {
  loaded: boolean;
  error: Bilingual | undefined;
  /** In the order they were created. */
  objects: readonly ObjectSnapshot[];
  tracks: Readonly<Record<string, ObjectTrack>>;
  mqtt: MqttInfo | undefined;
  /** Clients that published with an id no object has (a typo in -i), newest first, at most 5. */
  unknownClients: readonly { clientId: string; topic: string; time: number }[];
}

export interface ObjectsStore {
  state: Observable<ObjectsState>;
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
  /** The object on screen: its history is fetched once (again after a gap). */
  select(id: string | undefined): void;
  create(request: CreateObjectRequest): Promise<ObjectSnapshot>;
  remove(id: string): Promise<void>;
  telemetry(id: string, values: ParameterValues): Promise<ObjectSnapshot>;
  fire(id: string, event: string): Promise<ObjectSnapshot>;
  control(id: string, request: ControlRequest): Promise<ObjectSnapshot>;
  knobs(id: string, knobs: Partial<SimulatorKnobs>): Promise<ObjectSnapshot>;
}

const emptyTrack = (): ObjectTrack => ({ createdAt: null, log: [], dropped: 0, logLoaded: false, series: {}, taken: null });

const byCreation = (a: ObjectSnapshot, b: ObjectSnapshot) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The snapshot list with this one in it (a stale snapshot, older than the one kept, is ignored). */
export function upsertSnapshot(list: readonly ObjectSnapshot[], snapshot: ObjectSnapshot): readonly ObjectSnapshot[] {
  const at = list.findIndex((o) => o.id === snapshot.id);
  if (at < 0) return [...list, snapshot].sort(byCreation);
  if (list[at]!.time > snapshot.time) return list;
  const next = list.slice();
  next[at] = snapshot;
  return next;
}

/** The values of a snapshot as points: each parameter at the object's time it last changed. */
export function snapshotPoints(given: ObjectTrack, snapshot: ObjectSnapshot, max = MAX_POINTS): ObjectTrack {
  // Another object under the same id (removed and created again, or the server restarted): its
  // log numbers start again at 1, so nothing of the old one may stay.
  let track = given;
  if (track.createdAt === null) track = { ...track, createdAt: snapshot.createdAt };
  else if (track.createdAt !== snapshot.createdAt) track = { ...emptyTrack(), createdAt: snapshot.createdAt };
  let series = track.series;
  for (const value of snapshot.values) {
    if (value.value === null || value.updatedAt === null) continue;
    series = addValues(series, value.updatedAt, { [value.parameter]: value.value }, max, 'snapshot');
  }
  return series === track.series ? track : { ...track, series };
}

const telemetryValues = (entry: ObjectLogEntry): Record<string, ParameterValue> | undefined => {
  if (entry.kind !== 'telemetry' || typeof entry.data !== 'object' || entry.data === null) return undefined;
  const values = (entry.data as { values?: unknown }).values;
  return typeof values === 'object' && values !== null ? (values as Record<string, ParameterValue>) : undefined;
};

const transitionOf = (entry: ObjectLogEntry): Omit<TakenTransition, 'n'> | undefined => {
  if (entry.kind !== 'transition' || typeof entry.data !== 'object' || entry.data === null) return undefined;
  const { transitionId, from, to } = entry.data as { transitionId?: unknown; from?: unknown; to?: unknown };
  if (typeof transitionId !== 'string' || typeof from !== 'string' || typeof to !== 'string') return undefined;
  return { transitionId, from, to, objectTime: entry.objectTime };
};

/**
 * Log entries merged into a track by seq (those it has are skipped), its chart points and last
 * transition updated. `live`: entries that just happened (the transition counter moves, so the
 * diagram animates it); else history.
 */
export function mergeLog(
  track: ObjectTrack,
  entries: readonly ObjectLogEntry[],
  live: boolean,
  maxEntries = MAX_LOG_ENTRIES,
  maxPoints = MAX_POINTS,
): ObjectTrack {
  if (entries.length === 0) return track;
  const known = new Set(track.log.map((e) => e.seq));
  const fresh = entries.filter((e) => !known.has(e.seq));
  if (fresh.length === 0) return track;
  const lastSeq = track.log.at(-1)?.seq ?? 0;
  let log: ObjectLogEntry[];
  if (fresh.every((e) => e.seq > lastSeq)) log = [...track.log, ...fresh.slice().sort((a, b) => a.seq - b.seq)];
  else log = [...track.log, ...fresh].sort((a, b) => a.seq - b.seq);
  let dropped = track.dropped;
  if (log.length > maxEntries) {
    dropped += log.length - maxEntries;
    log = log.slice(log.length - maxEntries);
  }
  let series = track.series;
  let taken = track.taken;
  for (const entry of fresh.slice().sort((a, b) => a.seq - b.seq)) {
    const values = telemetryValues(entry);
    if (values) series = addValues(series, entry.objectTime, values, maxPoints);
    const transition = transitionOf(entry);
    if (!transition) continue;
    if (live) taken = { ...transition, n: (taken?.n ?? 0) + 1 };
    // History: the newest transition in it, but never over one seen live.
    else if (taken === null || (taken.n === 0 && transition.objectTime >= taken.objectTime)) taken = { ...transition, n: 0 };
  }
  return { ...track, log, dropped, series, taken };
}

export function createObjectsStore(api: AutomatonApi): ObjectsStore {
  const state = createState<ObjectsState>({ loaded: false, error: undefined, objects: [], tracks: {}, mqtt: undefined, unknownClients: [] });
  let selected: string | undefined;
  const loading = new Set<string>();

  const track = (s: ObjectsState, id: string) => s.tracks[id] ?? emptyTrack();
  const withTrack = (s: ObjectsState, id: string, t: ObjectTrack): ObjectsState => (s.tracks[id] === t ? s : { ...s, tracks: { ...s.tracks, [id]: t } });
  const put = (snapshot: ObjectSnapshot) => {
    state.update((s) => withTrack({ ...s, objects: upsertSnapshot(s.objects, snapshot) }, snapshot.id, snapshotPoints(track(s, snapshot.id), snapshot)));
    return snapshot;
  };

  /** Fetches the log after `after` (default: the last entry kept; all of it the first time), and merges it. */
  async function loadLog(id: string, gapAfter?: number): Promise<void> {
    if (loading.has(id)) return;
    loading.add(id);
    try {
      const before = state.get().tracks[id];
      const after = gapAfter ?? (before?.logLoaded ? (before.log.at(-1)?.seq ?? 0) : 0);
      const page = await api.log(id, after > 0 ? { after, limit: MAX_LOG_ENTRIES } : { limit: MAX_LOG_ENTRIES });
      state.update((s) => {
        if (!s.objects.some((o) => o.id === id)) return s;
        const merged = mergeLog(track(s, id), page.entries, false);
        const first = merged.log[0]?.seq ?? page.lastSeq + 1;
        return withTrack(s, id, { ...merged, logLoaded: true, dropped: Math.max(merged.dropped, first - 1) });
      });
    } catch {
      // The live entries still come; the history is fetched again on the next selection or resync.
    } finally {
      loading.delete(id);
    }
  }

  return {
    state,
    async resync() {
      try {
        const [objects, mqtt] = await Promise.all([api.objects(), api.mqtt().catch(() => undefined)]);
        const ids = new Set(objects.map((o) => o.id));
        state.update((s) => {
          const tracks: Record<string, ObjectTrack> = {};
          for (const o of objects) {
            const kept = snapshotPoints(s.tracks[o.id] ?? emptyTrack(), o);
            // Entries may have been missed while away: an object not on screen fetches its history again when it is.
            tracks[o.id] = o.id === selected || !kept.logLoaded ? kept : { ...kept, logLoaded: false };
          }
          return { ...s, loaded: true, error: undefined, mqtt: mqtt ?? s.mqtt, objects: [...objects].sort(byCreation), tracks };
        });
        // What the followed object logged while the page was away.
        if (selected && ids.has(selected)) void loadLog(selected);
      } catch (err) {
        state.update((s) => ({ ...s, loaded: true, error: errorText(err) }));
      }
    },
    apply(events) {
      const start = state.get();
      let s = start;
      const live = new Map<string, ObjectLogEntry[]>();
      let gap: { id: string; after: number } | undefined;
      const appeared: string[] = [];
      for (const event of events) {
        switch (event.Type) {
          case 'object':
            if (!s.objects.some((o) => o.id === event.Data.id)) appeared.push(event.Data.id);
            s = withTrack({ ...s, objects: upsertSnapshot(s.objects, event.Data) }, event.Data.id, snapshotPoints(track(s, event.Data.id), event.Data));
            break;
          case 'object-removed': {
            const { [event.Data.id]: _gone, ...tracks } = s.tracks;
            s = { ...s, objects: s.objects.filter((o) => o.id !== event.Data.id), tracks };
            live.delete(event.Data.id);
            break;
          }
          case 'mqtt-unknown-client': {
            const { clientId, topic, time } = event.Data;
            s = { ...s, unknownClients: [{ clientId, topic, time }, ...s.unknownClients.filter((c) => c.clientId !== clientId)].slice(0, 5) };
            break;
          }
          case 'object-log': {
            const list = live.get(event.Data.objectId);
            if (list) list.push(event.Data.entry);
            else live.set(event.Data.objectId, [event.Data.entry]);
            break;
          }
        }
      }
      for (const [id, entries] of live) {
        // An object's first log lines may come before its first snapshot: they are kept.
        const before = track(s, id);
        const lastSeq = before.log.at(-1)?.seq ?? 0;
        // Entries missed (a reconnect): the followed object's history after the last one kept is fetched again.
        if (before.logLoaded && id === selected && lastSeq > 0 && Math.min(...entries.map((e) => e.seq)) > lastSeq + 1) gap = { id, after: lastSeq };
        s = withTrack(s, id, mergeLog(before, entries, true));
      }
      if (s !== start) state.set(s);
      if (gap) void loadLog(gap.id, gap.after);
      // The followed object appeared after it was selected (its page opened first): its history.
      if (selected && appeared.includes(selected) && !state.get().tracks[selected]?.logLoaded) void loadLog(selected);
    },
    select(id) {
      selected = id;
      if (id && !state.get().tracks[id]?.logLoaded && state.get().objects.some((o) => o.id === id)) void loadLog(id);
    },
    async create(request) {
      const snapshot = put(await api.createObject(request));
      if (selected === snapshot.id) void loadLog(snapshot.id);
      return snapshot;
    },
    async remove(id) {
      await api.removeObject(id);
      state.update((s) => {
        const { [id]: _gone, ...tracks } = s.tracks;
        return { ...s, objects: s.objects.filter((o) => o.id !== id), tracks };
      });
    },
    async telemetry(id, values) {
      return put(await api.telemetry(id, values));
    },
    async fire(id, event) {
      return put(await api.fire(id, event));
    },
    async control(id, request) {
      return put(await api.control(id, request));
    },
    async knobs(id, knobs) {
      return put(await api.knobs(id, knobs));
    },
  };
}
