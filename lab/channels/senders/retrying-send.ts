// The retry loop every channel's sender shares: a transient failure (429, 5xx, no answer, SMPP
// throttling) is tried again — after the wait the service asked for (retry_after), else after a
// growing one —, a permanent failure is not, and each attempt is reported as it ends.
import type { ChannelAttempt } from '../channel-wire.js';

export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  reply: string | null;
  retryAfterSeconds: number | null;
  transient: boolean;
}

export interface RetryOptions {
  attempts: number;
  /** Seconds before the second try when the service named none; each later one doubles, capped at 60. */
  intervalSeconds?: number;
  /** A retry_after longer than this is not waited for: the send ends with the 429. */
  maxWaitSeconds?: number;
  waitScale?: number;
  signal?: AbortSignal;
  onAttempt?(attempt: ChannelAttempt): void;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<boolean>((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });

/** Tries `once` until it succeeds, fails for good, or the attempts run out; the attempts and the last outcome. */
export async function sendWithRetries<T extends AttemptOutcome>(
  once: () => Promise<T>,
  options: RetryOptions,
): Promise<{ last: T; attempts: ChannelAttempt[] }> {
  const attempts: ChannelAttempt[] = [];
  const total = Math.max(1, Math.floor(options.attempts));
  let wait = options.intervalSeconds ?? 2;
  for (let n = 1; ; n++) {
    const last = await once();
    const attempt: ChannelAttempt = {
      n,
      of: total,
      at: new Date().toISOString(),
      status: last.status,
      reply: last.reply,
      retryAfterSeconds: last.retryAfterSeconds,
      transient: last.transient,
    };
    attempts.push(attempt);
    options.onAttempt?.(attempt);
    if (last.ok || !last.transient || n >= total) return { last, attempts };
    const seconds = last.retryAfterSeconds ?? wait;
    if (seconds > (options.maxWaitSeconds ?? 120)) return { last, attempts };
    wait = Math.min(wait * 2, 60);
    if (!(await sleep(seconds * 1000 * (options.waitScale ?? 1), options.signal))) return { last, attempts };
  }
}
