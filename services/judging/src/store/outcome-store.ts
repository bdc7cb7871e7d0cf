import { isDuplicateKeyError } from '@digicraft/store';
import type { JudgingCollections } from './collections';
import type { ResolutionDoc, ResultsDoc, SignOffDoc } from './documents';
import { latestVersion, VersionHints } from './latest-version';
import { TrackSnapshots } from './track-snapshots';

/** How long another instance's sign-off or resolution may go unseen by this one. */
const OUTCOME_TTL_MS = 2000;

export function signOffId(entryId: string, revision: number): string {
  return `${entryId}:r${revision}`;
}

export function resultsId(trackId: string, revision: number): string {
  return `${trackId}:r${revision}`;
}

/** A sign-off as the views hold it: everything but its outbox. */
export type SignOffRecord = Omit<SignOffDoc, 'outbox' | 'outboxAt'>;

type SignOffInsert = { readonly inserted: true } | { readonly inserted: false; readonly existing: SignOffRecord | undefined };

function record(doc: SignOffDoc | SignOffRecord): SignOffRecord {
  const { outbox: _outbox, outboxAt: _outboxAt, ...rest } = doc as SignOffDoc;
  return rest;
}

/** Keeps the newer revision: idempotent, so it can be replayed onto a scan in flight. */
function keepLatest(view: Map<string, SignOffRecord>, doc: SignOffRecord): void {
  const seen = view.get(doc.entryId);
  if (seen === undefined || seen.revision < doc.revision) view.set(doc.entryId, doc);
}

/**
 * Reconciliation resolutions, sign-offs (revisions) and published results (revisions): all
 * insert-only, the unique `_id` settling concurrent writers.
 *
 * Reads come from per-track views (one scan per track and refresh, see TrackSnapshots): on
 * FerretDB every read that finds nothing — the usual answer to "is this entry signed off yet?"
 * or "any resolutions?" — scans the whole collection, and a chief judge signs off thousands of
 * entries one after another. A view missing another instance's newest sign-off or resolution
 * is safe: the insert that would contradict it fails on the unique `_id`, and the caller reads
 * the winner by `{_id}` (a hit, which is cheap).
 */
export class OutcomeStore {
  private readonly hints = new VersionHints();
  /** entryId → its latest sign-off revision, per track. */
  private readonly signOffs = new TrackSnapshots<Map<string, SignOffRecord>>((trackId) => this.scanLatestSignOffs(trackId), OUTCOME_TTL_MS);
  /** entryId → its resolutions, per track. */
  private readonly resolutionsByTrack = new TrackSnapshots<Map<string, ResolutionDoc[]>>(async (trackId) => {
    const view = new Map<string, ResolutionDoc[]>();
    for (const doc of await this.c.resolutions.find({ trackId }).toArray()) addResolutionTo(view, doc);
    return view;
  }, OUTCOME_TTL_MS);

  constructor(private readonly c: JudgingCollections) {}

  /** Whether the entry is signed off, as this process knows it (see the class comment). */
  async isSignedOff(trackId: string, entryId: string): Promise<boolean> {
    return (await this.signOffs.get(trackId)).has(entryId);
  }

  /** The entry's latest sign-off revision, as this process knows it. */
  async latestSignOffInTrack(trackId: string, entryId: string): Promise<SignOffRecord | undefined> {
    return (await this.signOffs.get(trackId)).get(entryId);
  }

  async resolutionsInTrack(trackId: string, entryId: string): Promise<ResolutionDoc[]> {
    return [...((await this.resolutionsByTrack.get(trackId)).get(entryId) ?? [])];
  }

  /** The entry's resolutions read from the store (a scan): to confirm a refusal the view suggests. */
  async resolutionsFromStore(trackId: string, entryId: string): Promise<ResolutionDoc[]> {
    const docs = await this.c.resolutions.find({ entryId }).toArray();
    this.resolutionsByTrack.update(trackId, (view) => {
      for (const doc of docs) addResolutionTo(view, doc);
    });
    return docs;
  }

  /** One resolution per aspect; false when the aspect was already resolved. */
  async addResolution(doc: ResolutionDoc): Promise<boolean> {
    try {
      await this.c.resolutions.insertOne(doc);
      this.resolutionsByTrack.update(doc.trackId, (view) => addResolutionTo(view, doc));
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.c.resolutions.findOne({ _id: doc._id });
      if (existing !== null) this.resolutionsByTrack.update(doc.trackId, (view) => addResolutionTo(view, existing));
      return false;
    }
  }

  /**
   * Inserts a sign-off revision. When that revision exists already (another attempt of the same
   * request, or another chief, landed first) it answers the stored one, read by `{_id}`.
   */
  async insertSignOff(doc: SignOffDoc): Promise<SignOffInsert> {
    try {
      await this.c.signoffs.insertOne(doc);
      const held = record(doc);
      this.signOffs.update(doc.trackId, (view) => keepLatest(view, held));
      return { inserted: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.c.signoffs.findOne({ _id: doc._id }, { projection: { outbox: 0, outboxAt: 0 } });
      if (existing === null) return { inserted: false, existing: undefined };
      const held = record(existing);
      this.signOffs.update(doc.trackId, (view) => keepLatest(view, held));
      return { inserted: false, existing: held };
    }
  }

  /** Latest sign-off revision of every entry of a track, read from the store (one scan). */
  async signOffsOfTrack(trackId: string): Promise<SignOffRecord[]> {
    return [...(await this.scanLatestSignOffs(trackId)).values()];
  }

  private async scanLatestSignOffs(trackId: string): Promise<Map<string, SignOffRecord>> {
    const latest = new Map<string, SignOffRecord>();
    for (const doc of await this.c.signoffs.find({ trackId }, { projection: { outbox: 0, outboxAt: 0 } }).toArray()) keepLatest(latest, doc);
    return latest;
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

/** Idempotent by `_id`, so it can be replayed onto a scan in flight. */
function addResolutionTo(view: Map<string, ResolutionDoc[]>, doc: ResolutionDoc): void {
  const list = view.get(doc.entryId) ?? [];
  if (!list.some((r) => r._id === doc._id)) list.push(doc);
  view.set(doc.entryId, list);
}
