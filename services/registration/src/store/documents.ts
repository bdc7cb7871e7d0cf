import type { OutboxEntry } from '@digicraft/messaging';
import type { CertificateLevel, Competition, RegistrationStatus } from '../domain/types';

/** Stored shapes. Dates are BSON dates; ids are strings chosen by the service. */

export interface CompetitionDoc extends Omit<Competition, 'competitionId'> {
  _id: string;
  outbox: OutboxEntry[];
  outboxAt?: Date;
}

export interface StoredApplicant {
  identitySealed: string;
  identityMasked: string;
  fullNameSealed: string;
  birthDate: string;
  province: string;
  institution: string;
  certificateLevel: CertificateLevel;
}

export interface StoredTeam {
  name: string;
  members: string[];
  accepted: string[];
  completeBy: Date;
}

export interface RegistrationDoc {
  /** Natural key `${scopeId}:${personKey}`: a second registration of the same person collides. */
  _id: string;
  competitionId: string;
  trackId: string;
  /** The track, or the competition when the track allows one registration per competition. */
  scopeId: string;
  contestantAccountId: string;
  status: RegistrationStatus;
  version: number;
  /** Acceptance order in the track's waitlist; set once the registration queued. */
  waitSeq?: number;
  /** True while the registration holds one of the track's seats; it is what counters are rebuilt from. */
  seatHeld: boolean;
  quotaKeys: string[];
  applicant: StoredApplicant;
  team?: StoredTeam;
  offerExpiresAt?: Date;
  rejection?: { reason: string; details: string[] };
  createdAt: Date;
  updatedAt: Date;
  outbox: OutboxEntry[];
  outboxAt?: Date;
}

/**
 * One per track: the only document the hot path updates, so the guarded claim stays cheap.
 * `free` = capacity − confirmed is kept next to them because a guard cannot compare two fields
 * without expression operators (not on FerretDB): the claim guards on `free > 0`.
 */
export interface TrackCounterDoc {
  _id: string;
  competitionId: string;
  capacity: number;
  /** Seats held (confirmed, offered, teams completing). */
  confirmed: number;
  free: number;
  waitlisted: number;
  /** Waitlist places left; a very large number when unlimited, 0 when the waitlist is off. */
  waitFree: number;
  /** Last waitlist sequence handed out; never decreases. */
  waitSeq: number;
}

export interface QuotaCounterDoc {
  _id: string;
  trackId: string;
  max: number;
  confirmed: number;
  free: number;
}
