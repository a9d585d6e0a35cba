// The one-line rule of the command line, case by case: what each line becomes, and that every
// line the help shows is a rule the server takes.
import { describe, expect, it } from 'vitest';
import { checkFaultRule } from '../../../server/faults/fault-rule-check.js';
import { parseFaultSpec } from '../../../server/faults/fault-spec.js';
import { FAULT_PRESET_IDS } from '../../../server/faults/fault-presets.js';

describe('parseFaultSpec', () => {
  it.each([
    ['greylisting', { preset: 'greylisting' }],
    [
      'data=452 4.3.1 Insufficient system storage',
      { stage: 'data', effect: { kind: 'reply', code: 452, enhanced: '4.3.1', text: 'Insufficient system storage' } },
    ],
    ['rcpt=550', { stage: 'rcpt', effect: { kind: 'reply', code: 550, text: 'Injected by smtp-lab' } }],
    ['greeting=delay:40000', { stage: 'greeting', effect: { kind: 'delay', ms: 40000 } }],
    ['rcpt=disconnect; first=2', { stage: 'rcpt', effect: { kind: 'disconnect' }, attempts: { kind: 'first', n: 2 } }],
    ['helo=throttle:200', { stage: 'helo', effect: { kind: 'throttle', bytesPerSecond: 200 } }],
    ['connect=tls-failure', { stage: 'connect', effect: { kind: 'tls-failure' } }],
    [
      'mail=451; probability=25/7',
      { stage: 'mail', effect: { kind: 'reply', code: 451, text: 'Injected by smtp-lab' }, attempts: { kind: 'probability', percent: 25, seed: 7 } },
    ],
    [
      'mail=451; probability=25/random',
      { stage: 'mail', effect: { kind: 'reply', code: 451, text: 'Injected by smtp-lab' }, attempts: { kind: 'probability', percent: 25, seed: null } },
    ],
    [
      'unknown-recipient; rcptTo=nobody@*; firings=3; seconds=60',
      { preset: 'unknown-recipient', match: { rcptTo: 'nobody@*' }, lifetime: { firings: 3, seconds: 60 } },
    ],
    ['{"stage":"quit","effect":{"kind":"disconnect"}}', { stage: 'quit', effect: { kind: 'disconnect' } }],
  ])('%s', (spec, expected) => {
    const parsed = parseFaultSpec(spec);
    expect(parsed).toEqual({ ok: true, input: expected });
    if (parsed.ok) expect(checkFaultRule(parsed.input, { kind: 'lab' }).ok).toBe(true);
  });

  it.each(['rcpt=oops', 'rcpt=550; bogus=1', '{not json'])('%s: a problem in both languages', (spec) => {
    const parsed = parseFaultSpec(spec);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem.en).toMatch(/\w/);
      expect(parsed.problem.ru).toMatch(/[а-я]/);
    }
  });

  it('every preset is a rule the server takes', () => {
    for (const id of FAULT_PRESET_IDS) expect(checkFaultRule(parseFaultSpec(id).ok ? { preset: id } : {}, { kind: 'lab' }).ok, id).toBe(true);
  });
});
