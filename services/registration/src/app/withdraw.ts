import { NotFoundError } from '@digicraft/errors';
import { ForbiddenActionError } from '../domain/errors';
import { assertWithdrawable } from '../domain/transitions';
import { toProtoRegistrationStatus } from '../contract-enums';
import { withdrawnEvent, type EventCause } from '../events/registration-events';
import type { RegistrationDoc } from '../store/documents';
import { fillFreeSeats } from './promotion';
import { findTrack } from './register';
import type { RegistrationDeps } from './registration-deps';

export interface Caller {
  readonly id: string;
  readonly isOrganizerOf: (organizerId: string) => boolean;
}

/**
 * Withdrawal: one guarded update (state + event), then the seat and quota places go back and
 * the waitlist moves up. A crash after the update leaves the counter one too high until the
 * start-up reconciliation, never a double-booked seat.
 */
export async function withdraw(deps: RegistrationDeps, registrationId: string, caller: Caller, cause: EventCause = {}): Promise<RegistrationDoc> {
  const reg = await deps.registrations.findById(registrationId);
  if (reg === null) throw new NotFoundError('Registration', registrationId);
  const competition = await deps.competitions.findById(reg.competitionId);
  if (competition === undefined) throw new NotFoundError('Competition', reg.competitionId);
  if (reg.contestantAccountId !== caller.id && !caller.isOrganizerOf(competition.organizerId)) throw new ForbiddenActionError('Only the contestant or the organizer may withdraw this registration');
  assertWithdrawable(reg.status, competition, deps.now());
  const version = reg.version + 1;
  const events = [withdrawnEvent(reg, version, toProtoRegistrationStatus(reg.status), caller.id, cause)];
  const done = await deps.registrations.transition(reg._id, reg.status, { status: 'withdrawn', seatHeld: false, quotaKeys: [] }, events);
  if (done === null) throw new ForbiddenActionError('The registration changed meanwhile; reload it');
  deps.publish(events);
  await releaseHeld(deps, reg);
  if (reg.seatHeld) await fillFreeSeats(deps, findTrack(competition, reg.trackId), reg._id, cause);
  return done;
}

/** Gives back what a registration held before leaving (seat + quotas, or its waitlist place). */
export async function releaseHeld(deps: RegistrationDeps, reg: RegistrationDoc): Promise<void> {
  if (reg.seatHeld) {
    await deps.seats.releaseSeat(reg.trackId);
    await deps.quotas.release(reg.quotaKeys);
  } else if (reg.status === 'waitlisted') {
    await deps.seats.leaveWaitlist(reg.trackId);
  }
}
