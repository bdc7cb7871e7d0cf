import { quotasFor } from '../domain/quotas';
import { offerExpiry } from '../domain/transitions';
import { waitlistOrder, waitlistPosition } from '../domain/waitlist';
import type { Track } from '../domain/types';
import { confirmedEvent, promotedEvent, type EventCause } from '../events/registration-events';
import type { RegistrationDoc } from '../store/documents';
import type { RegistrationDeps } from './registration-deps';

/**
 * Gives free seats to the waitlist, first in acceptance order whose quota group has room.
 * Each promotion = seat claim + one guarded update of the waitlisted registration (state and
 * events together); if the registration changed meanwhile (withdrawn) the claim is given back.
 * Automatic mode confirms (promoted + confirmed events, as the contract says); offer mode holds
 * the seat for the offer window (promoted event; confirmed comes with the acceptance).
 */
export async function fillFreeSeats(deps: RegistrationDeps, track: Track, freedBy: string, cause: EventCause = {}): Promise<RegistrationDoc[]> {
  const promoted: RegistrationDoc[] = [];
  const waiting = waitlistOrder((await deps.registrations.byStatus(track.trackId, 'waitlisted')).map((r) => ({ ...r, registrationId: r._id, waitSeq: r.waitSeq ?? 0 })));
  const seqs = waiting.map((w) => w.waitSeq);
  for (const candidate of waiting) {
    const quotaKeys = quotasFor(track.trackId, track.quotas, candidate.applicant);
    if (!(await deps.quotas.claim(quotaKeys))) continue;
    if (!(await deps.seats.claimSeat(track.trackId))) {
      await deps.quotas.release(quotaKeys);
      break;
    }
    const version = candidate.version + 1;
    const position = waitlistPosition(candidate.waitSeq, seqs.filter((s) => !promoted.some((p) => p.waitSeq === s)));
    const offer = track.promotion === 'offer';
    const events = offer
      ? [promotedEvent(candidate, version, position, freedBy, cause)]
      : [promotedEvent(candidate, version, position, freedBy, cause), confirmedEvent(candidate, version, true, cause)];
    const now = deps.now();
    const done = await deps.registrations.transition(
      candidate._id,
      'waitlisted',
      { status: offer ? 'offered' : 'confirmed', seatHeld: true, quotaKeys, ...(offer ? { offerExpiresAt: offerExpiry(now, track.offerAcceptanceHours) } : {}) },
      events,
    );
    if (done === null) {
      await deps.seats.releaseSeat(track.trackId);
      await deps.quotas.release(quotaKeys);
      continue;
    }
    await deps.seats.leaveWaitlist(track.trackId);
    deps.publish(events);
    promoted.push(done);
  }
  return promoted;
}
