import type { mongo } from 'mongoose';
import { isDuplicateKeyError } from './duplicate-key';

/** What happened to one document of a batch: a duplicate carries the store's own write error (which index, when the server says). */
export type BatchedInsertOutcome = { readonly inserted: true } | { readonly inserted: false; readonly duplicate: unknown };

const INSERTED: BatchedInsertOutcome = Object.freeze({ inserted: true });

interface Pending<T> {
  readonly doc: T;
  readonly resolve: (outcome: BatchedInsertOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** Indexes (in the batch) of the documents the store rejected, from an unordered insertMany's error. */
function failedIndexes(error: unknown): Map<number, unknown> {
  const failed = new Map<number, unknown>();
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return failed;
  const raw: unknown = error.writeErrors;
  for (const w of Array.isArray(raw) ? (raw as unknown[]) : [raw]) {
    if (typeof w === 'object' && w !== null && 'index' in w && typeof w.index === 'number') failed.set(w.index, w);
  }
  return failed;
}

/**
 * Group commit for insert-only documents: inserts arriving while a write is in flight go out
 * together in one unordered insertMany. On FerretDB one insertMany of hundreds of documents
 * costs about what a few insertOne calls do, so hundreds of concurrent requests share a handful
 * of writes. Each caller still learns its own outcome: inserted, or refused by a unique index
 * (with the write error), which is how concurrent claims of one key are settled.
 */
export class InsertBatcher<T extends mongo.Document & { _id: string }> {
  private queue: Pending<T>[] = [];
  private flushing = false;

  constructor(
    private readonly collection: mongo.Collection<T>,
    private readonly maxBatch = 1000,
    /**
     * How long the first insert of an idle batcher waits for company. 0 writes at once; a few
     * ms let a burst that arrives spread out share one write (every insertMany has a fixed cost
     * in the store) for that much latency. Later batches never wait: they gather during a write.
     */
    private readonly lingerMs = 0,
  ) {}

  insert(doc: T): Promise<BatchedInsertOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      if (this.flushing) return;
      this.flushing = true;
      if (this.lingerMs > 0) setTimeout(() => void this.flush(), this.lingerMs);
      else void this.flush();
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.write(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async write(batch: readonly Pending<T>[]): Promise<void> {
    try {
      await this.collection.insertMany(batch.map((p) => p.doc as mongo.OptionalUnlessRequiredId<T>), { ordered: false });
      for (const p of batch) p.resolve(INSERTED);
    } catch (error) {
      const failed = failedIndexes(error);
      if (failed.size === 0) {
        for (const p of batch) p.reject(error);
        return;
      }
      batch.forEach((p, i) => {
        const writeError = failed.get(i);
        if (writeError === undefined) p.resolve(INSERTED);
        else if (isDuplicateKeyError(writeError)) p.resolve({ inserted: false, duplicate: writeError });
        else p.reject(error);
      });
    }
  }
}
