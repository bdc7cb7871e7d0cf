import { createHash } from 'node:crypto';

/**
 * The lottery draw, published so anyone can re-run it from the seed and the entrant list.
 * Algorithm "sha256-ctr-fisher-yates-v1":
 *   1. entrants = registration ids sorted ascending (code-unit order);
 *   2. r(k) = first 6 bytes of SHA-256(`${seed}:${k}`) read big-endian, k = 0, 1, 2, …;
 *   3. for i from n-1 down to 1: j = r(k++) mod (i+1); swap entrants[i] and entrants[j].
 * The mod bias is below 2^-30 for any realistic n (n < 2^18 against a 2^48 range).
 */
export const LOTTERY_ALGORITHM = 'sha256-ctr-fisher-yates-v1';

export function lotteryRandom(seed: string, k: number): number {
  const digest = createHash('sha256').update(`${seed}:${k}`).digest();
  return digest.readUIntBE(0, 6);
}

export function drawOrder(seed: string, entrantIds: readonly string[]): string[] {
  const order = [...entrantIds].sort();
  let k = 0;
  for (let i = order.length - 1; i >= 1; i -= 1) {
    const j = lotteryRandom(seed, k) % (i + 1);
    k += 1;
    const tmp = order[i] as string;
    order[i] = order[j] as string;
    order[j] = tmp;
  }
  return order;
}

/** A seed nobody can choose after seeing the entrants: fixed by the track and the window close. */
export function lotterySeed(competitionId: string, trackId: string, closesAt: Date, nonce: string): string {
  return createHash('sha256').update(`${competitionId}|${trackId}|${closesAt.toISOString()}|${nonce}`).digest('hex');
}

export interface DrawOutcome {
  readonly confirmed: readonly string[];
  readonly waitlisted: readonly string[];
  readonly rejected: readonly string[];
}

/** The first `capacity` drawn are confirmed, the rest queue in drawn order (or are rejected without a waitlist). */
export function splitDraw(drawn: readonly string[], capacity: number, waitlistEnabled: boolean, waitlistLimit: number): DrawOutcome {
  const confirmed = drawn.slice(0, capacity);
  const rest = drawn.slice(capacity);
  if (!waitlistEnabled) return { confirmed, waitlisted: [], rejected: rest };
  const room = waitlistLimit === 0 ? rest.length : waitlistLimit;
  return { confirmed, waitlisted: rest.slice(0, room), rejected: rest.slice(room) };
}
