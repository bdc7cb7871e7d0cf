import type { RegistrationDoc } from '../store/documents';

const HEADER = ['registration_id', 'status', 'waitlist_seq', 'contestant_account_id', 'team_name', 'identity_number_masked', 'birth_date', 'province', 'institution', 'certificate_level', 'created_at'];

/** RFC 4180 quoting; a leading =+-@ is defused so spreadsheets do not run it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rosterCsv(rows: readonly RegistrationDoc[]): string {
  const lines = rows.map((r) =>
    [r._id, r.status, r.waitSeq === undefined ? '' : String(r.waitSeq), r.contestantAccountId, r.team?.name ?? '', r.applicant.identityMasked, r.applicant.birthDate, r.applicant.province, r.applicant.institution, r.applicant.certificateLevel, r.createdAt.toISOString()]
      .map(cell)
      .join(','),
  );
  return [HEADER.join(','), ...lines].join('\r\n') + '\r\n';
}
