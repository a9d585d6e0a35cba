// The Messages tab's other pure parts: its address, a test send folded from its stream (waits
// counted down only when the service said how long), the colour of an exchange's lines, the
// generic integration form (write-only secrets, presets, dirty), and the SMS cost line.
import { describe, expect, it } from 'vitest';
import type { ChannelAttempt, ChannelPreset, ChannelSendResult, ExchangeLine } from '../../../lab/channels/channel-wire.js';
import {
  applyPreset,
  draftFromView,
  inputFromDraft,
  isDirty,
  placeErrors,
  presetMatches,
  type ChannelFieldView,
} from '../../../client/src/channels/channel-form-values.js';
import { cm } from '../../../client/src/channels/channels-messages.js';
import { channelsRouteId, parseChannelsRoute } from '../../../client/src/channels/channels-route.js';
import { lineTone } from '../../../client/src/channels/exchange-lines.js';
import { attemptVerdict, secondsLeft, startRun, withAttempt, withFailure, withResult } from '../../../client/src/channels/test-run.js';

describe('the address', () => {
  it.each([
    [undefined, { channel: 'telegram' }],
    ['nonsense', { channel: 'telegram' }],
    ['sms', { channel: 'sms' }],
    ['sms.setup', { channel: 'sms', section: 'setup' }],
    ['discord.exchanges', { channel: 'discord', section: 'exchanges' }],
    ['discord.exchanges.Ab-_9x', { channel: 'discord', section: 'exchanges', id: 'Ab-_9x' }],
    ['telegram.messages.q1w2', { channel: 'telegram', section: 'messages', id: 'q1w2' }],
    ['telegram.setup.ignored', { channel: 'telegram', section: 'setup' }],
    ['telegram.elsewhere', { channel: 'telegram' }],
  ] as const)('%s', (id, route) => {
    expect(parseChannelsRoute(id)).toEqual(route);
  });

  it('round-trips', () => {
    for (const id of ['sms', 'telegram.setup', 'discord.exchanges', 'discord.exchanges.Ab-_9x', 'sms.messages.zz'])
      expect(channelsRouteId(parseChannelsRoute(id))).toBe(id);
  });
});

const attempt = (n: number, of: number, status: number | null, transient: boolean, retryAfterSeconds: number | null = null): ChannelAttempt => ({
  n,
  of,
  at: '2026-03-01T10:00:00.000Z',
  status,
  reply: status === null ? null : `{"status":${status}}`,
  retryAfterSeconds,
  transient,
});
const result = (ok: boolean, attempts: ChannelAttempt[]): ChannelSendResult => ({
  ok,
  message: { ru: ok ? 'Отправлено' : 'Не отправлено', en: ok ? 'Sent' : 'Not sent' },
  status: attempts.at(-1)?.status ?? null,
  reply: attempts.at(-1)?.reply ?? null,
  explanation: null,
  attempts,
  messageId: null,
  exchangeId: null,
});

