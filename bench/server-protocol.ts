// What the bench parent and a server child (bench/server-child.ts) say to each other over the
// IPC channel of child_process.fork. Each server runs in its own process so that its resident
// memory and CPU time are its own, not the load generator's or the subscriber's.

export type ServerSpec =
  | { kind: 'bare' }
  /** `greetingDelayMs` absent: the lab's default. */
  | { kind: 'lab'; greetingDelayMs?: number };

export interface ServerReady {
  type: 'ready';
  smtpPort: number;
  /** The lab's HTTP base URL (API and /api/events); absent for the bare server. */
  url?: string;
  /** The greeting delay the lab was started with (its default when the spec has none). */
  greetingDelayMs: number;
}

export interface ServerStats {
  /** Mails accepted since start. */
  accepted: number;
  /** Mails kept (the lab's mailbox; 0 for the bare server). */
  kept: number;
  sessionsKept: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
  /** Whether `global.gc` exists (the child runs with --expose-gc). */
  gcExposed: boolean;
}
