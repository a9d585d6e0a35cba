// The lab's SMS provider as a student sets it up: SMPP accounts within SMPP 3.4's lengths, API
// keys shaped like SMS.ru's with a balance, each owner's own, kept in sms.json (0600) with the
// secrets only as hashes, and a damaged file named as such.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSmsWorld, LAB_STOP_NUMBER, SmsWorldError } from '../../../../lab/channels/sms/sms-world.js';
import { tempDir } from '../../../helpers/temp-dir.js';
import { OWNER } from './sms-fixtures.js';

const OTHER = 'other@lab.local';

function refusal(run: () => unknown): SmsWorldError {
  try {
    run();
  } catch (err) {
    if (err instanceof SmsWorldError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('SMPP accounts', () => {
  it('gives a system_id from the owner and an 8-character password, checked on bind', async () => {
    const world = await createSmsWorld();
    const first = world.createSmppAccount(OWNER);
    const second = world.createSmppAccount(OWNER);
    expect([first.account.systemId, second.account.systemId]).toEqual(['student', 'student-2']);
    expect(first.password).toMatch(/^[A-Za-z0-9]{8}$/);
    const account = world.bySystemId('student');
    expect(account?.owner).toBe(OWNER);
    expect(account?.checkPassword(first.password)).toBe(true);
    expect(account?.checkPassword(second.password)).toBe(false);
    expect(world.bySystemId('Student')).toBeUndefined();
  });

  it.each([
    { systemId: 'a-system-id-of-16', status: 400, code: 'invalid_system_id' },
    { systemId: 'with space', status: 400, code: 'invalid_system_id' },
    { systemId: 'лаборатория', status: 400, code: 'invalid_system_id' },
    { systemId: 'TAKEN', status: 409, code: 'system_id_taken' },
  ])('refuses the system_id "$systemId"', async ({ systemId, status, code }) => {
    const world = await createSmsWorld();
    world.createSmppAccount(OTHER, { systemId: 'taken' });
    const err = refusal(() => world.createSmppAccount(OWNER, { systemId }));
    expect({ status: err.status, code: err.code, field: err.field }).toEqual({ status, code, field: 'systemId' });
    expect(err.text.ru).toMatch(/[а-я]/);
  });

  it("deletes only the owner's own account", async () => {
    const world = await createSmsWorld();
    world.createSmppAccount(OWNER, { systemId: 'mine' });
    expect(world.deleteSmppAccount(OTHER, 'mine')).toBe(false);
    expect(world.deleteSmppAccount(OWNER, 'mine')).toBe(true);
    expect(world.bySystemId('mine')).toBeUndefined();
  });

  it('holds at most 10 per owner', async () => {
    const world = await createSmsWorld();
    for (let i = 0; i < 10; i++) world.createSmppAccount(OWNER);
    expect(refusal(() => world.createSmppAccount(OWNER)).code).toBe('too_many');
    expect(world.createSmppAccount(OTHER).account.systemId).toBe('other');
  });
});

describe('API keys', () => {
  it('gives an api_id shaped like SMS.ru’s with 100 roubles, and charges parts off it', async () => {
    const world = await createSmsWorld();
    const { key, apiId } = world.createApiKey(OWNER);
    expect(apiId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(key).toMatchObject({ hint: apiId.slice(0, 8), balance: 100 });
    const found = world.byApiId(apiId.toLowerCase());
    expect(found?.owner).toBe(OWNER);
    expect(found?.charge(3 * world.pricePerPart)).toBe(true);
    expect(found?.balance()).toBe(89.5);
    expect(found?.charge(89.51)).toBe(false);
    expect(found?.balance()).toBe(89.5);
    expect(world.view(OWNER).apiKeys).toEqual([{ hint: key.hint, balance: 89.5, created: key.created }]);
    expect(world.byApiId(apiId.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBeUndefined();
  });

  it("deletes a key by its hint, only the owner's", async () => {
    const world = await createSmsWorld();
    const { key, apiId } = world.createApiKey(OWNER);
    expect(world.deleteApiKey(OTHER, key.hint)).toBe(false);
    expect(world.deleteApiKey(OWNER, key.hint)).toBe(true);
    expect(world.byApiId(apiId)).toBeUndefined();
  });
});

describe('the world as a whole', () => {
  it("shows each owner their own, the approved senders and the lab's stop list", async () => {
    const world = await createSmsWorld();
    world.createSmppAccount(OWNER, { systemId: 'mine' });
    world.createApiKey(OTHER);
    const view = world.view(OWNER);
    expect(view.smppAccounts.map((a) => a.systemId)).toEqual(['mine']);
    expect(view.apiKeys).toEqual([]);
    expect(view.senderNames).toEqual(['LabAlert', 'smtp-lab']);
    expect(view.stopList).toEqual([LAB_STOP_NUMBER]);
    expect(world.isStopListed('+79000000000')).toBe(true);
    expect(() => world.setSenderNames(['Way-too-long-name'])).toThrow(SmsWorldError);
    world.setSenderNames(['LabAlert', 'Kotelnaya']);
    expect(world.isApprovedSender('Kotelnaya')).toBe(true);
    expect(world.isApprovedSender('smtp-lab')).toBe(false);
  });

  it('keeps accounts, keys, balances and sender names in sms.json (0600), the secrets only hashed', async () => {
    const dir = await tempDir();
    const world = await createSmsWorld({ dataDir: dir });
    const { password } = world.createSmppAccount(OWNER, { systemId: 'kept' });
    const { apiId } = world.createApiKey(OWNER);
    world.byApiId(apiId)?.charge(7);
    world.setSenderNames(['LabAlert', 'Kotelnaya']);
    await world.close();

    const path = join(dir, 'sms.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(password);
    expect(text).not.toContain(apiId);

    const again = await createSmsWorld({ dataDir: dir });
    expect(again.bySystemId('kept')?.checkPassword(password)).toBe(true);
    expect(again.byApiId(apiId)?.balance()).toBe(93);
    expect(again.senderNames()).toEqual(['LabAlert', 'Kotelnaya']);
    await again.close();
  });

  it('names a damaged sms.json and what to do', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'sms.json'), '{"version": 1, "smppAccounts": [');
    await expect(createSmsWorld({ dataDir: dir })).rejects.toThrow(/sms\.json is damaged .*restore it from a backup, or move it away/);
    await writeFile(join(dir, 'sms.json'), '{"version": 2}');
    await expect(createSmsWorld({ dataDir: dir })).rejects.toThrow(/not version 1/);
  });
});
