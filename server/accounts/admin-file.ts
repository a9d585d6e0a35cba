// How `smtp-lab account ...` reaches the accounts of a running server: the server makes a random
// admin token at start and, when told where, writes it with its URL into a file only its user can
// read (mode 0600): <data-dir>/admin.json, or ~/.config/smtp-lab/admin.json without a data dir.
// The CLI reads the file and calls the server's admin routes on loopback with the token.
import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { configDir } from '../common/hosts.js';
import { readTextIfExists, writePrivateFile } from '../common/private-file.js';
import { join } from 'node:path';

export interface AdminFile {
  url: string;
  token: string;
  pid: number;
  /** The lab's TLS certificate, for a client that must trust it (the lab preset). */
  certificatePath?: string;
  dataDir?: string;
}

export function createAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

export { configDir };

/** Where a server with this data dir (or none) keeps its admin file. */
export function adminFilePath(dataDir: string | undefined, env: NodeJS.ProcessEnv): string {
  return dataDir ? join(dataDir, 'admin.json') : join(configDir(env), 'admin.json');
}

export async function writeAdminFile(path: string, content: AdminFile): Promise<void> {
  await writePrivateFile(path, JSON.stringify(content, null, 2) + '\n');
}

export async function readAdminFile(path: string): Promise<AdminFile | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  const parsed = JSON.parse(text) as Partial<AdminFile>;
  if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string') return undefined;
  return parsed as AdminFile;
}

/** Removes the file if it is still ours (another server may have started since and replaced it). */
export async function removeAdminFile(path: string, token: string): Promise<void> {
  const current = await readAdminFile(path).catch(() => undefined);
  if (current?.token !== token) return;
  await unlink(path).catch(() => undefined);
}
