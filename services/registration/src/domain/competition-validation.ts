import type { FieldViolation } from '@digicraft/errors';
import { occupationByCode } from './occupations';
import type { CompetitionDetails, Track } from './types';

const PROVINCE = /^[A-Z]{2}$/;
/** Track ids appear in URLs and in the seat keys (`${trackId}:confirmed:${n}`, `${trackId}|province|…`): no separators. */
const TRACK_ID = /^[A-Za-z0-9_.-]{1,64}$/;

function trackViolations(t: Track, i: number): FieldViolation[] {
  const at = (field: string, message: string): FieldViolation => ({ field: `tracks[${i}].${field}`, message });
  const out: FieldViolation[] = [];
  if (!TRACK_ID.test(t.trackId)) out.push(at('trackId', 'must be 1 to 64 letters, digits, _ . or -'));
  if (t.name.trim().length === 0) out.push(at('name', 'is required'));
  if (occupationByCode(t.occupationCode) === undefined) out.push(at('occupationCode', 'is not a known digital occupation code (2022 classification)'));
  if (!Number.isInteger(t.capacity) || t.capacity < 1) out.push(at('capacity', 'must be a positive integer'));
  if (t.waitlistLimit < 0) out.push(at('waitlistCapacity', 'must not be negative'));
  if (t.format === 'team') {
    if (t.minTeamSize < 2) out.push(at('minTeamSize', 'a team has at least 2 members'));
    if (t.maxTeamSize < t.minTeamSize) out.push(at('maxTeamSize', 'must be at least minTeamSize'));
  }
  const e = t.eligibility;
  if (e.minAge !== undefined && e.maxAge !== undefined && e.minAge > e.maxAge) out.push(at('eligibility.maxAge', 'must be at least minAge'));
  e.provinces.forEach((p, j) => {
    if (!PROVINCE.test(p)) out.push(at(`eligibility.regionCodes[${j}]`, 'must be a two-letter province code'));
  });
  t.quotas.forEach((q, j) => {
    if (q.value.trim().length === 0) out.push(at(`quotas[${j}].value`, 'is required'));
    if (!Number.isInteger(q.maxConfirmed) || q.maxConfirmed < 1) out.push(at(`quotas[${j}].maxConfirmed`, 'must be a positive integer'));
  });
  if (t.admission === 'lottery' && t.format === 'team') out.push(at('admissionMode', 'lottery is for individual tracks'));
  return out;
}

/** Every problem with a competition's details, each naming its field. Empty = valid. */
export function competitionViolations(d: CompetitionDetails): FieldViolation[] {
  const out: FieldViolation[] = [];
  if (d.title.trim().length === 0) out.push({ field: 'title', message: 'is required' });
  if (d.title.length > 200) out.push({ field: 'title', message: 'must be at most 200 characters' });
  if (d.registrationClosesAt <= d.registrationOpensAt) out.push({ field: 'registrationClosesAt', message: 'must be after registrationOpensAt' });
  if (d.startsAt < d.registrationClosesAt) out.push({ field: 'startsAt', message: 'must not be before registration closes' });
  if (d.endsAt < d.startsAt) out.push({ field: 'endsAt', message: 'must not be before startsAt' });
  if (d.withdrawalDeadline !== undefined && d.withdrawalDeadline > d.startsAt) {
    out.push({ field: 'withdrawalDeadline', message: 'must not be after startsAt' });
  }
  if (d.tracks.length === 0) out.push({ field: 'tracks', message: 'at least one track is required' });
  const ids = new Set<string>();
  d.tracks.forEach((t, i) => {
    if (ids.has(t.trackId)) out.push({ field: `tracks[${i}].trackId`, message: 'is used twice' });
    ids.add(t.trackId);
    out.push(...trackViolations(t, i));
  });
  return out;
}
