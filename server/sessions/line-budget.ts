// What a session's dialogue costs in memory, and how a long one is cut down. Every kept line is
// charged an estimate of its size (the object and its text); a session over its budget — lines
// or bytes — loses its oldest lines, which are not forgotten but counted by kind, so that a
// session that pipelined 12,000 NOOPs still says "12,000 NOOP lines, 11,900 not kept".
import type { DialogueLine, DroppedKind, SessionRecord } from '../wire/sessions.js';

/** A line object with its fields and its share of the array, measured on V8 (Node 20). */
const LINE_OVERHEAD = 112;

export function lineCost(line: DialogueLine): number {
  return LINE_OVERHEAD + line.Text.length + (line.Command?.length ?? 0) + (line.Enhanced?.length ?? 0);
}

export interface LineLimits {
  maxLines: number;
  maxBytes: number;
}

function kindOf(line: DialogueLine): { Dir: DialogueLine['Dir']; Key: string } {
  if (line.Dir === 'C') return { Dir: 'C', Key: line.Command || '(blank)' };
  if (line.Dir === 'S') return { Dir: 'S', Key: line.Code !== undefined ? String(line.Code) : '(no code)' };
  return { Dir: 'E', Key: line.Event ?? 'event' };
}

/** Counts a dropped line in the record's summary of what was not kept, most frequent first. */
function countDropped(record: SessionRecord, line: DialogueLine): void {
  const kind = kindOf(line);
  const summary: DroppedKind[] = (record.DroppedKinds ??= []);
  const found = summary.find((k) => k.Dir === kind.Dir && k.Key === kind.Key);
  if (found) found.Count++;
  else summary.push({ ...kind, Count: 1 });
}

/**
 * Drops the record's oldest lines until it is within `target` lines and bytes. Returns the bytes
 * freed. Drops in one splice, so a chatty session is trimmed in steps, not on every line.
 */
export function dropOldestLines(record: SessionRecord, bytes: number, target: LineLimits): number {
  let drop = 0;
  let freed = 0;
  let remaining = bytes;
  while (drop < record.Lines.length && (record.Lines.length - drop > target.maxLines || remaining > target.maxBytes)) {
    const line = record.Lines[drop] as DialogueLine;
    const cost = lineCost(line);
    freed += cost;
    remaining -= cost;
    countDropped(record, line);
    drop++;
  }
  if (drop === 0) return 0;
  record.Lines.splice(0, drop);
  record.DroppedLines += drop;
  record.DroppedKinds?.sort((a, b) => b.Count - a.Count);
  return freed;
}

/** The record's line bytes, for one loaded from disk. */
export function recordCost(record: SessionRecord): number {
  let total = 0;
  for (const line of record.Lines) total += lineCost(line);
  return total;
}
