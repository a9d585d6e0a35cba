// The custom rule form as typed, and the FaultRuleInput it sends. The draft's fields are named by
// the paths the server's 400 uses ("effect.code", "attempts.n"), so each server message lands
// at the field it names. The server checks the rule (server/faults/fault-rule-check.ts); the page
// only reads numbers, and says so at a field whose text is not one.
import type { FaultAttempts, FaultEffect, FaultEffectKind, FaultLifetime, FaultMatch, FaultRuleInput, FaultStage } from '../../../server/wire/faults.js';
import { attemptsFrom } from '../../../server/faults/fault-spec.js';
import type { Bilingual } from '../i18n/bilingual.js';

export type AttemptsKind = FaultAttempts['kind'];

export const EFFECT_KINDS: readonly FaultEffectKind[] = ['reply', 'delay', 'disconnect', 'throttle', 'tls-failure'];
export const ATTEMPTS_KINDS: readonly AttemptsKind[] = ['every', 'nth', 'first', 'every-nth', 'probability', 'greylist'];
export const MATCH_FIELDS = ['listener', 'clientAddress', 'helo', 'mailFrom', 'rcptTo'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export interface RuleDraft {
  name: string;
  stage: FaultStage;
  'effect.kind': FaultEffectKind;
  'effect.code': string;
  'effect.enhanced': string;
  'effect.text': string;
  /** A reply's or a disconnect's delay before it. */
  'effect.delayMs': string;
  'effect.ms': string;
  'effect.bytesPerSecond': string;
  'match.listener': string;
  'match.clientAddress': string;
  'match.helo': string;
  'match.mailFrom': string;
  'match.rcptTo': string;
  'attempts.kind': AttemptsKind;
  'attempts.n': string;
  'attempts.percent': string;
  /** Probability: drawn anew each time instead of repeating from the seed. */
  'attempts.random': boolean;
  'attempts.seed': string;
  'attempts.retryAfterSeconds': string;
  'lifetime.firings': string;
  'lifetime.seconds': string;
}

export type DraftField = Exclude<keyof RuleDraft, 'attempts.random'>;

export function emptyDraft(): RuleDraft {
  return {
    name: '',
    stage: 'rcpt',
    'effect.kind': 'reply',
    'effect.code': '452',
    'effect.enhanced': '4.2.2',
    'effect.text': 'Mailbox full, try again later',
    'effect.delayMs': '',
    'effect.ms': '5000',
    'effect.bytesPerSecond': '100',
    'match.listener': '',
    'match.clientAddress': '',
    'match.helo': '',
    'match.mailFrom': '',
    'match.rcptTo': '',
    'attempts.kind': 'every',
    'attempts.n': '1',
    'attempts.percent': '50',
    'attempts.random': false,
    'attempts.seed': '1',
    'attempts.retryAfterSeconds': '5',
    'lifetime.firings': '',
    'lifetime.seconds': '',
  };
}

/** The fields the form shows for this draft, in the page's order (the focus goes to the first wrong one). */
export function shownFields(draft: RuleDraft): DraftField[] {
  const effect: DraftField[] = {
    reply: ['effect.code', 'effect.enhanced', 'effect.text', 'effect.delayMs'] as DraftField[],
    delay: ['effect.ms'] as DraftField[],
    disconnect: ['effect.delayMs'] as DraftField[],
    throttle: ['effect.bytesPerSecond'] as DraftField[],
    'tls-failure': [] as DraftField[],
  }[draft['effect.kind']];
  const kind = draft['attempts.kind'];
  const attempts: DraftField[] =
    kind === 'nth' || kind === 'first' || kind === 'every-nth'
      ? ['attempts.n']
      : kind === 'probability'
        ? draft['attempts.random']
          ? ['attempts.percent']
          : ['attempts.percent', 'attempts.seed']
        : kind === 'greylist'
          ? ['attempts.retryAfterSeconds']
          : [];
  return [
    'name',
    'stage',
    'effect.kind',
    ...effect,
    ...MATCH_FIELDS.map((f) => `match.${f}` as const),
    'attempts.kind',
    ...attempts,
    'lifetime.firings',
    'lifetime.seconds',
  ];
}

export const NOT_A_NUMBER: Bilingual = { ru: 'Здесь нужно число', en: 'A number is needed here' };

export type DraftErrors = Partial<Record<string, Bilingual>>;

export type DraftResult = { ok: true; input: FaultRuleInput } | { ok: false; errors: DraftErrors };

/**
 * The rule the draft describes. An empty number is left out (the server says whether it was
 * needed); a text that is not a number is refused here, since JSON has no way to send it.
 */
export function draftToInput(draft: RuleDraft): DraftResult {
  const errors: DraftErrors = {};
  const shown = new Set(shownFields(draft));
  const num = (field: DraftField): number | undefined => {
    const text = String(draft[field]).trim().replace(',', '.');
    if (text === '' || !shown.has(field)) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value)) {
      errors[field] = NOT_A_NUMBER;
      return undefined;
    }
    return value;
  };
  const opt = <K extends string>(key: K, value: number | undefined): { [P in K]?: number } =>
    value === undefined ? {} : ({ [key]: value } as { [P in K]: number });

  const effect = effectOf(draft, num, opt);
  const attempts = attemptsOf(draft, num, (field) => (errors[field] ??= NOT_A_NUMBER));
  const match: FaultMatch = {};
  for (const field of MATCH_FIELDS) {
    const value = draft[`match.${field}`].trim();
    if (value) match[field] = value;
  }
  const lifetime: FaultLifetime = { ...opt('firings', num('lifetime.firings')), ...opt('seconds', num('lifetime.seconds')) };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const name = draft.name.trim();
  return { ok: true, input: { ...(name ? { name } : {}), stage: draft.stage, effect, match, attempts, lifetime } };
}

type Num = (field: DraftField) => number | undefined;
type Opt = <K extends string>(key: K, value: number | undefined) => { [P in K]?: number };

function effectOf(draft: RuleDraft, num: Num, opt: Opt): FaultEffect {
  switch (draft['effect.kind']) {
    case 'reply': {
      const enhanced = draft['effect.enhanced'].trim();
      // A number left empty goes as null (NaN's JSON): the server names the field and says what it takes.
      return {
        kind: 'reply',
        code: num('effect.code') ?? Number.NaN,
        ...(enhanced ? { enhanced } : {}),
        text: draft['effect.text'].trim(),
        ...opt('delayMs', num('effect.delayMs')),
      };
    }
    case 'delay':
      return { kind: 'delay', ms: num('effect.ms') ?? Number.NaN };
    case 'disconnect':
      return { kind: 'disconnect', ...opt('delayMs', num('effect.delayMs')) };
    case 'throttle':
      return { kind: 'throttle', bytesPerSecond: num('effect.bytesPerSecond') ?? Number.NaN };
    case 'tls-failure':
      return { kind: 'tls-failure' };
  }
}

function attemptsOf(draft: RuleDraft, num: Num, missing: (field: DraftField) => void): FaultAttempts {
  const kind = draft['attempts.kind'];
  // null is the wire's "draw anew": an empty seed must not turn into it.
  const seed = draft['attempts.random'] ? null : num('attempts.seed');
  if (kind === 'probability' && seed === undefined) missing('attempts.seed');
  return attemptsFrom(kind, {
    n: num('attempts.n'),
    percent: num('attempts.percent'),
    seed: seed ?? (draft['attempts.random'] ? null : Number.NaN),
    retryAfterSeconds: num('attempts.retryAfterSeconds'),
  });
}
