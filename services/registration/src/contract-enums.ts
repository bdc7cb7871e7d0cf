import { registrationEventsV1, registrationV1 } from '@digicraft/contracts';
import type { AdmissionMode, CertificateLevel, CompetitionLevel, CompetitionStatus, PromotionMode, RegistrationStatus } from './domain/types';

/** The one place domain names meet proto enum numbers. */
const RS = registrationEventsV1.RegistrationStatus;
const REG_STATUS: Readonly<Record<RegistrationStatus, registrationEventsV1.RegistrationStatus>> = {
  confirmed: RS.REGISTRATION_STATUS_CONFIRMED,
  waitlisted: RS.REGISTRATION_STATUS_WAITLISTED,
  withdrawn: RS.REGISTRATION_STATUS_WITHDRAWN,
  rejected: RS.REGISTRATION_STATUS_REJECTED,
  'pending-review': RS.REGISTRATION_STATUS_PENDING_REVIEW,
  'pending-team': RS.REGISTRATION_STATUS_PENDING_TEAM,
  offered: RS.REGISTRATION_STATUS_OFFERED,
  'pending-draw': RS.REGISTRATION_STATUS_PENDING_DRAW,
};

function invert<K extends string, V extends number>(m: Readonly<Record<K, V>>): ReadonlyMap<V, K> {
  return new Map((Object.entries(m) as [K, V][]).map(([k, v]) => [v, k]));
}

export const toProtoRegistrationStatus = (s: RegistrationStatus) => REG_STATUS[s];
const REG_STATUS_BACK = invert(REG_STATUS);
export const fromProtoRegistrationStatus = (s: registrationEventsV1.RegistrationStatus): RegistrationStatus | undefined => REG_STATUS_BACK.get(s);

const CS = registrationV1.CompetitionStatus;
const COMP_STATUS: Readonly<Record<CompetitionStatus, registrationV1.CompetitionStatus>> = {
  draft: CS.COMPETITION_STATUS_DRAFT,
  published: CS.COMPETITION_STATUS_PUBLISHED,
  archived: CS.COMPETITION_STATUS_ARCHIVED,
};
export const toProtoCompetitionStatus = (s: CompetitionStatus) => COMP_STATUS[s];
const COMP_STATUS_BACK = invert(COMP_STATUS);
export const fromProtoCompetitionStatus = (s: registrationV1.CompetitionStatus): CompetitionStatus | undefined => COMP_STATUS_BACK.get(s);

const L = registrationV1.CompetitionLevel;
const LEVEL: Readonly<Record<CompetitionLevel, registrationV1.CompetitionLevel>> = {
  national: L.COMPETITION_LEVEL_NATIONAL,
  provincial: L.COMPETITION_LEVEL_PROVINCIAL,
  municipal: L.COMPETITION_LEVEL_MUNICIPAL,
  enterprise: L.COMPETITION_LEVEL_ENTERPRISE,
  college: L.COMPETITION_LEVEL_COLLEGE,
};
export const toProtoLevel = (l: CompetitionLevel) => LEVEL[l];
const LEVEL_BACK = invert(LEVEL);
export const fromProtoLevel = (l: registrationV1.CompetitionLevel): CompetitionLevel | undefined => LEVEL_BACK.get(l);

const C = registrationV1.CertificateLevel;
const CERT: Readonly<Record<CertificateLevel, registrationV1.CertificateLevel>> = {
  none: C.CERTIFICATE_LEVEL_NONE,
  junior: C.CERTIFICATE_LEVEL_JUNIOR,
  intermediate: C.CERTIFICATE_LEVEL_INTERMEDIATE,
  senior: C.CERTIFICATE_LEVEL_SENIOR,
};
export const toProtoCertificate = (c: CertificateLevel) => CERT[c];
const CERT_BACK = invert(CERT);
export const fromProtoCertificate = (c: registrationV1.CertificateLevel): CertificateLevel => CERT_BACK.get(c) ?? 'none';

const A = registrationV1.AdmissionMode;
export const fromProtoAdmission = (a: registrationV1.AdmissionMode): AdmissionMode =>
  a === A.ADMISSION_MODE_REVIEW ? 'review' : a === A.ADMISSION_MODE_LOTTERY ? 'lottery' : 'first-come';
export const toProtoAdmission = (a: AdmissionMode): registrationV1.AdmissionMode =>
  a === 'review' ? A.ADMISSION_MODE_REVIEW : a === 'lottery' ? A.ADMISSION_MODE_LOTTERY : A.ADMISSION_MODE_FIRST_COME;
export const fromProtoPromotion = (p: registrationV1.PromotionMode): PromotionMode => (p === registrationV1.PromotionMode.PROMOTION_MODE_OFFER ? 'offer' : 'automatic');
export const toProtoPromotion = (p: PromotionMode): registrationV1.PromotionMode =>
  p === 'offer' ? registrationV1.PromotionMode.PROMOTION_MODE_OFFER : registrationV1.PromotionMode.PROMOTION_MODE_AUTOMATIC;
