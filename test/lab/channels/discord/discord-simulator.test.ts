// The lab's Discord spoken to with plain fetch, as a student's code or a curl would: messages
// accepted (with ?wait=true the created message, without it 204) from JSON, a form or multipart,
// the webhook read back, the rate-limit headers on every reply and a real burst answered 429; the
// token masked on every line recorded.
import { describe, expect, it } from 'vitest';
import { expectNoToken, lastExchange, OWNER, post, startDiscord } from './discord-fixtures.js';

describe('executing a webhook', () => {
  it('?wait=true answers 200 with the created message; the message is captured with its exchange', async () => {
    const { store, url, id, token } = await startDiscord();
    const res = await post(`${url}?wait=true`, { content: 'Котёл 1: перегрев, 95 °C', username: 'Котельная' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const m = res.json as Record<string, unknown>;
    expect(m).toMatchObject({ type: 0, content: 'Котёл 1: перегрев, 95 °C', embeds: [], webhook_id: id, author: { bot: true, id, username: 'Котельная' } });
    expect(m.id).toMatch(/^\d{18,19}$/);
    expect(m.channel_id).toMatch(/^\d{18,19}$/);
    expect(m.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);

    const captured = store.findByServiceId('discord', m.id as string);
    expect(captured).toMatchObject({ Channel: 'discord', Service: 'discord-webhook', Owner: OWNER });
    expect(captured?.Content).toEqual({
      kind: 'discord',
      webhookId: id,
      webhookName: 'Overheat alerts',
      channelName: 'alerts',
      username: 'Котельная',
      avatarUrl: null,
      content: 'Котёл 1: перегрев, 95 °C',
      embeds: [],
      messageId: m.id,
    });
    const exchange = await lastExchange(store);
    expect(exchange).toMatchObject({
      Status: 200,
      Ok: true,
      Owner: OWNER,
      MessageIDs: [captured?.ID],
      Explanation: null,
      Summary: `POST /api/webhooks/${id}/●●●●`,
    });
    expect(captured?.ExchangeID).toBe(exchange.ID);
    expect(exchange.Lines[0]?.Text).toBe(`POST /api/webhooks/${id}/●●●●?wait=true HTTP/1.1`);
    expect(exchange.Lines[0]?.Masked).toBe(true);
    expectNoToken(store, token);
  });

  it('without wait the answer is 204 No Content, and the message is captured all the same', async () => {
    const { store, url } = await startDiscord();
    const res = await post(url, { embeds: [{ title: 'Перегрев', description: '95 °C', color: 0xff0000 }] });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(store.list({ channel: 'discord' }).messages[0]?.Content).toMatchObject({
      content: '',
      embeds: [{ title: 'Перегрев', description: '95 °C', color: 0xff0000 }],
    });
  });

  it.each(['v10', 'v9', 'v8', 'v6'])('the versioned path /api/%s/webhooks/… works too', async (version) => {
    const { store, url } = await startDiscord();
    const res = await post(`${url.replace('/api/', `/api/${version}/`)}?wait=true`, { content: `via ${version}` });
    expect(res.status).toBe(200);
    expect(store.list({ text: `via ${version}` }).total).toBe(1);
  });

  it('a form body (curl -d content=…) is read as Discord reads it', async () => {
    const { store, url } = await startDiscord();
    const res = await post(url, 'content=%D0%9F%D0%B5%D1%80%D0%B5%D0%B3%D1%80%D0%B5%D0%B2&username=Boiler', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(204);
    expect(store.list().messages[0]?.Content).toMatchObject({ content: 'Перегрев', username: 'Boiler' });
  });

  it('multipart/form-data: payload_json and a file, as an upload sends them', async () => {
    const { store, url } = await startDiscord();
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'график за час' }));
    form.append('files[0]', new Blob(['1,2,3'], { type: 'text/csv' }), 'temps.csv');
    const res = await fetch(`${url}?wait=true`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(store.list().messages[0]?.Content).toMatchObject({ content: 'график за час' });

    const onlyFile = new FormData();
    onlyFile.append('file', new Blob(['x']), 'a.txt');
    expect((await fetch(url, { method: 'POST', body: onlyFile })).status).toBe(204);

    const broken = new FormData();
    broken.append('payload_json', '{"content": hi"}');
    const bad = await fetch(url.replace('/api/', '/api/v10/'), { method: 'POST', body: broken });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 50035,
      errors: { payload_json: { _errors: [{ message: 'Expected "payload_json" to be a valid JSON string.' }] } },
    });
  });

  it('GET with the token answers the webhook object, without `user`; the token is masked in the exchange', async () => {
    const { store, world, url, id, token } = await startDiscord();
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const hook = (await res.json()) as Record<string, unknown>;
    expect(hook).toEqual({
      application_id: null,
      avatar: null,
      channel_id: world.find(id)?.channelId,
      guild_id: world.guildId,
      id,
      name: 'Overheat alerts',
      type: 1,
      token,
    });
    const exchange = await lastExchange(store);
    expect(exchange.Lines.some((l) => l.Dir === 'S' && l.Text.includes('"token": "●●●●"') && l.Masked)).toBe(true);
    expectNoToken(store, token);
  });
});

