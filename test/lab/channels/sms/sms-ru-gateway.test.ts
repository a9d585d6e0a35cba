// The lab's SMS.ru-shaped gateway with plain fetch: every status code produced by the mistake
// that earns it, JSON and plain answers (HTTP 200 either way), the balance paying for parts,
// what was accepted captured with its segmentation, and the api_id masked on every line.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../helpers/lab.js';
import { ALERT_95, OWNER, PHONE, startGateway } from './sms-fixtures.js';

async function gatewayWithKey(options: { dailyLimit?: number; receiptDelayMs?: number } = {}) {
  const parts = await startGateway(options);
  const { apiId } = parts.world.createApiKey(OWNER);
  const send = async (params: Record<string, string>, init: { method?: 'GET' | 'POST'; json?: boolean } = {}) => {
    const all = { api_id: apiId, json: '1', ...params };
    const url = `${parts.gateway.url}/sms/send`;
    const res =
      init.method === 'GET'
        ? await fetch(`${url}?${new URLSearchParams(all)}`)
        : await fetch(
            url,
            init.json
              ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(all) }
              : { method: 'POST', body: new URLSearchParams(all) },
          );
    const text = await res.text();
    return { status: res.status, text, body: all.json === '1' ? (JSON.parse(text) as Record<string, any>) : null };
  };
  return { ...parts, apiId, send };
}

const TOO_LONG = 'я'.repeat(67 * 8 + 1);

