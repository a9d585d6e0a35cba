// The SMS page's HTTP API: the signed-in account's world, SMPP accounts and API keys created
// (the secret in that answer only) and deleted, another account's not found.
import { createServer } from 'node:http';
import express from 'express';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createWebSessions, SESSION_COOKIE } from '../../../../server/accounts/web-sessions.js';
import { requireAccount } from '../../../../server/http/access.js';
import { createErrorHandler } from '../../../../server/http/http-error.js';
import { smsWorldRoutes } from '../../../../lab/channels/sms/sms-routes.js';
import { createSmsWorld } from '../../../../lab/channels/sms/sms-world.js';
import { getJson } from '../../../helpers/lab.js';
import { OWNER } from './sms-fixtures.js';

async function startRoutes() {
  const world = await createSmsWorld();
  const sessions = createWebSessions();
  const changed: string[] = [];
  const app = express();
  app.use(express.json());
  app.use(smsWorldRoutes(world, { guard: requireAccount(sessions), ownerOf: (res) => res.locals.address as string, changed: (owner) => changed.push(owner) }));
  app.use(createErrorHandler(() => undefined));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/lab/channels/sms`;
  const as = (owner: string) => {
    const cookie = `${SESSION_COOKIE}=${sessions.create(owner)}`;
    return (method: string, path: string, body?: unknown) =>
      getJson<any>(`${base}${path}`, {
        method,
        headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
  };
  return { world, base, as, changed };
}

describe('/api/lab/channels/sms', () => {
  it('creates SMPP accounts and API keys, shows the secret once, deletes them', async () => {
    const { as, changed, world } = await startRoutes();
    const call = as(OWNER);
    expect((await call('GET', '/world')).body).toEqual({ smppAccounts: [], apiKeys: [], senderNames: ['LabAlert', 'smtp-lab'], stopList: ['79000000000'] });

    const account = await call('POST', '/smpp-accounts', { systemId: 'boiler' });
    expect(account.status).toBe(201);
    expect(account.body).toEqual({ account: { systemId: 'boiler', created: expect.any(String) }, password: expect.stringMatching(/^\w{8}$/) });
    const key = await call('POST', '/api-keys');
    expect(key.status).toBe(201);
    expect(key.body.key).toMatchObject({ hint: key.body.apiId.slice(0, 8), balance: 100 });

    const view = await call('GET', '/world');
    expect(view.body.smppAccounts).toEqual([account.body.account]);
    expect(view.body.apiKeys).toEqual([key.body.key]);
    expect(JSON.stringify(view.body)).not.toContain(account.body.password);
    expect(JSON.stringify(view.body)).not.toContain(key.body.apiId);
    expect(changed).toEqual([OWNER, OWNER]);

    expect((await call('DELETE', '/smpp-accounts/boiler')).status).toBe(204);
    expect((await call('DELETE', `/api-keys/${key.body.key.hint}`)).status).toBe(204);
    expect(world.bySystemId('boiler')).toBeUndefined();
    expect((await call('GET', '/world')).body).toMatchObject({ smppAccounts: [], apiKeys: [] });
  });

  it('answers 404 for another account’s', async () => {
    const { as } = await startRoutes();
    const owner = as(OWNER);
    const other = as('other@lab.local');
    await owner('POST', '/smpp-accounts', { systemId: 'mine' });
    const key = await owner('POST', '/api-keys');
    expect((await other('DELETE', '/smpp-accounts/mine')).body.error.code).toBe('smpp_account_not_found');
    const deleted = await other('DELETE', `/api-keys/${key.body.key.hint}`);
    expect([deleted.status, deleted.body.error.code]).toEqual([404, 'api_key_not_found']);
    expect((await other('GET', '/world')).body.smppAccounts).toEqual([]);
    expect((await owner('GET', '/world')).body.smppAccounts).toHaveLength(1);
  });

  it('names the field of a bad or taken system_id, and wants a signed-in account', async () => {
    const { as, base } = await startRoutes();
    const call = as(OWNER);
    const bad = await call('POST', '/smpp-accounts', { systemId: 'much-too-long-id' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_fields', fields: { systemId: { ru: expect.stringMatching(/15/) } } });
    await call('POST', '/smpp-accounts', { systemId: 'taken' });
    const taken = await as('other@lab.local')('POST', '/smpp-accounts', { systemId: 'taken' });
    expect([taken.status, taken.body.error.code, Object.keys(taken.body.error.fields)]).toEqual([409, 'system_id_taken', ['systemId']]);
    expect((await getJson(`${base}/world`)).status).toBe(401);
  });
});
