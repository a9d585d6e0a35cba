// The fault rules of one server and the decision, at each stage of each session, whether one of
// them fires. The store owns its rules: callers add, switch, remove and clear through it, and the
// listeners only ask `decide()`. Rules are tried in the order they were added; the first that
// fires acts, the rules after it do not see that attempt. Everything is counted per rule, so
// the same rules and the same sends give the same replies (randomness only where asked for).
import { SHARED_INBOX } from '../wire/inboxes.js';
import { randomBytes } from 'node:crypto';
import { mulberry32 } from '../common/prng.js';
import type { FaultEffect, FaultFiring, FaultRule, FaultRuleInput, FaultScope, FaultStage, LineFault } from '../wire/faults.js';
import { checkFaultRule, patternMatches } from './fault-rule-check.js';
import { FaultError } from './fault-error.js';

/** What a session has told so far, for matching. */
export interface SessionFacts {
  sessionId: string;
  listener: string;
  clientAddress: string;
  helo: string | null;
  user: string | null;
  mailFrom: string | null;
  /** The transaction's recipients so far; at `rcpt`, `rcpt` is the one being given. */
  rcptTo: readonly string[];
  rcpt?: string;
  /** The inbox the session is in, or (while shared) the one its mail so far would go to. */
  inbox?: string;
}

export interface FaultDecision {
  effect: FaultEffect;
  fault: LineFault;
}

export interface AddOptions {
  /** The address the rule was added from: a student's rules reach, before AUTH, the sessions from it. */
  addedFrom?: string;
  /** Marks the rule as another surface's own (Mailpit's chaos triggers), in place of a preset id. */
  tag?: string;
}

export interface FaultStore {
  add(input: FaultRuleInput | unknown, scope: FaultScope, options?: AddOptions): FaultRule;
  setEnabled(id: string, enabled: boolean): FaultRule;
  remove(id: string): boolean;
  /** Removes the rules of `scope` (every rule when absent); how many went. */
  clear(scope?: FaultScope): number;
  get(id: string): FaultRule | undefined;
  /** The rules a scope sees (its own and the lab-wide ones); every rule when absent. */
  list(scope?: FaultScope): FaultRule[];
  /** The newest firings first, of the rules `scope` sees. */
  firings(scope?: FaultScope): FaultFiring[];
  decide(stage: FaultStage, facts: SessionFacts): FaultDecision | undefined;
  /** No rule at all: the listeners skip their per-command work. */
  isEmpty(): boolean;
  /** A connect-stage firing was decided before its session had an id: it gets the session's. */
  relinkFirings(fromSessionId: string, toSessionId: string): void;
  close(): void;
}

export interface FaultStoreOptions {
  onFired?(firing: FaultFiring): void;
  onChanged?(): void;
  now?: () => number;
}

const MAX_FIRINGS = 200;

interface Held {
  rule: FaultRule;
  addedFrom: string | undefined;
  random: (() => number) | null;
  /** Greylisting: when each triplet was first seen, and the triplets that passed. */
  triplets: Map<string, number>;
  passed: Set<string>;
  expiry: ReturnType<typeof setTimeout> | undefined;
}

export const sameScope = (a: FaultScope, b: FaultScope): boolean =>
  a.kind === b.kind &&
  (a.kind === 'lab' ||
    (a.kind === 'test' && b.kind === 'test' && a.name === b.name) ||
    (a.kind === 'student' && b.kind === 'student' && a.address.toLowerCase() === b.address.toLowerCase()));

const visibleTo = (rule: FaultScope, viewer: FaultScope | undefined) => !viewer || rule.kind === 'lab' || sameScope(rule, viewer);

/** Whether the session is one of the scope's (server/wire/faults.ts, FaultScope). */
function inScope(held: Held, facts: SessionFacts): boolean {
  const scope = held.rule.scope;
  switch (scope.kind) {
    case 'lab':
      return true;
    case 'test':
      // Before EHLO only a rule that names its client address can fire (checked when added).
      return facts.helo !== null ? facts.helo.toLowerCase() === scope.name.toLowerCase() : Boolean(held.rule.match.clientAddress);
    case 'student':
      if (facts.user !== null) return facts.user.toLowerCase() === scope.address.toLowerCase();
      // The student's inbox by the routing rules (a HELO name, a plus address), or the student's computer.
      if (facts.inbox !== undefined && facts.inbox !== SHARED_INBOX) return facts.inbox === scope.address.toLowerCase();
      return held.addedFrom !== undefined && held.addedFrom === facts.clientAddress;
  }
}

function matches(rule: FaultRule, facts: SessionFacts, stage: FaultStage): boolean {
  const m = rule.match;
  if (m.listener && m.listener !== facts.listener) return false;
  if (m.clientAddress && !patternMatches(m.clientAddress, facts.clientAddress)) return false;
  if (m.helo && !(facts.helo !== null && patternMatches(m.helo, facts.helo))) return false;
  if (m.user && !(facts.user !== null && patternMatches(m.user, facts.user))) return false;
  if (m.mailFrom && !(facts.mailFrom !== null && patternMatches(m.mailFrom, facts.mailFrom))) return false;
  if (m.rcptTo) {
    const candidates = stage === 'rcpt' && facts.rcpt !== undefined ? [facts.rcpt] : facts.rcptTo;
    if (!candidates.some((r) => patternMatches(m.rcptTo as string, r))) return false;
  }
  return true;
}

