import type { Person } from './accounts';
import { ApiError, isProblem } from './http-client';
import type { PanelJudge, TrackPanel } from './panel-setup';
import { eventually, inPool } from '@digicraft/testkit';
import { seededRandom } from './resident-id';
import { myAssignments, type AssignmentItem as ListedAssignment } from './my-assignments';

const JUDGED = ['design', 'report'] as const;

export interface MarkingStats {
  saves: number;
  submits: number;
  flagged: number;
  resolved: number;
  signedOff: number;
  conflictsSeen: number;
}

export interface EntryFacts {
  readonly skill: number;
  readonly province: string;
}

/** entryId → aspect → the levels the judges gave (the demo remembers, the chief reviews). */
type Given = Map<string, Map<string, number[]>>;

function judgementLevel(skill: number, random: () => number): number {
  // Most judges land within one level of each other; now and then one sees it very differently.
  const noise = (random() - 0.5) * 1.2 + (random() < 0.04 ? (random() < 0.5 ? -1.6 : 1.6) : 0);
  return Math.min(3, Math.max(0, Math.round(skill * 3 + noise)));
}

interface AssignmentItem extends ListedAssignment {
  status: string;
}

/**
 * A judge's list, once it holds the `expected` entries the organizer's assignment gave them
 * (the organizer saw the plan; the judge's page may be served from a view refreshed later).
 */
async function assignmentsOf(judge: PanelJudge, competitionId: string, trackId: string, expected: number): Promise<AssignmentItem[]> {
  return eventually(`judge ${judge.person.email} to see the ${expected} entries assigned to them`, async (seen) => {
    const items = await myAssignments<AssignmentItem>(judge.person.api, { competitionId, trackId });
    seen(`${items.length} entries listed`);
    return items.length === expected ? items : undefined;
  }, 30_000);
}

/** One judge works through their assignments like a person would: auto-saves, completes, submits. */
async function markAsJudge(judge: PanelJudge, expected: number, competitionId: string, trackId: string, facts: ReadonlyMap<string, EntryFacts>, given: Given, stats: MarkingStats, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const items = await assignmentsOf(judge, competitionId, trackId, expected);
  for (const item of items) {
    const entry = facts.get(item.entryId);
    if (entry === undefined) throw new Error(`judge ${judge.person.email} was assigned an entry the demo never registered: ${item.entryId}`);
    // The conflict rules at work: never a contestant from the judge's own province.
    if (entry.province === judge.province) stats.conflictsSeen += 1;
    const path = `/v1/entries/${item.entryId}/marks`;
    const measured = [
      { aspectId: 'tests', points: Math.round(entry.skill * 40) },
      { aspectId: 'deployed', pass: entry.skill >= 0.3 },
    ];
    const first = await judge.person.api.put<{ version: number }>(path, { marks: measured });
    const levels = JUDGED.map((aspectId) => ({ aspectId, level: judgementLevel(entry.skill, random) }));
    const full = { marks: [...measured, ...levels.map((l) => ({ ...l, comment: `level ${l.level} against the descriptors` }))] };
    const saved = await judge.person.api.put<{ version: number }>(path, full);
    // The page auto-saves again with nothing changed: answered, not stored as a new version.
    const again = await judge.person.api.put<{ version: number }>(path, full);
    if (again.version !== saved.version || saved.version !== first.version + 1) throw new Error(`auto-save of ${item.entryCode} was not idempotent (versions ${first.version}, ${saved.version}, ${again.version})`);
    await judge.person.api.post(`${path}/submit`);
    stats.saves += 3;
    stats.submits += 1;
    const aspects = given.get(item.entryId) ?? new Map<string, number[]>();
    for (const l of levels) aspects.set(l.aspectId, [...(aspects.get(l.aspectId) ?? []), l.level]);
    given.set(item.entryId, aspects);
  }
}

/** A retried request may find its first attempt already done: that code counts as success. */
const acceptIf = (code: string) => (error: unknown): void => {
  if (!isProblem(error, code)) throw error;
};

/**
 * The chief judge resolves every flagged aspect with a reason, then signs each entry off; their
 * review page works on a few entries at once (`concurrency`), as a browser client would.
 */
async function reviewAsChief(chief: Person, entryIds: readonly string[], given: Given, stats: MarkingStats, concurrency: number): Promise<void> {
  await inPool(entryIds, concurrency, async (entryId) => {
    const flagged = [...(given.get(entryId) ?? new Map<string, number[]>())].filter(([, levels]) => Math.max(...levels) - Math.min(...levels) > 1);
    if (flagged.length > 0) {
      stats.flagged += flagged.length;
      // The rule holds: no sign-off while judges disagree by more than one level.
      const refused = await chief.api.post(`/v1/entries/${entryId}/sign-off`).then(() => undefined, (e: unknown) => e);
      if (!(refused instanceof ApiError) || refused.code !== 'DC_ERR_RECONCILIATION_PENDING') throw new Error(`sign-off of a flagged entry was not refused: ${String(refused)}`);
      for (const [aspectId, levels] of flagged) {
        const agreed = [...levels].sort((a, b) => a - b)[Math.floor(levels.length / 2)] ?? 0;
        await chief.api
          .post(`/v1/entries/${entryId}/aspects/${aspectId}/resolution`, { value: agreed, reason: `reviewed the submission with the panel: levels ${levels.join(', ')}, agreed on ${agreed}` })
          .catch(acceptIf('DC_ERR_ALREADY_RESOLVED'));
        stats.resolved += 1;
      }
    }
    await chief.api.post(`/v1/entries/${entryId}/sign-off`).catch(acceptIf('DC_ERR_ALREADY_SIGNED_OFF'));
    stats.signedOff += 1;
  });
}

function emptyStats(): MarkingStats {
  return { saves: 0, submits: 0, flagged: 0, resolved: 0, signedOff: 0, conflictsSeen: 0 };
}

/** What one track's judging remembers between marking and review. */
export interface TrackMarking {
  readonly panel: TrackPanel;
  readonly entryIds: readonly string[];
  readonly given: Given;
  readonly stats: MarkingStats;
}

/** Every marker of the panel works through their list at the same time; `load` is the organizer's plan. */
export async function markTrack(
  panel: TrackPanel,
  load: ReadonlyMap<string, number>,
  competitionId: string,
  facts: ReadonlyMap<string, EntryFacts>,
  entryIds: readonly string[],
  seed: number,
): Promise<TrackMarking> {
  const marking: TrackMarking = { panel, entryIds, given: new Map(), stats: emptyStats() };
  await inPool(panel.markers, panel.markers.length, (judge, i) =>
    markAsJudge(judge, load.get(judge.person.id) ?? 0, competitionId, panel.track.trackId, facts, marking.given, marking.stats, seed * 31 + i),
  );
  return marking;
}

export function reviewTrack(marking: TrackMarking, concurrency: number): Promise<void> {
  return reviewAsChief(marking.panel.chief, marking.entryIds, marking.given, marking.stats, concurrency);
}
