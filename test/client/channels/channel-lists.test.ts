// The captured messages laid out as each service does — Telegram by chat, Discord by text
// channel, SMS by the number that received them — and the live stream merged into the lists:
// new messages on top once each, a receipt in place, deletions, exchanges updated in place.
import { describe, expect, it } from 'vitest';
import type { ChannelContent, ChannelMessage, ExchangeSummary } from '../../../lab/channels/channel-wire.js';
import {
  discordChannels,
  formatPhone,
  groupKeyOf,
  prependMessages,
  previewOf,
  replaceMessage,
  smsPhones,
  telegramChats,
  upsertExchange,
  withoutIds,
} from '../../../client/src/channels/channel-lists.js';

const at = (second: number) => `2026-03-01T10:00:${String(second).padStart(2, '0')}.000Z`;

function message(ID: string, second: number, Content: ChannelContent): ChannelMessage {
  const Channel = Content.kind;
  return {
    ID,
    Channel,
    Service: Channel === 'telegram' ? 'telegram-bot-api' : Channel === 'discord' ? 'discord-webhook' : 'sms-ru',
    Created: at(second),
    ExchangeID: `x-${ID}`,
    Owner: 'student@lab.local',
    Content,
  };
}
const tg = (ID: string, second: number, chatId: number, chatTitle: string, text = ID) =>
  message(ID, second, {
    kind: 'telegram',
    botId: 1,
    botUsername: 'boiler_bot',
    chatId,
    chatTitle,
    messageId: second,
    text,
    entities: [],
    parseMode: null,
    disableNotification: false,
  });
const dc = (ID: string, second: number, channelName: string, content = ID) =>
  message(ID, second, {
    kind: 'discord',
    webhookId: 'w1',
    webhookName: 'alerts',
    channelName,
    username: null,
    avatarUrl: null,
    content,
    embeds: [],
    messageId: ID,
  });
const sms = (ID: string, second: number, to: string, text = ID) =>
  message(ID, second, {
    kind: 'sms',
    from: 'LabAlert',
    to,
    text,
    smsId: ID,
    status: 'ENROUTE',
    encoding: 'UCS-2',
    characters: text.length,
    parts: 1,
    perPart: 70,
  });

const keys = (groups: { key: string; messages: ChannelMessage[] }[]) => groups.map((g) => `${g.key}:${g.messages.map((m) => m.ID).join(',')}`);

