import { eventTypeByName, registrationEventsV1 } from '@digicraft/contracts';
import { createOutboxEntry, type OutboxEntry } from '@digicraft/messaging';
import type { RegistrationDoc } from '../store/documents';

/**
 * Outbox entries of registration state changes. Keyed by competition id (the contract: one
 * consumer sees a competition's confirmations, waitlist moves and withdrawals in order), subject
 * = registration id. Payloads carry account ids, never personal details; confirmations also carry
 * the province and institution, which judging needs to keep judges off entries they are tied to.
 */
type Reg = Pick<RegistrationDoc, '_id' | 'competitionId' | 'trackId' | 'contestantAccountId' | 'team'> & { applicant?: Pick<RegistrationDoc['applicant'], 'province' | 'institution'> };

const affiliation = (r: Reg) => ({ province: r.applicant?.province ?? '', institution: r.applicant?.institution ?? '' });

export interface EventCause {
  readonly correlationId?: string | undefined;
}

const members = (r: Reg): string[] => [r.contestantAccountId, ...(r.team?.members ?? [])];
const opts = (r: Reg, cause: EventCause) => ({ subject: r._id, key: r.competitionId, ...(cause.correlationId ? { correlationId: cause.correlationId } : {}) });

export function confirmedEvent(r: Reg, version: number, promoted: boolean, cause: EventCause = {}): OutboxEntry {
  return createOutboxEntry(
    eventTypeByName('registration.confirmed.v1'),
    {
      registrationId: r._id,
      competitionId: r.competitionId,
      trackId: r.trackId,
      contestantAccountId: r.contestantAccountId,
      memberAccountIds: members(r),
      teamName: r.team?.name ?? '',
      promotedFromWaitlist: promoted,
      confirmedAt: new Date(),
      version,
      ...affiliation(r),
    },
    opts(r, cause),
  );
}

export function waitlistedEvent(r: Reg, version: number, position: number, cause: EventCause = {}): OutboxEntry {
  return createOutboxEntry(
    eventTypeByName('registration.waitlisted.v1'),
    { registrationId: r._id, competitionId: r.competitionId, trackId: r.trackId, contestantAccountId: r.contestantAccountId, memberAccountIds: members(r), waitlistPosition: position, waitlistedAt: new Date(), version },
    opts(r, cause),
  );
}

/** `status`: what the promotion made of it (confirmed at once, or offered / pending its team). */
export function promotedEvent(r: Reg, version: number, previousPosition: number, freedBy: string, status: registrationEventsV1.RegistrationStatus, cause: EventCause = {}): OutboxEntry {
  return createOutboxEntry(
    eventTypeByName('registration.promoted.v1'),
    {
      registrationId: r._id,
      competitionId: r.competitionId,
      trackId: r.trackId,
      contestantAccountId: r.contestantAccountId,
      memberAccountIds: members(r),
      previousWaitlistPosition: previousPosition,
      freedByRegistrationId: freedBy,
      promotedAt: new Date(),
      version,
      status,
      ...affiliation(r),
    },
    opts(r, cause),
  );
}

export function withdrawnEvent(r: Reg, version: number, previous: registrationEventsV1.RegistrationStatus, by: string, cause: EventCause = {}): OutboxEntry {
  return createOutboxEntry(
    eventTypeByName('registration.withdrawn.v1'),
    { registrationId: r._id, competitionId: r.competitionId, trackId: r.trackId, contestantAccountId: r.contestantAccountId, memberAccountIds: members(r), previousStatus: previous, withdrawnByAccountId: by, withdrawnAt: new Date(), version },
    opts(r, cause),
  );
}

export function rejectedEvent(r: Reg, version: number, reason: registrationEventsV1.RejectionReason, cause: EventCause = {}): OutboxEntry {
  return createOutboxEntry(
    eventTypeByName('registration.rejected.v1'),
    { registrationId: r._id, competitionId: r.competitionId, trackId: r.trackId, contestantAccountId: r.contestantAccountId, memberAccountIds: members(r), reason, rejectedAt: new Date(), version },
    opts(r, cause),
  );
}
