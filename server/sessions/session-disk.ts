// Sessions on disk (--data-dir): one journal line per session, written when it ends, with its
// whole dialogue. Sessions that were open when the server stopped are closed (and written) by
// the shutdown, so a restart loses none.
import { join } from 'node:path';
import { openJournal, readJournal } from '../common/journal.js';
import { sessionRecordProblem } from './record-check.js';
import type { SessionRecord } from '../wire/sessions.js';

export interface SessionDisk {
  load(): Promise<SessionRecord[]>;
  append(record: SessionRecord): Promise<void>;
  compact(records: Iterable<SessionRecord>): Promise<void>;
  rewrite(records: SessionRecord[]): Promise<void>;
  close(): Promise<void>;
}

export async function openSessionDisk(dataDir: string, warn: (message: string) => void): Promise<SessionDisk> {
  const path = join(dataDir, 'sessions.jsonl');
  const journal = await openJournal<SessionRecord>(path);
  return {
    async load() {
      const byId = new Map<string, SessionRecord>();
      for (const record of await readJournal<SessionRecord>(path, sessionRecordProblem, warn)) {
        record.MessageIDs ??= [];
        record.MessageCount = record.MessageIDs.length;
        byId.set(record.ID, record);
      }
      return [...byId.values()].sort((a, b) => a.Started.localeCompare(b.Started));
    },
    append: (record) => journal.append(record),
    compact: (records) => journal.rewrite(records),
    rewrite: (records) => journal.rewrite(records),
    close: () => journal.close(),
  };
}
