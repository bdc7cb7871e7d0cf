import { errorMessage, type MessagingLogger } from '../logger';
import type { Db } from '../mongo-util';
import type { Publisher } from '../publisher';
import { readCheckpoint, saveCheckpoint } from './checkpoints';
import { normalizeStoredEntry, type OutboxEntry } from './outbox-entry';
import { findSent, markSent, pruneSent } from './sent-markers';

export interface SweepOptions {
  readonly db: Db;
  readonly collections: readonly string[];
  readonly publisher: Publisher;
  readonly logger: MessagingLogger;
  /** Entries younger than this are left to the fast path (avoids double sends of live events). */
  readonly minAgeMs: number;
  /**
   * Upper bound on how long after an entry's `time` its write may become visible (write latency,
   * clock skew between instances). The checkpoint stays this far behind the sweep start, so a
   * slow write is still seen by a later sweep. Too small a value can skip an event.
   */
  readonly graceMs: number;
  readonly publishBatchSize: number;
}

export interface SweepResult {
  readonly published: number;
  readonly failed: number;
  readonly checkpoints: Readonly<Record<string, Date>>;
}

interface StoredAggregate {
  outbox?: (Omit<OutboxEntry, 'payload'> & { payload: unknown })[];
  outboxAt?: Date;
}

/**
 * The safety net behind the fast path: republishes every entry that was written but never
 * marked sent (crash between write and publish, broker outage, full queue). Cost: one scan of
 * each collection's documents touched since the checkpoint, one read of the recent markers.
 */
export async function sweepOutboxes(options: SweepOptions): Promise<SweepResult> {
  const { db, logger } = options;
  const sweepStart = Date.now();
  const horizon = sweepStart - Math.max(options.graceMs, options.minAgeMs);
  const checkpoints: Record<string, Date> = {};
  let published = 0;
  let failed = 0;

  for (const collection of options.collections) {
    const checkpoint = await readCheckpoint(db, collection);
    const docs = await db
      .collection<StoredAggregate>(collection)
      .find({ outboxAt: { $gte: checkpoint } }, { projection: { outbox: 1, outboxAt: 1 } })
      .toArray();
    const youngest = sweepStart - options.minAgeMs;
    const candidates: OutboxEntry[] = [];
    for (const doc of docs) {
      for (const stored of doc.outbox ?? []) {
        const time = Date.parse(stored.time);
        // Entries before the checkpoint were settled by earlier sweeps (their markers may be pruned).
        if (time >= checkpoint.getTime() && time <= youngest) candidates.push(normalizeStoredEntry(stored));
      }
    }
    // A marker is written after its entry's time, as seen by the clock of whichever instance
    // marked it: `graceMs` earlier covers the skew between instances.
    const sent = candidates.length === 0 ? new Set<string>() : await findSent(db, candidates.map((entry) => entry.id), new Date(checkpoint.getTime() - options.graceMs));
    // UUIDv7 ids sort by creation time: this is the order the writers produced them.
    const unsent = candidates.filter((entry) => !sent.has(entry.id)).sort((a, b) => (a.id < b.id ? -1 : 1));

    let earliestUnsent = Number.POSITIVE_INFINITY;
    for (let start = 0; start < unsent.length; start += options.publishBatchSize) {
      const batch = unsent.slice(start, start + options.publishBatchSize);
      try {
        await options.publisher.publish(batch);
        await markSent(db, batch.map((entry) => entry.id));
        published += batch.length;
      } catch (error) {
        // Stop here: publishing later entries first would reorder them; the next sweep resumes.
        const rest = unsent.slice(start);
        failed += rest.length;
        earliestUnsent = Math.min(...rest.map((entry) => Date.parse(entry.time)));
        logger.warn({ collection, unsent: rest.length, err: errorMessage(error) }, 'outbox sweep could not publish');
        break;
      }
    }
    const next = new Date(Math.max(checkpoint.getTime(), Math.min(horizon, earliestUnsent)));
    if (next.getTime() !== checkpoint.getTime()) await saveCheckpoint(db, collection, next);
    checkpoints[collection] = next;
  }

  const oldest = Math.min(...Object.values(checkpoints).map((at) => at.getTime()));
  if (Number.isFinite(oldest)) await pruneSent(db, new Date(oldest - options.graceMs));
  if (published > 0 || failed > 0) logger.info({ published, failed }, 'outbox sweep republished events');
  return { published, failed, checkpoints };
}