describe('a test send as it streams', () => {
  it("a 429 with retry_after waits that long, counted on this page's clock; then the result", () => {
    const first = attempt(1, 3, 429, true, 3);
    let run = withAttempt(startRun(1), first, 10_000);
    expect(run).toMatchObject({ status: 'running', waiting: true, nextAt: 13_000 });
    expect(secondsLeft(run.nextAt!, 10_001)).toBe(3);
    expect(secondsLeft(run.nextAt!, 12_500)).toBe(1);
    expect(secondsLeft(run.nextAt!, 99_000)).toBe(0);
    const second = attempt(2, 3, 200, false);
    run = withAttempt(run, second, 13_100);
    expect(run).toMatchObject({ waiting: false, nextAt: null });
    expect(attemptVerdict(second, run.attempts, undefined)).toBe('pending');
    run = withResult(run, result(true, [first, second]));
    expect(run.status).toBe('done');
    expect(run.attempts.map((a) => attemptVerdict(a, run.attempts, run.result))).toEqual(['transient', 'accepted']);
  });

  it('a transient failure without a retry_after waits without a countdown; the last one waits for nothing', () => {
    const run = withAttempt(startRun(1), attempt(1, 2, 502, true), 0);
    expect(run).toMatchObject({ waiting: true, nextAt: null });
    const last = withAttempt(run, attempt(2, 2, 502, true, 5), 0);
    expect(last).toMatchObject({ waiting: false, nextAt: null });
  });

  it('a permanent failure is the last attempt and is called permanent', () => {
    const refused = attempt(1, 3, 400, false);
    const run = withResult(withAttempt(startRun(1), refused, 0), result(false, [refused]));
    expect(attemptVerdict(refused, run.attempts, run.result)).toBe('permanent');
  });

  it('a result that came in one piece brings its attempts; a request that failed keeps what it had', () => {
    const a = [attempt(1, 2, null, true), attempt(2, 2, 200, false)];
    expect(withResult(startRun(2), result(true, a)).attempts).toHaveLength(2);
    const failed = withFailure(withAttempt(startRun(3), a[0]!, 0), { ru: 'сеть', en: 'network' });
    expect(failed).toMatchObject({ status: 'failed', waiting: false, attempts: [a[0]] });
  });
});

describe('the colour of an exchange line', () => {
  const line = (Dir: ExchangeLine['Dir'], Text: string): ExchangeLine => ({ Dir, Ms: 0, Text });
  it.each([
    ['HTTP/1.1 200 OK', 'ok'],
    ['HTTP/1.1 204 No Content', 'ok'],
    ['HTTP/1.1 400 Bad Request', 'bad'],
    ['HTTP/1.1 401 Unauthorized', 'bad'],
    ['HTTP/1.1 403 Forbidden', 'bad'],
    ['HTTP/1.1 429 Too Many Requests', 'retry'],
    ['HTTP/1.1 502 Bad Gateway', 'retry'],
    ['submit_sm_resp command_status=0x00000000 ESME_ROK message_id=12', 'ok'],
    ['submit_sm_resp command_status=0x00000058 ESME_RTHROTTLED', 'retry'],
    ['bind_transceiver_resp command_status=0x0000000e ESME_RINVPASWD', 'bad'],
    ['{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}', 'bad'],
    ['{"status":"ERROR","status_code":200}', 'bad'],
    ['{"ok":true,"result":{}}', 'ok'],
    ['Content-Type: application/json', undefined],
  ] as const)('%s → %s', (text, tone) => {
    expect(lineTone(line('S', text))).toBe(tone);
  });

  it("only the service's lines are coloured", () => {
    expect(lineTone(line('C', 'HTTP/1.1 400 Bad Request'))).toBeUndefined();
    expect(lineTone(line('E', 'ESME_RINVPASWD'))).toBeUndefined();
  });
});

