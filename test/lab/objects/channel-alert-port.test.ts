// What an automaton's channel alert becomes for the channels' port: every field it has, and a
// Telegram alert in plain text says so (or the integration's HTML would parse its `<`).
import { describe, expect, it } from 'vitest';
import type { AutomatonChannelAlert } from '../../../lab/automaton/runner-events.js';
import { portAlert } from '../../../lab/objects/channel-alert-port.js';

const base: AutomatonChannelAlert = {
  objectId: 'k',
  stateId: 's',
  stateName: 'OFF',
  channel: 'telegram',
  text: '<b>x</b>',
  to: null,
  title: null,
  parseMode: null,
};

describe('portAlert', () => {
  it.each([
    ['Telegram in plain text', { parseMode: 'none' as const }, { text: '<b>x</b>', parseMode: 'none' }],
    ['Telegram in HTML', { parseMode: 'HTML' as const }, { text: '<b>x</b>', parseMode: 'HTML' }],
    ['Telegram with the integration’s markup', {}, { text: '<b>x</b>' }],
    ['SMS with its number', { channel: 'sms' as const, to: '79255070602' }, { text: '<b>x</b>', to: '79255070602' }],
    ['Discord with a title', { channel: 'discord' as const, title: 'Overheat' }, { text: '<b>x</b>', title: 'Overheat' }],
  ])('%s', (_what, change, expected) => {
    expect(portAlert({ ...base, ...change })).toEqual(expected);
  });
});
