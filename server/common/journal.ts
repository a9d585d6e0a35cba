// An append-only JSON-lines file: how the mailbox and the session store keep their state in
// --data-dir. Appends are serialised. On load every line is checked: a line torn by a crash, or
// one of the wrong shape, is skipped with a warning that names the file and the line — damage
// to one entry never keeps the server from starting.
import { open, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, readTextIfExists } from './private-file.js';

export interface Journal<T> {
  append(entry: T): Promise<void>;
  /** Replaces the whole file with these entries (compaction), atomically. */
  rewrite(entries: Iterable<T>): Promise<void>;
  /** Resolves when every append so far is written. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Says why a parsed line is not an entry (a short phrase), or undefined when it is one. */
export type EntryCheck = (value: unknown) => string | undefined;

/** At most this many warnings name a line; the rest are counted in one. */
const MAX_LINE_WARNINGS = 10;

export async function readJournal<T>(path: string, check: EntryCheck, warn: (message: string) => void): Promise<T[]> {
  const text = await readTextIfExists(path);
  if (text === undefined) return [];
  const entries: T[] = [];
  let skipped = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.trim()) continue;
    let problem: string | undefined;
    let value: unknown;
    try {
      value = JSON.parse(line);
      problem = check(value);
    } catch {
      problem = 'not a complete JSON line (torn by a crash?)';
    }
    if (problem === undefined) {
      entries.push(value as T);
      continue;
    }
    skipped++;
    if (skipped <= MAX_LINE_WARNINGS) warn(`${path}:${i + 1}: ${problem}; line skipped`);
  }
  if (skipped > MAX_LINE_WARNINGS) warn(`${path}: skipped ${skipped} damaged lines in all`);
  return entries;
}

export async function openJournal<T>(path: string): Promise<Journal<T>> {
  await ensurePrivateDir(dirname(path));
  let handle: FileHandle = await open(path, 'a', PRIVATE_FILE_MODE);
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
        await writeFile(tmp, lines.join(''), { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
        await handle.close();
        await rename(tmp, path);
        handle = await open(path, 'a', PRIVATE_FILE_MODE);
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

/** Small readers for EntryChecks: each answers a problem phrase or undefined. */
export const shape = {
  object(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  },
  strings(value: unknown): value is string[] {
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  },
};
