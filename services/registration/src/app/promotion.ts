import { toProtoRegistrationStatus } from '../contract-enums';
import { quotasFor } from '../domain/quotas';
import { isTeamComplete, teamCompleteBy } from '../domain/teams';
import { offerExpiry } from '../domain/transitions';
import { waitlistOrder, waitlistPosition } from '../domain/waitlist';
import type { RegistrationStatus, Track } from '../domain/types';
import { promotedEvent, type EventCause } from '../events/registration-events';
import type { RegistrationDoc } from '../store/documents';
import { freeNumbers, trackSeatView } from '../store/track-seat-view';
import { quotaLimits, seatFields, updateIntoSeat } from './seat-claim';
import type { RegistrationDeps } from './registration-deps';

/**
 * Gives free seats to the waitlist, first in acceptance order whose quota groups have room.
 * Each promotion is ONE guarded update of the waitlisted registration: state, seat number,
 * quota places and events together, refused by the unique indexes if the seat was taken
 * meanwhile. Idempotent: it looks at what is stored and fills what is free, so the start-up
 * reconciliation and the periodic sweep can run it again after a crash.
 * Automatic mode confirms (promoted + confirmed events, as the contract says); offer mode holds
 * the seat for the offer window (promoted event; confirmed comes with the acceptance). A team
 * whose members have not all accepted (they cannot while it waits) holds the seat as pending-team
 * with a fresh completion deadline: confirmed comes with the last acceptance.
 */
export async function fillFreeSeats(deps: RegistrationDeps, track: Track, freedBy: string, cause: EventCause = {}): Promise<RegistrationDoc[]> {
  return deps.promotionLock.run(track.trackId, async () => {
    const docs = await deps.registrations.ofTrack(track.trackId);
    const view = trackSeatView(track.trackId, docs);
    if (freeNumbers(view.confirmed, track.capacity).length === 0) return [];
    const waiting = waitlistOrder(docs.filter((d) => d.status === 'waitlisted').map((r) => ({ ...r, registrationId: r._id, waitSeq: r.waitSeq ?? 0 })));
    if (waiting.length === 0) return [];
    // The hints must see the freed seats (they were loaded before the withdrawal).
    deps.seats.markStale(track.trackId);
    const promoted: RegistrationDoc[] = [];
    let remaining = waiting.map((w) => w.waitSeq);
    const quotaUsed = new Map([...view.quotas].map(([k, used]) => [k, used.size]));
    for (const candidate of waiting) {
      const quotaKeys = quotasFor(track.trackId, track.quotas, candidate.applicant);
      const limits = quotaLimits(track, quotaKeys);
      if (limits.some((q) => (quotaUsed.get(q.key) ?? 0) >= q.max)) continue;
      const position = waitlistPosition(candidate.waitSeq, remaining);
      const offer = track.promotion === 'offer';
      const team = candidate.team !== undefined && !isTeamComplete({ ...candidate.team, leaderId: candidate.contestantAccountId }) ? candidate.team : undefined;
      const version = candidate.version + 1;
      // One state change, one event: when the place is taken at once the promotion is the confirmation.
      const status: RegistrationStatus = offer ? 'offered' : team ? 'pending-team' : 'confirmed';
      const events = [promotedEvent(candidate, version, position, freedBy, toProtoRegistrationStatus(status), cause)];
      const done = await updateIntoSeat(deps, track, quotaKeys, (pick) =>
        deps.registrations.transition(
          candidate._id,
          'waitlisted',
          {
            status,
            ...seatFields(track.trackId, candidate._id, pick, undefined, candidate.queueSeat),
            ...(offer ? { offerExpiresAt: offerExpiry(deps.now(), track.offerAcceptanceHours) } : {}),
            ...(team && !offer ? { team: { ...team, completeBy: teamCompleteBy(deps.now(), track) } } : {}),
          },
          events,
        ),
      );
      if (done === 'full') break;
      if (done === null) continue;
      remaining = remaining.filter((s) => s !== candidate.waitSeq);
      for (const k of quotaKeys) quotaUsed.set(k, (quotaUsed.get(k) ?? 0) + 1);
      deps.publish(events);
      promoted.push(done);
    }
    deps.seats.markStale(track.trackId);
    return promoted;
  });
}
