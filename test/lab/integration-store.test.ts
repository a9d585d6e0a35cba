// Where each account's SMTP integration is kept: in memory, or in integrations.json (0600) with
// --data-dir, across restarts; integrations an older smtp-lab kept inside accounts.json are
// taken over; a damaged entry is left out with a warning, a damaged file refused.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIntegrationStore } from '../../lab/integration/integration-store.js';
import type { IntegrationSettings } from '../../lab/integration/integration-types.js';
import { tempDir } from '../helpers/temp-dir.js';

const settings: IntegrationSettings = {
  preset: 'lab',
  host: '127.0.0.1',
  port: 1465,
  security: 'ssl',
  login: 'student@lab.local',
  password: 'abcdefghijklmnop',
  fromAddress: 'student@lab.local',
  fromName: 'Alerts',
};

describe('integration store', () => {
  it('keeps the settings of each owner across a restart, in a file only its owner can read', async () => {
    const dataDir = await tempDir();
    const first = await createIntegrationStore({ dataDir });
    await first.set('Student@Lab.Local', settings);
    await first.close();
    const file = join(dataDir, 'integrations.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await createIntegrationStore({ dataDir });
    expect(second.get('student@lab.local')).toEqual(settings);
    expect(second.get('other@lab.local')).toBeUndefined();
    // A copy: changing what get() returned changes nothing kept.
    const copy = second.get('student@lab.local') as IntegrationSettings;
    copy.port = 1;
    expect(second.get('student@lab.local')?.port).toBe(1465);
  });

  it('takes over the integrations an older smtp-lab kept in accounts.json', async () => {
    const dataDir = await tempDir();
    await writeFile(
      join(dataDir, 'accounts.json'),
      JSON.stringify({
        version: 1,
        accounts: [{ address: 'student@lab.local', passwordHash: 'x', createdAt: '2026-01-01T00:00:00Z', appPasswords: [], integration: settings }],
      }),
    );
    const store = await createIntegrationStore({ dataDir });
    expect(store.get('student@lab.local')).toEqual(settings);
    await store.set('student@lab.local', { ...settings, fromName: 'Platform' });
    expect(JSON.parse(await readFile(join(dataDir, 'integrations.json'), 'utf8')).integrations['student@lab.local'].fromName).toBe('Platform');
  });

  it('leaves out a damaged entry with a warning, and refuses a damaged file', async () => {
    const dataDir = await tempDir();
    await writeFile(
      join(dataDir, 'integrations.json'),
      JSON.stringify({ version: 1, integrations: { 'a@lab.local': settings, 'b@lab.local': { ...settings, port: 'many' } } }),
    );
    const warnings: string[] = [];
    const store = await createIntegrationStore({ dataDir, warn: (w) => warnings.push(w) });
    expect(store.get('a@lab.local')).toEqual(settings);
    expect(store.get('b@lab.local')).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/integrations\.json: the integration of b@lab\.local is damaged .*port/)]);

    await writeFile(join(dataDir, 'integrations.json'), '{"version":1,"integrations":');
    await expect(createIntegrationStore({ dataDir })).rejects.toThrow(/integrations\.json is damaged .*restore it from a backup, or move it away/);
  });
});
