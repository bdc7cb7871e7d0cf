import { isDuplicateKeyError } from '@digicraft/store';
import type { JudgingCollections } from './collections';
import type { SheetDoc } from './documents';
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
 */
export class SheetStore {
  private readonly hints = new VersionHints();

  constructor(private readonly c: JudgingCollections) {}

  async current(entryId: string, judgeId: string): Promise<SheetDoc | undefined> {
    const key = sheetKey(entryId, judgeId);
    const version = await latestVersion(
      async (v) => (await this.c.sheets.findOne({ _id: sheetId(entryId, judgeId, v) }, { projection: { _id: 1 } })) !== null,
      this.hints.get(key),
    );
    if (version === 0) return undefined;
    this.hints.set(key, version);
    return (await this.c.sheets.findOne({ _id: sheetId(entryId, judgeId, version) })) ?? undefined;
  }

  /** False when that version already exists (someone saved first). */
  async insert(doc: SheetDoc): Promise<boolean> {
    try {
      await this.c.sheets.insertOne(doc);
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    this.hints.set(sheetKey(doc.entryId, doc.judgeId), doc.version);
    return true;
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
