import { NotFoundError, ValidationError } from '@digicraft/errors';
import type { OutboxEntry } from '@digicraft/messaging';
import { assertNotArchived, isRegistrationOpen } from '../domain/competition-lifecycle';
import { applicantViolations, eligibilityFailures } from '../domain/eligibility';
import { AlreadyRegisteredError, NotEligibleError, RegistrationClosedError, TrackFullError } from '../domain/errors';
import { quotasFor } from '../domain/quotas';
import { maskResidentId, normalizeResidentId } from '../domain/resident-id';
import { teamCompleteBy, teamViolations } from '../domain/teams';
import type { ApplicantDetails, Competition, RegistrationStatus, Track } from '../domain/types';
import { confirmedEvent, waitlistedEvent, type EventCause } from '../events/registration-events';
import type { RegistrationDoc, StoredApplicant } from '../store/documents';
import type { QueuePick, SeatPick, Settlement } from '../store/seat-hints';
import { isUniqueViolation, violatedKeys } from '../store/unique-violation';
import { fillFreeSeats } from './promotion';
import { MAX_CLAIM_ATTEMPTS, quotaLimits, SeatContentionError, seatFields, type SeatFieldValues } from './seat-claim';
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

/**
 * Registers a contestant. ONE insert is the whole claim: the registration carries its seat (or
 * queue) number, its quota places and its event, and unique indexes on those fields make
 * overbooking impossible on MongoDB and FerretDB alike, with any number of instances. The
 * natural `_id` (scope + HMAC of the identity number) makes a second registration of the same
 * person collide too. A crash can never leave a claim without its registration.
 */
export interface RegisterOutcome {
  readonly registration: RegistrationDoc;
  /** Position when waitlisted, as of the acceptance; 0 otherwise. */
  readonly waitlistPosition: number;
}

type Base = Omit<RegistrationDoc, 'outbox' | 'outboxAt' | 'status' | keyof SeatFieldValues>;

interface Attempt {
  readonly doc: Omit<RegistrationDoc, 'outbox' | 'outboxAt'>;
  readonly pick?: SeatPick;
  readonly queue?: QueuePick;
}

/** Chooses the numbers to try: a seat (and quota places), else a queue number, else full. */
async function nextAttempt(deps: RegistrationDeps, track: Track, base: Base, quotaKeys: readonly string[]): Promise<Attempt> {
  const without = (status: RegistrationStatus): Attempt => ({ doc: { ...base, status, ...seatFields(track.trackId, base._id, undefined, undefined) } });
  if (track.admission === 'review') return without('pending-review');
  if (track.admission === 'lottery') return without('pending-draw');
  const pick = await deps.seats.pickSeat(track.trackId, track.capacity, quotaLimits(track, quotaKeys));
  if (typeof pick !== 'string') {
    return { pick, doc: { ...base, status: track.format === 'team' ? 'pending-team' : 'confirmed', ...seatFields(track.trackId, base._id, pick, undefined) } };
  }
  const queue = track.waitlistEnabled ? await deps.seats.pickQueue(track.trackId, track.waitlistLimit) : undefined;
  if (queue === undefined) throw new TrackFullError();
  return { queue, doc: { ...base, status: 'waitlisted', ...seatFields(track.trackId, base._id, undefined, queue) } };
}

function settle(deps: RegistrationDeps, trackId: string, a: Attempt, outcome: Settlement): void {
  if (a.pick) deps.seats.seatSettled(trackId, a.pick, outcome);
  if (a.queue) deps.seats.queueSettled(trackId, a.queue, outcome);
}

/** Which unique index refused the insert: MongoDB says; on FerretDB look the registration up. */
async function isSamePerson(deps: RegistrationDeps, err: unknown, doc: Base, attempt: number): Promise<boolean> {
  const keys = violatedKeys(err);
  if (keys !== undefined) return keys.includes('_id') || keys.includes('scopeId');
  if ((await deps.registrations.findById(doc._id)) !== null) return true;
  // The account index is rarely the culprit (one account, two identity numbers): check it only
  // once seat numbers alone no longer explain the collisions (it costs a scan on FerretDB).
  return attempt >= 2 && deps.registrations.existsInScope(doc.scopeId, doc.contestantAccountId);
}

function eventsOf(a: Attempt, cause: EventCause | undefined): OutboxEntry[] {
  if (a.doc.status === 'confirmed') return [confirmedEvent(a.doc, 1, false, cause)];
  if (a.doc.status === 'waitlisted') return [waitlistedEvent(a.doc, 1, a.queue?.position ?? 1, cause)];
  return [];
}

export async function register(deps: RegistrationDeps, input: RegisterInput): Promise<RegisterOutcome> {
  const now = deps.now();
  const competition = await deps.competitions.findCached(input.competitionId);
  if (competition === undefined || competition.status === 'draft') throw new NotFoundError('Competition', input.competitionId);
  assertNotArchived(competition, 'registering');
  const track = findTrack(competition, input.trackId);
  validate(competition, track, input, now);
  const scopeId = track.eligibility.uniqueness === 'competition' ? competition.competitionId : track.trackId;
  const id = `${scopeId}:${deps.cipher.personKey(normalizeResidentId(input.applicant.identityNumber))}`;
  // No look-up first: on FerretDB a find of a MISSING _id scans the collection (measured 24 ms at
  // 5k documents), and the insert's unique _id refuses a second registration anyway.
  if (track.eligibility.uniqueness === 'competition' && (await deps.registrations.existsInCompetition(competition.competitionId, input.accountId))) {
    throw new AlreadyRegisteredError();
  }
  const team = input.team && track.format === 'team' ? { name: input.team.name, members: [...input.team.members], accepted: [], completeBy: teamCompleteBy(now, track) } : undefined;
  const base: Base = {
    _id: id,
    competitionId: competition.competitionId,
    trackId: track.trackId,
    scopeId,
    contestantAccountId: input.accountId,
    version: 1,
    applicant: sealApplicant(deps, input.applicant),
    ...(team ? { team } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const quotaKeys = quotasFor(track.trackId, track.quotas, input.applicant);
  let events: OutboxEntry[] = [];
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
    const a = await nextAttempt(deps, track, base, quotaKeys);
    try {
      events = eventsOf(a, input.cause);
      await deps.registrations.insert(a.doc, events);
    } catch (err) {
      if (!isUniqueViolation(err)) {
        settle(deps, track.trackId, a, 'unused');
        throw err;
      }
      const samePerson = await isSamePerson(deps, err, base, attempt);
      settle(deps, track.trackId, a, samePerson ? 'unused' : 'collided');
      if (samePerson) throw new AlreadyRegisteredError();
      continue;
    }
    settle(deps, track.trackId, a, 'used');
    deps.publish(events);
    // Queued behind others while a seat looks free (e.g. a quota blocks the head): let it move.
    if (a.queue && (await deps.seats.seemsFree(track.trackId, track.capacity))) {
      const moved = (await fillFreeSeats(deps, track, id, input.cause)).find((r) => r._id === id);
      if (moved !== undefined) return { registration: moved, waitlistPosition: 0 };
    }
    return { registration: { ...a.doc, outbox: events }, waitlistPosition: a.queue?.position ?? 0 };
  }
  throw new SeatContentionError();
}
