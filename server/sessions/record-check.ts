// What a session record read back from disk must look like before the store takes it: every
// field the API, the live hub and the browser read, with its type. A record of another shape
// (damage, a hand edit, a file of another version) is reported and skipped, never half-used.
import { shape } from '../common/journal.js';

const STATES = new Set(['open', 'closed', 'aborted', 'timed-out']);
const DIRS = new Set(['C', 'S', 'E']);

const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function lineProblem(line: unknown, index: number): string | undefined {
  if (!shape.object(line)) return `Lines[${index}] is not an object`;
  if (!isCount(line.Seq) || typeof line.At !== 'number') return `Lines[${index}] has no Seq or At`;
  if (typeof line.Dir !== 'string' || !DIRS.has(line.Dir)) return `Lines[${index}].Dir is not C, S or E`;
  if (typeof line.Text !== 'string') return `Lines[${index}].Text is not text`;
  return undefined;
}

/** Why `value` is not a session record, or undefined when it is one. */
export function sessionRecordProblem(value: unknown): string | undefined {
  if (!shape.object(value)) return 'not a session record (an object was expected)';
  if (typeof value.ID !== 'string' || value.ID === '') return 'a session record without an ID';
  if (typeof value.Started !== 'string' || Number.isNaN(Date.parse(value.Started))) return `session ${value.ID}: Started is not a time`;
  if (typeof value.State !== 'string' || !STATES.has(value.State)) return `session ${value.ID}: State is not one of ${[...STATES].join(', ')}`;
  const listener = value.Listener;
  if (!shape.object(listener) || typeof listener.Name !== 'string' || typeof listener.Port !== 'number') {
    return `session ${value.ID}: Listener is not a listener`;
  }
  if (typeof value.ClientAddress !== 'string' || typeof value.ClientPort !== 'number') return `session ${value.ID}: no client address`;
  if (!isStringOrNull(value.Helo) || !isStringOrNull(value.User) || !isStringOrNull(value.Ended)) {
    return `session ${value.ID}: Helo, User or Ended is not text`;
  }
  if (value.Tls !== null && !(shape.object(value.Tls) && typeof value.Tls.Protocol === 'string')) return `session ${value.ID}: Tls is not TLS details`;
  if (!isCount(value.ErrorCount) || !isCount(value.LineCount) || !isCount(value.DroppedLines) || (value.FaultCount !== undefined && !isCount(value.FaultCount)))
    return `session ${value.ID}: a count is not a whole number`;
  if (value.MessageIDs !== undefined && !shape.strings(value.MessageIDs)) return `session ${value.ID}: MessageIDs is not a list of ids`;
  if (!Array.isArray(value.Transactions)) return `session ${value.ID}: Transactions is not a list`;
  for (const t of value.Transactions) {
    if (!shape.object(t) || typeof t.MailFrom !== 'string' || !shape.strings(t.RcptTo)) return `session ${value.ID}: a transaction is damaged`;
  }
  if (!Array.isArray(value.Lines)) return `session ${value.ID}: Lines is not a list`;
  for (let i = 0; i < value.Lines.length; i++) {
    const problem = lineProblem(value.Lines[i], i);
    if (problem) return `session ${value.ID}: ${problem}`;
  }
  return undefined;
}
