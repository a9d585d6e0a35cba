// The fault rules as a test author uses them in process (`lab.faults`): add a rule, get a handle
// whose remove() the test calls when it ends; or open a scope of one's own, whose rules fire only
// on sessions that say EHLO with the scope's name, so that parallel tests on one server never see
// each other's faults.
import { randomBytes } from 'node:crypto';
import type { FaultFiring, FaultRule, FaultRuleInput, FaultScope } from '../wire/faults.js';
import type { FaultStore } from './fault-store.js';

export interface FaultHandle {
  readonly id: string;
  /** The rule as it is now (its counts), or undefined once removed or run out. */
  rule(): FaultRule | undefined;
  /** This rule's firings, newest first. */
  firings(): FaultFiring[];
  remove(): void;
}

export interface FaultScopeHandle {
  /** The EHLO name the scope's sessions give: nodemailer's `name` option. */
  readonly name: string;
  /** Throws a FaultError (its message names each wrong field) for a rule that makes no sense. */
  add(input: FaultRuleInput): FaultHandle;
  list(): FaultRule[];
  firings(): FaultFiring[];
  /** Removes the scope's rules (a test's afterEach). */
  clear(): void;
}

export interface LabFaults extends FaultScopeHandle {
  /** A scope of one test run; a fresh name unless given. */
  scope(name?: string): FaultScopeHandle;
  remove(id: string): boolean;
}

function handleOf(store: FaultStore, rule: FaultRule): FaultHandle {
  return {
    id: rule.id,
    rule: () => store.get(rule.id),
    firings: () => store.firings().filter((f) => f.ruleId === rule.id),
    remove: () => void store.remove(rule.id),
  };
}

function scopeHandle(store: FaultStore, scope: FaultScope, name: string): FaultScopeHandle {
  const own = (r: { scope: FaultScope }) => JSON.stringify(r.scope) === JSON.stringify(scope);
  return {
    name,
    add: (input) => handleOf(store, store.add(input, scope)),
    list: () => store.list().filter(own),
    firings: () => store.firings().filter(own),
    clear: () => void store.clear(scope),
  };
}

export function createLabFaults(store: FaultStore): LabFaults {
  return {
    ...scopeHandle(store, { kind: 'lab' }, ''),
    // The lab-wide handle sees and clears every rule, as the admin does.
    list: () => store.list(),
    firings: () => store.firings(),
    clear: () => void store.clear(),
    scope(name = `test-${randomBytes(4).toString('hex')}`) {
      return scopeHandle(store, { kind: 'test', name }, name);
    },
    remove: (id) => store.remove(id),
  };
}
