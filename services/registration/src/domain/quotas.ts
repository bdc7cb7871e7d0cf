import type { ApplicantDetails, Quota } from './types';

/** Store key of a quota counter: one per track, dimension and value. */
export function quotaKey(trackId: string, q: Pick<Quota, 'dimension' | 'value'>): string {
  return `${trackId}|${q.dimension}|${q.value}`;
}

/** The quotas an applicant counts against (at most one per dimension). */
export function quotasFor(trackId: string, quotas: readonly Quota[], a: Pick<ApplicantDetails, 'province' | 'institution'>): string[] {
  return quotas.filter((q) => (q.dimension === 'province' ? a.province : a.institution) === q.value).map((q) => quotaKey(trackId, q));
}
