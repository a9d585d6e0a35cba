// What the alert sender reports of one mail's delivery: every attempt with its reply, its
// explanation, whether it was retried and why (RFC 5321 §4.2.1: 4xx transient, 5xx permanent;
// §4.5.4.1: retry later), what the lab injected into it, and each recipient's outcome. The test
// e-mail's answer, its stream, the CLI's --json and the automaton's alerts all carry these shapes.
// Types only: the browser imports this file too.
import type { LineFault } from '../../server/wire/faults.js';
import type { Bilingual, Explanation, TestResult } from '../integration/integration-types.js';

/**
 * What an attempt came to. `sent`: every recipient tried was accepted; `partial`: the mail went to
 * some, others were refused or deferred; `transient`: nothing went, and trying later may work;
 * `permanent`: nothing went, and trying again would fail the same way.
 */
export type AttemptVerdict = 'sent' | 'partial' | 'transient' | 'permanent';

/** One recipient, after the delivery (or so far, while it runs). */
export interface RecipientOutcome {
  address: string;
  /** accepted: the server took the mail for it; refused: a 5xx, for good; deferred: a 4xx or no answer, not delivered yet. */
  status: 'accepted' | 'refused' | 'deferred';
  /** The server's reply about this recipient, verbatim (the final 250 for an accepted one); null when there was none. */
  reply: string | null;
  code: number | null;
  /** The attempt that decided it (1-based). */
  attempt: number;
  /** Why it was refused or deferred, and what to do; null for an accepted one. */
  explanation: Explanation | null;
}

/** A reply or an event of the attempt's dialogue that the lab's fault rules injected. */
export interface InjectedFault {
  /** The line as the server sent it ("451 4.7.1 Greylisted, …"), or the event's text. */
  line: string;
  code: number | null;
  fault: LineFault;
  /** "The lab injected this reply (rule …) to show what greylisting looks like; …" */
  explanation: Bilingual;
}

export interface DeliveryAttempt {
  /** 1-based, of `of` at most. */
  n: number;
  of: number;
  /** Milliseconds since the Unix epoch. */
  startedAt: number;
  endedAt: number;
  verdict: AttemptVerdict;
  /** Why the sender retries after this attempt or does not (the rule of delivery-rules.ts). */
  why: Bilingual;
  /** The rule's key: reply-4xx, reply-5xx, refused, dropped, timeout, settings, … */
  rule: string;
  /** The server's reply verbatim (the failing one, or the final 250); null when there was none. */
  reply: string | null;
  /** Why it failed and what to do (error-explainer.ts); null when it went through. */
  explanation: Explanation | null;
  error?: { code: string; command: string | null; message: string };
  /** The recipients this attempt tried, and what each got. */
  recipients: RecipientOutcome[];
  /** The lab's session of this attempt, when the target was one of the lab's listeners. */
  sessionId?: string;
  /** What the lab's fault rules injected into this attempt's dialogue. */
  injected: InjectedFault[];
  /** Seconds the sender waits before the next attempt; null when there is none. */
  retryInSeconds: number | null;
}

/** An attempt with the client's side of its dialogue (secrets masked). */
export interface LoggedAttempt extends DeliveryAttempt {
  clientLog: string[];
}

/** The test e-mail's answer: TestResult (the last attempt's reply, explanation and log), and the delivery. */
export interface DeliveryResult extends TestResult {
  /** Every attempt, in order; the last one's reply, explanation and log are the result's. */
  attempts: LoggedAttempt[];
  /** Each recipient's outcome. */
  recipients: RecipientOutcome[];
  /** The mail went to some recipients only: ok is true, for those. */
  partial: boolean;
  /** What the attempts came to, in a sentence; null for one attempt that simply went through. */
  summary: Bilingual | null;
  /** The sender stopped while waiting to retry (the lab stopping, the request cancelled). */
  stopped?: boolean;
}

/** The delivery of an automaton's alert, as its record carries it while it runs and after. */
export interface AlertDelivery {
  /** The attempts so far, without their client logs. */
  attempts: DeliveryAttempt[];
  recipients: RecipientOutcome[];
  maxAttempts: number;
  /** While the sender waits to retry: when the next attempt starts (epoch ms); null otherwise. */
  nextAttemptAt: number | null;
  summary: Bilingual | null;
}

/** What a delivery reports as it happens, for a live view (the Lab page, the terminal, the alerts). */
export type DeliveryEvent =
  | { kind: 'attempt-start'; n: number; of: number; at: number }
  | { kind: 'client-line'; n: number; line: string }
  | { kind: 'session'; n: number; sessionId: string }
  /** The attempt ended; `attempt.retryInSeconds` says whether, and how soon, another follows. */
  | { kind: 'attempt-end'; attempt: LoggedAttempt; recipients: RecipientOutcome[] };

/** Where a send goes: the integration's server. */
export interface SendTarget {
  host: string;
  port: number;
}

/** The lab's record of one attempt: its session, and the lines the lab's fault rules injected. */
export interface AttemptRecord {
  sessionId?: string;
  injected: InjectedFault[];
}

export interface AttemptWatch {
  connected(localPort: number): void;
  /** After the attempt: what the lab recorded of it (nothing when the target is not the lab). */
  finish(): Promise<AttemptRecord>;
}

/** Follows one attempt in the lab's records: in-process (lab-session-finder.ts) or over HTTP (the CLI). */
export type WatchAttempt = (target: SendTarget, onSession: (sessionId: string) => void) => AttemptWatch;
