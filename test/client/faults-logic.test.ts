// The Faults panel's logic outside the browser: the form's draft and the FaultRuleInput it
// sends, where each of the server's field messages lands (checked against the server's own
// rule check, so a path it names is never lost), the store's merging of live firings with the
// fetched list, the rules put into words, and an injected line explained as injected.
import { describe, expect, it } from 'vitest';
import { placeErrors } from '../../client/src/faults/field-errors.js';
import { firingKey, firingVisible, mergeFetched, withFirings } from '../../client/src/faults/faults-store.js';
import { describeAttempts, describeEffect, describeLifetime, describeMatch, replyLine, ruleTitle } from '../../client/src/faults/rule-describe.js';
import { draftToInput, emptyDraft, NOT_A_NUMBER, shownFields, type RuleDraft } from '../../client/src/faults/rule-draft.js';
import { explainLine } from '../../client/src/smtp/explain-line.js';
import { explainFault } from '../../server/faults/fault-explanations.js';
import { checkFaultRule } from '../../server/faults/fault-rule-check.js';
import type { FaultFiring, FaultRule } from '../../server/wire/faults.js';
import type { DialogueLine } from '../../server/wire/sessions.js';

const draft = (change: Partial<RuleDraft>): RuleDraft => ({ ...emptyDraft(), ...change });
const student = { kind: 'student', address: 'student@lab.local' } as const;

function rule(id: string, change: Partial<FaultRule> = {}): FaultRule {
  return {
    id,
    name: id,
    preset: null,
    stage: 'rcpt',
    effect: { kind: 'reply', code: 550, enhanced: '5.1.1', text: 'No such user' },
    match: {},
    attempts: { kind: 'every' },
    lifetime: {},
    enabled: true,
    scope: student,
    created: '2025-01-01T10:00:00.000Z',
    expiresAt: null,
    attempted: 0,
    fired: 0,
    lastFired: null,
    ...change,
  };
}

function firing(ruleId: string, at: string, sessionId = 's1'): FaultFiring {
  return {
    ruleId,
    ruleName: ruleId,
    preset: null,
    stage: 'rcpt',
    effect: 'reply',
    reply: '550 5.1.1 No such user',
    sessionId,
    listener: 'smtp',
    scope: student,
    at,
  };
}

