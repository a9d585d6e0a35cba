// The fault rules the signed-in student sees (their own and the lab-wide ones) and the newest
// firings, fed by the live stream: a `fault` frame adds a firing and counts it on its rule at
// once; `faults-changed` (a rule added, switched, removed or run out, here or from the CLI)
// fetches the list again. The sign-in is the page's one lab account (the Lab tab's store): the
// list is fetched when it signs in and forgotten when it signs out.
import type { LiveEvent } from '../../../lab/live-events.js';
import type { FaultFiring, FaultRule, FaultRuleInput, FaultScope } from '../../../server/wire/faults.js';
import { ApiError } from '../api/api-error.js';
import type { Bilingual } from '../i18n/bilingual.js';
import type { AuthState } from '../lab/lab-store.js';
import { createState, type Observable } from '../ui/observable.js';
import type { FaultsApi } from './faults-api.js';

/** As many as GET /api/lab/faults gives. */
export const MAX_FIRINGS = 200;

export interface FaultsState {
  status: 'signed-out' | 'loading' | 'ready' | 'error';
  error: Bilingual | undefined;
  /** The student's own first, then the lab-wide ones; each in the order they were made. */
  rules: readonly FaultRule[];
  /** Newest first. */
  firings: readonly FaultFiring[];
}

export interface FaultsAccount {
  auth: Observable<AuthState>;
  /** A call got 401: the server forgot the sign-in. */
  signedOutElsewhere(): void;
}

export interface FaultsStore {
  state: Observable<FaultsState>;
  /** Fetches the list again when signed in; never rejects (the error is kept in the state). */
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
  add(input: FaultRuleInput): Promise<FaultRule>;
  setEnabled(id: string, enabled: boolean): Promise<FaultRule>;
  /** A preset's switch: on makes (or switches back on) the student's rule of it; off switches theirs off. */
  setPreset(presetId: string, on: boolean): Promise<void>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
}

export const isOwn = (rule: FaultRule): boolean => rule.scope.kind === 'student';

/** A firing has no id of its own: the rule, the session, the stage and the time tell it apart. */
export const firingKey = (f: FaultFiring): string => `${f.ruleId}|${f.sessionId}|${f.stage}|${f.at}`;

