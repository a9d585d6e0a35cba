// Merging the live stream into what the page holds: dialogue lines by Seq (duplicates ignored,
// gaps noticed, a cap kept), session summaries by id and start time, new mail on top.
import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../server/wire/mailbox.js';
import type { DialogueLine, SessionSummary } from '../../server/wire/sessions.js';
import { mergeLines, prependMessages, upsertSessions } from '../../client/src/live/merge.js';

const lines = (from: number, to: number): DialogueLine[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ Seq: from + i, At: from + i, Dir: 'C', Text: `line ${from + i}` }));
const seqs = (list: DialogueLine[]) => list.map((l) => l.Seq);

describe('mergeLines', () => {
  it.each([
    ['appends what follows', lines(0, 2), lines(3, 4), [0, 1, 2, 3, 4], false],
    ['ignores what it has', lines(0, 4), lines(2, 4), [0, 1, 2, 3, 4], false],
    ['takes the new part of an overlap', lines(0, 3), lines(2, 6), [0, 1, 2, 3, 4, 5, 6], false],
    ['notices a gap and keeps what it had', lines(0, 2), lines(5, 6), [0, 1, 2], true],
    ['starts anywhere when empty (older lines dropped on the server)', [], lines(40, 42), [40, 41, 42], false],
  ] as const)('%s', (_name, have, incoming, expected, gap) => {
    const merged = mergeLines(have, incoming, 100);
    expect(seqs(merged.lines)).toEqual(expected);
    expect(merged.gap).toBe(gap);
  });

  it('keeps at most the cap (trimming in steps), counting what it dropped', () => {
    const merged = mergeLines(lines(0, 99), lines(100, 130), 100);
    expect(merged.lines).toHaveLength(100);
    expect(merged.lines[0]!.Seq).toBe(31);
    expect(merged.dropped).toBe(31);
    expect(mergeLines(lines(0, 99), lines(100, 110), 100).dropped).toBe(0);
  });
});

function session(ID: string, Started: string, extra: Partial<SessionSummary> = {}): SessionSummary {
  return {
    ID,
    ClientAddress: '127.0.0.1',
    ClientPort: 1,
    Listener: { Name: 'smtp', Port: 1025, Security: 'none', Profile: 'open' },
    Helo: null,
    Tls: null,
    User: null,
    Inbox: 'shared',
    InboxRule: 'shared',
    Started,
    Ended: null,
    State: 'open',
    MessageCount: 0,
    ErrorCount: 0,
    LineCount: 1,
    ...extra,
  };
}

describe('upsertSessions', () => {
  const list = [session('c', '2026-01-01T00:00:03.000Z'), session('a', '2026-01-01T00:00:01.000Z')];

  it('puts a new session in start order, newest first', () => {
    const next = upsertSessions(list, [session('d', '2026-01-01T00:00:04.000Z'), session('b', '2026-01-01T00:00:02.000Z')], 10);
    expect(next.map((s) => s.ID)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('updates in place, and ignores a summary older than the one it has', () => {
    const newer = upsertSessions(list, [session('a', '2026-01-01T00:00:01.000Z', { LineCount: 5, State: 'closed' })], 10);
    expect(newer[1]).toMatchObject({ ID: 'a', LineCount: 5, State: 'closed' });
    expect(upsertSessions(newer, [session('a', '2026-01-01T00:00:01.000Z', { LineCount: 3 })], 10)).toBe(newer);
  });

  it('keeps the newest `limit`', () => {
    const next = upsertSessions(list, [session('z', '2025-12-31T00:00:00.000Z')], 2);
    expect(next.map((s) => s.ID)).toEqual(['c', 'a']);
  });
});

describe('prependMessages', () => {
  const mail = (ID: string) => ({ ID }) as MessageSummary;

  it('puts new mail on top in arrival order (newest first), skipping ones it has', () => {
    const next = prependMessages([mail('a')], [mail('b'), mail('a'), mail('c')], 10);
    expect(next.map((m) => m.ID)).toEqual(['c', 'b', 'a']);
  });

  it('keeps the newest `limit`', () => {
    expect(prependMessages([mail('a'), mail('b')], [mail('c')], 2).map((m) => m.ID)).toEqual(['c', 'a']);
  });
});
