// What the explainer says for each reply of the Bot API and each network failure: the rule that
// takes it, the field to fix, and texts in both languages (the simulator and sender tests check
// that the real mistakes reach these rules).
import { describe, expect, it } from 'vitest';
import { explainTelegram, TELEGRAM_EXPLAIN_RULES } from '../../../../lab/channels/telegram/telegram-explain-rules.js';

describe('the Telegram explainer', () => {
  it.each<[number | null, string | null, string | undefined, string, string | null]>([
    [401, 'Unauthorized', undefined, 'telegram-token-unknown', 'botToken'],
    [401, 'Unauthorized: invalid token specified', undefined, 'telegram-token-malformed', 'botToken'],
    [404, 'Not Found', undefined, 'telegram-not-found', 'apiRoot'],
    [400, 'Bad Request: chat not found', undefined, 'telegram-chat-not-found', 'chatId'],
    [400, 'Bad Request: chat_id is empty', undefined, 'telegram-chat-id-empty', 'chatId'],
    [400, 'Bad Request: message text is empty', undefined, 'telegram-text-empty', 'text'],
    [400, 'Bad Request: text must be non-empty', undefined, 'telegram-text-empty', 'text'],
    [400, 'Bad Request: message is too long', undefined, 'telegram-text-too-long', 'text'],
    [400, 'Bad Request: unsupported parse_mode', undefined, 'telegram-parse-mode-unsupported', 'parseMode'],
    [
      400,
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
      undefined,
      'telegram-markdown-reserved',
      'parseMode',
    ],
    [400, 'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 23', undefined, 'telegram-html-unknown-tag', 'parseMode'],
    [400, "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 6", undefined, 'telegram-markup-unclosed', 'parseMode'],
    [400, 'Bad Request: can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0', undefined, 'telegram-markup-invalid', 'parseMode'],
    [403, 'Forbidden: bot was blocked by the user', undefined, 'telegram-bot-blocked', null],
    [403, "Forbidden: bot can't initiate conversation with a user", undefined, 'telegram-never-started', 'chatId'],
    [403, 'Forbidden: bot was kicked from the group chat', undefined, 'telegram-bot-kicked', null],
    [403, "Forbidden: bot can't send messages to bots", undefined, 'telegram-chat-is-bot', 'chatId'],
    [
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      undefined,
      'telegram-webhook-active',
      null,
    ],
    [409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running', undefined, 'telegram-polling-conflict', null],
    [429, 'Too Many Requests: retry after 7', undefined, 'telegram-rate-limited', null],
    [502, 'Bad Gateway', undefined, 'telegram-server-error', null],
    [null, 'connect ECONNREFUSED 127.0.0.1:8026', 'ECONNREFUSED', 'telegram-connection-refused', 'apiRoot'],
    [null, 'getaddrinfo ENOTFOUND api.telegram.ogr', 'ENOTFOUND', 'telegram-dns', 'apiRoot'],
    [null, 'write EPROTO ... wrong version number', 'EPROTO', 'telegram-tls', 'apiRoot'],
    [null, 'self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'telegram-tls', 'apiRoot'],
    [null, 'invalid json response body', 'INVALID_JSON', 'telegram-not-bot-api', 'apiRoot'],
    [null, "Request to 'sendMessage' timed out after 20 seconds", 'ETIMEDOUT', 'telegram-unreachable', 'apiRoot'],
    [418, "I'm a teapot", undefined, 'telegram-418', null],
  ])('%s %j → %s', (status, description, network, code, field) => {
    const explanation = explainTelegram(status, description, network);
    expect(explanation).toMatchObject({ code, field });
    expect(explanation!.cause.ru).toMatch(/[а-яё]/i);
    expect(explanation!.fix.en).toMatch(/[a-z]/);
  });

  it('a reply that is not a refusal has nothing to explain', () => {
    expect(explainTelegram(200, null)).toBeNull();
  });

  it('the rate limit names the wait the service asked for, the reserved character its character', () => {
    expect(explainTelegram(429, 'Too Many Requests: retry after 7')!.fix.ru).toContain('7 с');
    expect(
      explainTelegram(400, "Bad Request: can't parse entities: Character '!' is reserved and must be escaped with the preceding '\\'")!.cause.ru,
    ).toContain('«!»');
  });

  it('the never-started case teaches the way out', () => {
    const explained = explainTelegram(403, "Forbidden: bot can't initiate conversation with a user")!;
    expect(`${explained.cause.ru} ${explained.fix.ru}`).toBe(
      'Пользователь ещё не нажал «Старт» у бота: бот не может написать первым. Откройте чат с ботом и нажмите «Старт», затем узнайте chat_id через getUpdates.',
    );
  });

  it('every rule has a distinct code', () => {
    const codes = TELEGRAM_EXPLAIN_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
