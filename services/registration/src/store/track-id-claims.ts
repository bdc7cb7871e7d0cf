import type { mongo } from 'mongoose';
import { isDuplicateKeyError } from '@digicraft/store';

export interface TrackIdClaimDoc {
  /** The track id: unique on the platform. */
  _id: string;
  competitionId: string;
  claimedAt: Date;
}

/**
 * Track ids are chosen by organizers but must be unique on the platform: seats, queue numbers,
 * quota places and registration ids are keyed by track id alone here, and so are judging's
 * entries. A claim is an insert refused by the unique `_id` when another competition holds the
 * id, so two organizers picking the same id at the same moment cannot both get it.
 */
export class TrackIdClaims {
  constructor(
    private readonly claims: mongo.Collection<TrackIdClaimDoc>,
    /** A claim whose competition was never written (a crash between claim and insert) is freed after this. */
    private readonly orphanAfterMs = 60_000,
  ) {}

  /**
   * Claims `trackIds` for the competition (ids it already holds are fine) and returns the ids
   * another competition holds; when there are any, nothing new stays claimed.
   */
  async claim(competitionId: string, trackIds: readonly string[], competitionExists: (id: string) => Promise<boolean>): Promise<string[]> {
    const claimed: string[] = [];
    const taken: string[] = [];
    try {
      for (const id of trackIds) {
        if (await this.tryClaim(id, competitionId)) claimed.push(id);
        else if (!(await this.heldBy(id, competitionId, competitionExists))) taken.push(id);
      }
    } catch (err) {
      await this.release(competitionId, claimed);
      throw err;
    }
    if (taken.length > 0) await this.release(competitionId, claimed);
    return taken;
  }

  /** Every claimed id and the competition holding it (one read). */
  async holders(): Promise<Map<string, string>> {
    const all = await this.claims.find({}, { projection: { competitionId: 1 } }).toArray();
    return new Map(all.map((c) => [c._id, c.competitionId]));
  }

  /** Gives ids back (a failed create, tracks removed from a draft). */
  async release(competitionId: string, trackIds: readonly string[]): Promise<void> {
    if (trackIds.length > 0) await this.claims.deleteMany({ _id: { $in: [...trackIds] }, competitionId });
  }

  private async tryClaim(id: string, competitionId: string): Promise<boolean> {
    try {
      await this.claims.insertOne({ _id: id, competitionId, claimedAt: new Date() });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /** True when the competition already holds the id, or took it over from an orphaned claim. */
  private async heldBy(id: string, competitionId: string, competitionExists: (id: string) => Promise<boolean>): Promise<boolean> {
    const holder = await this.claims.findOne({ _id: id });
    if (holder === null) return this.tryClaim(id, competitionId);
    if (holder.competitionId === competitionId) return true;
    if (Date.now() - holder.claimedAt.getTime() < this.orphanAfterMs || (await competitionExists(holder.competitionId))) return false;
    const taken = await this.claims.findOneAndUpdate({ _id: id, competitionId: holder.competitionId }, { $set: { competitionId, claimedAt: new Date() } }, { returnDocument: 'after' });
    return taken?.competitionId === competitionId;
  }
}
