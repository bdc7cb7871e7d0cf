import { EMPTY_HEAD, sealRecords, type ChainHead, type LedgerBody, type LedgerRecord } from '../domain/ledger';
import { isDuplicateKeyError } from '@digicraft/store';
import type { JudgingCollections } from './collections';
import type { LedgerDoc } from './documents';
import { latestVersion } from './latest-version';

export type LedgerDraft = Omit<LedgerBody, 'seq' | 'prevHash'>;

interface Pending {
  readonly drafts: readonly LedgerDraft[];
  readonly resolve: (records: LedgerRecord[]) => void;
  readonly reject: (error: unknown) => void;
}

interface TrackChain {
  head: ChainHead | undefined;
  queue: Pending[];
  flushing: boolean;
}

export function ledgerId(trackId: string, seq: number): string {
  return `${trackId}:${String(seq).padStart(10, '0')}`;
}

const MAX_CONFLICT_RETRIES = 8;
/** The head hint moves once per this many records (probing forward from it costs O(log n) reads). */
const HEAD_HINT_EVERY = 64;

/**
 * Appends to a track's hash chain with group commit: records arriving while a write is in
 * flight are sealed together and written with one insertMany, so 200 judges saving at once cost
 * a handful of inserts rather than 200 serialized ones. The unique `_id` (track + seq) makes a
 * second process appending the same seq fail; the loser reloads the head and reseals.
 */
export class LedgerAppender {
  private readonly chains = new Map<string, TrackChain>();

  constructor(private readonly collections: JudgingCollections) {}

  append(trackId: string, drafts: readonly LedgerDraft[]): Promise<LedgerRecord[]> {
    const chain = this.chainOf(trackId);
    return new Promise((resolve, reject) => {
      chain.queue.push({ drafts, resolve, reject });
      if (!chain.flushing) void this.flush(trackId, chain);
    });
  }

  /** Forgets cached heads (after a test tampers with the store, or another writer). */
  reset(): void {
    for (const chain of this.chains.values()) chain.head = undefined;
  }

  private chainOf(trackId: string): TrackChain {
    let chain = this.chains.get(trackId);
    if (chain === undefined) {
      chain = { head: undefined, queue: [], flushing: false };
      this.chains.set(trackId, chain);
    }
    return chain;
  }

  private async flush(trackId: string, chain: TrackChain): Promise<void> {
    chain.flushing = true;
    try {
      while (chain.queue.length > 0) {
        const batch = chain.queue.splice(0, chain.queue.length);
        try {
          const records = await this.write(trackId, chain, batch.flatMap((p) => p.drafts));
          let offset = 0;
          for (const pending of batch) {
            pending.resolve(records.slice(offset, offset + pending.drafts.length));
            offset += pending.drafts.length;
          }
        } catch (error) {
          chain.head = undefined;
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      chain.flushing = false;
    }
  }

  private async write(trackId: string, chain: TrackChain, drafts: readonly LedgerDraft[]): Promise<LedgerRecord[]> {
    for (let attempt = 0; ; attempt += 1) {
      const head = chain.head ?? (await this.loadHead(trackId));
      const records = sealRecords(head, drafts);
      try {
        await this.collections.ledger.insertMany(records.map((r): LedgerDoc => ({ _id: ledgerId(trackId, r.seq), ...r })), { ordered: true });
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        // Another writer took these seqs. Ordered insert: none of ours before the clash landed
        // only if the clash was on the first; reload the head either way and reseal what is left.
        const inserted = insertedCount(error);
        if (inserted > 0) throw error;
        chain.head = undefined;
        continue;
      }
      const last = records[records.length - 1] as LedgerRecord;
      chain.head = { seq: last.seq, hash: last.hash };
      // A hint only: never trusted without probing forward from it, so it need not follow every
      // write; moving it once per HEAD_HINT_EVERY records keeps an update off each save's path.
      if (Math.floor(last.seq / HEAD_HINT_EVERY) > Math.floor(head.seq / HEAD_HINT_EVERY)) {
        await this.collections.ledgerHeads.updateOne({ _id: trackId }, { $max: { seq: last.seq } }, { upsert: true });
      }
      return records;
    }
  }

  private async loadHead(trackId: string): Promise<ChainHead> {
    const hint = await this.collections.ledgerHeads.findOne({ _id: trackId });
    const seq = await latestVersion(async (s) => (await this.collections.ledger.findOne({ _id: ledgerId(trackId, s) }, { projection: { _id: 1 } })) !== null, hint?.seq ?? 0);
    if (seq === 0) return EMPTY_HEAD;
    const record = await this.collections.ledger.findOne({ _id: ledgerId(trackId, seq) });
    if (record === null) return EMPTY_HEAD;
    return { seq: record.seq, hash: record.hash };
  }
}

function insertedCount(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'insertedCount' in error && typeof error.insertedCount === 'number') return error.insertedCount;
  return 0;
}
