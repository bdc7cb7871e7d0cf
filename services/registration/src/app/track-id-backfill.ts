import type { RegistrationDeps } from './registration-deps';

/**
 * Competitions written before track ids were claimed get their claims at start, oldest id first
 * (competition ids are time-ordered). Ids two of them already share are reported: those tracks
 * share seats and registration ids and need an operator's attention.
 */
export async function claimExistingTrackIds(deps: RegistrationDeps): Promise<string[]> {
  const shared: string[] = [];
  const all = await deps.competitions.list(['draft', 'published', 'archived'], undefined, undefined, 100_000);
  for (const c of all) {
    const taken = await deps.trackIds.claim(c.competitionId, c.tracks.map((t) => t.trackId), async () => true);
    shared.push(...taken.map((trackId) => `${c.competitionId}/${trackId}`));
  }
  return shared;
}
