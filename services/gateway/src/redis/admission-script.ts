import type { Redis } from '@digicraft/redis';

/**
 * Everything a request asks Redis before it may run, in ONE round trip: a hit on each of its
 * fixed-window counters (INCR, expiry set on the first hit) and whether its session was revoked.
 * KEYS = window keys…, then the revoked-session key when there is a token; ARGV = window ms,
 * number of windows. Returns count1, ttl1, count2, ttl2, …, revoked (0/1).
 */
const ADMIT_SCRIPT = `
local windows = tonumber(ARGV[2])
local out = {}
for i = 1, windows do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[1]); ttl = tonumber(ARGV[1]) end
  out[#out + 1] = count
  out[#out + 1] = ttl
end
local revoked = 0
if #KEYS > windows then revoked = redis.call('EXISTS', KEYS[windows + 1]) end
out[#out + 1] = revoked
return out
`;

export interface WindowHit {
  readonly key: string;
  readonly limit: number;
}

export interface WindowResult {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Until the window resets. */
  readonly resetMs: number;
}

export interface AdmissionResult {
  /** In the order the windows were given. */
  readonly windows: readonly WindowResult[];
  readonly revoked: boolean;
}

/**
 * Fixed windows: cheaper than a sliding log (one key, one INCR) and good enough for abuse
 * protection; the burst at a window edge is at most twice the limit.
 */
export async function admit(redis: Redis, hits: readonly WindowHit[], revokedKey: string | undefined, windowMs: number): Promise<AdmissionResult> {
  const keys = hits.map((hit) => hit.key);
  if (revokedKey !== undefined) keys.push(revokedKey);
  const reply = (await redis.eval(ADMIT_SCRIPT, keys.length, ...keys, String(windowMs), String(hits.length))) as number[];
  const windows = hits.map((hit, i): WindowResult => {
    const count = reply[2 * i] ?? 0;
    const ttl = reply[2 * i + 1] ?? 0;
    return { allowed: count <= hit.limit, limit: hit.limit, remaining: Math.max(0, hit.limit - count), resetMs: Math.max(ttl, 0) };
  });
  return { windows, revoked: reply[2 * hits.length] === 1 };
}
