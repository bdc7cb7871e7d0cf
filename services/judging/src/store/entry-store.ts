import { isDuplicateKeyError, TtlCache } from '@digicraft/store';
import type { AssignmentPlan } from '../domain/assignment-generator';
import type { JudgingCollections } from './collections';
import type { EntryAffiliationDoc, EntryAssignmentDoc, EntryDoc, JudgeAssignmentsDoc } from './documents';
import { TrackSnapshots } from './track-snapshots';

/** How long another instance's re-assignment may go unseen by this one. */
const ASSIGNMENT_TTL_MS = 2000;

export function judgeAssignmentsId(trackId: string, judgeId: string): string {
  return `${trackId}:${judgeId}`;
}

/** Entries (created from registration events) and the judges assigned to them. */
export class EntryStore {
  /**
   * Every save reads its entry's assignment: from the track's assignments held in memory (one
   * scan per track and refresh), so a save asks the store nothing. An entry of a track not
   * loaded yet is probed by `{_id}` once (short-lived cache), which also loads its track.
   */
  private readonly byTrack = new TrackSnapshots<Map<string, EntryAssignmentDoc>>((trackId) => this.loadTrackAssignments(trackId), ASSIGNMENT_TTL_MS);
  private readonly probes = new TtlCache<EntryAssignmentDoc | null>(ASSIGNMENT_TTL_MS);
  /** Entry → track, learned from scans and probes (entry ids never move between tracks). */
  private readonly trackOfEntry = new Map<string, string>();

  constructor(
    private readonly c: JudgingCollections,
    private readonly entryIndexLimit = 500_000,
  ) {}

  /** Idempotent by registration id; a removal marker at the same or a later version wins. */
  async createFromRegistration(doc: EntryDoc): Promise<'created' | 'exists' | 'removed'> {
    const removal = await this.c.entryRemovals.findOne({ _id: doc._id });
    if (removal !== null && removal.version >= doc.version) return 'removed';
    try {
      await this.c.entries.insertOne(doc);
      return 'created';
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'exists';
      throw error;
    }
  }

