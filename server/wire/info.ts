// GET /api/v1/info: Mailpit's fields (PascalCase, as Mailpit names them) and smtp-lab's own
// under `Lab`. server/http/routes/health-routes.ts answers it; the browser reads it. Types only.
import type { ListenerInfo } from './sessions.js';

export interface ListenerConnections {
  Name: string;
  Accepted: number;
  /** Gone before the session could start (e.g. a reset right after the TLS handshake). */
  DeadOnArrival: number;
  ClientResets: number;
  TlsFailures: number;
}

export interface TranscriptInfo {
  /** Estimated bytes of dialogue kept, and the budgets. */
  Bytes: number;
  MaxBytes: number;
  MaxSessionBytes: number;
  SessionsDropped: number;
  LinesDropped: number;
}

export interface LabInfo {
  Listeners: ListenerInfo[];
  Connections: ListenerConnections[];
  MaxMessages: number;
  MailboxBytes: number;
  MaxMailboxBytes: number;
  MessagesDropped: number;
  Sessions: number;
  OpenSessions: number;
  Transcript: TranscriptInfo;
  Subscribers: number;
  /** A class: each student sees only their own inbox, and accounts come from the instructor. */
  ClassMode: boolean;
}

export interface InfoResponse {
  Version: string;
  LatestVersion: string;
  Database: string;
  DatabaseSize: number;
  Messages: number;
  Unread: number;
  Tags: Record<string, number>;
  RuntimeStats: {
    Uptime: number;
    Memory: number;
    MessagesDeleted: number;
    SMTPAccepted: number;
    SMTPAcceptedSize: number;
    SMTPRejected: number;
    SMTPIgnored: number;
  };
  Lab: LabInfo;
}