describe('the integration form', () => {
  const fields: ChannelFieldView[] = [
    { name: 'apiRoot', label: { ru: 'Адрес Bot API', en: 'Bot API address' }, kind: 'text' },
    { name: 'token', label: { ru: 'Токен', en: 'Token' }, kind: 'text', secret: true },
    { name: 'chatId', label: { ru: 'chat id', en: 'chat id' }, kind: 'text' },
    { name: 'attempts', label: { ru: 'Попыток', en: 'Attempts' }, kind: 'number' },
    {
      name: 'parseMode',
      label: { ru: 'Разметка', en: 'Markup' },
      kind: 'select',
      options: [
        { value: 'HTML', label: { ru: 'HTML', en: 'HTML' } },
        { value: 'MarkdownV2', label: { ru: 'MarkdownV2', en: 'MarkdownV2' } },
      ],
    },
  ];
  const view = {
    channel: 'telegram' as const,
    values: { apiRoot: 'http://127.0.0.1:8026', chatId: -100, attempts: 3, parseMode: 'MarkdownV2' },
    secretsSet: { token: true },
  };
  const lab: ChannelPreset = {
    id: 'lab',
    name: { ru: 'Лаборатория', en: 'Lab' },
    note: { ru: '', en: '' },
    values: { apiRoot: 'http://127.0.0.1:8026', token: 'never' },
    real: false,
  };
  const real: ChannelPreset = {
    id: 'real',
    name: { ru: 'Telegram', en: 'Telegram' },
    note: { ru: '', en: '' },
    values: { apiRoot: 'https://api.telegram.org' },
    real: true,
  };

  it('holds what is saved, every secret empty; a select starts at its first option', () => {
    expect(draftFromView(fields, view)).toEqual({ apiRoot: 'http://127.0.0.1:8026', token: '', chatId: '-100', attempts: '3', parseMode: 'MarkdownV2' });
    expect(draftFromView(fields, null)).toEqual({ apiRoot: '', token: '', chatId: '', attempts: '', parseMode: 'HTML' });
    // Nothing saved yet: the lab's preset is filled in (its address, never a credential).
    expect(draftFromView(fields, null, [real, lab])).toMatchObject({ apiRoot: 'http://127.0.0.1:8026', token: '' });
    expect(draftFromView(fields, view, [real, lab]).apiRoot).toBe('http://127.0.0.1:8026');
  });

  it('sends a secret only when typed, numbers as numbers, the rest trimmed as typed', () => {
    const draft = { ...draftFromView(fields, view), chatId: ' -100 ', attempts: '5' };
    expect(inputFromDraft(fields, draft)).toEqual({ apiRoot: 'http://127.0.0.1:8026', chatId: '-100', attempts: 5, parseMode: 'MarkdownV2' });
    expect(inputFromDraft(fields, { ...draft, token: ' 123:abc ', attempts: 'three' })).toMatchObject({ token: ' 123:abc ', attempts: 'three' });
  });

  it('a preset fills the addresses, never a credential, and says when the form holds it', () => {
    const draft = applyPreset(fields, { ...draftFromView(fields, null), token: 'typed' }, real);
    expect(draft).toMatchObject({ apiRoot: 'https://api.telegram.org', token: 'typed' });
    expect(presetMatches(fields, draft, real)).toBe(true);
    expect(presetMatches(fields, draft, lab)).toBe(false);
    expect(applyPreset(fields, draft, lab).token).toBe('typed');
  });

  it('is dirty when a secret is typed or a value differs from the saved one', () => {
    const draft = draftFromView(fields, view);
    expect(isDirty(fields, draft, view)).toBe(false);
    expect(isDirty(fields, { ...draft, token: 'x' }, view)).toBe(true);
    expect(isDirty(fields, { ...draft, chatId: '42' }, view)).toBe(true);
    expect(isDirty(fields, draft, null)).toBe(true);
  });

  it('puts each server message at its field, and keeps the ones about no field shown', () => {
    const placed = placeErrors(
      { chatId: { ru: 'не число', en: 'not a number' }, settings: { ru: 'всё плохо', en: 'all wrong' } },
      fields.map((f) => f.name),
    );
    expect(Object.keys(placed.at)).toEqual(['chatId']);
    expect(placed.elsewhere.map((e) => e.name)).toEqual(['settings']);
  });
});

describe('the SMS cost line', () => {
  it.each([
    [2, 'UCS-2', 95, '2 SMS · UCS-2 · 95 символов', '2 SMS · UCS-2 · 95 characters'],
    [1, 'GSM-7', 1, '1 SMS · GSM-7 · 1 символ', '1 SMS · GSM-7 · 1 character'],
    [1, 'UCS-2', 62, '1 SMS · UCS-2 · 62 символа', '1 SMS · UCS-2 · 62 characters'],
    [8, 'GSM-7', 1224, '8 SMS · GSM-7 · 1 224 символа', '8 SMS · GSM-7 · 1,224 characters'],
  ] as const)('%s parts of %s, %s characters', (parts, encoding, characters, ru, en) => {
    expect(cm.sms.segments.ru(parts, encoding, characters).replace(/\u00a0/g, ' ')).toBe(ru);
    expect(cm.sms.segments.en(parts, encoding, characters)).toBe(en);
  });
});
