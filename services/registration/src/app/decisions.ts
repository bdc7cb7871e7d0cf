import { NotFoundError, ValidationError } from '@digicraft/errors';
import { registrationEventsV1 } from '@digicraft/contracts';
import { assertNotArchived } from '../domain/competition-lifecycle';
import { applicantViolations, eligibilityFailures } from '../domain/eligibility';
import { ForbiddenActionError, InvalidTransitionError, NotEligibleError } from '../domain/errors';
import { quotasFor } from '../domain/quotas';
import { isTeamComplete } from '../domain/teams';
import { assertOfferAcceptable } from '../domain/transitions';
import type { ApplicantDetails } from '../domain/types';
import { confirmedEvent, rejectedEvent, waitlistedEvent } from '../events/registration-events';
import type { RegistrationDoc } from '../store/documents';
import type { OutboxEntry } from '@digicraft/messaging';
import { assertOwner, type OrganizerCaller } from './competitions';
import { seatFields, updateIntoQueue, updateIntoSeat } from './seat-claim';
import { findTrack } from './register';
import type { RegistrationDeps } from './registration-deps';

async function load(deps: RegistrationDeps, id: string): Promise<RegistrationDoc> {
  const reg = await deps.registrations.findById(id);
  if (reg === null) throw new NotFoundError('Registration', id);
  return reg;
}

/** A member accepts the team invitation with their own details; the last acceptance confirms the team. */
export async function acceptTeamInvitation(deps: RegistrationDeps, id: string, accountId: string, applicant: ApplicantDetails): Promise<RegistrationDoc> {
  const reg = await load(deps, id);
  if (reg.team === undefined || !reg.team.members.includes(accountId)) throw new ForbiddenActionError('You are not invited to this team');
  if (reg.status !== 'pending-team') throw new InvalidTransitionError('The team is no longer waiting for members');
  if (deps.now() >= reg.team.completeBy) throw new InvalidTransitionError('The team’s completion deadline has passed');
  const competition = await deps.competitions.findById(reg.competitionId);
  if (competition === undefined) throw new NotFoundError('Competition', reg.competitionId);
  assertNotArchived(competition, 'joining a team');
  const track = findTrack(competition, reg.trackId);
  const shape = applicantViolations(applicant);
  if (shape.length > 0) throw new ValidationError(shape);
  const failures = eligibilityFailures(track.eligibility, applicant, competition.startsAt);
  if (failures.length > 0) throw new NotEligibleError(failures);
  const updated = await deps.registrations.addAcceptedMember(id, accountId);
  if (updated?.team === undefined) throw new InvalidTransitionError('The team is no longer waiting for members');
  if (!isTeamComplete({ ...updated.team, leaderId: updated.contestantAccountId })) return updated;
  // A team that completes after a promotion from the waitlist says so (waitSeq stays once queued).
  const events = [confirmedEvent(updated, updated.version + 1, updated.waitSeq !== undefined)];
  const done = await deps.registrations.transition(id, 'pending-team', { status: 'confirmed' }, events);
  if (done === null) return (await deps.registrations.findById(id)) ?? updated;
  deps.publish(events);
  return done;
}

export async function acceptOffer(deps: RegistrationDeps, id: string, accountId: string): Promise<RegistrationDoc> {
  const reg = await load(deps, id);
  if (reg.contestantAccountId !== accountId) throw new ForbiddenActionError('Only the contestant may accept the offer');
  assertOfferAcceptable(reg.status, reg.offerExpiresAt, deps.now());
  const events = [confirmedEvent(reg, reg.version + 1, true)];
  const done = await deps.registrations.transition(id, 'offered', { status: 'confirmed' }, events, ['offerExpiresAt']);
  if (done === null) throw new InvalidTransitionError('The offer is no longer open');
  deps.publish(events);
  return done;
}

/**
 * Organizer review: approval takes a seat (or a waitlist place); refusal rejects, and `reason`
 * (may be empty) is kept with it, in the same write, where the contestant reads it.
 */
export async function decideReview(deps: RegistrationDeps, caller: OrganizerCaller, id: string, approve: boolean, reason = ''): Promise<RegistrationDoc> {
  const reg = await load(deps, id);
  const competition = await deps.competitions.findById(reg.competitionId);
  if (competition === undefined) throw new NotFoundError('Competition', reg.competitionId);
  assertOwner(competition, caller);
  assertNotArchived(competition, 'deciding a review');
  if (reg.status !== 'pending-review') throw new InvalidTransitionError('The registration is not waiting for review');
  const track = findTrack(competition, reg.trackId);
  const version = reg.version + 1;
  if (!approve) {
    const events = [rejectedEvent(reg, version, registrationEventsV1.RejectionReason.REJECTION_REASON_ORGANIZER_DECISION)];
    const done = await deps.registrations.transition(id, 'pending-review', { status: 'rejected', rejection: { reason: 'organizer-decision', details: reason === '' ? [] : [reason] } }, events);
    if (done === null) throw new InvalidTransitionError('The registration changed meanwhile');
    deps.publish(events);
    return done;
  }
  // Approval takes a seat only if nobody waits (they were accepted first), else a waitlist place.
  const quotaKeys = quotasFor(track.trackId, track.quotas, reg.applicant);
  const seated = [confirmedEvent(reg, version, false)];
  const inSeat = await updateIntoSeat(
    deps,
    track,
    quotaKeys,
    (p) => deps.registrations.transition(id, 'pending-review', { status: 'confirmed', ...seatFields(track.trackId, id, p, undefined) }, seated),
    false,
  );
  if (inSeat === null) throw new InvalidTransitionError('The registration changed meanwhile');
  if (inSeat !== 'full') {
    deps.publish(seated);
    return inSeat;
  }
  let queued: OutboxEntry[] = [];
  const inQueue = await updateIntoQueue(deps, track, (q) => {
    queued = [waitlistedEvent(reg, version, q.position)];
    return deps.registrations.transition(id, 'pending-review', { status: 'waitlisted', ...seatFields(track.trackId, id, undefined, q) }, queued);
  });
  if (inQueue === null) throw new InvalidTransitionError('The registration changed meanwhile');
  if (inQueue !== undefined) {
    deps.publish(queued);
    return inQueue;
  }
  const events = [rejectedEvent(reg, version, registrationEventsV1.RejectionReason.REJECTION_REASON_TRACK_FULL)];
  const rejected = await deps.registrations.transition(id, 'pending-review', { status: 'rejected', rejection: { reason: 'track-full', details: [] } }, events);
  if (rejected === null) throw new InvalidTransitionError('The registration changed meanwhile');
  deps.publish(events);
  return rejected;
}
