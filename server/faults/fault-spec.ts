// A fault rule written on one line, for the command line (`smtp-lab fault add`, `start --fault`):
//   greylisting                                a preset
//   data=452 4.3.1 Insufficient storage        STAGE=REPLY (code, enhanced code, text)
//   greeting=delay:40000   rcpt=disconnect   helo=throttle:200   connect=tls-failure
//   rcpt=550 5.1.1 No such user; rcptTo=nobody@*; first=1; firings=1
//   {"stage":"rcpt", ...}                      the JSON of /api/lab/faults
// Modifiers after `;` are match fields (listener, user, clientAddress, helo, mailFrom, rcptTo),
// attempts (every, nth=N, first=N, everyNth=N, probability=P[/seed|/random], greylist=SECONDS)
// and lifetime (firings=N, seconds=S), plus name=TEXT; a preset takes modifiers too. The result is
// checked by fault-rule-check.ts like any other rule. No Node imports.
import type { Bilingual } from '../wire/bilingual.js';
import type { FaultAttempts, FaultEffect, FaultMatch, FaultRuleInput, FaultStage } from '../wire/faults.js';

export type SpecResult = { ok: true; input: FaultRuleInput } | { ok: false; problem: Bilingual };

const MATCH_KEYS: ReadonlyArray<keyof FaultMatch> = ['listener', 'user', 'clientAddress', 'helo', 'mailFrom', 'rcptTo'];

function effectOf(text: string): FaultEffect | Bilingual {
  const [kind, arg] = text.split(':', 2).map((s) => s.trim()) as [string, string | undefined];
  const n = Number(arg);
  switch (kind) {
    case 'delay':
      return { kind: 'delay', ms: n };
    case 'disconnect':
      return arg === undefined ? { kind: 'disconnect' } : { kind: 'disconnect', delayMs: n };
    case 'throttle':
      return { kind: 'throttle', bytesPerSecond: n };
    case 'tls-failure':
      return { kind: 'tls-failure' };
  }
  const reply = /^(\d{3})(?:\s+([245]\.\d{1,3}\.\d{1,3}))?(?:\s+(.*))?$/.exec(text.trim());
  if (!reply) {
    return {
      en: `"${text}" is not an effect: a reply ("452 4.2.2 Mailbox full"), delay:MS, disconnect, throttle:BYTES_PER_SECOND or tls-failure`,
      ru: `«${text}» — не действие: ответ («452 4.2.2 Mailbox full»), delay:МС, disconnect, throttle:БАЙТ_В_СЕКУНДУ или tls-failure`,
    };
  }
  return { kind: 'reply', code: Number(reply[1]), ...(reply[2] ? { enhanced: reply[2] } : {}), text: reply[3] ?? 'Injected by smtp-lab' };
}

/** The numbers an attempts kind reads (NaN where one is missing: fault-rule-check.ts names it). */
export interface AttemptsNumbers {
  n?: number;
  percent?: number;
  /** null: drawn anew each time. */
  seed?: number | null;
  retryAfterSeconds?: number;
}

/** One attempts value from its kind and numbers: the CLI's spec and the page's form both build it here. */
export function attemptsFrom(kind: FaultAttempts['kind'], values: AttemptsNumbers): FaultAttempts {
  const n = values.n ?? Number.NaN;
  switch (kind) {
    case 'every':
      return { kind: 'every' };
    case 'nth':
    case 'first':
    case 'every-nth':
      return { kind, n };
    case 'probability':
      return { kind: 'probability', percent: values.percent ?? Number.NaN, seed: values.seed === undefined ? 1 : values.seed };
    case 'greylist':
      return { kind: 'greylist', retryAfterSeconds: values.retryAfterSeconds ?? Number.NaN };
  }
}

const SPEC_ATTEMPTS: Record<string, FaultAttempts['kind']> = {
  every: 'every',
  nth: 'nth',
  first: 'first',
  everyNth: 'every-nth',
  probability: 'probability',
  greylist: 'greylist',
};

function attemptsOf(key: string, value: string): FaultAttempts | undefined {
  if (!Object.hasOwn(SPEC_ATTEMPTS, key)) return undefined;
  const kind = SPEC_ATTEMPTS[key] as FaultAttempts['kind'];
  const [percent, seed] = value.split('/');
  return attemptsFrom(kind, {
    n: Number(value),
    percent: Number(percent),
    seed: seed === 'random' ? null : seed === undefined ? undefined : Number(seed),
    retryAfterSeconds: Number(value),
  });
}

export function parseFaultSpec(spec: string): SpecResult {
  const text = spec.trim();
  if (text.startsWith('{')) {
    try {
      return { ok: true, input: JSON.parse(text) as FaultRuleInput };
    } catch (err) {
      return { ok: false, problem: { en: `not valid JSON: ${(err as Error).message}`, ru: `это не JSON: ${(err as Error).message}` } };
    }
  }
  const [head = '', ...modifiers] = text.split(';').map((s) => s.trim());
  const input: FaultRuleInput = {};
  const eq = head.indexOf('=');
  if (eq < 0) input.preset = head;
  else {
    input.stage = head.slice(0, eq).trim() as FaultStage;
    const effect = effectOf(head.slice(eq + 1));
    if (!('kind' in effect)) return { ok: false, problem: effect };
    input.effect = effect;
  }
  const match: FaultMatch = {};
  for (const modifier of modifiers.filter(Boolean)) {
    const at = modifier.indexOf('=');
    const key = (at < 0 ? modifier : modifier.slice(0, at)).trim();
    const value = at < 0 ? '' : modifier.slice(at + 1).trim();
    const attempts = attemptsOf(key, value);
    if (attempts) input.attempts = attempts;
    else if ((MATCH_KEYS as readonly string[]).includes(key)) match[key as keyof FaultMatch] = value;
    else if (key === 'firings' || key === 'seconds') input.lifetime = { ...input.lifetime, [key]: Number(value) };
    else if (key === 'name') input.name = value;
    else
      return {
        ok: false,
        problem: {
          en: `"${key}" is not a modifier: listener, user, clientAddress, helo, mailFrom, rcptTo, every, nth, first, everyNth, probability, greylist, firings, seconds, name`,
          ru: `«${key}» — не уточнение: listener, user, clientAddress, helo, mailFrom, rcptTo, every, nth, first, everyNth, probability, greylist, firings, seconds, name`,
        },
      };
  }
  if (Object.keys(match).length > 0) input.match = match;
  return { ok: true, input };
}
