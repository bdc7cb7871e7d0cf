import { conflictsOf, type EntryProfile, type JudgeProfile } from './conflicts';

export interface Exclusion {
  readonly entryId: string;
  readonly judgeId: string;
  readonly reasons: readonly string[];
}

export interface UncoveredEntry {
  readonly entryId: string;
  readonly needed: number;
  readonly available: number;
  readonly explanation: string;
}

export interface AssignmentPlan {
  /** entry id → judge ids, sorted. */
  readonly assignments: ReadonlyMap<string, readonly string[]>;
  readonly exclusions: readonly Exclusion[];
  readonly uncovered: readonly UncoveredEntry[];
  /** judge id → number of entries. */
  readonly load: ReadonlyMap<string, number>;
}

export interface AssignmentInput {
  readonly judges: readonly JudgeProfile[];
  readonly entries: readonly EntryProfile[];
  readonly judgesPerEntry: number;
  /** Pairs that already carry marks: kept as they are and counted in the load. */
  readonly kept?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Conflict-free, load-balanced assignment. Chief judges are kept free to sign off (they must
 * not have marked what they sign). Entries with the fewest conflict-free judges are served first,
 * and each takes the least-loaded eligible judges (ties by id, so the plan is reproducible); an
 * entry with too few eligible judges gets none of them and is reported with the reasons.
 */
export function generateAssignments(input: AssignmentInput): AssignmentPlan {
  const markers = input.judges.filter((j) => !j.chief);
  const load = new Map(markers.map((j) => [j.id, 0]));
  const exclusions: Exclusion[] = [];
  const eligible = new Map<string, string[]>();
  for (const entry of input.entries) {
    const free: string[] = [];
    for (const judge of markers) {
      const reasons = conflictsOf(judge, entry);
      if (reasons.length > 0) exclusions.push({ entryId: entry.id, judgeId: judge.id, reasons });
      else free.push(judge.id);
    }
    eligible.set(entry.id, free);
  }
  const assignments = new Map<string, string[]>();
  for (const [entryId, judgeIds] of input.kept ?? []) {
    assignments.set(entryId, [...judgeIds].sort());
    for (const id of judgeIds) load.set(id, (load.get(id) ?? 0) + 1);
  }
  const uncovered: UncoveredEntry[] = [];
  const order = [...input.entries]
    .filter((e) => !assignments.has(e.id))
    .sort((a, b) => (eligible.get(a.id)?.length ?? 0) - (eligible.get(b.id)?.length ?? 0) || a.id.localeCompare(b.id));
  for (const entry of order) {
    const free = eligible.get(entry.id) ?? [];
    if (free.length < input.judgesPerEntry) {
      const blocked = exclusions.filter((x) => x.entryId === entry.id).map((x) => `${x.judgeId}: ${x.reasons.join('; ')}`);
      uncovered.push({
        entryId: entry.id,
        needed: input.judgesPerEntry,
        available: free.length,
        explanation: `needs ${input.judgesPerEntry} conflict-free judges but only ${free.length} of ${markers.length} are free` +
          (blocked.length > 0 ? ` (excluded: ${blocked.join(' | ')})` : ''),
      });
      continue;
    }
    const chosen = [...free]
      .sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a.localeCompare(b))
      .slice(0, input.judgesPerEntry);
    for (const id of chosen) load.set(id, (load.get(id) ?? 0) + 1);
    assignments.set(entry.id, chosen.sort());
  }
  return { assignments, exclusions, uncovered, load };
}
