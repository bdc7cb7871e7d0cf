import { TtlCache } from '@digicraft/store';
import type { JudgeProfile } from '../domain/conflicts';
import type { JudgingCollections } from './collections';
import type { CompetitionDoc, PanelDoc, SchemeDoc } from './documents';

/** How long another instance's scheme or panel change may go unseen by this one. */
const SCHEME_TTL_MS = 2000;

/** Competitions as learned from registration events, and each track's scheme and panel. */
export class TrackStore {
  /** Every save reads its track's scheme; a short-lived cache keeps those reads off FerretDB. */
  private readonly schemes = new TtlCache<SchemeDoc | null>(SCHEME_TTL_MS);
  /** Every review (resolution, sign-off, correction) checks the panel's chief judges: same cache. */
  private readonly panels = new TtlCache<PanelDoc | null>(SCHEME_TTL_MS);

  constructor(private readonly c: JudgingCollections) {}

  /** Applies a competition.published event only if it is newer than what is stored. */
  async upsertCompetition(doc: CompetitionDoc): Promise<void> {
    const current = await this.c.competitions.findOne({ _id: doc._id });
    if (current !== null && current.version >= doc.version) return;
    await this.c.competitions.replaceOne({ _id: doc._id }, doc, { upsert: true });
  }

  competition(competitionId: string): Promise<CompetitionDoc | null> {
    return this.c.competitions.findOne({ _id: competitionId });
  }

  scheme(trackId: string): Promise<SchemeDoc | null> {
    return this.schemes.get(trackId, () => this.c.schemes.findOne({ _id: trackId }));
  }

  /** Optimistic: the write only lands if the stored version is still `expectedVersion` (0 = new). */
  async saveScheme(doc: SchemeDoc, expectedVersion: number): Promise<boolean> {
    try {
      if (expectedVersion === 0) {
        try {
          await this.c.schemes.insertOne(doc);
          return true;
        } catch {
          return false;
        }
      }
      const res = await this.c.schemes.replaceOne({ _id: doc._id, version: expectedVersion }, doc);
      return res.modifiedCount === 1;
    } finally {
      this.schemes.delete(doc._id);
    }
  }

  /** Freezes the scheme when its first mark is saved (one write per track, ever). */
  async freeze(trackId: string): Promise<void> {
    await this.c.schemes.updateOne({ _id: trackId, frozen: false }, { $set: { frozen: true } });
    this.schemes.delete(trackId);
  }

  panel(trackId: string): Promise<PanelDoc | null> {
    return this.panels.get(trackId, () => this.c.panels.findOne({ _id: trackId }));
  }

  /** Adds or replaces judges by account id. */
  async addJudges(trackId: string, competitionId: string, judges: readonly JudgeProfile[]): Promise<PanelDoc> {
    // Read fresh, not cached: a change builds on the stored panel.
    const current = (await this.c.panels.findOne({ _id: trackId })) ?? { _id: trackId, competitionId, judges: [] };
    const byId = new Map(current.judges.map((j) => [j.id, j]));
    for (const judge of judges) byId.set(judge.id, judge);
    const next: PanelDoc = { _id: trackId, competitionId, judges: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)) };
    try {
      await this.c.panels.replaceOne({ _id: trackId }, next, { upsert: true });
    } finally {
      this.panels.delete(trackId);
    }
    return next;
  }
}
