// Where the CLI keeps its SMTP integration: a JSON file only its user can read (mode 0600), the
// password in it because sending needs it; ~/.config/smtp-lab/integration.json unless --config.
import { join } from 'node:path';
import { configDir } from '../../server/common/hosts.js';
import { readTextIfExists, writePrivateFile } from '../../server/common/private-file.js';
import type { IntegrationSettings } from './integration-types.js';

export function integrationFilePath(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return explicit ?? (env.SMTP_LAB_CONFIG || join(configDir(env), 'integration.json'));
}

/** The saved settings as stored (not validated: the file may have been edited by hand). */
export async function loadIntegration(path: string): Promise<Record<string, unknown> | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  const parsed = JSON.parse(text) as unknown;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

export async function saveIntegration(path: string, settings: IntegrationSettings): Promise<void> {
  await writePrivateFile(path, JSON.stringify(settings, null, 2) + '\n');
}
