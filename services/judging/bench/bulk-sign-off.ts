/**
 * Signs off a seeded track in bulk through the store: the per-entry score comes from the
 * service's own scoring (scoreEntry over the judges' marks), written with one insertMany per
 * 1,000 entries. Seeding only: signing 2,000 entries one request at a time is not what the
 * results benchmark measures, and each API sign-off pays several whole-collection probes on
 * FerretDB. A sample still goes through the API (see judging.bench.ts).
 */
import type { mongo } from 'mongoose';
import { scoreEntry } from '../src/domain/entry-scoring';
import type { SchemeDoc, SheetDoc, SignOffDoc } from '../src/store/documents';
import { signOffId } from '../src/store/outcome-store';

export async function bulkSignOff(db: mongo.Db, trackId: string, competitionId: string, chiefJudgeId: string, sheets: readonly SheetDoc[], skip: ReadonlySet<string>): Promise<number> {
  const scheme = await db.collection<SchemeDoc>('schemes').findOne({ _id: trackId });
  if (scheme === null) throw new Error(`no marking scheme for ${trackId}`);
  const byEntry = new Map<string, SheetDoc[]>();
  for (const sheet of sheets) byEntry.set(sheet.entryId, [...(byEntry.get(sheet.entryId) ?? []), sheet]);
  const at = new Date();
  const docs: SignOffDoc[] = [];
  for (const [entryId, entrySheets] of byEntry) {
    if (skip.has(entryId)) continue;
    const score = scoreEntry(scheme.definition, entrySheets.map((s) => s.marks));
    docs.push({ _id: signOffId(entryId, 1), entryId, trackId, competitionId, revision: 1, total: score.total, criteria: score.criteria, chiefJudgeId, at, outbox: [], outboxAt: at });
  }
  for (let i = 0; i < docs.length; i += 1000) await db.collection<SignOffDoc>('signoffs').insertMany(docs.slice(i, i + 1000));
  return docs.length;
}
