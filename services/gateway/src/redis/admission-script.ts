import type { Redis } from '@digicraft/redis';

/**
 * Adds to fixed-window counters (expiry set when a window starts) and, when asked, whether a
 * session was revoked, in ONE round trip. KEYS = window keys…, then the revoked-session key if
 * any; ARGV = window ms, number of windows, then one increment per window. Returns count1, ttl1,
 * count2, ttl2, …, revoked (0/1).
 */
const WINDOWS_SCRIPT = `
local windows = tonumber(ARGV[2])
local out = {}
for i = 1, windows do
  local count = redis.call('INCRBY', KEYS[i], tonumber(ARGV[i + 2]))
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

/** A window's verdict once `count` hits are in it. */
export function windowResult(count: number, limit: number, resetMs: number): WindowResult {
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetMs: Math.max(resetMs, 0) };
}

/** The windows' totals after adding `by` to each (with its remaining ms), and the revocation asked for. */
export async function addToWindows(
  redis: Redis,
  windows: readonly { readonly key: string; readonly by: number }[],
  windowMs: number,
  revokedKey?: string,
): Promise<{ totals: { count: number; ttlMs: number }[]; revoked: boolean }> {
  const keys = windows.map((w) => w.key);
  if (revokedKey !== undefined) keys.push(revokedKey);
  const reply = (await redis.eval(WINDOWS_SCRIPT, keys.length, ...keys, String(windowMs), String(windows.length), ...windows.map((w) => String(w.by)))) as number[];
  const totals = windows.map((_, i) => ({ count: reply[2 * i] ?? 0, ttlMs: reply[2 * i + 1] ?? 0 }));
  return { totals, revoked: reply[2 * windows.length] === 1 };
}

/**
 * One hit on each window, counted in Redis at once (the strict limits). Fixed windows: cheaper
 * than a sliding log (one key, one INCR) and good enough for abuse protection; the burst at a
 * window edge is at most twice the limit.
 */
export async function admit(redis: Redis, hits: readonly WindowHit[], revokedKey: string | undefined, windowMs: number): Promise<AdmissionResult> {
  const { totals, revoked } = await addToWindows(redis, hits.map((hit) => ({ key: hit.key, by: 1 })), windowMs, revokedKey);
  return { windows: hits.map((hit, i) => windowResult(totals[i]?.count ?? 0, hit.limit, totals[i]?.ttlMs ?? 0)), revoked };
}
