import type { Redis } from '@digicraft/redis';

/** INCR and set the window's expiry on the first hit, in one round trip and atomically. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

export interface WindowResult {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Until the window resets. */
  readonly resetMs: number;
}

/**
 * Fixed-window counter per key. Cheaper than a sliding log (one key, one script) and good
 * enough for abuse protection; the burst at a window edge is at most twice the limit.
 */
export async function hitWindow(redis: Redis, key: string, limit: number, windowMs: number): Promise<WindowResult> {
  const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, key, String(windowMs))) as [number, number];
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetMs: Math.max(ttl, 0) };
}
