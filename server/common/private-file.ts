// Files only their owner may read (mode 0600 in a 0700 folder): the admin token, the saved
// integration with its password, the accounts. Written aside and renamed, so a crash leaves the
// old file or the new one, never half of one.
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writePrivateFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  // writeFile's mode applies only to a file it creates; make sure of it either way.
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}
