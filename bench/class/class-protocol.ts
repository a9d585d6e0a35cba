// What the class bench (bench/class/run-class.ts) and its lab child (bench/class/class-child.ts)
// say to each other over the IPC channel of child_process.fork. The lab runs alone in its process
// so that its CPU time, resident memory and event-loop delay are its own, not the 300 students'.

export interface ClassServerSpec {
  /** Student accounts `stu0001@lab.local` … created in the child before `ready`. */
  students: number;
  /** Every student's account password (the instructor's too); the bench signs in with it. */
  password: string;
}

export interface ClassServerReady {
  type: 'ready';
  url: string;
  smtpPort: number;
  smtpsPort: number;
  mqttPort: number;
  /** The lab's certificate (PEM), so the students' mail clients can trust the SMTPS listener. */
  certificate: string;
  /** For the bench's own admin calls (never a student's). */
  adminToken: string;
  instructor: string;
  /** How long creating the accounts took in the child (scrypt hashes, in parallel). */
  accountsMs: number;
}

export interface ClassServerStats {
  /** Mails accepted since start. */
  accepted: number;
  /** Sessions the session store holds (every SMTP session since start, under its cap). */
  sessions: number;
  alertsSent: number;
  alertsFailed: number;
  alertsSending: number;
  rssBytes: number;
  heapUsedBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
  /** The child's event-loop delay since the previous stats (then reset), in ms. */
  loopDelay: { p50Ms: number; p99Ms: number; maxMs: number };
}

/** `stu0001@lab.local`: four digits, so that a frame naming another student is found by a regex. */
export function studentAddress(index: number): string {
  return `${studentName(index)}@lab.local`;
}

export function studentName(index: number): string {
  return `stu${String(index + 1).padStart(4, '0')}`;
}

export const INSTRUCTOR = 'teacher@lab.local';