export function createFaultStore(options: FaultStoreOptions = {}): FaultStore {
  const now = options.now ?? Date.now;
  const rules = new Map<string, Held>();
  const fired: FaultFiring[] = [];
  const changed = () => options.onChanged?.();

  function drop(id: string): boolean {
    const held = rules.get(id);
    if (!held) return false;
    if (held.expiry) clearTimeout(held.expiry);
    rules.delete(id);
    return true;
  }

  function expired(held: Held, at: number): boolean {
    return held.rule.expiresAt !== null && Date.parse(held.rule.expiresAt) <= at;
  }

  /** Whether this attempt (already counted in `attempted`) fires. */
  function selects(held: Held, facts: SessionFacts, at: number): boolean {
    const { attempts, attempted } = held.rule;
    switch (attempts.kind) {
      case 'every':
        return true;
      case 'nth':
        return attempted === attempts.n;
      case 'first':
        return attempted <= attempts.n;
      case 'every-nth':
        return attempted % attempts.n === 0;
      case 'probability':
        return (held.random ? held.random() : Math.random()) * 100 < attempts.percent;
      case 'greylist': {
        const rcpts = facts.rcpt !== undefined ? [facts.rcpt] : facts.rcptTo;
        const triplet = `${facts.clientAddress}|${(facts.mailFrom ?? '').toLowerCase()}|${rcpts.map((r) => r.toLowerCase()).join(',')}`;
        if (held.passed.has(triplet)) return false;
        const first = held.triplets.get(triplet);
        if (first === undefined) {
          held.triplets.set(triplet, at);
          return true;
        }
        if (at - first >= attempts.retryAfterSeconds * 1000) {
          held.triplets.delete(triplet);
          held.passed.add(triplet);
          return false;
        }
        return true;
      }
    }
  }

  return {
    add(input, scope, addOptions = {}) {
      const checked = checkFaultRule(input, scope);
      if (!checked.ok) throw new FaultError('invalid_fault', checked.fields);
      const created = now();
      const id = `f-${randomBytes(5).toString('hex')}`;
      const { lifetime, attempts } = checked.rule;
      const rule: FaultRule = {
        id,
        ...checked.rule,
        preset: checked.rule.preset ?? addOptions.tag ?? null,
        scope,
        created: new Date(created).toISOString(),
        expiresAt: lifetime.seconds !== undefined ? new Date(created + lifetime.seconds * 1000).toISOString() : null,
        attempted: 0,
        fired: 0,
        lastFired: null,
      };
      const held: Held = {
        rule,
        addedFrom: addOptions.addedFrom,
        random: attempts.kind === 'probability' && attempts.seed !== null ? mulberry32(attempts.seed) : null,
        triplets: new Map(),
        passed: new Set(),
        expiry: undefined,
      };
      if (lifetime.seconds !== undefined) {
        held.expiry = setTimeout(() => {
          if (drop(id)) changed();
        }, lifetime.seconds * 1000);
        held.expiry.unref();
      }
      rules.set(id, held);
      changed();
      return { ...rule };
    },
    setEnabled(id, enabled) {
      const held = rules.get(id);
      if (!held) throw new FaultError('fault_not_found');
      held.rule.enabled = enabled;
      changed();
      return { ...held.rule };
    },
    remove(id) {
      const gone = drop(id);
      if (gone) changed();
      return gone;
    },
    clear(scope) {
      let count = 0;
      for (const [id, held] of [...rules]) if (!scope || sameScope(held.rule.scope, scope)) count += drop(id) ? 1 : 0;
      if (count > 0) changed();
      return count;
    },
    get(id) {
      const held = rules.get(id);
      return held ? { ...held.rule } : undefined;
    },
    list(scope) {
      const at = now();
      return [...rules.values()].filter((h) => !expired(h, at) && visibleTo(h.rule.scope, scope)).map((h) => ({ ...h.rule }));
    },
    firings(scope) {
      return fired.filter((f) => visibleTo(f.scope, scope)).map((f) => ({ ...f }));
    },
    isEmpty() {
      return rules.size === 0;
    },
    decide(stage, facts) {
      if (rules.size === 0) return undefined;
      const at = now();
      for (const held of rules.values()) {
        const { rule } = held;
        if (!rule.enabled || rule.stage !== stage || expired(held, at)) continue;
        if (!inScope(held, facts) || !matches(rule, facts, stage)) continue;
        rule.attempted++;
        if (!selects(held, facts, at)) continue;
        rule.fired++;
        rule.lastFired = new Date(at).toISOString();
        const fault: LineFault = { ruleId: rule.id, ruleName: rule.name, preset: rule.preset, stage, effect: rule.effect.kind };
        const effect = rule.effect;
        const firing: FaultFiring = {
          ...fault,
          reply: effect.kind === 'reply' ? `${effect.code}${effect.enhanced ? ` ${effect.enhanced}` : ''} ${effect.text}` : null,
          sessionId: facts.sessionId,
          listener: facts.listener,
          scope: rule.scope,
          at: rule.lastFired,
        };
        fired.unshift(firing);
        if (fired.length > MAX_FIRINGS) fired.length = MAX_FIRINGS;
        if (rule.lifetime.firings !== undefined && rule.fired >= rule.lifetime.firings) drop(rule.id);
        options.onFired?.(firing);
        changed();
        return { effect, fault };
      }
      return undefined;
    },
    relinkFirings(from, to) {
      for (const firing of fired) if (firing.sessionId === from) firing.sessionId = to;
    },
    close() {
      for (const id of [...rules.keys()]) drop(id);
    },
  };
}
