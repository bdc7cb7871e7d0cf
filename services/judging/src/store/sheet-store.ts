import type { JudgingCollections } from './collections';
import type { SheetDoc } from './documents';
import { InsertBatcher } from '@digicraft/store';
import { latestVersion, VersionHints } from './latest-version';

export function sheetKey(entryId: string, judgeId: string): string {
  return `${entryId}:${judgeId}`;
}

export function sheetId(entryId: string, judgeId: string, version: number): string {
  return `${sheetKey(entryId, judgeId)}:${version}`;
}

/**
 * Mark sheets are insert-only versions (`entry:judge:version`): an auto-save is one insert, the
 * unique _id settles concurrent saves of the same version, and every earlier state stays.
 *
 * The marking path reads through a per-process index of each track's latest sheets, loaded with
 * one scan per track: on FerretDB every `{_id}` probe for a version that does not exist yet scans
 * the whole collection, and finding "the latest version" always needs one such probe. A sheet
 * another instance saved meanwhile is caught by the unique _id on insert, which refreshes the key.
 */
export class SheetStore {
  private readonly hints = new VersionHints();
  /** trackId → (entry:judge → latest sheet). */
  private readonly latest = new Map<string, Map<string, SheetDoc>>();
  private indexed = 0;
  private readonly loadedTracks = new Map<string, Promise<void>>();
  private readonly inserts: InsertBatcher<SheetDoc>;

  constructor(
    private readonly c: JudgingCollections,
    private readonly indexLimit = 500_000,
  ) {
    this.inserts = new InsertBatcher(c.sheets);
  }

  /** The latest sheet, found by probing `{_id}` versions (exact even when another instance wrote it). */
  async current(entryId: string, judgeId: string): Promise<SheetDoc | undefined> {
    const key = sheetKey(entryId, judgeId);
    const version = await latestVersion(
      async (v) => (await this.c.sheets.findOne({ _id: sheetId(entryId, judgeId, v) }, { projection: { _id: 1 } })) !== null,
      this.hints.get(key),
    );
    if (version === 0) return undefined;
    this.hints.set(key, version);
    const doc = (await this.c.sheets.findOne({ _id: sheetId(entryId, judgeId, version) })) ?? undefined;
    if (doc !== undefined) this.remember(doc);
    return doc;
  }

  /** The latest sheet as this process knows it (hot path: a memory lookup after the track's one scan). */
  async currentInTrack(trackId: string, entryId: string, judgeId: string): Promise<SheetDoc | undefined> {
    await this.loadTrack(trackId);
    return this.latest.get(trackId)?.get(sheetKey(entryId, judgeId));
  }

  /**
   * The latest sheet of every (entry, judge) of a track as this process knows it: the track's
   * one scan, then this process's own writes (statistics; exact within one instance).
   */
  async latestInTrack(trackId: string): Promise<SheetDoc[]> {
    await this.loadTrack(trackId);
    return [...(this.latest.get(trackId)?.values() ?? [])];
  }

  /** False when that version already exists (someone saved first); the key is then re-read from the store. */
  async insert(doc: SheetDoc): Promise<boolean> {
    if (!(await this.inserts.insert(doc)).inserted) {
      await this.current(doc.entryId, doc.judgeId);
      return false;
    }
    this.hints.set(sheetKey(doc.entryId, doc.judgeId), doc.version);
    this.remember(doc);
    return true;
  }

  private remember(doc: SheetDoc): void {
    if (this.indexed >= this.indexLimit) {
      // Bounded memory: start over; each track reloads with one scan when next used.
      this.latest.clear();
      this.loadedTracks.clear();
      this.indexed = 0;
    }
    let track = this.latest.get(doc.trackId);
    if (track === undefined) {
      track = new Map();
      this.latest.set(doc.trackId, track);
    }
    const key = sheetKey(doc.entryId, doc.judgeId);
    const seen = track.get(key);
    if (seen === undefined) this.indexed += 1;
    if (seen === undefined || seen.version < doc.version) track.set(key, doc);
  }

  private loadTrack(trackId: string): Promise<void> {
    let loading = this.loadedTracks.get(trackId);
    if (loading === undefined) {
      loading = this.latestOfTrack(trackId).then((docs) => {
        for (const doc of docs) this.remember(doc);
      });
      loading.catch(() => this.loadedTracks.delete(trackId));
      this.loadedTracks.set(trackId, loading);
    }
    return loading;
  }

  byId(id: string): Promise<SheetDoc | null> {
    return this.c.sheets.findOne({ _id: id });
  }

  /** The latest sheet per (entry, judge) of a track, from one scan (results, statistics, audits). */
  async latestOfTrack(trackId: string): Promise<SheetDoc[]> {
    const all = await this.c.sheets.find({ trackId }).toArray();
    const latest = new Map<string, SheetDoc>();
    for (const doc of all) {
      const key = sheetKey(doc.entryId, doc.judgeId);
      const seen = latest.get(key);
      if (seen === undefined || seen.version < doc.version) latest.set(key, doc);
    }
    return [...latest.values()];
  }

  allOfTrack(trackId: string): Promise<SheetDoc[]> {
    return this.c.sheets.find({ trackId }).toArray();
  }
}
