import { NotFoundError, ValidationError } from '@digicraft/errors';
import { isDuplicateKeyError } from '@digicraft/store';
import { isRegistrationOpen } from '../domain/competition-lifecycle';
import { applicantViolations, eligibilityFailures } from '../domain/eligibility';
import { AlreadyRegisteredError, NotEligibleError, RegistrationClosedError, TrackFullError } from '../domain/errors';
import { quotasFor } from '../domain/quotas';
import { maskResidentId, normalizeResidentId } from '../domain/resident-id';
import { teamCompleteBy, teamViolations } from '../domain/teams';
import type { ApplicantDetails, Competition, RegistrationStatus, Track } from '../domain/types';
import { confirmedEvent, waitlistedEvent, type EventCause } from '../events/registration-events';
import type { RegistrationDoc, StoredApplicant } from '../store/documents';
import { fillFreeSeats } from './promotion';
import type { RegistrationDeps } from './registration-deps';

export interface RegisterInput {
  readonly accountId: string;
  readonly competitionId: string;
  readonly trackId: string;
  readonly applicant: ApplicantDetails;
  readonly team?: { readonly name: string; readonly members: readonly string[] } | undefined;
  readonly cause?: EventCause;
}

export function findTrack(c: Competition, trackId: string): Track {
  const track = c.tracks.find((t) => t.trackId === trackId);
  if (track === undefined) throw new NotFoundError('Track', trackId);
  return track;
}

export function sealApplicant(deps: RegistrationDeps, a: ApplicantDetails): StoredApplicant {
  const id = normalizeResidentId(a.identityNumber);
  return {
    identitySealed: deps.cipher.encrypt(id),
    identityMasked: maskResidentId(id),
    fullNameSealed: deps.cipher.encrypt(a.fullName),
    birthDate: a.birthDate,
    province: a.province,
    institution: a.institution,
    certificateLevel: a.certificateLevel,
  };
}

/** Checks everything that needs no I/O; throws with every failing field at once. */
function validate(c: Competition, track: Track, input: RegisterInput, now: Date): void {
  if (!isRegistrationOpen(c, now)) throw new RegistrationClosedError();
  const shape = applicantViolations(input.applicant);
  if (track.format === 'team') {
    if (input.team === undefined) shape.push({ field: 'team', message: 'is required for a team track' });
    else shape.push(...teamViolations(track, input.accountId, input.team.name, input.team.members));
  } else if (input.team !== undefined && input.team.members.length > 0) {
    shape.push({ field: 'team', message: 'must be absent for an individual track' });
  }
  if (shape.length > 0) throw new ValidationError(shape);
  const failures = eligibilityFailures(track.eligibility, input.applicant, c.startsAt);
  if (failures.length > 0) throw new NotEligibleError(failures);
}

type Placement = { status: RegistrationStatus; seat: boolean; quotaKeys: string[]; waitSeq?: number; position?: number };

/** Takes a seat (and quota places) or a waitlist place; both are single guarded counter updates. */
async function place(deps: RegistrationDeps, track: Track, quotaKeys: string[]): Promise<Placement> {
  if (track.admission === 'review') return { status: 'pending-review', seat: false, quotaKeys: [] };
  if (track.admission === 'lottery') return { status: 'pending-draw', seat: false, quotaKeys: [] };
  const seatStatus: RegistrationStatus = track.format === 'team' ? 'pending-team' : 'confirmed';
  if (await deps.quotas.claim(quotaKeys)) {
    if (await deps.seats.claimSeat(track.trackId)) return { status: seatStatus, seat: true, quotaKeys };
    await deps.quotas.release(quotaKeys);
  }
  const slot = await deps.seats.claimWaitSlot(track.trackId);
  if (slot === undefined) throw new TrackFullError();
  return { status: 'waitlisted', seat: false, quotaKeys: [], waitSeq: slot.waitSeq, position: slot.position };
}

async function giveBack(deps: RegistrationDeps, trackId: string, p: Placement): Promise<void> {
  if (p.seat) {
    await deps.seats.releaseSeat(trackId);
    await deps.quotas.release(p.quotaKeys);
  } else if (p.status === 'waitlisted') {
    await deps.seats.leaveWaitlist(trackId);
  }
}

/**
 * Registers a contestant. The claim comes first, then ONE insert carries the registration, its
 * seat flag and its event; the insert's natural `_id` makes a second registration of the same
 * person impossible even at the same instant. If the insert fails the claim is given back; if the
 * process dies between the two, the start-up reconciliation rebuilds the counters from the
 * registrations (seatHeld), so the seat is not lost.
 */
export interface RegisterOutcome {
  readonly registration: RegistrationDoc;
  /** Position when waitlisted, as of the acceptance; 0 otherwise. */
  readonly waitlistPosition: number;
}

export async function register(deps: RegistrationDeps, input: RegisterInput): Promise<RegisterOutcome> {
  const now = deps.now();
  const competition = await deps.competitions.findCached(input.competitionId);
  if (competition === undefined || competition.status === 'draft') throw new NotFoundError('Competition', input.competitionId);
  const track = findTrack(competition, input.trackId);
  validate(competition, track, input, now);
  const scopeId = track.eligibility.uniqueness === 'competition' ? competition.competitionId : track.trackId;
  const id = `${scopeId}:${deps.cipher.personKey(normalizeResidentId(input.applicant.identityNumber))}`;
  // Cheap (_id lookup) and keeps a repeated request from briefly holding a second seat.
  if ((await deps.registrations.findById(id)) !== null) throw new AlreadyRegisteredError();
  if (track.eligibility.uniqueness === 'competition' && (await deps.registrations.existsInCompetition(competition.competitionId, input.accountId))) {
    throw new AlreadyRegisteredError();
  }
  const placement = await place(deps, track, quotasFor(track.trackId, track.quotas, input.applicant));
  const team = input.team && track.format === 'team' ? { name: input.team.name, members: [...input.team.members], accepted: [], completeBy: teamCompleteBy(now, track) } : undefined;
  const doc: Omit<RegistrationDoc, 'outbox' | 'outboxAt'> = {
    _id: id,
    competitionId: competition.competitionId,
    trackId: track.trackId,
    scopeId,
    contestantAccountId: input.accountId,
    status: placement.status,
    version: 1,
    ...(placement.waitSeq !== undefined ? { waitSeq: placement.waitSeq } : {}),
    seatHeld: placement.seat,
    quotaKeys: placement.quotaKeys,
    applicant: sealApplicant(deps, input.applicant),
    ...(team ? { team } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const events =
    placement.status === 'confirmed'
      ? [confirmedEvent(doc, 1, false, input.cause)]
      : placement.status === 'waitlisted'
        ? [waitlistedEvent(doc, 1, placement.position ?? 1, input.cause)]
        : [];
  try {
    await deps.registrations.insert(doc, events);
  } catch (err) {
    await giveBack(deps, track.trackId, placement);
    // The seat was briefly taken: someone may have queued meanwhile and deserves it now.
    if (placement.seat) await fillFreeSeats(deps, track, id, input.cause);
    if (isDuplicateKeyError(err)) throw new AlreadyRegisteredError();
    throw err;
  }
  deps.publish(events);
  return { registration: { ...doc, outbox: events }, waitlistPosition: placement.position ?? 0 };
}
