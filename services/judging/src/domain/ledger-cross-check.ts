import { canonicalJson, type Json } from './canonical-json';
import type { LedgerRecord, Verification } from './ledger';

/** A stored mark sheet as the audit sees it. */
export interface AuditedSheet {
  readonly id: string;
  readonly marks: Readonly<Record<string, number>>;
  readonly status: string;
}

/**
 * The chain proves the ledger was not edited; this proves the marks the service computes with
 * are the ones the ledger recorded: every stored sheet version must match the `marks`/`submit`/
 * `correction` record that wrote it. A mismatch is reported at that record.
 */
export function crossCheckSheets(chain: Verification, records: readonly LedgerRecord[], sheets: readonly AuditedSheet[]): Verification {
  if (!chain.ok) return chain;
  const bySheet = new Map<string, LedgerRecord>();
  for (const record of records) {
    const sheetId = record.data.sheetId;
    if (typeof sheetId === 'string') bySheet.set(sheetId, record);
  }
  let firstBad: { seq: number; detail: string } | undefined;
  for (const sheet of sheets) {
    const record = bySheet.get(sheet.id);
    if (record === undefined) {
      const detail = `stored marks ${sheet.id} have no ledger record`;
      if (firstBad === undefined) firstBad = { seq: chain.records + 1, detail };
      continue;
    }
    const recorded = canonicalJson((record.data.marks ?? {}) as Json);
    if (recorded !== canonicalJson(sheet.marks) || record.data.status !== sheet.status) {
      if (firstBad === undefined || record.seq < firstBad.seq) firstBad = { seq: record.seq, detail: `stored marks ${sheet.id} differ from what record ${record.seq} recorded` };
    }
  }
  if (firstBad === undefined) return chain;
  return { ok: false, records: chain.records, headHash: chain.headHash, failure: { seq: firstBad.seq, reason: 'stored-mark-mismatch', detail: firstBad.detail } };
}
