// The test e-mail as it happens (POST /api/lab/integration/test with Accept:
// application/x-ndjson): one JSON object a line — the client's lines of the dialogue, the lab's
// session id as soon as the server has it, then the result. The route writes these; the Lab page
// reads them. Types only.
import type { TestResult } from './integration-types.js';

export type TestStreamEvent = { type: 'client'; line: string } | { type: 'session'; sessionId: string } | { type: 'result'; result: TestResult };

export const TEST_STREAM_TYPE = 'application/x-ndjson';
