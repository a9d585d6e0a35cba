// Fault rules: what the server injects at a stage of the SMTP dialogue, for whom, how often and
// for how long (server/faults/, lab/FAULTS.md). The shapes of /api/lab/faults, of
// `lab.faults.add()`, of the CLI's `smtp-lab fault` and of the browser's Faults panel, typed once.
// camelCase, like every /api/lab route; Mailpit's /api/v1/chaos keeps its own PascalCase shape
// (ChaosTriggers below). No Node imports: the browser imports this file too.

/**
 * Where in the dialogue a rule acts. `connect`: the TCP connection was accepted (before the TLS
 * handshake on an implicit-TLS port, before anything is sent); `greeting`: instead of, or before,
 * the 220; `helo`: EHLO/HELO; `starttls`; `auth`: after the client's credentials (RFC 4954 §6);
 * `mail`, `rcpt`; `data`: the DATA command (its 354); `body`: the final reply after the body's
 * dot (RFC 5321 §4.1.1.4); `quit`.
 */
export type FaultStage = 'connect' | 'greeting' | 'helo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'body' | 'quit';

export const FAULT_STAGES: readonly FaultStage[] = ['connect', 'greeting', 'helo', 'starttls', 'auth', 'mail', 'rcpt', 'data', 'body', 'quit'];

/**
 * What a rule does when it fires.
 * - `reply`: this reply instead of the server's (after `delayMs`, if set). A 421 closes the
 *   connection, as RFC 5321 §3.8 has it.
 * - `delay`: the server's own reply, `ms` late (a slow server; past the client's timeout, a hung one).
 * - `disconnect`: the connection is dropped without a reply (after `delayMs`).
 * - `throttle`: from here on, the server writes at most `bytesPerSecond`.
 * - `tls-failure`: the TLS handshake fails (at `starttls`: after the 220; at `connect` on an
 *   implicit-TLS port: instead of the handshake).
 */
export type FaultEffect =
  | { kind: 'reply'; code: number; enhanced?: string; text: string; delayMs?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'disconnect'; delayMs?: number }
  | { kind: 'throttle'; bytesPerSecond: number }
  | { kind: 'tls-failure' };

export type FaultEffectKind = FaultEffect['kind'];

/**
 * Which of the matching attempts fire, counted per rule from 1. Deterministic unless
 * randomness is asked for: `probability` with a `seed` repeats exactly; `seed: null` draws.
 * `greylist` counts per triplet (client address, MAIL FROM, RCPT TO), as greylisting servers do:
 * a triplet's first attempt fires, and so does every retry sooner than `retryAfterSeconds`
 * after it; a later retry passes, and the triplet passes from then on.
 */
export type FaultAttempts =
  | { kind: 'every' }
  | { kind: 'nth'; n: number }
  | { kind: 'first'; n: number }
  | { kind: 'every-nth'; n: number }
  | { kind: 'probability'; percent: number; seed: number | null }
  | { kind: 'greylist'; retryAfterSeconds: number };

/**
 * Which sessions a rule looks at; every field given must hold. Addresses and names compare
 * case-insensitively; `*` in a pattern stands for any run of characters (`*@example.com`).
 * A field the dialogue has not reached yet (MAIL FROM at EHLO) does not hold.
 */
export interface FaultMatch {
  /** The listener's name: smtp, smtps, submission. */
  listener?: string;
  /** The AUTH user (a lab account's address). */
  user?: string;
  clientAddress?: string;
  /** The client's EHLO/HELO name. */
  helo?: string;
  mailFrom?: string;
  /** At `rcpt`: the recipient being given; at `data` and `body`: any of the transaction's. */
  rcptTo?: string;
}

/** How long a rule lives: until removed (neither), a number of firings, a time — whichever ends first. */
export interface FaultLifetime {
  firings?: number;
  seconds?: number;
}

/**
 * Whose a rule is. `lab`: every session (the CLI, the admin, Mailpit's chaos). `test`: sessions
 * whose EHLO name is the scope's name (nodemailer's `name` option) — one test run's own.
 * `student`: sessions of that lab account — AUTH'd as it, sent by the lab on its behalf (the test
 * e-mail, its automatons), or, before AUTH, from the address its browser uses. Parallel scopes
 * never see each other's rules.
 */
export type FaultScope = { kind: 'lab' } | { kind: 'test'; name: string } | { kind: 'student'; address: string };

/** POST /api/lab/faults, `lab.faults.add()`: a rule, or a preset with some of it overridden. */
export interface FaultRuleInput {
  /** A preset's id (FAULT_PRESET_IDS): its stage, effect and attempts unless given here. */
  preset?: string;
  name?: string;
  stage?: FaultStage;
  effect?: FaultEffect;
  match?: FaultMatch;
  attempts?: FaultAttempts;
  lifetime?: FaultLifetime;
  /** Off: kept, but never fires (the Faults panel's switch). Default on. */
  enabled?: boolean;
}

export interface FaultRule {
  id: string;
  name: string;
  preset: string | null;
  stage: FaultStage;
  effect: FaultEffect;
  match: FaultMatch;
  attempts: FaultAttempts;
  lifetime: FaultLifetime;
  enabled: boolean;
  scope: FaultScope;
  created: string;
  /** When its `lifetime.seconds` runs out; null for none. */
  expiresAt: string | null;
  /** Attempts that matched (fired or not) and firings so far. */
  attempted: number;
  fired: number;
  lastFired: string | null;
}

/** One firing: what the Faults panel lists and the `fault` live event carries. */
export interface FaultFiring {
  ruleId: string;
  ruleName: string;
  preset: string | null;
  stage: FaultStage;
  effect: FaultEffectKind;
  /** The reply sent, as on the wire ("452 4.2.2 Mailbox full"), for a `reply`. */
  reply: string | null;
  sessionId: string;
  listener: string;
  scope: FaultScope;
  at: string;
}

/** A dialogue line (DialogueLine.Fault) or event the lab injected: which rule made it. */
export interface LineFault {
  ruleId: string;
  ruleName: string;
  preset: string | null;
  stage: FaultStage;
  effect: FaultEffectKind;
}

/** GET /api/lab/faults */
export interface FaultsList {
  rules: FaultRule[];
  /** The newest firings first (at most 200). */
  firings: FaultFiring[];
}

/** Mailpit's chaos (GET/PUT /api/v1/chaos): one trigger per stage, a code and a probability in percent. */
export interface ChaosTrigger {
  ErrorCode: number;
  Probability: number;
}

export interface ChaosTriggers {
  Sender: ChaosTrigger;
  Recipient: ChaosTrigger;
  Authentication: ChaosTrigger;
}
