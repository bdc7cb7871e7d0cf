import { DigiCraftError } from '@digicraft/errors';
import { quotaKey } from '../domain/quotas';
import type { Track } from '../domain/types';
import type { RegistrationDoc } from '../store/documents';
import { confirmedSeat, noQueueSeat, noQuotaSeat, noSeat, queueSeat, quotaFieldOf, quotaSeat } from '../store/seat-keys';
import type { QueuePick, QuotaLimit, SeatPick } from '../store/seat-hints';
import { isUniqueViolation } from '../store/unique-violation';
import type { RegistrationDeps } from './registration-deps';

/** Attempts per claim; a collision means another instance (or a stale hint) took the number. */
export const MAX_CLAIM_ATTEMPTS = 8;

export class SeatContentionError extends DigiCraftError {
  constructor() {
    super('DC_ERR_SEAT_CONTENTION', 'unavailable', 'Too many concurrent claims on this track; retry');
  }
}

export type SeatFieldValues = Pick<RegistrationDoc, 'seat' | 'queueSeat' | 'provinceSeat' | 'institutionSeat' | 'quotaKeys'> & { waitSeq?: number };

export function quotaLimits(track: Track, keys: readonly string[]): QuotaLimit[] {
  return keys.map((key) => ({ key, max: track.quotas.find((q) => quotaKey(track.trackId, q) === key)?.maxConfirmed ?? 0 }));
}

/** The seat fields of a registration that holds `pick` (or nothing), queued as `queue` (or not). */
export function seatFields(trackId: string, id: string, pick: SeatPick | undefined, queue: QueuePick | undefined, queueSeatValue?: string): SeatFieldValues {
  const out: SeatFieldValues = {
    seat: pick ? confirmedSeat(trackId, pick.seat) : noSeat(trackId, id),
    queueSeat: queueSeatValue ?? (queue ? queueSeat(trackId, queue.n) : noQueueSeat(trackId, id)),
    provinceSeat: noQuotaSeat('provinceSeat', id),
    institutionSeat: noQuotaSeat('institutionSeat', id),
    quotaKeys: pick ? pick.quotas.map((q) => q.key) : [],
    ...(queue ? { waitSeq: queue.n } : {}),
  };
  for (const q of pick?.quotas ?? []) out[quotaFieldOf(q.key)] = quotaSeat(q.key, q.n);
  return out;
}

/** Fields that give back a held seat and quota places (withdrawal, rejection); the queue number stays. */
export function releasedFields(reg: Pick<RegistrationDoc, '_id' | 'trackId'>): Pick<RegistrationDoc, 'seat' | 'provinceSeat' | 'institutionSeat' | 'quotaKeys'> {
  return { seat: noSeat(reg.trackId, reg._id), provinceSeat: noQuotaSeat('provinceSeat', reg._id), institutionSeat: noQuotaSeat('institutionSeat', reg._id), quotaKeys: [] };
}

/**
 * Moves an existing registration into a seat with ONE guarded update carrying its events
 * (review approval, lottery, promotion). `write` returns null when the registration changed
 * meanwhile; a unique-index rejection means the numbers were taken: try the next ones.
 * Returns 'full' when no seat (or quota place) is left, or, unless `jumpQueue`, people wait.
 */
export async function updateIntoSeat<T>(
  deps: RegistrationDeps,
  track: Track,
  quotaKeys: readonly string[],
  write: (pick: SeatPick) => Promise<T | null>,
  jumpQueue = true,
): Promise<T | null | 'full'> {
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
    const pick = await deps.seats.pickSeat(track.trackId, track.capacity, quotaLimits(track, quotaKeys), jumpQueue);
    if (pick === 'full' || pick === 'queue-first') return 'full';
    try {
      const done = await write(pick);
      deps.seats.seatSettled(track.trackId, pick, done === null ? 'unused' : 'used');
      return done;
    } catch (err) {
      deps.seats.seatSettled(track.trackId, pick, isUniqueViolation(err) ? 'collided' : 'unused');
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new SeatContentionError();
}

/** Same for a waitlist place: undefined when the waitlist is off or full. */
export async function updateIntoQueue<T>(deps: RegistrationDeps, track: Track, write: (queue: QueuePick) => Promise<T | null>): Promise<T | null | undefined> {
  if (!track.waitlistEnabled) return undefined;
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
    const queue = await deps.seats.pickQueue(track.trackId, track.waitlistLimit);
    if (queue === undefined) return undefined;
    try {
      const done = await write(queue);
      deps.seats.queueSettled(track.trackId, queue, done === null ? 'unused' : 'used');
      return done;
    } catch (err) {
      deps.seats.queueSettled(track.trackId, queue, isUniqueViolation(err) ? 'collided' : 'unused');
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new SeatContentionError();
}
