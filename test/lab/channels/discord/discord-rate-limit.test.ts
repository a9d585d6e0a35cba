// The rate-limit buckets on a clock the test moves: the headers at each step, the window reset,
// the global limit over every webhook of one client.
import { describe, expect, it } from 'vitest';
import { createDiscordRateLimits } from '../../../../lab/channels/discord/discord-rate-limit.js';

function clocked(options: Parameters<typeof createDiscordRateLimits>[0] = {}) {
  let at = 1_700_000_000_000;
  const limits = createDiscordRateLimits({ ...options, now: () => at });
  return { limits, advance: (ms: number) => (at += ms) };
}

describe('Discord rate limits', () => {
  it('5 per 2 s per webhook: the headers count down, the 6th is refused until the window resets', () => {
    const { limits, advance } = clocked();
    const steps = [];
    for (let i = 0; i < 6; i++) {
      const d = limits.take('111', '127.0.0.1');
      steps.push([d.allowed, d.headers['X-RateLimit-Remaining'], d.headers['X-RateLimit-Reset-After']]);
      advance(100);
    }
    expect(steps).toEqual([
      [true, '4', '2'],
      [true, '3', '1.9'],
      [true, '2', '1.8'],
      [true, '1', '1.7'],
      [true, '0', '1.6'],
      [false, '0', '1.5'],
    ]);
    const refused = limits.take('111', '127.0.0.1');
    expect(refused.body).toEqual({ message: 'You are being rate limited.', retry_after: 1.4, global: false });
    expect(refused.headers).toMatchObject({ 'Retry-After': '2', 'X-RateLimit-Scope': 'user', 'X-RateLimit-Reset': '1700000002' });
    expect(refused.headers['X-RateLimit-Global']).toBeUndefined();
    expect(limits.take('222', '127.0.0.1').allowed).toBe(true);
    advance(1400);
    expect(limits.take('111', '127.0.0.1').headers['X-RateLimit-Remaining']).toBe('4');
  });

  it('fractional resets: X-RateLimit-Reset is epoch seconds with milliseconds', () => {
    const { limits, advance } = clocked({ perWebhook: { limit: 2, windowMs: 750 } });
    advance(123);
    expect(limits.take('111', 'a').headers).toMatchObject({
      'X-RateLimit-Limit': '2',
      'X-RateLimit-Reset': '1700000000.873',
      'X-RateLimit-Reset-After': '0.75',
    });
  });

  it('the global limit counts every webhook of a client; another client has its own', () => {
    const { limits } = clocked({ global: { limit: 3, windowMs: 1000 } });
    expect(['1', '2', '3', '4'].map((id) => limits.take(id, 'a').allowed)).toEqual([true, true, true, false]);
    const refused = limits.take('5', 'a');
    expect(refused.body).toMatchObject({ global: true });
    expect(refused.headers).toMatchObject({ 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' });
    expect(limits.take('5', 'b').allowed).toBe(true);
  });
});
