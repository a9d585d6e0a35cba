// How the CLI's account, integration and send-test commands find a running lab server: its
// admin file (<data-dir>/admin.json, or ~/.config/smtp-lab/admin.json) names its URL and token.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { adminFilePath, configDir, readAdminFile, type AdminFile } from '../../accounts/admin-file.js';

export type RunningLab = { state: 'running'; admin: AdminFile; adminFile: string } | { state: 'stopped'; adminFile: string; url?: string };

export interface ApiAnswer {
  status: number;
  body: any;
}

function isUnreachable(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } }).cause;
  return err instanceof TypeError && ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', undefined].includes(cause?.code);
}

/** The server that wrote the admin file, if it still answers. */
export async function findRunningLab(dataDir: string | undefined, env: NodeJS.ProcessEnv): Promise<RunningLab> {
  const adminFile = adminFilePath(dataDir, env);
  const admin = await readAdminFile(adminFile);
  if (!admin) return { state: 'stopped', adminFile };
  try {
    const res = await fetch(`${admin.url}/livez`, { signal: AbortSignal.timeout(5000) });
    if (res.ok) return { state: 'running', admin, adminFile };
  } catch (err) {
    if (!isUnreachable(err) && (err as Error).name !== 'TimeoutError') throw err;
  }
  // Left behind by a server that did not stop cleanly.
  return { state: 'stopped', adminFile, url: admin.url };
}

export async function adminRequest(admin: AdminFile, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const res = await fetch(admin.url + path, {
    method,
    headers: { Authorization: `Bearer ${admin.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

/** The lab's certificate file: the running server's, else the one `start` keeps by default. */
export function labCertificatePath(running: RunningLab, dataDir: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (running.state === 'running' && running.admin.certificatePath) return running.admin.certificatePath;
  const candidates = [dataDir ? join(dataDir, 'tls', 'smtp-lab.cert.pem') : undefined, join(configDir(env), 'tls', 'smtp-lab.cert.pem')];
  return candidates.find((path): path is string => path !== undefined && existsSync(path));
}
