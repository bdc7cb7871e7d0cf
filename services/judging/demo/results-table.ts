import type { Person } from './accounts';
import type { ApiClient } from './http-client';

export interface Standing {
  rank: number;
  entryId: string;
  entryCode: string;
  rawTotal: number;
  standardized: number;
  medal: string;
}

export interface PublishedResults {
  revision: number;
  formula: string;
  standings: Standing[];
}

/** The organizer publishes; anyone (anonymous here) reads the results back. */
export async function publishAndRead(organizer: Person, anonymous: ApiClient, competitionId: string, trackId: string): Promise<PublishedResults> {
  const base = `/v1/competitions/${competitionId}/tracks/${trackId}`;
  const published = await organizer.api.post<PublishedResults>(`${base}/results/publish`);
  const read = await anonymous.get<PublishedResults>(`${base}/results`);
  if (read.revision !== published.revision || read.standings.length !== published.standings.length) {
    throw new Error(`${trackId}: the public results differ from what was published`);
  }
  return read;
}

/** Checks a user would make: ranks in order, shared only by equal totals, medals by rank. */
export function checkStandings(trackId: string, results: PublishedResults, expectedEntries: number, medals: { gold: number; silver: number; bronze: number }): void {
  const s = results.standings;
  if (s.length !== expectedEntries) throw new Error(`${trackId}: ${s.length} standings, expected ${expectedEntries}`);
  for (let i = 1; i < s.length; i += 1) {
    const [a, b] = [s[i - 1] as Standing, s[i] as Standing];
    if (b.rank < a.rank || (b.rank === a.rank && b.rawTotal !== a.rawTotal)) throw new Error(`${trackId}: ranks out of order at ${b.entryCode}`);
  }
  if (s[0]?.medal !== 'gold') throw new Error(`${trackId}: the winner has no gold medal`);
  const count = (m: string): number => s.filter((x) => x.medal === m).length;
  if (count('gold') < medals.gold) throw new Error(`${trackId}: fewer golds than configured`);
  // Medals follow the rank, so a tie shares a medal and the next band starts later (1, 1, 3).
  const band = (rank: number): string =>
    rank <= medals.gold ? 'gold' : rank <= medals.gold + medals.silver ? 'silver' : rank <= medals.gold + medals.silver + medals.bronze ? 'bronze' : 'none';
  for (const x of s) {
    const expected = band(x.rank);
    const ok = x.medal === expected || (expected === 'none' && x.medal === 'excellence' && x.standardized >= 700);
    if (!ok) throw new Error(`${trackId}: ${x.entryCode} at rank ${x.rank} has medal ${x.medal}, expected ${expected}`);
    if (expected === 'none' && x.medal === 'none' && x.standardized >= 700) throw new Error(`${trackId}: ${x.entryCode} lacks its medallion for excellence`);
  }
}

/** Every contestant of the track got an answer: their entry (id = registration id) is ranked exactly once. */
export function checkEveryoneRanked(trackId: string, results: PublishedResults, registrationIds: readonly string[]): void {
  const ranked = new Map<string, number>();
  for (const s of results.standings) ranked.set(s.entryId, (ranked.get(s.entryId) ?? 0) + 1);
  const missing = registrationIds.filter((id) => ranked.get(id) !== 1);
  if (missing.length > 0) throw new Error(`${trackId}: ${missing.length} contestants are not ranked exactly once in the published results (first: ${missing[0] ?? ''})`);
}

export function formatTable(trackName: string, results: PublishedResults): string {
  const lines = [
    `${trackName} — results revision ${results.revision}`,
    `standardized = ${results.formula}`,
    `${'rank'.padStart(4)}  ${'entry'.padEnd(9)}  ${'raw'.padStart(6)}  ${'std'.padStart(7)}  medal`,
  ];
  for (const s of results.standings) {
    lines.push(`${String(s.rank).padStart(4)}  ${s.entryCode.padEnd(9)}  ${s.rawTotal.toFixed(2).padStart(6)}  ${s.standardized.toFixed(2).padStart(7)}  ${s.medal === 'none' ? '' : s.medal}`);
  }
  return lines.join('\n');
}
