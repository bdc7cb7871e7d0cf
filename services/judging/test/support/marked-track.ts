import { randomUUID } from 'node:crypto';
import type { Harness } from './judging-harness';
import { protoScheme } from './scheme-proto';

export const ORGANIZER = ['organizer'];
export const JUDGE = ['judge'];

export interface MarkedTrack {
  readonly competitionId: string;
  readonly trackId: string;
  readonly organizer: string;
  readonly judges: readonly string[];
  /** Two chief judges of the panel (neither assigned to any entry). */
  readonly chiefs: readonly [string, string];
  readonly entries: readonly string[];
}

/**
 * A track whose entries are all marked and submitted through the API (so the ledger records
 * every sheet) without disagreement: ready for sign-off. The competition and entries are written
 * straight into the store, as the registration events would have; the scheme (two judges per
 * entry), panel and assignments go through the API.
 */
export interface TrackOptions {
  readonly judgeCount?: number;
  /** The judgement levels judge number `judge` (index into `judges`) gives entry number `entry`; by default no disagreement. */
  readonly levels?: (entry: number, judge: number) => { a2: number; b1: number };
  /** Leave the marking to the test. */
  readonly unmarked?: boolean;
  /** The panel's (non-chief) judges, e.g. the same people as another track's. */
  readonly judges?: readonly string[];
}

export async function markedTrack(h: Harness, entryCount: number, options: TrackOptions = {}): Promise<MarkedTrack> {
  const run = randomUUID().slice(0, 8);
  const competitionId = `comp-${run}`;
  const trackId = `track-${run}`;
  const organizer = `org-${run}`;
  const judges = options.judges ?? Array.from({ length: options.judgeCount ?? 3 }, (_, i) => `judge${i}-${run}`);
  const chiefs: [string, string] = [`chief-a-${run}`, `chief-b-${run}`];
  const entries = Array.from({ length: entryCount }, (_, i) => `${trackId}-e${String(i).padStart(3, '0')}`);
  await h.db.collection('competitions').insertOne({ _id: competitionId as never, organizerId: organizer, trackIds: [trackId], version: 1 });
  await h.db.collection('entries').insertMany(entries.map((id, i) => ({ _id: id as never, competitionId, trackId, code: `C${i}`, contestantAccountId: `acct-${id}`, memberAccountIds: [`acct-${id}`], version: 1, createdAt: new Date() })));
  const asOrganizer = h.as(organizer, ORGANIZER);
  await asOrganizer('putMarkingScheme', { competitionId, trackId, ...protoScheme(), expectedVersion: 0, results: undefined });
  const profile = (accountId: string, chief: boolean) => ({ accountId, chief, institution: '', province: '', employer: '', links: [] });
  await asOrganizer('addJudges', { competitionId, trackId, judges: [...judges.map((j) => profile(j, false)), ...chiefs.map((c) => profile(c, true))] });
  const plan = await asOrganizer('generateAssignments', { competitionId, trackId });
  if (plan.uncovered.length > 0) throw new Error(`uncovered entries: ${JSON.stringify(plan.uncovered)}`);
  const track = { competitionId, trackId, organizer, judges, chiefs, entries };
  if (options.unmarked !== true) for (const entryId of entries) await markEntry(h, track, entryId, options.levels);
  return track;
}

/** Every judge assigned to the entry saves and submits their marks through the API. */
export async function markEntry(h: Harness, t: MarkedTrack, entryId: string, levels: TrackOptions['levels'] = () => ({ a2: 2, b1: 2 })): Promise<void> {
  const assignment = await h.db.collection<{ _id: string; judgeIds: string[] }>('entry_assignments').findOne({ _id: entryId });
  for (const judge of assignment?.judgeIds ?? []) {
    const { a2, b1 } = levels(t.entries.indexOf(entryId), t.judges.indexOf(judge));
    const marks = [{ aspectId: 'a1', value: 3000, comment: '' }, { aspectId: 'a2', value: a2, comment: '' }, { aspectId: 'b1', value: b1, comment: '' }];
    await h.as(judge, JUDGE)('saveMarks', { entryId, marks, expectedVersion: 0 });
    await h.as(judge, JUDGE)('submitMarks', { entryId, expectedVersion: 0 });
  }
}