  /**
   * A withdrawal before judging deletes the entry (and its assignment) and leaves a marker; after
   * marking started the entry stays, flagged withdrawn, so its audit trail still makes sense.
   */
  async withdraw(entryId: string, trackId: string, version: number, judged: boolean): Promise<'removed' | 'flagged' | 'unknown'> {
    if (judged) {
      const res = await this.c.entries.updateOne({ _id: entryId }, { $set: { withdrawn: true } });
      return res.matchedCount === 1 ? 'flagged' : 'unknown';
    }
    try {
      await this.c.entryRemovals.insertOne({ _id: entryId, trackId, version, at: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const res = await this.c.entries.deleteMany({ _id: { $in: [entryId] } });
    await this.c.entryAssignments.deleteMany({ _id: { $in: [entryId] } });
    this.byTrack.update(trackId, (view) => view.delete(entryId));
    this.probes.delete(entryId);
    return res.deletedCount > 0 ? 'removed' : 'unknown';
  }

  /** Live entries of a track with their declared affiliations (two scans; off the hot path). */
  async trackEntries(trackId: string): Promise<EntryDoc[]> {
    const [entries, affiliations] = await Promise.all([this.c.entries.find({ trackId }).toArray(), this.c.entryAffiliations.find({ trackId }).toArray()]);
    const declared = new Map(affiliations.map((a) => [a._id, a]));
    return entries
      .filter((e) => e.withdrawn !== true)
      .map((e) => {
        const a = declared.get(e._id);
        return a === undefined ? e : { ...e, institution: a.institution, province: a.province };
      });
  }

  /**
   * Declares (or re-declares) affiliations of the track's known entries; returns how many it
   * matched, so a caller can tell when every entry has arrived. One delete and one insert per
   * call: on FerretDB an update per entry would scan the collection once per entry.
   */
  async setAffiliations(trackId: string, items: readonly { entryId: string; institution?: string; province?: string }[]): Promise<number> {
    if (items.length === 0) return 0;
    const known = new Set((await this.c.entries.find({ trackId }, { projection: { _id: 1 } }).toArray()).map((e) => e._id));
    const byEntry = new Map<string, EntryAffiliationDoc>();
    const at = new Date();
    for (const item of items) {
      if (known.has(item.entryId)) byEntry.set(item.entryId, { _id: item.entryId, trackId, institution: item.institution ?? '', province: item.province ?? '', at });
    }
    if (byEntry.size === 0) return 0;
    const docs = [...byEntry.values()];
    for (let attempt = 0; ; attempt += 1) {
      await this.c.entryAffiliations.deleteMany({ _id: { $in: [...byEntry.keys()] } });
      try {
        await this.c.entryAffiliations.insertMany(docs, { ordered: false });
        return docs.length;
      } catch (error) {
        // A concurrent declaration inserted between our delete and insert: the later one wins.
        if (!isDuplicateKeyError(error) || attempt >= 2) throw error;
      }
    }
  }

  async assignment(entryId: string): Promise<EntryAssignmentDoc | null> {
    const trackId = this.trackOfEntry.get(entryId);
    if (trackId !== undefined) {
      const held = (await this.byTrack.get(trackId)).get(entryId);
      if (held !== undefined) return held;
    }
    const probed = await this.probes.get(entryId, () => this.c.entryAssignments.findOne({ _id: entryId }));
    if (probed !== null && trackId === undefined) {
      this.learnTrack(entryId, probed.trackId);
      this.byTrack.get(probed.trackId).catch(() => undefined);
    }
    return probed;
  }

  private async loadTrackAssignments(trackId: string): Promise<Map<string, EntryAssignmentDoc>> {
    const docs = await this.c.entryAssignments.find({ trackId }).toArray();
    for (const doc of docs) this.learnTrack(doc._id, trackId);
    return new Map(docs.map((doc) => [doc._id, doc]));
  }

  private learnTrack(entryId: string, trackId: string): void {
    if (this.trackOfEntry.size >= this.entryIndexLimit) this.trackOfEntry.clear();
    this.trackOfEntry.set(entryId, trackId);
  }

  trackAssignments(trackId: string): Promise<EntryAssignmentDoc[]> {
    return this.c.entryAssignments.find({ trackId }).toArray();
  }

  judgeAssignments(trackId: string, judgeId: string): Promise<JudgeAssignmentsDoc | null> {
    return this.c.judgeAssignments.findOne({ _id: judgeAssignmentsId(trackId, judgeId) });
  }

  /**
   * Replaces a track's assignments by two views written in bulk (per entry for the save path's
   * check, per judge for "my assignments"): deleteMany + insertMany instead of one update per
   * entry, which on FerretDB would scan the collection thousands of times.
   */
  async replaceAssignments(trackId: string, competitionId: string, plan: AssignmentPlan, codes: ReadonlyMap<string, string>): Promise<number> {
    const byEntry: EntryAssignmentDoc[] = [];
    const byJudge = new Map<string, JudgeAssignmentsDoc>();
    for (const [entryId, judgeIds] of plan.assignments) {
      const code = codes.get(entryId) ?? '';
      byEntry.push({ _id: entryId, trackId, competitionId, code, judgeIds: [...judgeIds] });
      for (const judgeId of judgeIds) {
        const id = judgeAssignmentsId(trackId, judgeId);
        const doc = byJudge.get(id) ?? { _id: id, trackId, competitionId, judgeId, entries: [] };
        doc.entries.push({ entryId, code });
        byJudge.set(id, doc);
      }
    }
    await this.c.entryAssignments.deleteMany({ trackId });
    await this.c.judgeAssignments.deleteMany({ trackId });
    if (byEntry.length > 0) await this.c.entryAssignments.insertMany(byEntry, { ordered: false });
    this.byTrack.invalidate(trackId);
    this.probes.clear();
    if (byJudge.size > 0) await this.c.judgeAssignments.insertMany([...byJudge.values()], { ordered: false });
    return byEntry.reduce((n, e) => n + e.judgeIds.length, 0);
  }

  /** Tracks the judge has assignments in, from the per-judge documents (one scan). */
  judgeAssignmentsEverywhere(judgeId: string): Promise<JudgeAssignmentsDoc[]> {
    return this.c.judgeAssignments.find({ judgeId }).toArray();
  }
}
