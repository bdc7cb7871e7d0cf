import { withdrawalDeadlineOf } from './competition-lifecycle';
import { InvalidTransitionError, WithdrawalClosedError } from './errors';
import type { Competition, RegistrationStatus } from './types';

const WITHDRAWABLE: readonly RegistrationStatus[] = ['confirmed', 'waitlisted', 'pending-review', 'pending-team', 'offered', 'pending-draw'];

/** Throws with a clear reason when the registration cannot be withdrawn now. */
export function assertWithdrawable(status: RegistrationStatus, competition: Pick<Competition, 'withdrawalDeadline' | 'startsAt'>, now: Date): void {
  if (!WITHDRAWABLE.includes(status)) throw new InvalidTransitionError(`A ${status} registration cannot be withdrawn`);
  const deadline = withdrawalDeadlineOf(competition);
  if (now >= deadline) throw new WithdrawalClosedError(deadline);
}

/** Offers lapse at their deadline; after it acceptance is refused. */
export function assertOfferAcceptable(status: RegistrationStatus, offerExpiresAt: Date | undefined, now: Date): void {
  if (status !== 'offered') throw new InvalidTransitionError('There is no open offer on this registration');
  if (offerExpiresAt !== undefined && now >= offerExpiresAt) throw new InvalidTransitionError('The offer has expired');
}

export function offerExpiry(now: Date, hours: number): Date {
  return new Date(now.getTime() + hours * 3_600_000);
}
