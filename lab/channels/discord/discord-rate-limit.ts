// Discord's rate limits as a webhook meets them (discord-api-docs, Topics → Rate Limits): a bucket
// per webhook — its requests counted in a window that opens with the first one — and a global
// limit per client (unauthenticated requests are limited per IP). Every reply says where the
// bucket stands (X-RateLimit-Limit, -Remaining, -Reset in epoch seconds, -Reset-After in seconds,
// -Bucket); a refused request gets 429 with retry_after, Retry-After and X-RateLimit-Scope, and
// X-RateLimit-Global only when the global limit refused it (@discordjs/rest tests its presence).
// Discord does not document the webhook numbers — 5 per 2 s is a staff comment of 2017 — so they
// are options, and a client should read the headers, never hard-code them.
import { createHash } from 'node:crypto';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface DiscordRateLimitOptions {
  perWebhook?: RateWindow;
  global?: RateWindow;
  now?: () => number;
}

export const DEFAULT_WEBHOOK_RATE: RateWindow = { limit: 5, windowMs: 2000 };
export const DEFAULT_GLOBAL_RATE: RateWindow = { limit: 50, windowMs: 1000 };

export interface RateDecision {
  allowed: boolean;
  /** The headers every reply carries (names as Discord writes them). */
  headers: Record<string, string>;
  /** The 429's body, when refused. */
  body: { message: string; retry_after: number; global: boolean } | null;
  retryAfterSeconds: number;
}

export interface DiscordRateLimits {
  /** Counts one request to the webhook `webhookId` from `client` (its address). */
  take(webhookId: string, client: string): RateDecision;
  reset(): void;
}

interface Window {
  count: number;
  resetAt: number;
}

/** Discord's bucket id is an opaque hash shared by the route's buckets; the webhook id tells them apart. */
const BUCKET = createHash('sha256').update('POST /webhooks/{webhook.id}/{webhook.token}').digest('hex').slice(0, 32);

const seconds = (ms: number) => Math.max(0, ms / 1000);
const fixed3 = (s: number) => (Math.round(s * 1000) / 1000).toString();

export function createDiscordRateLimits(options: DiscordRateLimitOptions = {}): DiscordRateLimits {
  const perWebhook = options.perWebhook ?? DEFAULT_WEBHOOK_RATE;
  const global = options.global ?? DEFAULT_GLOBAL_RATE;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Window>();
  const clients = new Map<string, Window>();

  const windowOf = (map: Map<string, Window>, key: string, rate: RateWindow, at: number): Window => {
    let w = map.get(key);
    if (!w || at >= w.resetAt) {
      w = { count: 0, resetAt: at + rate.windowMs };
      map.set(key, w);
    }
    return w;
  };

  // Windows long past are dropped so that a lab running for weeks does not keep every id it saw.
  const sweep = (at: number) => {
    for (const map of [buckets, clients]) {
      if (map.size < 1000) continue;
      for (const [key, w] of map) if (at >= w.resetAt) map.delete(key);
    }
  };

  return {
    take(webhookId, client) {
      const at = now();
      sweep(at);
      const bucket = windowOf(buckets, webhookId, perWebhook, at);
      const perClient = windowOf(clients, client, global, at);
      const globalRefused = perClient.count >= global.limit;
      const bucketRefused = !globalRefused && bucket.count >= perWebhook.limit;
      if (!globalRefused) perClient.count += 1;
      if (!globalRefused && !bucketRefused) bucket.count += 1;
      const resetAfter = seconds(bucket.resetAt - at);
      const headers: Record<string, string> = {
        'X-RateLimit-Limit': String(perWebhook.limit),
        'X-RateLimit-Remaining': String(Math.max(0, perWebhook.limit - bucket.count)),
        'X-RateLimit-Reset': fixed3(bucket.resetAt / 1000),
        'X-RateLimit-Reset-After': fixed3(resetAfter),
        'X-RateLimit-Bucket': BUCKET,
      };
      if (!globalRefused && !bucketRefused) return { allowed: true, headers, body: null, retryAfterSeconds: 0 };
      const retryAfter = Number(fixed3(globalRefused ? seconds(perClient.resetAt - at) : resetAfter));
      // Retry-After is whole seconds in practice (RFC 9110 delta-seconds); the body is precise.
      headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfter)));
      headers['X-RateLimit-Scope'] = globalRefused ? 'global' : 'user';
      if (globalRefused) headers['X-RateLimit-Global'] = 'true';
      return {
        allowed: false,
        headers,
        body: { message: 'You are being rate limited.', retry_after: retryAfter, global: globalRefused },
        retryAfterSeconds: retryAfter,
      };
    },
    reset() {
      buckets.clear();
      clients.clear();
    },
  };
}