describe('grouping', () => {
  it('Telegram: one chat per chat id, the chat with the newest message first, each oldest first', () => {
    // As the API lists them: newest first.
    const list = [tg('m4', 4, -100, 'Boiler room'), tg('m3', 3, 42, 'Duty engineer'), tg('m2', 2, -100, 'Boiler room'), tg('m1', 1, 42, 'Duty engineer')];
    const groups = telegramChats(list);
    expect(keys(groups)).toEqual(['-100:m2,m4', '42:m1,m3']);
    expect(groups.map((g) => g.title)).toEqual(['Boiler room', 'Duty engineer']);
    expect(groups[0]!.last.ID).toBe('m4');
  });

  it('Telegram: a group renamed since is shown by its newest title', () => {
    const groups = telegramChats([tg('m2', 2, -7, 'Boiler room (night)'), tg('m1', 1, -7, 'Boiler room')]);
    expect(groups.map((g) => g.title)).toEqual(['Boiler room (night)']);
  });

  it("Discord: one text channel per channel name; other channels' messages are not counted", () => {
    const list = [dc('d3', 3, 'alerts'), tg('t1', 2, 1, 'x'), dc('d2', 2, 'ops'), dc('d1', 1, 'alerts')];
    expect(keys(discordChannels(list))).toEqual(['alerts:d1,d3', 'ops:d2']);
  });

  it('SMS: one phone per number, titled as a phone shows it', () => {
    const list = [sms('s3', 3, '79255070602'), sms('s2', 2, '15005550006'), sms('s1', 1, '79255070602')];
    const groups = smsPhones(list);
    expect(keys(groups)).toEqual(['79255070602:s1,s3', '15005550006:s2']);
    expect(groups.map((g) => g.title)).toEqual(['+7 925 507-06-02', '+15005550006']);
  });

  it('equal times keep the order the messages came in', () => {
    const list = [sms('b', 5, '79990000000'), sms('a', 5, '79990000000')];
    expect(keys(smsPhones(list))).toEqual(['79990000000:b,a']);
  });

  it.each([
    [tg('t', 1, -100123, 'x'), '-100123'],
    [dc('d', 1, 'alerts'), 'alerts'],
    [sms('s', 1, '79255070602'), '79255070602'],
  ] as const)('groupKeyOf(%#) is the group it lands in', (m, key) => {
    expect(groupKeyOf(m)).toBe(key);
  });

  it.each([
    ['79255070602', '+7 925 507-06-02'],
    ['+7 (925) 507-06-02', '+7 925 507-06-02'],
    ['15005550006', '+15005550006'],
    ['', ''],
  ] as const)('formatPhone(%s) = %s', (digits, shown) => {
    expect(formatPhone(digits)).toBe(shown);
  });

  it("previewOf takes the first line, or a Discord embed's title when there is no content", () => {
    expect(previewOf(tg('t', 1, 1, 'x', 'Boiler 7\n97 °C'))).toBe('Boiler 7');
    const embedOnly = message('e', 1, {
      kind: 'discord',
      webhookId: 'w',
      webhookName: 'w',
      channelName: 'alerts',
      username: null,
      avatarUrl: null,
      content: '',
      embeds: [{ title: 'Overheat' }],
      messageId: 'e',
    });
    expect(previewOf(embedOnly)).toBe('Overheat');
    expect(previewOf(dc('m', 1, 'alerts', '**Boiler 7** is at *97 °C*'))).toBe('Boiler 7 is at 97 °C');
  });
});

describe('merging the live stream', () => {
  it('new messages go on top, each once, the last to arrive first; the oldest go past the cap', () => {
    const have = [sms('s2', 2, '7'), sms('s1', 1, '7')];
    const merged = prependMessages(have, [sms('s2', 2, '7'), sms('s3', 3, '7'), sms('s4', 4, '7')], 3);
    expect(merged.map((m) => m.ID)).toEqual(['s4', 's3', 's2']);
    expect(prependMessages(have, [sms('s1', 1, '7')], 10)).toBe(have);
  });

  it('a receipt replaces its message in place; one not held changes nothing', () => {
    const have = [sms('s2', 2, '7'), sms('s1', 1, '7')];
    const delivered = { ...have[1]!, Content: { ...(have[1]!.Content as Extract<ChannelContent, { kind: 'sms' }>), status: 'DELIVRD' as const } };
    const next = replaceMessage(have, delivered);
    expect(next.map((m) => (m.Content.kind === 'sms' ? m.Content.status : ''))).toEqual(['ENROUTE', 'DELIVRD']);
    expect(replaceMessage(have, sms('zz', 9, '7'))).toBe(have);
  });

  it('deleted ids go; the list is the same object when none of them was there', () => {
    const have = [sms('s2', 2, '7'), sms('s1', 1, '7')];
    expect(withoutIds(have, ['s1', 'nope']).map((m) => m.ID)).toEqual(['s2']);
    expect(withoutIds(have, ['nope'])).toBe(have);
  });

  it('an exchange updates in place (an SMPP session as it goes) or goes on top', () => {
    const ex = (ID: string, LineCount: number): ExchangeSummary => ({
      ID,
      Channel: 'sms',
      Service: 'smpp',
      Started: at(1),
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
    const have = [ex('b', 2), ex('a', 2)];
    const updated = upsertExchange(have, ex('a', 6), 10);
    expect(updated.map((e) => `${e.ID}:${e.LineCount}`)).toEqual(['b:2', 'a:6']);
    expect(upsertExchange(have, ex('c', 1), 2).map((e) => e.ID)).toEqual(['c', 'b']);
  });
});