describe('the rule form: draft → FaultRuleInput', () => {
  it('sends the default draft as a reply at RCPT TO, every attempt, until removed', () => {
    const result = draftToInput(emptyDraft());
    expect(result).toEqual({
      ok: true,
      input: {
        stage: 'rcpt',
        effect: { kind: 'reply', code: 452, enhanced: '4.2.2', text: 'Mailbox full, try again later' },
        match: {},
        attempts: { kind: 'every' },
        lifetime: {},
      },
    });
    if (result.ok) expect(checkFaultRule(result.input, student).ok).toBe(true);
  });

  it('sends only what the chosen effect and attempts have, numbers read with a comma too', () => {
    const result = draftToInput(
      draft({
        name: '  slow  ',
        stage: 'greeting',
        'effect.kind': 'delay',
        'effect.ms': '1500',
        'effect.code': 'not looked at',
        'attempts.kind': 'probability',
        'attempts.percent': '12,5',
        'attempts.seed': '7',
        'match.clientAddress': ' 127.0.0.1 ',
        'lifetime.seconds': '30',
      }),
    );
    expect(result).toEqual({
      ok: true,
      input: {
        name: 'slow',
        stage: 'greeting',
        effect: { kind: 'delay', ms: 1500 },
        match: { clientAddress: '127.0.0.1' },
        attempts: { kind: 'probability', percent: 12.5, seed: 7 },
        lifetime: { seconds: 30 },
      },
    });
  });

  it('draws at random only when asked (seed null), and an empty seed is not taken for that', () => {
    const random = draftToInput(draft({ 'attempts.kind': 'probability', 'attempts.random': true, 'attempts.seed': '' }));
    expect(random.ok && random.input.attempts).toEqual({ kind: 'probability', percent: 50, seed: null });
    expect(draftToInput(draft({ 'attempts.kind': 'probability', 'attempts.seed': '' }))).toEqual({ ok: false, errors: { 'attempts.seed': NOT_A_NUMBER } });
  });

  it('every effect and every kind of attempts', () => {
    const effects = [
      [
        { 'effect.kind': 'disconnect', 'effect.delayMs': '200' },
        { kind: 'disconnect', delayMs: 200 },
      ],
      [{ 'effect.kind': 'disconnect' }, { kind: 'disconnect' }],
      [
        { 'effect.kind': 'throttle', 'effect.bytesPerSecond': '10' },
        { kind: 'throttle', bytesPerSecond: 10 },
      ],
      [{ 'effect.kind': 'tls-failure', stage: 'starttls' }, { kind: 'tls-failure' }],
      [
        { 'effect.delayMs': '300', 'effect.enhanced': '' },
        { kind: 'reply', code: 452, text: 'Mailbox full, try again later', delayMs: 300 },
      ],
    ] as const;
    for (const [change, effect] of effects) {
      const result = draftToInput(draft(change));
      expect(result.ok && result.input.effect).toEqual(effect);
    }
    const attempts = [
      [
        { 'attempts.kind': 'nth', 'attempts.n': '2' },
        { kind: 'nth', n: 2 },
      ],
      [
        { 'attempts.kind': 'first', 'attempts.n': '3' },
        { kind: 'first', n: 3 },
      ],
      [
        { 'attempts.kind': 'every-nth', 'attempts.n': '4' },
        { kind: 'every-nth', n: 4 },
      ],
      [
        { 'attempts.kind': 'greylist', 'attempts.retryAfterSeconds': '5' },
        { kind: 'greylist', retryAfterSeconds: 5 },
      ],
    ] as const;
    for (const [change, expected] of attempts) {
      const result = draftToInput(draft(change));
      expect(result.ok && result.input.attempts).toEqual(expected);
      if (result.ok) expect(checkFaultRule(result.input, student).ok).toBe(true);
    }
  });

  it('refuses a text that is not a number at its field, and leaves the rest to the server', () => {
    expect(draftToInput(draft({ 'effect.code': 'five fifty', 'lifetime.firings': '2x' }))).toEqual({
      ok: false,
      errors: { 'effect.code': NOT_A_NUMBER, 'lifetime.firings': NOT_A_NUMBER },
    });
    // An empty number that is needed goes as null: the server says what it takes.
    const empty = draftToInput(draft({ 'effect.code': '' }));
    expect(empty.ok).toBe(true);
    if (empty.ok) expect(JSON.parse(JSON.stringify(empty.input)).effect.code).toBeNull();
  });

  it('shows the fields of the chosen effect and attempts, in the page order', () => {
    expect(shownFields(emptyDraft())).toEqual([
      'name',
      'stage',
      'effect.kind',
      'effect.code',
      'effect.enhanced',
      'effect.text',
      'effect.delayMs',
      'match.listener',
      'match.clientAddress',
      'match.helo',
      'match.mailFrom',
      'match.rcptTo',
      'attempts.kind',
      'lifetime.firings',
      'lifetime.seconds',
    ]);
    expect(shownFields(draft({ 'effect.kind': 'throttle', 'attempts.kind': 'probability' }))).toEqual(
      expect.arrayContaining(['effect.bytesPerSecond', 'attempts.percent', 'attempts.seed']),
    );
    expect(shownFields(draft({ 'attempts.kind': 'probability', 'attempts.random': true }))).not.toContain('attempts.seed');
  });
});

