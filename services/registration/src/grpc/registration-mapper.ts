import { registrationEventsV1, type registrationV1 } from '@digicraft/contracts';
import { fromProtoCertificate, toProtoCertificate, toProtoRegistrationStatus } from '../contract-enums';
import type { ApplicantDetails } from '../domain/types';
import type { RegistrationDoc } from '../store/documents';

const REASON: Readonly<Record<string, registrationEventsV1.RejectionReason>> = {
  'organizer-decision': registrationEventsV1.RejectionReason.REJECTION_REASON_ORGANIZER_DECISION,
  'track-full': registrationEventsV1.RejectionReason.REJECTION_REASON_TRACK_FULL,
  'lottery-not-drawn': registrationEventsV1.RejectionReason.REJECTION_REASON_LOTTERY_NOT_DRAWN,
  'team-incomplete': registrationEventsV1.RejectionReason.REJECTION_REASON_TEAM_INVALID,
};

export function applicantOf(a: registrationV1.Applicant | undefined): ApplicantDetails {
  return {
    identityNumber: a?.identityNumber ?? '',
    birthDate: a?.birthDate ?? '',
    province: a?.province ?? '',
    institution: a?.institution ?? '',
    certificateLevel: fromProtoCertificate(a?.certificateLevel ?? 0),
    fullName: a?.fullName ?? '',
  };
}

/** The identity number only ever leaves masked; the name is left out of listings of others. */
export function registrationMessage(r: RegistrationDoc, waitlistPosition = 0, fullName = ''): registrationV1.Registration {
  return {
    registrationId: r._id,
    competitionId: r.competitionId,
    trackId: r.trackId,
    contestantAccountId: r.contestantAccountId,
    team: r.team && { name: r.team.name, memberAccountIds: [...r.team.members], acceptedAccountIds: [r.contestantAccountId, ...r.team.accepted], completeBy: r.team.completeBy },
    status: toProtoRegistrationStatus(r.status),
    waitlistPosition,
    rejectionReason: r.rejection ? (REASON[r.rejection.reason] ?? 0) : 0,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
    applicant: {
      identityNumber: r.applicant.identityMasked,
      birthDate: r.applicant.birthDate,
      province: r.applicant.province,
      institution: r.applicant.institution,
      certificateLevel: toProtoCertificate(r.applicant.certificateLevel),
      fullName,
    },
    offerExpiresAt: r.offerExpiresAt,
    rejectionDetails: r.rejection?.details ?? [],
  };
}
