/** The registration service's model, independent of proto and storage. */

export const COMPETITION_LEVELS = ['national', 'provincial', 'municipal', 'enterprise', 'college'] as const;
export type CompetitionLevel = (typeof COMPETITION_LEVELS)[number];

export type CompetitionStatus = 'draft' | 'published' | 'archived';
export type AdmissionMode = 'first-come' | 'review' | 'lottery';
export type PromotionMode = 'automatic' | 'offer';
export type UniquenessScope = 'track' | 'competition';
export type QuotaDimension = 'province' | 'institution';

/** Ordered: a higher index satisfies every lower requirement. */
export const CERTIFICATE_LEVELS = ['none', 'junior', 'intermediate', 'senior'] as const;
export type CertificateLevel = (typeof CERTIFICATE_LEVELS)[number];

export interface EligibilityRules {
  readonly minAge?: number | undefined;
  readonly maxAge?: number | undefined;
  /** Ages are computed on this day; defaults to the competition's start. */
  readonly ageReferenceDate?: Date | undefined;
  /** Empty = every province. */
  readonly provinces: readonly string[];
  readonly requiredCertificateLevel: CertificateLevel;
  readonly uniqueness: UniquenessScope;
}

export interface Quota {
  readonly dimension: QuotaDimension;
  readonly value: string;
  readonly maxConfirmed: number;
}

export interface Track {
  readonly trackId: string;
  readonly name: string;
  readonly description: string;
  readonly occupationCode: string;
  readonly format: 'individual' | 'team';
  readonly minTeamSize: number;
  readonly maxTeamSize: number;
  readonly capacity: number;
  readonly waitlistEnabled: boolean;
  /** 0 = unlimited. */
  readonly waitlistLimit: number;
  readonly eligibility: EligibilityRules;
  readonly quotas: readonly Quota[];
  readonly admission: AdmissionMode;
  readonly promotion: PromotionMode;
  readonly offerAcceptanceHours: number;
  readonly teamCompletionHours: number;
}

export interface LotteryDrawRecord {
  readonly trackId: string;
  readonly seed: string;
  readonly algorithm: string;
  readonly drawnAt: Date;
  readonly entrants: readonly string[];
  readonly drawn: readonly string[];
}

export interface CompetitionDetails {
  readonly title: string;
  readonly description: string;
  readonly occupation: string;
  readonly level: CompetitionLevel;
  readonly registrationOpensAt: Date;
  readonly registrationClosesAt: Date;
  readonly withdrawalDeadline?: Date | undefined;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly tracks: readonly Track[];
}

export interface Competition extends CompetitionDetails {
  readonly competitionId: string;
  readonly organizerId: string;
  readonly status: CompetitionStatus;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly publishedAt?: Date | undefined;
  readonly archivedAt?: Date | undefined;
  readonly draws: readonly LotteryDrawRecord[];
}

export type RegistrationStatus =
  | 'confirmed'
  | 'waitlisted'
  | 'withdrawn'
  | 'rejected'
  | 'pending-review'
  | 'pending-team'
  | 'offered'
  | 'pending-draw';

/** Statuses that occupy one of the track's seats (and its quota places). */
export const SEAT_HOLDING: readonly RegistrationStatus[] = ['confirmed', 'pending-team', 'offered'];

export interface ApplicantDetails {
  readonly identityNumber: string;
  readonly birthDate: string;
  readonly province: string;
  readonly institution: string;
  readonly certificateLevel: CertificateLevel;
  readonly fullName: string;
}