describe("the server's field messages, placed", () => {
  it('puts each at the field it names, a whole part at the field that stands for it, the rest apart', () => {
    const text = (s: string) => ({ ru: s, en: s });
    const placed = placeErrors(
      {
        'effect.code': text('code'),
        effect: text('effect'),
        'attempts.kind': text('kind'),
        attempts: text('attempts'),
        rule: text('rule'),
        'match.user': text('user'),
      },
      shownFields(emptyDraft()),
    );
    expect(placed.at).toEqual({ 'effect.code': text('code'), 'effect.kind': text('effect'), 'attempts.kind': text('kind; attempts') });
    expect(placed.elsewhere).toEqual([
      { path: 'rule', text: text('rule') },
      { path: 'match.user', text: text('user') },
    ]);
  });

  it("lands every message of the server's own check at a field the form shows", () => {
    const wrong: Array<Partial<RuleDraft>> = [
      { 'effect.code': '700' },
      { 'effect.code': '' },
      { 'effect.enhanced': '5.1.1' },
      { 'effect.enhanced': 'x.y' },
      { 'effect.text': '' },
      { 'effect.delayMs': '-5' },
      { 'effect.kind': 'delay', 'effect.ms': '0' },
      { 'effect.kind': 'throttle', 'effect.bytesPerSecond': '0' },
      { 'effect.kind': 'tls-failure', stage: 'rcpt' },
      { stage: 'connect' },
      { 'match.listener': 'nope' },
      { stage: 'helo', 'match.rcptTo': 'a@b.c' },
      { 'attempts.kind': 'nth', 'attempts.n': '0' },
      { 'attempts.kind': 'probability', 'attempts.percent': '0' },
      { 'attempts.kind': 'probability', 'attempts.seed': '-1' },
      { 'attempts.kind': 'greylist', stage: 'mail' },
      { 'attempts.kind': 'greylist', 'attempts.retryAfterSeconds': '-1' },
      { 'lifetime.firings': '0' },
      { 'lifetime.seconds': '0' },
      { name: 'x'.repeat(101) },
    ];
    for (const change of wrong) {
      const d = draft(change);
      const result = draftToInput(d);
      expect(result.ok, JSON.stringify(change)).toBe(true);
      if (!result.ok) continue;
      const checked = checkFaultRule(JSON.parse(JSON.stringify(result.input)), student);
      expect(checked.ok, JSON.stringify(change)).toBe(false);
      if (checked.ok) continue;
      const placed = placeErrors(checked.fields, shownFields(d));
      expect(placed.elsewhere, JSON.stringify(change)).toEqual([]);
      expect(Object.keys(placed.at).length, JSON.stringify(change)).toBeGreaterThan(0);
    }
  });
});

describe('the store: live firings and the fetched list', () => {
  it('adds a firing once, newest first, and counts it on its rule', () => {
    const start = { rules: [rule('a'), rule('b')], firings: [firing('a', '2025-01-01T10:00:01.000Z')] };
    const one = firing('a', '2025-01-01T10:00:05.000Z', 's2');
    const next = withFirings(start, [one, one, firing('a', '2025-01-01T10:00:01.000Z')]);
    expect(next.firings.map(firingKey)).toEqual([firingKey(one), firingKey(start.firings[0]!)]);
    expect(next.rules.map((r) => [r.id, r.fired, r.lastFired])).toEqual([
      ['a', 1, '2025-01-01T10:00:05.000Z'],
      ['b', 0, null],
    ]);
    expect(withFirings(next, [one])).toBe(next);
  });

  it("keeps what the stream brought while the list was on its way, and lists the student's own first", () => {
    const fetched = {
      rules: [rule('lab-1', { scope: { kind: 'lab' }, created: '2025-01-01T09:00:00.000Z' }), rule('a', { fired: 1 })],
      firings: [firing('a', '2025-01-01T10:00:01.000Z')],
    };
    const kept = {
      rules: [rule('a', { fired: 2, lastFired: '2025-01-01T10:00:09.000Z' })],
      firings: [firing('a', '2025-01-01T10:00:09.000Z', 's9'), firing('a', '2025-01-01T09:59:00.000Z', 'old')],
    };
    const merged = mergeFetched(fetched, kept);
    expect(merged.rules.map((r) => [r.id, r.fired])).toEqual([
      ['a', 2],
      ['lab-1', 0],
    ]);
    expect(merged.firings.map((f) => f.sessionId)).toEqual(['s9', 's1']);
  });

  it("shows lab-wide firings and the student's own, never another scope's", () => {
    expect(firingVisible({ kind: 'lab' }, 'student@lab.local')).toBe(true);
    expect(firingVisible({ kind: 'student', address: 'Student@Lab.local' }, 'student@lab.local')).toBe(true);
    expect(firingVisible({ kind: 'student', address: 'other@lab.local' }, 'student@lab.local')).toBe(false);
    expect(firingVisible({ kind: 'test', name: 't1' }, 'student@lab.local')).toBe(false);
  });
});

