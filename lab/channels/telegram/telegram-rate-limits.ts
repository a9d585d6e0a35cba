// The Bot API's flood limits as token buckets (core.telegram.org/bots/faq, "My bot is hitting
// limits"): about one message a second to a chat with short bursts tolerated, 20 a minute to a
// group, about 30 a second from a bot in all. A message takes one token from each bucket it
// passes; when one is empty the answer is 429 with the whole seconds until it refills.

export interface TelegramLimits {
  /** Messages a second to one chat, and the burst tolerated before 429. */
  chatPerSecond: number;
  chatBurst: number;
  /** Messages a minute to one group. */
  groupPerMinute: number;
  /** Messages a second from one bot to all its chats. */
  botPerSecond: number;
}

export const DEFAULT_TELEGRAM_LIMITS: TelegramLimits = { chatPerSecond: 1, chatBurst: 3, groupPerMinute: 20, botPerSecond: 30 };

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiter {
  /** Takes one message's allowance; null when it may go, else the seconds to wait (retry_after). */
  take(botId: number, chatId: number, isGroup: boolean): number | null;
}

export function createRateLimiter(limits: TelegramLimits, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const level = (key: string, capacity: number, perMs: number, t: number) => {
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
    buckets.set(key, bucket);
    return { bucket, perMs };
  };
  return {
    take(botId, chatId, isGroup) {
      const t = now();
      // Buckets that have refilled hold nothing worth keeping.
      if (buckets.size > 10_000) for (const [key, b] of buckets) if (t - b.at > 60_000) buckets.delete(key);
      const passed = [
        level(`chat:${botId}:${chatId}`, Math.max(1, limits.chatBurst), limits.chatPerSecond / 1000, t),
        level(`bot:${botId}`, Math.max(1, limits.botPerSecond), limits.botPerSecond / 1000, t),
        ...(isGroup ? [level(`group:${botId}:${chatId}`, Math.max(1, limits.groupPerMinute), limits.groupPerMinute / 60_000, t)] : []),
      ];
      const waitMs = Math.max(0, ...passed.map(({ bucket, perMs }) => (bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) / perMs)));
      if (waitMs > 0) return Math.max(1, Math.ceil(Math.min(waitMs, 3_600_000) / 1000));
      for (const { bucket } of passed) bucket.tokens -= 1;
      return null;
    },
  };
}
