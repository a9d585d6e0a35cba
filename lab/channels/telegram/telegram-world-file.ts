// telegram.json: the lab's Telegram world on disk (mode 0600, written aside and renamed), a burst
// of changes written together a moment later; a file that is not the lab's is a clear error,
// never silently replaced.
import { readTextIfExists, writePrivateFile } from '../../../server/common/private-file.js';

export interface WorldFileStore {
  /** Something changed: written within 50 ms. */
  persist(): void;
  /** Written now (and the pending write awaited). */
  flush(): Promise<void>;
}

/** The file's contents, or undefined when there is none yet. */
export async function readWorldFile<T extends { version: number }>(path: string, valid: (file: Partial<T>) => boolean): Promise<T | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  try {
    const file = JSON.parse(text) as Partial<T>;
    if (typeof file !== 'object' || file === null || !valid(file)) throw new Error('not version 1');
    return file as T;
  } catch (err) {
    throw new Error(
      `${path} is damaged (${(err as Error).message}): restore it from a backup, or move it away (the lab's Telegram bots and chats are then lost).`,
    );
  }
}

/** Writes `snapshot()` to `path` after changes; without a path it keeps nothing. */
export function worldFileStore<T>(path: string | undefined, snapshot: () => T, warn?: (message: string) => void): WorldFileStore {
  let writes: Promise<void> = Promise.resolve();
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  const writeNow = (): Promise<void> => {
    if (!path || !dirty) return writes;
    dirty = false;
    const data = JSON.stringify(snapshot());
    writes = writes.then(() => writePrivateFile(path, data)).catch((err: Error) => warn?.(`${path}: not saved (${err.message})`));
    return writes;
  };
  return {
    persist() {
      if (!path) return;
      dirty = true;
      timer ??= setTimeout(() => {
        timer = undefined;
        void writeNow();
      }, 50);
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      return writeNow();
    },
  };
}
