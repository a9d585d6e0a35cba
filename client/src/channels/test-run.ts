// A channel's test send as it happens: each attempt as it ends (the stream's `attempt` lines),
// the wait before the next one — counted down when the service said how long (Telegram's and
// Discord's retry_after, Retry-After), "shortly" when the sender chose the wait — then the
// result. Pure: the store folds the stream's events through it.
import type { ChannelAttempt, ChannelSendResult } from '../../../lab/channels/channel-wire.js';
import type { Bilingual } from '../i18n/bilingual.js';

export interface TestRun {
  /** Counts the test sends of the page, so a view can tell a new one from the last. */
  n: number;
  status: 'running' | 'done' | 'failed';
  attempts: ChannelAttempt[];
  /** After a transient failure, before the next attempt. */
  waiting: boolean;
  /** When the next attempt starts (epoch ms, this page's clock), when the service said. */
  nextAt: number | null;
  result?: ChannelSendResult;
  /** The request itself failed (refused, no answer, cut off). */
  error?: Bilingual;
}

export const startRun = (n: number): TestRun => ({ n, status: 'running', attempts: [], waiting: false, nextAt: null });

export function withAttempt(run: TestRun, attempt: ChannelAttempt, now: number): TestRun {
  const waiting = attempt.transient && attempt.n < attempt.of;
  const nextAt = waiting && attempt.retryAfterSeconds !== null ? now + attempt.retryAfterSeconds * 1000 : null;
  const attempts = [...run.attempts.filter((a) => a.n !== attempt.n), attempt].sort((a, b) => a.n - b.n);
  return { ...run, attempts, waiting, nextAt };
}

export function withResult(run: TestRun, result: ChannelSendResult): TestRun {
  // A server that does not stream gives the attempts with the result only.
  const attempts = run.attempts.length >= result.attempts.length ? run.attempts : result.attempts;
  return { ...run, status: 'done', attempts, waiting: false, nextAt: null, result };
}

export const withFailure = (run: TestRun, error: Bilingual): TestRun => ({ ...run, status: 'failed', waiting: false, nextAt: null, error });

export type AttemptVerdict = 'accepted' | 'transient' | 'permanent' | 'pending';

/**
 * What an attempt came to. Only the last can have succeeded (a retry follows only a failure);
 * the last one's outcome is the result's, and until the result comes it is not yet known.
 */
export function attemptVerdict(attempt: ChannelAttempt, attempts: readonly ChannelAttempt[], result: ChannelSendResult | undefined): AttemptVerdict {
  const last = attempts.at(-1)?.n === attempt.n;
  if (last && result) return result.ok ? 'accepted' : attempt.transient ? 'transient' : 'permanent';
  if (!last || attempt.transient) return attempt.transient ? 'transient' : 'permanent';
  return 'pending';
}

/** Whole seconds left until `until` (never below 0). */
export const secondsLeft = (until: number, now: number): number => Math.max(0, Math.ceil((until - now) / 1000));
