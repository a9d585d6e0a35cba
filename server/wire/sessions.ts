// The SMTP session record as the API and the live events carry it. No Node imports: the browser
// client imports this file too.
import type { LineFault } from './faults.js';
import type { InboxRule } from './inboxes.js';

export type SessionState = 'open' | 'closed' | 'aborted' | 'timed-out';

export type ListenerSecurity = 'none' | 'starttls' | 'implicit-tls';

export interface ListenerInfo {
  Name: string;
  Port: number;
  Security: ListenerSecurity;
  Profile: string;
}

export interface TlsInfo {
  Protocol: string;
  Cipher: string;
}

/**
 * One unit of the dialogue. `C` is a line the client sent (AUTH secrets masked), `S` a reply the
 * server sent (a multi-line reply is one entry, its lines joined with "\n"), `E` something that
 * happened on the connection without a line of text (connected, TLS established, closed).
 * The message body is not here line by line: one `C` entry with Command `DATA-BODY` gives its size
 * and the id of the mail it became.
 */
export interface DialogueLine {
  /** Position in the session, from 0, without gaps: a live subscriber uses it to merge. */
  Seq: number;
  /** Milliseconds since the Unix epoch. */
  At: number;
  Dir: 'C' | 'S' | 'E';
  Text: string;
  /**
   * Client lines: the command verb, upper-cased (EHLO, MAIL, RCPT, DATA, DATA-BODY, AUTH, ...);
   * `TLS-HANDSHAKE` for the binary start of a TLS handshake sent where plain SMTP was expected.
   */
  Command?: string;
  /** Server replies: the reply code and the RFC 3463 enhanced status code when there is one. */
  Code?: number;
  Enhanced?: string;
  /** True when a secret was replaced on this line. */
  Masked?: boolean;
  /** DATA-BODY and TLS-HANDSHAKE: bytes received; DATA-BODY: the stored mail's id (absent when refused). */
  Bytes?: number;
  MessageID?: string;
  /** E lines: what happened. */
  Event?: SessionEventKind;
  /** The lab injected this reply (S) or this event (E, Event `fault`): the fault rule that made it. */
  Fault?: LineFault;
}

/** `tls-failed`: a handshake on the implicit-TLS port that failed before SMTP began (the reason in the text). */
/** `fault`: a fault rule acted without a reply of its own (a delay, a dropped connection, a throttle, a broken handshake). */
export type SessionEventKind = 'connected' | 'tls' | 'tls-failed' | 'closed' | 'aborted' | 'timed-out' | 'data-incomplete' | 'fault';

export interface SessionTransaction {
  MailFrom: string;
  RcptTo: string[];
  /** The stored mail, once DATA was answered 250. */
  MessageID?: string;
  Size?: number;
}

export interface SessionSummary {
  ID: string;
  ClientAddress: string;
  ClientPort: number;
  Listener: ListenerInfo;
  Helo: string | null;
  Tls: TlsInfo | null;
  /** The authenticated user name; never the secret. */
  User: string | null;
  /** The inbox the session belongs to, and the rule that put it there (server/inboxes/inbox-routing.ts). */
  Inbox: string;
  InboxRule: InboxRule;
  Started: string;
  Ended: string | null;
  State: SessionState;
  /** Mails the session delivered (their ids are in the full record). */
  MessageCount: number;
  /** Replies with a 4xx or 5xx code. */
  ErrorCount: number;
  /** Lines a fault rule of the lab injected (replies and events); absent in records older than fault rules. */
  FaultCount?: number;
  /** Lines so far; the next line gets this Seq. */
  LineCount: number;
}

export interface SessionRecord extends SessionSummary {
  /** The mails the session delivered, in order. Only in the full record: the summary that every
   * live frame carries stays small however many mails a long session sends. */
  MessageIDs: string[];
  Transactions: SessionTransaction[];
  Lines: DialogueLine[];
  /** Oldest lines dropped when a long-lived session went over its line or byte budget. */
  DroppedLines: number;
  /** What those dropped lines were, most frequent first ("11,900 NOOP lines not kept"). */
  DroppedKinds?: DroppedKind[];
}

/** A kind of dropped line: a client command (`C`, by verb), a reply (`S`, by code), an event (`E`). */
export interface DroppedKind {
  Dir: 'C' | 'S' | 'E';
  Key: string;
  Count: number;
}

export interface SessionsList {
  total: number;
  start: number;
  count: number;
  sessions: SessionSummary[];
}

/** The summary of a record: what the list and every live frame carry. */
export function toSummary(record: Readonly<SessionRecord>): SessionSummary {
  return {
    ID: record.ID,
    ClientAddress: record.ClientAddress,
    ClientPort: record.ClientPort,
    Listener: record.Listener,
    Helo: record.Helo,
    Tls: record.Tls,
    User: record.User,
    Inbox: record.Inbox,
    InboxRule: record.InboxRule,
    Started: record.Started,
    Ended: record.Ended,
    State: record.State,
    MessageCount: record.MessageCount,
    ErrorCount: record.ErrorCount,
    ...(record.FaultCount ? { FaultCount: record.FaultCount } : {}),
    LineCount: record.LineCount,
  };
}
