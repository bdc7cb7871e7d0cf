import type { RegistrationDeps } from './registration-deps';

/**
 * Competitions written before track ids were claimed get their claims at start, oldest id first
 * (competition ids are time-ordered). Ids two of them already share are reported: those tracks
 * share seats and registration ids and need an operator's attention. The claims are read once
 * first, so a start after the backfill writes nothing (the service waits for this).
 */
export async function claimExistingTrackIds(deps: RegistrationDeps): Promise<string[]> {
  const shared: string[] = [];
  const [all, holders] = await Promise.all([deps.competitions.list(['draft', 'published', 'archived'], undefined, undefined, 100_000), deps.trackIds.holders()]);
  for (const c of all) {
    const unclaimed = c.tracks.map((t) => t.trackId).filter((id) => holders.get(id) !== c.competitionId);
    if (unclaimed.length === 0) continue;
    const taken = await deps.trackIds.claim(c.competitionId, unclaimed, async () => true);
    shared.push(...taken.map((trackId) => `${c.competitionId}/${trackId}`));
  }
  return shared;
}
