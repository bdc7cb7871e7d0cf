import { isDuplicateKeyError } from '@digicraft/store';
import type { JudgingCollections } from './collections';
import type { ResolutionDoc, ResultsDoc, SignOffDoc } from './documents';
import { latestVersion, VersionHints } from './latest-version';
import { TrackSnapshots } from './track-snapshots';

/** How long another instance's sign-off may go unseen by this one's marking path. */
const SIGNED_OFF_TTL_MS = 2000;

export function signOffId(entryId: string, revision: number): string {
  return `${entryId}:r${revision}`;
}

export function resultsId(trackId: string, revision: number): string {
  return `${trackId}:r${revision}`;
}

/** Reconciliation resolutions, sign-offs (revisions) and published results (revisions): all insert-only. */
export class OutcomeStore {
  private readonly hints = new VersionHints();
  /**
   * Entries signed off, per track, for the checks every save makes (one scan per track and
   * refresh instead of a probe per save). A sign-off is never undone, so this process's own
   * sign-offs are added at once and the set only grows between scans.
   */
  private readonly signedOff = new TrackSnapshots<Set<string>>(async (trackId) => {
    const docs = await this.c.signoffs.find({ trackId }, { projection: { entryId: 1 } }).toArray();
    return new Set(docs.map((d) => d.entryId));
  }, SIGNED_OFF_TTL_MS);

  constructor(private readonly c: JudgingCollections) {}

  /** Whether the entry is signed off, as this process knows it (see `signedOff`). */
  async isSignedOff(trackId: string, entryId: string): Promise<boolean> {
    return (await this.signedOff.get(trackId)).has(entryId);
  }

  resolutions(entryId: string): Promise<ResolutionDoc[]> {
    return this.c.resolutions.find({ entryId }).toArray();
  }

  /** One resolution per aspect; false when the aspect was already resolved. */
  async addResolution(doc: ResolutionDoc): Promise<boolean> {
    try {
      await this.c.resolutions.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async latestSignOff(entryId: string): Promise<SignOffDoc | undefined> {
    const revision = await latestVersion(
      async (r) => (await this.c.signoffs.findOne({ _id: signOffId(entryId, r) }, { projection: { _id: 1 } })) !== null,
      this.hints.get(`s:${entryId}`),
    );
    if (revision === 0) return undefined;
    this.hints.set(`s:${entryId}`, revision);
    return (await this.c.signoffs.findOne({ _id: signOffId(entryId, revision) })) ?? undefined;
  }

  async insertSignOff(doc: SignOffDoc): Promise<boolean> {
    try {
      await this.c.signoffs.insertOne(doc);
      this.signedOff.update(doc.trackId, (entries) => entries.add(doc.entryId));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        // Someone else's sign-off of this revision landed first: signed off all the same.
        this.signedOff.update(doc.trackId, (entries) => entries.add(doc.entryId));
        return false;
      }
      throw error;
    }
  }

  /** Latest sign-off revision of every entry of a track (one scan). */
  async signOffsOfTrack(trackId: string): Promise<SignOffDoc[]> {
    const all = await this.c.signoffs.find({ trackId }, { projection: { outbox: 0 } }).toArray();
    const latest = new Map<string, SignOffDoc>();
    for (const doc of all) {
      const seen = latest.get(doc.entryId);
      if (seen === undefined || seen.revision < doc.revision) latest.set(doc.entryId, doc);
    }
    return [...latest.values()];
  }

  async latestResults(trackId: string): Promise<ResultsDoc | undefined> {
    const revision = await latestVersion(
      async (r) => (await this.c.results.findOne({ _id: resultsId(trackId, r) }, { projection: { _id: 1 } })) !== null,
      this.hints.get(`r:${trackId}`),
    );
    if (revision === 0) return undefined;
    this.hints.set(`r:${trackId}`, revision);
    return (await this.c.results.findOne({ _id: resultsId(trackId, revision) })) ?? undefined;
  }

  async insertResults(doc: ResultsDoc): Promise<boolean> {
    try {
      await this.c.results.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
