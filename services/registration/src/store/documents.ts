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
  /** Acceptance order in the track's waitlist (= its queue seat number); set once it queued. */
  waitSeq?: number;
  /** Unique: `${trackId}:confirmed:${n}` while it holds a seat, else a filler (see seat-keys.ts). */
  seat: string;
  /** Unique and never changed once set: `${trackId}:queue:${n}` from the moment it queued. */
  queueSeat: string;
  /** Unique: the place taken in a province / institution quota, else a filler. */
  provinceSeat: string;
  institutionSeat: string;
  /** The quotas whose places it holds (quota counters are rebuilt from these). */
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
