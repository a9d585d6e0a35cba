// The SMTP integration each lab account saved (the practical work's Integrations → SMTP form),
// password included: the alert sender needs it to send, so it is kept — in integrations.json,
// mode 0600, with --data-dir; in memory without — but never returned to a client. Integrations
// saved by an older smtp-lab inside accounts.json are taken over on the first start.
import { join } from 'node:path';
import { readTextIfExists, writePrivateFile } from '../../server/common/private-file.js';
import type { IntegrationSettings } from './integration-types.js';
import { validateIntegration } from './validation.js';

export interface IntegrationStore {
  /** The owner's saved integration (a copy), or undefined. Owners are lab account addresses. */
  get(owner: string): IntegrationSettings | undefined;
  set(owner: string, settings: IntegrationSettings): Promise<void>;
  /** Resolves when every change so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface IntegrationStoreOptions {
  dataDir?: string;
  warn?: (message: string) => void;
}

interface IntegrationsFile {
  version: 1;
  integrations: Record<string, IntegrationSettings>;
}

/** Only settings that still pass validation are taken back: nothing half-usable is sent with. */
function readSettings(path: string, byOwner: unknown, warn: (message: string) => void): Map<string, IntegrationSettings> {
  const kept = new Map<string, IntegrationSettings>();
  if (typeof byOwner !== 'object' || byOwner === null) return kept;
  for (const [owner, value] of Object.entries(byOwner)) {
    const checked = validateIntegration(
      value,
      typeof (value as { password?: unknown })?.password === 'string' ? { savedPassword: (value as { password: string }).password } : {},
    );
    if (checked.ok) kept.set(owner.toLowerCase(), checked.value);
    else warn(`${path}: the integration of ${owner} is damaged and was not loaded (${Object.keys(checked.errors).join(', ')})`);
  }
  return kept;
}

async function load(dataDir: string, warn: (message: string) => void): Promise<Map<string, IntegrationSettings>> {
  const path = join(dataDir, 'integrations.json');
  const text = await readTextIfExists(path);
  if (text !== undefined) {
    try {
      const file = JSON.parse(text) as Partial<IntegrationsFile>;
      if (file?.version !== 1) throw new Error('not version 1');
      return readSettings(path, file.integrations, warn);
    } catch (err) {
      throw new Error(`${path} is damaged (${(err as Error).message}): restore it from a backup, or move it away (the saved integrations are then lost).`);
    }
  }
  // Before integrations had a file of their own, each account in accounts.json held its own.
  const legacyPath = join(dataDir, 'accounts.json');
  const legacy = await readTextIfExists(legacyPath).catch(() => undefined);
  if (!legacy) return new Map();
  try {
    const accounts = (JSON.parse(legacy) as { accounts?: Array<{ address?: unknown; integration?: unknown }> }).accounts ?? [];
    const byOwner: Record<string, unknown> = {};
    for (const account of accounts) if (typeof account.address === 'string' && account.integration) byOwner[account.address] = account.integration;
    return readSettings(legacyPath, byOwner, warn);
  } catch {
    return new Map();
  }
}

export async function createIntegrationStore(options: IntegrationStoreOptions = {}): Promise<IntegrationStore> {
  const warn = options.warn ?? (() => undefined);
  const path = options.dataDir ? join(options.dataDir, 'integrations.json') : undefined;
  const integrations = options.dataDir ? await load(options.dataDir, warn) : new Map<string, IntegrationSettings>();
  let writes: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    if (!path) return Promise.resolve();
    const file: IntegrationsFile = { version: 1, integrations: Object.fromEntries(integrations) };
    const next = writes.then(() => writePrivateFile(path, JSON.stringify(file, null, 2) + '\n'));
    writes = next.catch(() => undefined);
    return next;
  };
  return {
    get(owner) {
      const found = integrations.get(owner.toLowerCase());
      return found ? { ...found } : undefined;
    },
    async set(owner, settings) {
      integrations.set(owner.toLowerCase(), { ...settings });
      await save();
    },
    flush: () => writes,
    close: () => writes,
  };
}
