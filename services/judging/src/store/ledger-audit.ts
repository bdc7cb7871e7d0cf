import { crossCheckSheets } from '../domain/ledger-cross-check';
import { verifyChain, type LedgerRecord, type Verification } from '../domain/ledger';
import type { JudgingCollections } from './collections';

/** Reads a track's whole chain and its stored sheets and verifies both (off the hot path: two scans). */
export async function verifyTrackLedger(c: JudgingCollections, trackId: string): Promise<Verification> {
  const docs = await c.ledger.find({ trackId }).toArray();
  const records: LedgerRecord[] = docs.map(({ _id: _ignored, ...record }) => record);
  const chain = verifyChain(trackId, records);
  const sheets = await c.sheets.find({ trackId }, { projection: { _id: 1, marks: 1, status: 1 } }).toArray();
  return crossCheckSheets(chain, records, sheets.map((s) => ({ id: s._id, marks: s.marks, status: s.status })));
}
