// Discord's errors, each produced by a real mistake sent with plain fetch: the status and the body
// word for word, the exchange explained (the case and the field to fix), nothing captured, the
// token masked on every line recorded.
import { describe, expect, it } from 'vitest';
import { expectNoToken, lastExchange, OWNER, post, startDiscord } from './discord-fixtures.js';

interface Mistake {
  name: string;
  request(url: string, id: string, token: string): Promise<Response>;
  status: number;
  body: string;
  explanation: { code: string; field: string | null } | null;
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const v10 = (url: string) => url.replace('/api/', '/api/v10/');

const MISTAKES: Mistake[] = [
  {
    name: 'a digit of the id changed',
    request: (url, id) =>
      fetch(
        url.replace(
          id,
          id.replace(/\d$/, (d) => String((Number(d) + 1) % 10)),
        ),
        json({ content: 'x' }),
      ),
    status: 404,
    body: '{"message": "Unknown Webhook", "code": 10015}',
    explanation: { code: 'discord-unknown-webhook', field: 'webhookUrl' },
  },
  {
    name: 'a character of the token changed',
    request: (url, _id, token) => fetch(url.replace(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`), json({ content: 'x' })),
    status: 401,
    body: '{"message": "Invalid Webhook Token", "code": 50027}',
    explanation: { code: 'discord-invalid-token', field: 'webhookUrl' },
  },
  {
    name: 'the URL cut after the id (POST)',
    request: (url, _id, token) => fetch(url.replace(`/${token}`, ''), json({ content: 'x' })),
    status: 405,
    body: '{"message": "405: Method Not Allowed", "code": 0}',
    explanation: { code: 'discord-method-not-allowed', field: 'webhookUrl' },
  },
  {
    name: 'the URL cut after the id (GET)',
    request: (url, _id, token) => fetch(url.replace(`/${token}`, '')),
    status: 401,
    body: '{"message": "401: Unauthorized", "code": 0}',
    explanation: { code: 'discord-unauthorized', field: 'webhookUrl' },
  },
  {
    name: 'PUT instead of POST',
    request: (url) => fetch(url, { ...json({ content: 'x' }), method: 'PUT' }),
    status: 405,
    body: '{"message": "405: Method Not Allowed", "code": 0}',
    explanation: { code: 'discord-method-not-allowed', field: 'webhookUrl' },
  },
  {
    name: 'webhook misspelt in the path',
    request: (url) => fetch(url.replace('/webhooks/', '/webhook/'), json({ content: 'x' })),
    status: 404,
    body: '{"message": "404: Not Found", "code": 0}',
    explanation: { code: 'discord-not-found', field: 'webhookUrl' },
  },
  {
    name: 'an id that is not a number',
    request: (url, id) => fetch(v10(url.replace(id, 'alerts')), json({ content: 'x' })),
    status: 400,
    body: '{"message": "Invalid Form Body", "code": 50035, "errors": {"webhook_id": {"_errors": [{"code": "NUMBER_TYPE_COERCE", "message": "Value \\"alerts\\" is not snowflake."}]}}}',
    explanation: { code: 'discord-bad-webhook-id', field: 'webhookUrl' },
  },
  {
    name: 'an API version that does not exist',
    request: (url) => fetch(url.replace('/api/', '/api/v11/'), json({ content: 'x' })),
    status: 400,
    body: '{"message": "Invalid API version provided", "code": 50041}',
    explanation: { code: 'discord-bad-api-version', field: 'webhookUrl' },
  },
  {
    name: 'an empty JSON object',
    request: (url) => fetch(url, json({})),
    status: 400,
    body: '{"message": "Cannot send an empty message", "code": 50006}',
    explanation: { code: 'discord-empty-message', field: 'text' },
  },
  {
    name: 'the key misspelt (text instead of content)',
    request: (url) => fetch(url, json({ text: 'Перегрев' })),
    status: 400,
    body: '{"message": "Cannot send an empty message", "code": 50006}',
    explanation: { code: 'discord-empty-message', field: 'text' },
  },
  {
    name: 'a JSON string sent without Content-Type (fetch makes it text/plain)',
    request: (url) => fetch(url, { method: 'POST', body: JSON.stringify({ content: 'Перегрев' }) }),
    status: 400,
    body: '{"message": "Cannot send an empty message", "code": 50006}',
    explanation: { code: 'discord-empty-message', field: 'text' },
  },
  {
    name: 'JSON with a trailing comma',
    request: (url) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"content": "hi",}' }),
    status: 400,
    body: '{"message": "The request body contains invalid JSON.", "code": 50109}',
    explanation: { code: 'discord-invalid-json', field: null },
  },
  {
    name: 'content over 2000 characters (v10)',
    request: (url) => fetch(v10(url), json({ content: 'ж'.repeat(2001) })),
    status: 400,
    body: '{"message": "Invalid Form Body", "code": 50035, "errors": {"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}]}}}',
    explanation: { code: 'discord-content-too-long', field: 'text' },
  },
  {
    name: 'content over 2000 characters (the unversioned URL: v6 errors)',
    request: (url) => fetch(url, json({ content: 'ж'.repeat(2001) })),
    status: 400,
    body: '{"content": ["Must be 2000 or fewer in length."]}',
    explanation: { code: 'discord-content-too-long', field: 'text' },
  },
  {
    name: 'an embed title over 256 (v10)',
    request: (url) => fetch(v10(url), json({ embeds: [{ title: 't'.repeat(257) }] })),
    status: 400,
    body: '{"message": "Invalid Form Body", "code": 50035, "errors": {"embeds": {"0": {"title": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 256 or fewer in length."}]}}}}}',
    explanation: { code: 'discord-embed-limits', field: 'text' },
  },
  {
    name: 'a username with "Discord" in it (v10)',
    request: (url) => fetch(v10(url), json({ content: 'x', username: 'Discord alerts' })),
    status: 400,
    body: '{"message": "Invalid Form Body", "code": 50035, "errors": {"username": {"_errors": [{"code": "USERNAME_INVALID_CONTAINS", "message": "Username cannot contain \\"discord\\""}]}}}',
    explanation: { code: 'discord-bad-username', field: 'username' },
  },
  {
    name: '?wait=yes',
    request: (url) => fetch(`${v10(url)}?wait=yes`, json({ content: 'x' })),
    status: 400,
    body: '{"message": "Invalid Form Body", "code": 50035, "errors": {"wait": {"_errors": [{"code": "BOOLEAN_TYPE_CONVERT", "message": "Must be either true or false."}]}}}',
    explanation: { code: 'discord-bad-wait', field: 'webhookUrl' },
  },
  {
    name: 'a body over 1 MB',
    request: (url) => fetch(url, json({ content: 'x'.repeat(1024 * 1024 + 10) })),
    status: 413,
    body: '{"message": "Request entity too large", "code": 40005}',
    explanation: { code: 'discord-too-large', field: 'text' },
  },
  {
    name: 'malformed percent-encoding in the token',
    request: (url, _id, token) => fetch(url.replace(token, '%E0%A4%A'), json({ content: 'x' })),
    status: 400,
    body: '{"message": "400: Bad Request", "code": 0}',
    explanation: { code: 'discord-other', field: null },
  },
];

describe("Discord's errors, each from a real mistake", () => {
  it.each(MISTAKES)('$name → $status', async ({ request, status, body, explanation }) => {
    const { store, url, id, token } = await startDiscord();
    const res = await request(url, id, token);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe(body);
    const exchange = await lastExchange(store);
    expect(exchange.Status).toBe(status);
    expect(exchange.Ok).toBe(false);
    expect(exchange.MessageIDs).toEqual([]);
    expect(exchange.Explanation && { code: exchange.Explanation.code, field: exchange.Explanation.field }).toEqual(explanation);
    expect(exchange.Explanation?.cause.ru).toMatch(/[а-я]/);
    expect(store.list({ channel: 'discord' }).total).toBe(0);
    expectNoToken(store, token);
  });

  it('the explanation of a body sent as text/plain names the type', async () => {
    const { store, url } = await startDiscord();
    await fetch(url, { method: 'POST', body: JSON.stringify({ content: 'x' }) });
    expect((await lastExchange(store)).Explanation?.cause.en).toContain('text/plain');
  });

  it("a request for another owner's webhook is recorded as that owner's, one for no webhook as local", async () => {
    const { store, url, id } = await startDiscord();
    await post(url.replace(id, '123456789012345678'), { content: 'x' });
    expect((await lastExchange(store)).Owner).toBe('local');
    await post(
      url.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x')),
      { content: 'x' },
    );
    expect((await lastExchange(store)).Owner).toBe(OWNER);
  });
});
