import type { Person } from './accounts';
import { markingScheme } from './competition-plan';
import type { ApiClient } from './http-client';
import type { TrackPanel } from './panel-setup';
import { checkEveryoneRanked, checkStandings, formatTable, publishAndRead } from './results-table';

export interface TrackOutcome {
  readonly table: string;
  readonly summary: string;
  readonly ledgerRecords: number;
}

/**
 * The organizer publishes a track; an anonymous reader sees ranks and medals that follow the
 * scheme's rules with every contestant ranked once; the audit ledger verifies.
 */
export async function publishTrack(organizer: Person, anonymous: ApiClient, competitionId: string, panel: TrackPanel, registrationIds: readonly string[]): Promise<TrackOutcome> {
  const { trackId } = panel.track;
  const results = await publishAndRead(organizer, anonymous, competitionId, trackId);
  const { medals } = markingScheme(panel.track).results as { medals: { gold: number; silver: number; bronze: number } };
  checkStandings(trackId, results, registrationIds.length, medals);
  checkEveryoneRanked(trackId, results, registrationIds);
  const ledger = await organizer.api.get<{ ok: boolean; records: number }>(`/v1/competitions/${competitionId}/tracks/${trackId}/ledger/verify`);
  if (!ledger.ok) throw new Error(`${trackId}: the audit ledger does not verify`);
  const winner = results.standings[0];
  return {
    table: formatTable(panel.track.name, results),
    summary: `  ${trackId.padEnd(14)} ${results.standings.length} ranked, winner ${winner?.entryCode ?? '-'} (${winner?.rawTotal.toFixed(2) ?? '-'} raw, ${winner?.standardized.toFixed(2) ?? '-'} std), ledger ok (${ledger.records} records)`,
    ledgerRecords: ledger.records,
  };
}
