// Files only their owner may read (mode 0600 in a 0700 folder): captured mail, sessions, the
// admin token, the accounts and the saved integration with its password. Written aside and
// renamed, so a crash leaves the old file or the new one, never half of one.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the folder (and its parents) as 0700; an existing one keeps its mode. */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export async function writePrivateFile(path: string, data: string | Buffer): Promise<void> {
  await ensurePrivateDir(dirname(path));
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data, { mode: PRIVATE_FILE_MODE });
  // writeFile's mode applies only to a file it creates; make sure of it either way.
  await chmod(tmp, PRIVATE_FILE_MODE);
  await rename(tmp, path);
}

/** The file's text, or undefined when there is no such file (any other failure throws). */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