function sortRules(rules: readonly FaultRule[]): FaultRule[] {
  return [...rules].sort((a, b) => Number(isOwn(b)) - Number(isOwn(a)) || a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
}

/** Whether a firing belongs to this student's view: a lab-wide rule's, or one of their own rules'. */
export function firingVisible(scope: FaultScope, address: string | undefined): boolean {
  if (scope.kind === 'lab') return true;
  return scope.kind === 'student' && address !== undefined && scope.address.toLowerCase() === address.toLowerCase();
}

/** The list with these firings in it, newest first, each once; each new one counted on its rule. */
export function withFirings(
  state: Pick<FaultsState, 'rules' | 'firings'>,
  firings: readonly FaultFiring[],
  max = MAX_FIRINGS,
): Pick<FaultsState, 'rules' | 'firings'> {
  const known = new Set(state.firings.map(firingKey));
  const fresh = firings.filter((f) => {
    const key = firingKey(f);
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
  if (fresh.length === 0) return state;
  const rules = state.rules.map((rule) => {
    const own = fresh.filter((f) => f.ruleId === rule.id);
    if (own.length === 0) return rule;
    const last = own.reduce((a, f) => (f.at > a ? f.at : a), rule.lastFired ?? '');
    return { ...rule, fired: rule.fired + own.length, lastFired: last };
  });
  const list = [...fresh, ...state.firings].sort((a, b) => b.at.localeCompare(a.at)).slice(0, max);
  return { rules, firings: list };
}

/**
 * The fetched list, keeping what the stream brought while it was on its way: firings newer
 * than the newest fetched, and counts that only grow.
 */
export function mergeFetched(
  fetched: Pick<FaultsState, 'rules' | 'firings'>,
  kept: Pick<FaultsState, 'rules' | 'firings'>,
): Pick<FaultsState, 'rules' | 'firings'> {
  const newest = fetched.firings[0]?.at ?? '';
  const known = new Set(fetched.firings.map(firingKey));
  const later = kept.firings.filter((f) => f.at > newest && !known.has(firingKey(f)));
  const before = new Map(kept.rules.map((r) => [r.id, r]));
  const rules = sortRules(
    fetched.rules.map((rule) => {
      const old = before.get(rule.id);
      if (!old || old.fired <= rule.fired) return rule;
      return { ...rule, fired: old.fired, lastFired: old.lastFired };
    }),
  );
  return { rules, firings: [...later, ...fetched.firings].slice(0, MAX_FIRINGS) };
}

function textOf(err: unknown): Bilingual {
  if (err instanceof ApiError) return err.bilingual();
  const message = err instanceof Error ? err.message : String(err);
  return { ru: message, en: message };
}

export function createFaultsStore(api: FaultsApi, account: FaultsAccount): FaultsStore {
  const empty: FaultsState = { status: 'signed-out', error: undefined, rules: [], firings: [] };
  const state = createState<FaultsState>(empty);
  // One fetch at a time; a change announced during one is fetched again after it.
  let fetching: Promise<void> | undefined;
  let again = false;

  const address = (): string | undefined => {
    const auth = account.auth.get();
    return auth.status === 'signed-in' ? auth.account.address : undefined;
  };

  async function guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) account.signedOutElsewhere();
      throw err;
    }
  }

  async function fetchOnce(): Promise<void> {
    const who = address();
    if (!who) return;
    try {
      const list = await guard(api.list());
      if (address() !== who) return;
      state.update((s) => ({ ...s, status: 'ready', error: undefined, ...mergeFetched({ rules: list.rules, firings: list.firings }, s) }));
    } catch (err) {
      if (address() !== who) return;
      state.update((s) => ({ ...s, status: s.status === 'ready' ? 'ready' : 'error', error: textOf(err) }));
    }
  }

  function refetch(): Promise<void> {
    if (fetching) {
      again = true;
      return fetching;
    }
    fetching = (async () => {
      do {
        again = false;
        await fetchOnce();
      } while (again);
    })().finally(() => {
      fetching = undefined;
    });
    return fetching;
  }

  const upsert = (rule: FaultRule) => state.update((s) => ({ ...s, rules: sortRules([...s.rules.filter((r) => r.id !== rule.id), rule]) }));

  // The account's record changes too (a new app password): only another address starts over.
  let shownFor = address();
  account.auth.subscribe((auth) => {
    const who = auth.status === 'signed-in' ? auth.account.address : undefined;
    if (who === shownFor || auth.status === 'unknown') return;
    shownFor = who;
    state.set(who ? { ...empty, status: 'loading' } : empty);
    if (who) void refetch();
  });
  if (shownFor) state.set({ ...empty, status: 'loading' });

  return {
    state,
    resync: () => (address() ? refetch() : Promise.resolve()),
    apply(events) {
      const who = address();
      if (!who) return;
      const firings: FaultFiring[] = [];
      let changed = false;
      for (const event of events) {
        switch (event.Type) {
          case 'fault':
            if (firingVisible(event.Data.scope, who)) firings.push(event.Data);
            break;
          case 'faults-changed':
            changed = true;
            break;
        }
      }
      if (firings.length > 0) {
        const s = state.get();
        const next = withFirings(s, firings);
        if (next !== s) state.set({ ...s, ...next });
      }
      if (changed) void refetch();
    },
    async add(input) {
      const rule = await guard(api.add(input));
      upsert(rule);
      return rule;
    },
    async setEnabled(id, enabled) {
      const rule = await guard(api.setEnabled(id, enabled));
      upsert(rule);
      return rule;
    },
    async setPreset(presetId, on) {
      const mine = state.get().rules.filter((r) => isOwn(r) && r.preset === presetId);
      if (on) {
        if (mine.some((r) => r.enabled)) return;
        const off = mine[0];
        upsert(off ? await guard(api.setEnabled(off.id, true)) : await guard(api.add({ preset: presetId })));
        return;
      }
      for (const rule of mine.filter((r) => r.enabled)) upsert(await guard(api.setEnabled(rule.id, false)));
    },
    async remove(id) {
      await guard(api.remove(id));
      state.update((s) => ({ ...s, rules: s.rules.filter((r) => r.id !== id) }));
    },
    async clear() {
      await guard(api.clear());
      state.update((s) => ({ ...s, rules: s.rules.filter((r) => !isOwn(r)) }));
    },
  };
}
