import { isDuplicateKeyError } from '@digicraft/store';
import type { JudgingCollections } from './collections';
import type { ResolutionDoc, ResultsDoc, SignOffDoc } from './documents';
import { latestVersion, VersionHints } from './latest-version';

export function signOffId(entryId: string, revision: number): string {
  return `${entryId}:r${revision}`;
}

export function resultsId(trackId: string, revision: number): string {
  return `${trackId}:r${revision}`;
}

/** Reconciliation resolutions, sign-offs (revisions) and published results (revisions): all insert-only. */
export class OutcomeStore {
  private readonly hints = new VersionHints();

  constructor(private readonly c: JudgingCollections) {}

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
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
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
