// The live stream's channel frames applied to what the Messages tab holds: messages on top of
// their own channel, receipts in place, exchanges updated, deletions by id or by channel, the open
// exchange refetched or gone, and only the signed-in account's world changes fetched again.
import { describe, expect, it } from 'vitest';
import type { ChannelMessage, ExchangeSummary } from '../../../lab/channels/channel-wire.js';
import type { LiveEvent } from '../../../lab/live-events.js';
import { applyChannelEvents, emptyData } from '../../../client/src/channels/channel-live.js';

const sms = (ID: string, status: 'ENROUTE' | 'DELIVRD' = 'ENROUTE'): ChannelMessage => ({
  ID,
  Channel: 'sms',
  Service: 'smpp',
  Created: '2026-03-01T10:00:00.000Z',
  ExchangeID: 'x1',
  Owner: 'student@lab.local',
  Content: { kind: 'sms', from: 'LabAlert', to: '79255070602', text: 'Котёл 7', smsId: ID, status, encoding: 'UCS-2', characters: 7, parts: 1, perPart: 70 },
});
const exchange = (ID: string, LineCount: number): ExchangeSummary => ({
  ID,
  Channel: 'sms',
  Service: 'smpp',
  Started: '2026-03-01T10:00:00.000Z',
  Ended: null,
  Client: '127.0.0.1:5000',
  Summary: 'SMPP bind_transceiver lab-sms',
  Status: 0,
  Ok: true,
  MessageIDs: [],
  Explanation: null,
  Owner: 'student@lab.local',
  LineCount,
});

describe('applyChannelEvents', () => {
  it('adds messages to their own channel once, counts them, and updates a receipt in place', () => {
    const events: LiveEvent[] = [
      { Type: 'channel-message', Data: sms('a') },
      { Type: 'channel-message', Data: sms('b') },
      { Type: 'channel-message', Data: sms('a') },
      { Type: 'channel-message-updated', Data: sms('a', 'DELIVRD') },
    ];
    const { data } = applyChannelEvents(emptyData(), events);
    expect(data.sms.messages.map((m) => `${m.ID}:${m.Content.kind === 'sms' ? m.Content.status : ''}`)).toEqual(['b:ENROUTE', 'a:DELIVRD']);
    expect(data.sms.total).toBe(2);
    expect(data.telegram.messages).toEqual([]);
  });

  it('keeps the same object when no frame is about channels', () => {
    const before = emptyData();
    const outcome = applyChannelEvents(before, [{ Type: 'sessions-cleared', Data: null }]);
    expect(outcome.data).toBe(before);
    expect(outcome).toMatchObject({ refetchExchange: false, exchangeGone: false, worlds: [] });
  });

  it('an SMPP session that goes on updates its exchange, and the open one is fetched again', () => {
    const first = applyChannelEvents(emptyData(), [{ Type: 'channel-exchange', Data: exchange('s1', 2) }]);
    const second = applyChannelEvents(first.data, [{ Type: 'channel-exchange', Data: exchange('s1', 5) }], { openExchange: { id: 's1', channel: 'sms' } });
    expect(second.data.sms.exchanges.map((e) => e.LineCount)).toEqual([5]);
    expect(second.refetchExchange).toBe(true);
  });

  it.each([
    ['by id', { channel: null, ids: ['a', 's1'] }, ['b'], [], true],
    ['another id', { channel: null, ids: ['zz'] }, ['b', 'a'], ['s1'], false],
    ['the whole channel', { channel: 'sms', ids: null }, [], [], true],
    ['another channel', { channel: 'discord', ids: null }, ['b', 'a'], ['s1'], false],
    ['every channel', { channel: null, ids: null }, [], [], true],
  ] as const)('deleted %s', (_name, deleted, messages, exchanges, gone) => {
    const start = applyChannelEvents(emptyData(), [
      { Type: 'channel-message', Data: sms('a') },
      { Type: 'channel-message', Data: sms('b') },
      { Type: 'channel-exchange', Data: exchange('s1', 1) },
    ]).data;
    const outcome = applyChannelEvents(start, [{ Type: 'channel-deleted', Data: { channel: deleted.channel, ids: deleted.ids ? [...deleted.ids] : null } }], {
      openExchange: { id: 's1', channel: 'sms' },
    });
    expect(outcome.data.sms.messages.map((m) => m.ID)).toEqual(messages);
    expect(outcome.data.sms.exchanges.map((e) => e.ID)).toEqual(exchanges);
    expect(outcome.data.sms.total).toBe(messages.length);
    expect(outcome.exchangeGone).toBe(gone);
  });

  it("fetches again only the signed-in account's changed worlds, each once (owners compared without case)", () => {
    const events: LiveEvent[] = [
      { Type: 'channel-world', Data: { channel: 'telegram', owner: 'Student@Lab.Local' } },
      { Type: 'channel-world', Data: { channel: 'telegram', owner: 'student@lab.local' } },
      { Type: 'channel-world', Data: { channel: 'sms', owner: 'other@lab.local' } },
    ];
    expect(applyChannelEvents(emptyData(), events, { owner: 'student@lab.local' }).worlds).toEqual(['telegram']);
    expect(applyChannelEvents(emptyData(), events).worlds).toEqual([]);
  });
});