describe('rate limits', () => {
  it('every reply carries the bucket headers, and the exchange records them', async () => {
    const { store, url } = await startDiscord();
    const before = Date.now() / 1000;
    const res = await post(url, { content: 'one' });
    expect(res.headers.get('x-ratelimit-limit')).toBe('5');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('4');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(before + 1.5);
    expect(reset).toBeLessThan(before + 2.5);
    const resetAfter = Number(res.headers.get('x-ratelimit-reset-after'));
    expect(resetAfter).toBeGreaterThan(1.5);
    expect(resetAfter).toBeLessThanOrEqual(2);
    expect(res.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('x-ratelimit-global')).toBeNull();
    const lines = (await lastExchange(store)).Lines.filter((l) => l.Dir === 'S').map((l) => l.Text);
    expect(lines).toContain('x-ratelimit-remaining: 4');
    expect(lines.some((l) => l.startsWith('x-ratelimit-reset-after: '))).toBe(true);
  });

  it('a burst past 5 in 2 s gets 429 with retry_after; after the wait the webhook takes messages again', async () => {
    const { store, url } = await startDiscord();
    const replies = [];
    for (let i = 1; i <= 7; i++) replies.push(await post(url, { content: `burst ${i}` }));
    expect(replies.map((r) => r.status)).toEqual([204, 204, 204, 204, 204, 429, 429]);
    expect(replies.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0', '0', '0']);
    const limited = replies[5] as (typeof replies)[number];
    const body = limited.json as { message: string; retry_after: number; global: boolean };
    expect(body.message).toBe('You are being rate limited.');
    expect(body.global).toBe(false);
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(2);
    expect(Number(limited.headers.get('retry-after'))).toBe(Math.ceil(body.retry_after));
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.get('x-ratelimit-global')).toBeNull();
    const exchange = await lastExchange(store);
    expect(exchange.Explanation).toMatchObject({ code: 'discord-rate-limited', field: null });
    expect(exchange.Lines.some((l) => l.Text.startsWith('retry-after: '))).toBe(true);
    expect(store.list({ channel: 'discord' }).total).toBe(5);

    await new Promise((r) => setTimeout(r, body.retry_after * 1000 + 50));
    expect((await post(url, { content: 'after the wait' })).status).toBe(204);
  });

  it('the global limit answers 429 with global: true and X-RateLimit-Global', async () => {
    const { world, sim, url } = await startDiscord({ limits: { perWebhook: { limit: 100, windowMs: 2000 }, global: { limit: 3, windowMs: 1000 } } });
    const other = await world.createWebhook(OWNER, { name: 'Second', channelName: 'ops' }, sim.url);
    const statuses = [];
    for (const target of [url, other.url, url]) statuses.push((await post(target, { content: 'x' })).status);
    const limited = await post(other.url, { content: 'x' });
    expect([...statuses, limited.status]).toEqual([204, 204, 204, 429]);
    expect(limited.json).toMatchObject({ message: 'You are being rate limited.', global: true });
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
  });
});
