// One object's log: what its device did over MQTT, the telemetry it got, its transitions,
// actions and what they came to. Bounded: beyond the cap the oldest entries go, and how many went
// is counted, so a simulator left running for a day costs the same memory as one for a minute.
import type { Bilingual } from '../integration/integration-types.js';

export type ObjectLogKind =
  | 'created'
  | 'started'
  | 'warning'
  | 'mqtt-connect'
  | 'mqtt-disconnect'
  | 'mqtt-subscribe'
  | 'mqtt-unsubscribe'
  | 'mqtt-publish'
  | 'mqtt-error'
  | 'telemetry'
  | 'telemetry-refused'
  | 'telemetry-ignored'
  | 'event'
  | 'transition'
  | 'state'
  | 'action'
  | 'action-result'
  | 'command-published'
  | 'timer'
  | 'error'
  | 'finished'
  | 'feed'
  | 'clock';

export interface ObjectLogEntry {
  /** 1, 2, 3, … per object; a client asks for entries after the last one it has. */
  seq: number;
  /** Wall-clock epoch ms when it was logged. */
  time: number;
  /** The object's own clock (simulated for playback and simulator objects). */
  objectTime: number;
  kind: ObjectLogKind;
  text: Bilingual;
  /** The details as JSON (topic, payload, values, ids); null when the text says it all. */
  data: unknown;
}

export interface ObjectLogPage {
  entries: ObjectLogEntry[];
  /** Entries dropped from the front since the object was created. */
  dropped: number;
  /** seq of the newest entry (0 for none). */
  lastSeq: number;
}

export interface ObjectLog {
  add(entry: Omit<ObjectLogEntry, 'seq'>): ObjectLogEntry;
  /** Entries with seq > `after` (default: all kept), at most `limit` of the newest. */
  page(options?: { after?: number; limit?: number }): ObjectLogPage;
  readonly size: number;
  readonly dropped: number;
  readonly cap: number;
}

export const DEFAULT_LOG_CAP = 500;

export function createObjectLog(options: { cap?: number } = {}): ObjectLog {
  const cap = Math.max(1, Math.trunc(options.cap ?? DEFAULT_LOG_CAP));
  // A ring: the array never shifts, so adding is O(1) however full the log is.
  const ring: (ObjectLogEntry | undefined)[] = new Array<ObjectLogEntry | undefined>(cap);
  let start = 0;
  let size = 0;
  let seq = 0;
  let dropped = 0;
  const at = (i: number) => ring[(start + i) % cap]!;
  return {
    add(input) {
      const entry: ObjectLogEntry = { seq: ++seq, ...input };
      if (size < cap) {
        ring[(start + size) % cap] = entry;
        size++;
      } else {
        ring[start] = entry;
        start = (start + 1) % cap;
        dropped++;
      }
      return entry;
    },
    page(pageOptions = {}) {
      const after = pageOptions.after ?? 0;
      const limit = Math.max(0, Math.trunc(pageOptions.limit ?? cap));
      const entries: ObjectLogEntry[] = [];
      // Newest first while collecting, so `limit` keeps the newest; returned oldest first.
      for (let i = size - 1; i >= 0 && entries.length < limit; i--) {
        const entry = at(i);
        if (entry.seq <= after) break;
        entries.push(entry);
      }
      return { entries: entries.reverse(), dropped, lastSeq: seq };
    },
    get size() {
      return size;
    },
    get dropped() {
      return dropped;
    },
    cap,
  };
}
