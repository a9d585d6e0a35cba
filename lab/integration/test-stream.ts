// The test e-mail as it happens (POST /api/lab/integration/test with Accept:
// application/x-ndjson): one JSON object a line — each attempt's start, the client's lines of its
// dialogue, the lab's session id as soon as the server has it, the attempt's end (its reply, its
// explanation, and when the next attempt comes: the Lab page counts down to it), then the result.
// The route writes these; the Lab page reads them. Types only.
import type { DeliveryResult, LoggedAttempt, RecipientOutcome } from '../sender/delivery-types.js';

export type TestStreamEvent =
  | { type: 'attempt-start'; attempt: number; of: number; at: number }
  | { type: 'client'; line: string; attempt: number }
  | { type: 'session'; sessionId: string; attempt: number }
  | { type: 'attempt'; attempt: LoggedAttempt; recipients: RecipientOutcome[] }
  | { type: 'result'; result: DeliveryResult };

export const TEST_STREAM_TYPE = 'application/x-ndjson';
