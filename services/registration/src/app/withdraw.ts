import { NotFoundError } from '@digicraft/errors';
import { ForbiddenActionError } from '../domain/errors';
import { assertNotArchived } from '../domain/competition-lifecycle';
import { assertWithdrawable } from '../domain/transitions';
import { toProtoRegistrationStatus } from '../contract-enums';
import { withdrawnEvent, type EventCause } from '../events/registration-events';
import type { RegistrationDoc } from '../store/documents';
import { SEAT_HOLDING, type Track } from '../domain/types';
import { fillFreeSeats } from './promotion';
import { releasedFields } from './seat-claim';
import { findTrack } from './register';
import type { RegistrationDeps } from './registration-deps';

export interface Caller {
  readonly id: string;
  readonly isOrganizerOf: (organizerId: string) => boolean;
}

/**
 * Withdrawal: one guarded update (state, event, and the seat and quota places given back by
 * replacing their numbers with fillers), then the waitlist moves up. A crash after the update
 * leaves a free seat that the start-up reconciliation (or the periodic sweep) hands on.
 */
export async function withdraw(deps: RegistrationDeps, registrationId: string, caller: Caller, cause: EventCause = {}): Promise<RegistrationDoc> {
  const reg = await deps.registrations.findById(registrationId);
  if (reg === null) throw new NotFoundError('Registration', registrationId);
  const competition = await deps.competitions.findById(reg.competitionId);
  if (competition === undefined) throw new NotFoundError('Competition', reg.competitionId);
  if (reg.contestantAccountId !== caller.id && !caller.isOrganizerOf(competition.organizerId)) throw new ForbiddenActionError('Only the contestant or the organizer may withdraw this registration');
  assertNotArchived(competition, 'withdrawing');
  assertWithdrawable(reg.status, competition, deps.now());
  const version = reg.version + 1;
  const events = [withdrawnEvent(reg, version, toProtoRegistrationStatus(reg.status), caller.id, cause)];
  const done = await deps.registrations.transition(reg._id, reg.status, { status: 'withdrawn', ...releasedFields(reg) }, events);
  if (done === null) throw new ForbiddenActionError('The registration changed meanwhile; reload it');
  deps.publish(events);
  await afterRelease(deps, findTrack(competition, reg.trackId), reg, cause);
  return done;
}

/** After a registration let go of its place: a freed seat goes to the waitlist; hints reload. */
export async function afterRelease(deps: RegistrationDeps, track: Track, reg: RegistrationDoc, cause: EventCause = {}): Promise<void> {
  deps.seats.markStale(reg.trackId);
  if (SEAT_HOLDING.includes(reg.status)) await fillFreeSeats(deps, track, reg._id, cause);
}