describe('/sms/send', () => {
  it('accepts an SMS: SMS.ru’s JSON, the balance charged per part, the message captured', async () => {
    // The receipt waits long enough that a loaded machine still reads the message before it.
    const { send, store, world, apiId } = await gatewayWithKey({ receiptDelayMs: 1500 });
    const { status, body } = await send({ to: PHONE, msg: ALERT_95, from: 'LabAlert' });
    expect(status).toBe(200);
    const smsId = body?.sms?.[PHONE]?.sms_id as string;
    expect(smsId).toMatch(/^\d{6}-\d{8}$/);
    expect(body).toEqual({ status: 'OK', status_code: 100, sms: { [PHONE]: { status: 'OK', status_code: 100, sms_id: smsId } }, balance: 93 });
    expect(world.byApiId(apiId)?.balance()).toBe(93);
    const [message] = store.list({ channel: 'sms' }).messages;
    expect(message).toMatchObject({ Service: 'sms-ru', Owner: OWNER });
    expect(message?.Content).toEqual({
      kind: 'sms',
      encoding: 'UCS-2',
      characters: 95,
      parts: 2,
      perPart: 67,
      from: 'LabAlert',
      to: PHONE,
      text: ALERT_95,
      smsId,
      status: 'ENROUTE',
    });
    expect(store.findByServiceId('sms', smsId)?.ID).toBe(message?.ID);
    await eventually(() =>
      store.get(message?.ID ?? '')?.Content.kind === 'sms' && (store.get(message?.ID ?? '')?.Content as { status: string }).status === 'DELIVRD'
        ? true
        : undefined,
    );
    const exchange = store.exchange(message?.ExchangeID ?? '');
    expect(exchange).toMatchObject({ Status: 200, Ok: true, Owner: OWNER, MessageIDs: [message?.ID], Explanation: null });
  });

  it('answers GET, a form and JSON alike; several numbers at once, each charged', async () => {
    const { send } = await gatewayWithKey();
    expect((await send({ to: PHONE, msg: 'Overheat' }, { method: 'GET' })).body?.balance).toBe(96.5);
    expect((await send({ to: PHONE, msg: 'Overheat' }, { json: true })).body?.balance).toBe(93);
    const two = await send({ to: `${PHONE},+79161234567, ${PHONE}`, msg: 'Overheat' });
    expect(Object.keys(two.body?.sms ?? {})).toEqual([PHONE, '79161234567']);
    expect(two.body?.balance).toBe(86);
  });

  it('answers in plain text without json=1: the code on the first line', async () => {
    const { send } = await gatewayWithKey();
    const ok = await send({ to: `${PHONE},79000000000`, msg: 'Overheat', json: '0' });
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/^100\n\d{6}-\d{8}\n209\nbalance=96\.50$/);
    const refused = await send({ to: PHONE, msg: '', json: '0' });
    expect(refused.text).toBe('203');
  });

  it('test=1 checks and answers but neither sends nor charges', async () => {
    const { send, store } = await gatewayWithKey();
    const { body } = await send({ to: PHONE, msg: 'Overheat', test: '1' });
    expect(body).toMatchObject({ status: 'OK', status_code: 100, balance: 100 });
    expect(store.list({ channel: 'sms' }).total).toBe(0);
  });

  const topLevel: Array<{ code: number; mistake: string; params: Record<string, string>; field: string | null; text: RegExp }> = [
    { code: 200, mistake: 'an api_id typed wrong', params: { api_id: '0877FB60-123D-911D-462C-F8B2B54F1343' }, field: 'apiId', text: /^Неправильный api_id$/ },
    { code: 200, mistake: 'no api_id', params: { api_id: '' }, field: 'apiId', text: /^Неправильный api_id$/ },
    {
      code: 201,
      mistake: 'a long text to four numbers (32 parts, 112 ₽)',
      params: { to: '79161111111,79162222222,79163333333,79164444444', msg: 'я'.repeat(67 * 8) },
      field: null,
      text: /^Не хватает средств/,
    },
    { code: 202, mistake: 'no recipient', params: { to: '' }, field: 'to', text: /^Неправильно указан номер/ },
    { code: 203, mistake: 'no text', params: { msg: '  ' }, field: 'text', text: /^Нет текста сообщения$/ },
    { code: 204, mistake: 'a sender name nobody approved', params: { from: 'MyShop' }, field: 'sender', text: /^Имя отправителя не согласовано/ },
    { code: 205, mistake: 'a text of 9 parts', params: { msg: TOO_LONG }, field: 'text', text: /превышает 8 СМС/ },
    {
      code: 207,
      mistake: '101 recipients',
      params: { to: Array.from({ length: 101 }, (_, i) => `7916${String(i).padStart(7, '0')}`).join(',') },
      field: 'to',
      text: /более 100 номеров/,
    },
  ];
  it.each(topLevel)('$code for $mistake', async ({ code, params, field, text }) => {
    const { send, store, world } = await gatewayWithKey();
    const { status, body } = await send({ to: PHONE, msg: 'Overheat', ...params });
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ERROR', status_code: code, status_text: expect.stringMatching(text) });
    expect(store.list({ channel: 'sms' }).total).toBe(0);
    expect(world.view(OWNER).apiKeys[0]?.balance).toBe(100);
    expect(store.exchanges({ channel: 'sms' }).exchanges[0]).toMatchObject({ Status: 200, Explanation: { code: expect.stringMatching(/^sms-ru-/), field } });
  });

  it('206 past the daily limit', async () => {
    const { send } = await gatewayWithKey({ dailyLimit: 2 });
    expect((await send({ to: `${PHONE},79161234567`, msg: 'one' })).body?.status_code).toBe(100);
    expect((await send({ to: PHONE, msg: 'two' })).body).toMatchObject({ status: 'ERROR', status_code: 206 });
  });

  it('201 once the balance is spent, part by part', async () => {
    const { send, world } = await gatewayWithKey();
    for (let i = 0; i < 28; i++) expect((await send({ to: PHONE, msg: `Alert ${i}` })).body?.status_code).toBe(100);
    expect(world.view(OWNER).apiKeys[0]?.balance).toBe(2);
    expect((await send({ to: PHONE, msg: 'one more' })).body).toMatchObject({ status: 'ERROR', status_code: 201 });
  });

  it.each([
    { code: 202, mistake: 'a name for a number', to: 'ivanov', explanation: 'sms-ru-bad-number' },
    { code: 202, mistake: 'the Russian 8 instead of 7', to: '89255070602', explanation: 'sms-ru-bad-number' },
    { code: 207, mistake: 'a Moscow fixed line', to: '74951234567', explanation: 'sms-ru-no-route' },
    { code: 209, mistake: "the lab's stop-listed number", to: '79000000000', explanation: 'sms-ru-stop-list' },
  ])('per number: $code for $mistake, the other number sent', async ({ code, to, explanation }) => {
    const { send, store } = await gatewayWithKey();
    const { body } = await send({ to: `${PHONE},${to}`, msg: 'Overheat' });
    expect(body?.status).toBe('OK');
    expect(body?.sms?.[PHONE]).toMatchObject({ status: 'OK', status_code: 100 });
    expect(Object.values(body?.sms ?? {})[1]).toEqual({ status: 'ERROR', status_code: code, status_text: expect.any(String) });
    expect(body?.balance).toBe(96.5);
    expect(store.list({ channel: 'sms' }).messages.map((m) => m.Content.kind === 'sms' && m.Content.to)).toEqual([PHONE]);
    const exchange = store.exchanges({ channel: 'sms' }).exchanges[0];
    expect(exchange?.Explanation).toMatchObject({ code: explanation, field: 'to' });
    if (to.startsWith('8')) expect(exchange?.Explanation?.cause.ru).toMatch(/7 вместо 8/);
  });

  it('220 while the service is down', async () => {
    const { send, gateway } = await gatewayWithKey();
    gateway.setUnavailable(true);
    expect((await send({ to: PHONE, msg: 'Overheat' })).body).toMatchObject({ status: 'ERROR', status_code: 220 });
    gateway.setUnavailable(false);
    expect((await send({ to: PHONE, msg: 'Overheat' })).body?.status_code).toBe(100);
  });
});

