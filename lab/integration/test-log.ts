// The test e-mails each account sent (the Lab tab's and send-test), newest kept: what the
// scenarios check ("a test e-mail that failed with 534 and later succeeded") without trusting
// anything the student says. Bounded per account; memory only — a test is a moment, and the
// scenario that needs it runs in the same server.
import type { DeliveryResult } from '../sender/delivery-types.js';
/** A test e-mail as the integration feature logged it . */
export interface TestEmailRecord {
  id: string;
  at: number;
  outcome: 'sent' | 'failed' | 'partial';
  /** Each attempt's reply code (null: none, e.g. a refused connection) and whether a fault rule injected it. */
  attempts: { code: number | null; injected: boolean }[];
  /** The lab sessions of its attempts. */
  sessionIds: string[];
}

const PER_ACCOUNT = 200;

export interface TestLog {
  add(owner: string, record: Omit<TestEmailRecord, 'id'>): TestEmailRecord;
  list(owner: string): readonly TestEmailRecord[];
  /** Every account's, oldest first. */
  all(): readonly TestEmailRecord[];
  onRecord(listener: (owner: string, record: TestEmailRecord) => void): () => void;
}

export function createTestLog(): TestLog {
  const byOwner = new Map<string, TestEmailRecord[]>();
  const listeners = new Set<(owner: string, record: TestEmailRecord) => void>();
  let next = 1;
  return {
    add(owner, record) {
      const kept: TestEmailRecord = { id: `test-${next++}`, ...record };
      const list = byOwner.get(owner.toLowerCase()) ?? [];
      list.push(kept);
      if (list.length > PER_ACCOUNT) list.splice(0, list.length - PER_ACCOUNT);
      byOwner.set(owner.toLowerCase(), list);
      for (const listener of listeners) listener(owner, kept);
      return kept;
    },
    list: (owner) => byOwner.get(owner.toLowerCase()) ?? [],
    all: () => [...byOwner.values()].flat().sort((a, b) => a.at - b.at),
    onRecord(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What the test log keeps of a delivery (the test e-mail's answer). */
export function testRecordOf(result: DeliveryResult, at: number): Omit<TestEmailRecord, 'id'> {
  const codeOf = (reply: string | null) => (reply && /^\d{3}/.test(reply) ? Number(reply.slice(0, 3)) : null);
  return {
    at,
    outcome: !result.ok ? 'failed' : result.partial ? 'partial' : 'sent',
    attempts: result.attempts.map((a) => ({ code: codeOf(a.reply), injected: a.injected.length > 0 })),
    sessionIds: result.attempts.map((a) => a.sessionId).filter((id): id is string => typeof id === 'string'),
  };
}

/** The CLI's record as it reaches the lab (POST /api/lab/admin/test-log): checked, since it comes over HTTP. */
export function readTestRecord(body: Record<string, unknown>): { owner: string; record: Omit<TestEmailRecord, 'id'> } | undefined {
  const record = body.record as Record<string, unknown> | undefined;
  if (typeof body.owner !== 'string' || !record || !['sent', 'failed', 'partial'].includes(record.outcome as string) || !Array.isArray(record.attempts))
    return undefined;
  const attempts = (record.attempts as unknown[]).slice(0, 20).map((a) => {
    const o = (a ?? {}) as Record<string, unknown>;
    return { code: typeof o.code === 'number' ? o.code : null, injected: o.injected === true };
  });
  const sessionIds = Array.isArray(record.sessionIds) ? (record.sessionIds as unknown[]).filter((x): x is string => typeof x === 'string').slice(0, 20) : [];
  return { owner: body.owner, record: { at: Date.now(), outcome: record.outcome as TestEmailRecord['outcome'], attempts, sessionIds } };
}