describe('a rule in words', () => {
  it('says each part in both languages, data quoted', () => {
    expect(replyLine({ kind: 'reply', code: 451, enhanced: '4.7.1', text: 'Greylisted' })).toBe('451 4.7.1 Greylisted');
    expect(describeEffect({ kind: 'reply', code: 550, text: 'No', delayMs: 1200 })).toEqual({
      ru: 'ответ «550 No», через 1\u00a0200 мс',
      en: 'the reply "550 No", after 1,200 ms',
    });
    expect(describeEffect({ kind: 'throttle', bytesPerSecond: 10 }).ru).toBe('сервер пишет не больше 10 байт в секунду');
    expect(describeAttempts({ kind: 'every-nth', n: 3 })).toEqual({ ru: 'каждая 3-я попытка', en: 'every 3rd attempt' });
    expect(describeAttempts({ kind: 'first', n: 5 }).ru).toBe('первые 5 попыток');
    expect(describeAttempts({ kind: 'probability', percent: 25, seed: null }).en).toBe('25 % of attempts, at random');
    expect(describeMatch({ rcptTo: '*@example.com', listener: 'smtp' })).toEqual({
      ru: 'слушатель «smtp», RCPT TO «*@example.com»',
      en: 'listener "smtp", RCPT TO "*@example.com"',
    });
    expect(describeMatch({}).ru).toBe('любая сессия');
    expect(describeLifetime({ firings: 2, seconds: 60 })).toEqual({ ru: 'на 2 срабатывания или 60 с', en: 'for 2 firings or 60 s' });
    expect(describeLifetime({}).en).toBe('until removed');
  });

  it("calls a preset's rule by the preset's name, and any other by the name given", () => {
    expect(ruleTitle({ name: 'greylisting', preset: 'greylisting' })).toEqual({ text: { ru: 'Грейлистинг', en: 'Greylisting' }, given: false });
    expect(ruleTitle({ name: 'my own', preset: 'greylisting' })).toEqual({ text: { ru: 'my own', en: 'my own' }, given: true });
    expect(ruleTitle({ name: 'chaos Sender', preset: 'chaos-sender' }).given).toBe(true);
  });
});

describe('an injected line explained as injected', () => {
  const fault = { ruleId: 'r1', ruleName: 'unknown-recipient', preset: 'unknown-recipient', stage: 'rcpt', effect: 'reply' } as const;

  it("a reply: the rule's explanation, not the code's, and its enhanced code still spelled out", () => {
    const line: DialogueLine = {
      Seq: 7,
      At: 0,
      Dir: 'S',
      Text: '550 5.1.1 The email account that you tried to reach does not exist',
      Code: 550,
      Enhanced: '5.1.1',
      Fault: fault,
    };
    for (const lang of ['ru', 'en'] as const) {
      const explained = explainLine(line, lang, { answers: { Seq: 6, At: 0, Dir: 'C', Text: 'RCPT TO:<a@b.c>', Command: 'RCPT' } });
      expect(explained.text).toBe(explainFault(fault, 550)[lang]);
      expect(explained.fault).toEqual(fault);
      expect(explained.enhanced).toBeTruthy();
    }
    expect(explainLine(line, 'ru').text).toMatch(/^Лаборатория подставила этот ответ/);
  });

  it('an event: what the lab did in a line, and why in the explanation', () => {
    const line: DialogueLine = {
      Seq: 1,
      At: 0,
      Dir: 'E',
      Event: 'fault',
      Text: "the lab holds the server's reply 40000 ms (rule slow-server)",
      Fault: { ruleId: 'r2', ruleName: 'slow-server', preset: 'slow-server', stage: 'greeting', effect: 'delay' },
    };
    const ru = explainLine(line, 'ru');
    expect(ru.headline).toBe('Лаборатория подставила сбой: задержка, этап приветствие.');
    expect(ru.text).toMatch(/^Лаборатория подставила задержка|^Лаборатория подставила/);
    expect(explainLine({ ...line, Fault: undefined } as DialogueLine, 'en').text).toBe('The lab interfered with the dialogue by a fault rule.');
  });
});
