// Discord's replies (and the network's failures) explained: the case, the field to fix.
import { describe, expect, it } from 'vitest';
import { DISCORD_RULES, explainDiscord, firstFormError } from '../../../../lab/channels/discord/discord-explain-rules.js';

const CASES: Array<[string, number | null, unknown, string | undefined, string, string | null]> = [
  ['Unknown Webhook', 404, { message: 'Unknown Webhook', code: 10015 }, undefined, 'discord-unknown-webhook', 'webhookUrl'],
  ['Invalid Webhook Token', 401, { message: 'Invalid Webhook Token', code: 50027 }, undefined, 'discord-invalid-token', 'webhookUrl'],
  ['no token (POST)', 405, { message: '405: Method Not Allowed', code: 0 }, undefined, 'discord-method-not-allowed', 'webhookUrl'],
  ['empty message', 400, { message: 'Cannot send an empty message', code: 50006 }, undefined, 'discord-empty-message', 'text'],
  [
    'content too long (v10)',
    400,
    {
      message: 'Invalid Form Body',
      code: 50035,
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
    },
    undefined,
    'discord-content-too-long',
    'text',
  ],
  ['content too long (v6)', 400, { content: ['Must be 2000 or fewer in length.'] }, undefined, 'discord-content-too-long', 'text'],
  ['an embed (v6)', 400, { embeds: ['0'] }, undefined, 'discord-embed-limits', 'text'],
  [
    'a username (v10)',
    400,
    { message: 'Invalid Form Body', code: 50035, errors: { username: { _errors: [{ code: 'USERNAME_INVALID_CONTAINS', message: 'x' }] } } },
    undefined,
    'discord-bad-username',
    'username',
  ],
  ['another form field (v6)', 400, { avatar_url: ['Not a well formed URL.'] }, undefined, 'discord-invalid-form', 'text'],
  ['invalid JSON', 400, { message: 'The request body contains invalid JSON.', code: 50109 }, undefined, 'discord-invalid-json', null],
  ['too large', 413, { message: 'Request entity too large', code: 40005 }, undefined, 'discord-too-large', 'text'],
  ['too large, an HTML page', 413, null, undefined, 'discord-too-large', 'text'],
  ['rate limited', 429, { message: 'You are being rate limited.', retry_after: 0.75, global: false }, undefined, 'discord-rate-limited', null],
  ['an outage', 502, null, undefined, 'discord-outage', null],
  ['refused', null, null, 'ECONNREFUSED', 'discord-connection-refused', 'webhookUrl'],
  ['no such host', null, null, 'ENOTFOUND', 'discord-unknown-host', 'webhookUrl'],
  ['https to http', null, null, 'ERR_SSL_WRONG_VERSION_NUMBER', 'discord-tls-mismatch', 'webhookUrl'],
  ['a timeout', null, null, 'ETIMEDOUT', 'discord-network', null],
  ['something else', 403, { message: 'Missing Access', code: 50001 }, undefined, 'discord-other', null],
];

describe('explainDiscord', () => {
  it.each(CASES)('%s', (_name, status, body, network, code, field) => {
    const explanation = explainDiscord(status, body, network);
    expect(explanation && { code: explanation.code, field: explanation.field }).toEqual({ code, field });
    expect(explanation?.cause.ru).toMatch(/[а-яё]/i);
    expect(explanation?.fix.en.length).toBeGreaterThan(10);
  });

  it('a success needs no explanation', () => {
    expect(explainDiscord(200, { id: '1' })).toBeNull();
    expect(explainDiscord(204, null)).toBeNull();
  });

  it("Unknown Webhook in the student's words", () => {
    const e = explainDiscord(404, { message: 'Unknown Webhook', code: 10015 });
    expect(`${e?.cause.ru} ${e?.fix.ru}`).toMatch(
      /^Такого вебхука нет: он удалён или в URL ошибка в id\. Скопируйте URL вебхука заново \(Настройки канала → Интеграции → Вебхуки/,
    );
  });

  it("the form error's first message is quoted in the cause", () => {
    const body = {
      message: 'Invalid Form Body',
      code: 50035,
      errors: { embeds: { '0': { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } } },
    };
    expect(firstFormError(body)).toBe('embeds.0.title: Must be 256 or fewer in length.');
    expect(explainDiscord(400, body)?.cause.en).toContain('"embeds.0.title: Must be 256 or fewer in length."');
    expect(firstFormError({ username: ['Username cannot contain "discord"'] })).toBe('username: Username cannot contain "discord"');
  });

  it('every rule is told in both languages and has a unique key', () => {
    expect(new Set(DISCORD_RULES.map((r) => r.key)).size).toBe(DISCORD_RULES.length);
    for (const rule of DISCORD_RULES) {
      for (const text of [rule.cause, rule.fix]) {
        expect(text.ru).toMatch(/[а-яё]/i);
        expect(text.en).toMatch(/[a-z]/);
      }
    }
  });
});
