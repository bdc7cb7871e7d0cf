import type { Competition } from './types';
import { CompetitionArchivedError, CompetitionNotEndedError, InvalidTransitionError } from './errors';

/** What a visitor sees of the lifecycle: the stored status plus the window's effect on registration. */
export type LifecyclePhase = 'draft' | 'registration-upcoming' | 'registration-open' | 'registration-closed' | 'archived';

export function lifecyclePhase(c: Pick<Competition, 'status' | 'registrationOpensAt' | 'registrationClosesAt'>, now: Date): LifecyclePhase {
  if (c.status === 'draft') return 'draft';
  if (c.status === 'archived') return 'archived';
  if (now < c.registrationOpensAt) return 'registration-upcoming';
  if (now >= c.registrationClosesAt) return 'registration-closed';
  return 'registration-open';
}

export function isRegistrationOpen(c: Pick<Competition, 'status' | 'registrationOpensAt' | 'registrationClosesAt'>, now: Date): boolean {
  return lifecyclePhase(c, now) === 'registration-open';
}

/** Withdrawals are accepted until the withdrawal deadline, or the competition's start when none is set. */
export function withdrawalDeadlineOf(c: Pick<Competition, 'withdrawalDeadline' | 'startsAt'>): Date {
  return c.withdrawalDeadline ?? c.startsAt;
}

export function canPublish(c: Pick<Competition, 'status'>): boolean {
  return c.status === 'draft';
}

/** Archiving is allowed once the competition has ended. */
export function canArchive(c: Pick<Competition, 'status' | 'endsAt'>, now: Date): boolean {
  return c.status === 'published' && now >= c.endsAt;
}

/** Why archiving is refused, each case with its own code; returns when `canArchive` holds. */
export function assertArchivable(c: Pick<Competition, 'status' | 'endsAt'>, now: Date): void {
  if (c.status === 'archived') throw new CompetitionArchivedError('The competition is already archived');
  if (c.status !== 'published') throw new InvalidTransitionError(`A ${c.status} competition cannot be archived; only a published one that has ended`);
  if (!canArchive(c, now)) throw new CompetitionNotEndedError(c.endsAt);
}

/** Registrations, withdrawals, decisions and edits all stop once the competition is archived. */
export function assertNotArchived(c: Pick<Competition, 'status'>, what: string): void {
  if (c.status === 'archived') throw new CompetitionArchivedError(`The competition is archived: ${what} is no longer possible`);
}
