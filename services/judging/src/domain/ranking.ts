import { DEFAULT_STANDARDIZATION, standardize, type StandardizationConfig } from './standardization';

export type Medal = 'gold' | 'silver' | 'bronze' | 'excellence' | 'none';

export interface MedalCounts {
  readonly gold: number;
  readonly silver: number;
  readonly bronze: number;
}

export interface ResultsConfig {
  /** Criterion ids compared in order (higher subtotal first) when totals are equal. */
  readonly tieBreaks: readonly string[];
  readonly medals: MedalCounts;
  readonly standardization: StandardizationConfig;
}

export const DEFAULT_RESULTS_CONFIG: ResultsConfig = Object.freeze({
  tieBreaks: [],
  medals: { gold: 1, silver: 1, bronze: 1 },
  standardization: DEFAULT_STANDARDIZATION,
});

export interface ScoredEntry {
  readonly entryId: string;
  /** Raw total in hundredths. */
  readonly total: number;
  /** Criterion subtotals in hundredths. */
  readonly criteria: Readonly<Record<string, number>>;
}

export interface Standing {
  readonly entryId: string;
  readonly rank: number;
  readonly total: number;
  readonly standardized: number;
  readonly medal: Medal;
}

export interface RankedResults {
  readonly standings: readonly Standing[];
  readonly formula: string;
  readonly standardizationMethod: string;
}

function sortKey(entry: ScoredEntry, tieBreaks: readonly string[]): number[] {
  // Subtotals are compared in whole hundredths so float noise never breaks or makes a tie.
  return [entry.total, ...tieBreaks.map((id) => Math.round(entry.criteria[id] ?? 0))];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function medalFor(rank: number, counts: MedalCounts): Medal {
  if (rank <= counts.gold) return 'gold';
  if (rank <= counts.gold + counts.silver) return 'silver';
  if (rank <= counts.gold + counts.silver + counts.bronze) return 'bronze';
  return 'none';
}

/**
 * Ranks by raw total, then by the configured tie-break criteria; entries still equal share a
 * rank (1, 1, 3). Medals follow the rank, so tied entries share a medal; an entry without a
 * medal whose standardized score is at least the centre (700) gets the medallion for excellence.
 */
export function rankEntries(entries: readonly ScoredEntry[], config: ResultsConfig = DEFAULT_RESULTS_CONFIG): RankedResults {
  const std = standardize(entries.map((e) => e.total / 100), config.standardization);
  const standardizedById = new Map(entries.map((e, i) => [e.entryId, std.scores[i] ?? config.standardization.centre]));
  const sorted = [...entries].sort(
    (a, b) => compareKeys(sortKey(a, config.tieBreaks), sortKey(b, config.tieBreaks)) || a.entryId.localeCompare(b.entryId),
  );
  const standings: Standing[] = [];
  let previousKey: number[] | undefined;
  let rank = 0;
  sorted.forEach((entry, i) => {
    const key = sortKey(entry, config.tieBreaks);
    if (previousKey === undefined || compareKeys(previousKey, key) !== 0) rank = i + 1;
    previousKey = key;
    const standardized = standardizedById.get(entry.entryId) ?? config.standardization.centre;
    let medal = medalFor(rank, config.medals);
    if (medal === 'none' && standardized >= config.standardization.centre) medal = 'excellence';
    standings.push({ entryId: entry.entryId, rank, total: entry.total, standardized, medal });
  });
  return { standings, formula: std.formula, standardizationMethod: std.method };
}

/** Entries whose rank, total or medal differ between two publications (or that appear in only one). */
export function changedEntryIds(before: readonly Standing[], after: readonly Standing[]): string[] {
  const old = new Map(before.map((s) => [s.entryId, s]));
  const changed = new Set<string>();
  for (const s of after) {
    const o = old.get(s.entryId);
    if (o === undefined || o.rank !== s.rank || o.total !== s.total || o.medal !== s.medal) changed.add(s.entryId);
    old.delete(s.entryId);
  }
  for (const id of old.keys()) changed.add(id);
  return [...changed].sort();
}
