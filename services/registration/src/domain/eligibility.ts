import type { FieldViolation } from '@digicraft/errors';
import { residentIdProblems } from './resident-id';
import { CERTIFICATE_LEVELS, type ApplicantDetails, type EligibilityRules } from './types';

/** Whole years between a YYYY-MM-DD birth date and a reference day (UTC). */
export function ageOn(birthDate: string, reference: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = reference.getUTCFullYear() - y;
  const beforeBirthday = reference.getUTCMonth() + 1 < m || (reference.getUTCMonth() + 1 === m && reference.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Problems with the applicant's details themselves (before any rule of the track). */
export function applicantViolations(a: ApplicantDetails, prefix = 'applicant'): FieldViolation[] {
  const out: FieldViolation[] = [];
  if (!DATE.test(a.birthDate)) out.push({ field: `${prefix}.birthDate`, message: 'must be a date YYYY-MM-DD' });
  for (const message of residentIdProblems(a.identityNumber, DATE.test(a.birthDate) ? a.birthDate : undefined)) {
    out.push({ field: `${prefix}.identityNumber`, message });
  }
  if (!/^[A-Z]{2}$/.test(a.province)) out.push({ field: `${prefix}.province`, message: 'must be a two-letter province code' });
  if (a.institution.trim().length === 0) out.push({ field: `${prefix}.institution`, message: 'is required' });
  if (a.fullName.trim().length === 0) out.push({ field: `${prefix}.fullName`, message: 'is required' });
  return out;
}

/** Every rule of the track the applicant fails; empty = eligible. Never stops at the first. */
export function eligibilityFailures(rules: EligibilityRules, a: ApplicantDetails, referenceDate: Date, prefix = 'applicant'): FieldViolation[] {
  const out: FieldViolation[] = [];
  const reference = rules.ageReferenceDate ?? referenceDate;
  if (DATE.test(a.birthDate)) {
    const age = ageOn(a.birthDate, reference);
    const on = reference.toISOString().slice(0, 10);
    if (rules.minAge !== undefined && age < rules.minAge) out.push({ field: `${prefix}.birthDate`, message: `must be at least ${rules.minAge} years old on ${on} (is ${age})` });
    if (rules.maxAge !== undefined && age > rules.maxAge) out.push({ field: `${prefix}.birthDate`, message: `must be at most ${rules.maxAge} years old on ${on} (is ${age})` });
  }
  if (rules.provinces.length > 0 && !rules.provinces.includes(a.province)) {
    out.push({ field: `${prefix}.province`, message: `must be one of ${rules.provinces.join(', ')}` });
  }
  const have = CERTIFICATE_LEVELS.indexOf(a.certificateLevel);
  const need = CERTIFICATE_LEVELS.indexOf(rules.requiredCertificateLevel);
  if (have < need) out.push({ field: `${prefix}.certificateLevel`, message: `requires at least ${rules.requiredCertificateLevel}` });
  return out;
}