describe('/my/balance, /auth/check and a wrong path', () => {
  it('answers the balance and the key check, JSON and plain', async () => {
    const { gateway, apiId, send } = await gatewayWithKey();
    await send({ to: PHONE, msg: ALERT_95 });
    expect(await (await fetch(`${gateway.url}/my/balance?api_id=${apiId}&json=1`)).json()).toEqual({ status: 'OK', status_code: 100, balance: 93 });
    expect(await (await fetch(`${gateway.url}/my/balance?api_id=${apiId}`)).text()).toBe('100\n93.00');
    expect(await (await fetch(`${gateway.url}/auth/check`, { method: 'POST', body: new URLSearchParams({ api_id: apiId, json: '1' }) })).json()).toEqual({
      status: 'OK',
      status_code: 100,
    });
    expect(await (await fetch(`${gateway.url}/auth/check?api_id=nope`)).text()).toBe('200');
  });

  it('answers 404 to a path that is no method, explained as the API address', async () => {
    const { gateway, store, apiId } = await gatewayWithKey();
    const res = await fetch(`${gateway.url}/sms/send/sms/send?api_id=${apiId}`);
    expect(res.status).toBe(404);
    expect(store.exchanges({ channel: 'sms' }).exchanges[0]?.Explanation).toMatchObject({ code: 'sms-ru-no-such-method', field: 'apiRoot' });
  });
});

describe('the exchanges', () => {
  it('mask the api_id on every line, in the query, a form and JSON', async () => {
    const { send, store, apiId, gateway } = await gatewayWithKey();
    await send({ to: PHONE, msg: 'Overheat' }, { method: 'GET' });
    await send({ to: PHONE, msg: 'Overheat' });
    await send({ to: PHONE, msg: 'Overheat' }, { json: true });
    await send({ api_id: apiId.toLowerCase(), to: PHONE, msg: `my key is ${apiId}` });
    await fetch(`${gateway.url}/my/balance?api_id=${apiId}`);
    const all = store.exchanges({ channel: 'sms' }).exchanges;
    expect(all).toHaveLength(5);
    for (const summary of all) {
      const exchange = store.exchange(summary.ID);
      const lines = exchange?.Lines ?? [];
      expect(lines.some((l) => l.Masked)).toBe(true);
      for (const l of lines) expect(l.Text.toUpperCase()).not.toContain(apiId);
      expect(JSON.stringify(exchange).toUpperCase()).not.toContain(apiId);
    }
  });
});
