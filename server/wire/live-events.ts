// The one union of live events, for the server (server/live/event-hub.ts) and the browser client.
// Every WebSocket frame on /api/events is `{ Type, Data }`. The first six are Mailpit's frames,
// unchanged (../shared/reference/mailpit-api.md); the rest are smtp-lab's. Types only.
import type { FaultFiring } from './faults.js';
import type { MailboxStats, MessageSummary } from './mailbox.js';
import type { DialogueLine, SessionSummary } from './sessions.js';

export interface SmtpErrorNotice {
  Level: 'warning' | 'error';
  Type: 'smtpd';
  IP: string;
  Message: string;
}

/**
 * What happened to one session since the previous frame about it: its summary as it is now and
 * the dialogue lines that followed (Seq ascending, continuing the previous frame's). Lines are
 * coalesced, so a session yields at most one frame per flush interval.
 */
export interface SessionDelta {
  Summary: SessionSummary;
  Lines: DialogueLine[];
}

/** The engine's frames; the lab's features add theirs (lab/live-events.ts: the one LiveEvent union). */
export type EngineEvent =
  | { Type: 'new'; Data: MessageSummary }
  | { Type: 'update'; Data: { ID: string; Read: boolean } }
  | { Type: 'delete'; Data: { ID: string } }
  | { Type: 'truncate'; Data: null }
  | { Type: 'stats'; Data: MailboxStats }
  | { Type: 'error'; Data: SmtpErrorNotice }
  | { Type: 'session'; Data: SessionDelta }
  | { Type: 'sessions-cleared'; Data: null }
  /** A fault rule fired (server/faults): which, where, the reply it made. */
  | { Type: 'fault'; Data: FaultFiring }
  /** Fault rules were added, switched, removed or ran out: fetch /api/lab/faults again. */
  | { Type: 'faults-changed'; Data: null };

export type EngineEventType = EngineEvent['Type'];

/**
 * How much of the session stream a subscriber wants, chosen with `?sessions=` on the upgrade
 * URL: `lines` (default) every session's summary and lines; `summary` summaries only, plus the
 * lines of the sessions it follows; `none` Mailpit's frames only.
 */
export type SessionDetail = 'lines' | 'summary' | 'none';

/** Messages a subscriber may send: follow the lines of some sessions (with `sessions=summary`). */
export interface SubscriberCommand {
  Follow?: string[];
}

/** Close codes the hub uses; a client that gets one fetches state again and reconnects. */
export const CLOSE_SLOW_CONSUMER = 4008;
export const CLOSE_SERVER_SHUTDOWN = 1001;
