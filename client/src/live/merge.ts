// Merging what the live stream brings into what the page already holds: dialogue lines by Seq
// (ignore what we have, notice a gap), session summaries by id (newest first, by start time),
// with a cap on how much is kept.
import type { MessageSummary } from '../../../server/wire/mailbox.js';
import type { DialogueLine, SessionSummary } from '../../../server/wire/sessions.js';

export interface LineMerge {
  lines: DialogueLine[];
  /** Lines were missed between what we had and what came: fetch the session again. */
  gap: boolean;
  /** Oldest lines dropped now to stay within the cap. */
  dropped: number;
}

/** `incoming` is in Seq order (one frame, or a fetched record). Trims in steps of a quarter. */
export function mergeLines(have: readonly DialogueLine[], incoming: readonly DialogueLine[], cap: number): LineMerge {
  const last = have.at(-1)?.Seq ?? -1;
  const fresh = have.length === 0 ? [...incoming] : incoming.filter((line) => line.Seq > last);
  if (fresh.length === 0) return { lines: have as DialogueLine[], gap: false, dropped: 0 };
  if (have.length > 0 && fresh[0]!.Seq !== last + 1) return { lines: have as DialogueLine[], gap: true, dropped: 0 };
  const lines = have.length === 0 ? fresh : [...have, ...fresh];
  if (lines.length <= cap + Math.ceil(cap / 4)) return { lines, gap: false, dropped: 0 };
  const dropped = lines.length - cap;
  return { lines: lines.slice(dropped), gap: false, dropped };
}

function newerOrSame(a: SessionSummary, b: SessionSummary): boolean {
  if (a.LineCount !== b.LineCount) return a.LineCount > b.LineCount;
  return a.State !== 'open' || b.State === 'open';
}

/**
 * Updates and inserts session summaries, newest start first, keeping at most `limit`. A summary
 * older than everything kept, when the list is full, belongs beyond the cap and is left out.
 */
export function upsertSessions(list: readonly SessionSummary[], updates: Iterable<SessionSummary>, limit: number): SessionSummary[] {
  const byId = new Map(list.map((s, i) => [s.ID, i]));
  let next: SessionSummary[] | undefined;
  const inserts: SessionSummary[] = [];
  for (const summary of updates) {
    const index = byId.get(summary.ID);
    if (index === undefined) {
      inserts.push(summary);
      continue;
    }
    const current = (next ?? list)[index]!;
    if (!newerOrSame(summary, current)) continue;
    next ??= [...list];
    next[index] = summary;
  }
  if (inserts.length === 0) return next ?? (list as SessionSummary[]);
  const merged = [...(next ?? list), ...inserts];
  // ISO 8601 timestamps of one server sort as text; ties keep arrival order.
  merged.sort((a, b) => (a.Started < b.Started ? 1 : a.Started > b.Started ? -1 : 0));
  return merged.length > limit ? merged.slice(0, limit) : merged;
}

/** New mails go on top (newest first); duplicates (already fetched) are skipped. */
export function prependMessages(list: readonly MessageSummary[], added: readonly MessageSummary[], limit: number): MessageSummary[] {
  if (added.length === 0) return list as MessageSummary[];
  const known = new Set(list.map((m) => m.ID));
  const fresh: MessageSummary[] = [];
  for (let i = added.length - 1; i >= 0; i--) {
    const message = added[i]!;
    if (known.has(message.ID)) continue;
    known.add(message.ID);
    fresh.push(message);
  }
  if (fresh.length === 0) return list as MessageSummary[];
  const merged = [...fresh, ...list];
  return merged.length > limit ? merged.slice(0, limit) : merged;
}
