// An append-only JSON-lines file: how the mailbox and the session store keep their state in
// --data-dir. Appends are serialised; a line torn by a crash is skipped on load, not fatal.
import { mkdir, open, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Journal<T> {
  append(entry: T): Promise<void>;
  /** Replaces the whole file with these entries (compaction), atomically. */
  rewrite(entries: Iterable<T>): Promise<void>;
  /** Resolves when every append so far is written. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface JournalContents<T> {
  entries: T[];
  /** Lines that were not JSON (a torn last line after a crash, or damage). */
  skipped: number;
}

export async function readJournal<T>(path: string): Promise<JournalContents<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0 };
    throw err;
  }
  const entries: T[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as T);
    } catch {
      skipped++;
    }
  }
  return { entries, skipped };
}

export async function openJournal<T>(path: string): Promise<Journal<T>> {
  await mkdir(dirname(path), { recursive: true });
  let handle: FileHandle = await open(path, 'a');
  let tail: Promise<void> = Promise.resolve();
  let closed = false;

  const enqueue = (work: () => Promise<void>): Promise<void> => {
    const next = tail.then(work);
    // A failed write must not wedge the queue; the caller sees the error.
    tail = next.catch(() => undefined);
    return next;
  };

  return {
    append(entry) {
      if (closed) return Promise.reject(new Error('journal closed'));
      const line = JSON.stringify(entry) + '\n';
      return enqueue(async () => {
        await handle.appendFile(line, 'utf8');
      });
    },
    rewrite(entries) {
      const lines: string[] = [];
      for (const entry of entries) lines.push(JSON.stringify(entry) + '\n');
      return enqueue(async () => {
        const tmp = `${path}.${process.pid}.tmp`;
        await writeFile(tmp, lines.join(''), 'utf8');
        await handle.close();
        await rename(tmp, path);
        handle = await open(path, 'a');
      });
    },
    flush() {
      return tail;
    },
    async close() {
      if (closed) return;
      closed = true;
      await tail;
      await handle.close();
    },
  };
}
