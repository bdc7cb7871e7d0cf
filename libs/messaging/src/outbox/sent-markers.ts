import { insertManyIgnoringDuplicates, type Db } from '../mongo-util';

/**
 * `outbox_sent` remembers which outbox entries reached Kafka. Markers are inserted (one
 * insertMany per batch), never updated: on FerretDB an update costs a scan per document, an
 * insert does not. Markers are pruned once the sweep checkpoint has moved past them.
 */
export const SENT_MARKERS_COLLECTION = 'outbox_sent';

export interface SentMarker {
  _id: string;
  sentAt: Date;
}

const markers = (db: Db) => db.collection<SentMarker>(SENT_MARKERS_COLLECTION);

export async function markSent(db: Db, eventIds: readonly string[], sentAt = new Date()): Promise<void> {
  await insertManyIgnoringDuplicates(
    markers(db),
    eventIds.map((id) => ({ _id: id, sentAt })),
  );
}

/**
 * Which of these entries have a marker. The markers written since `since` are read in one pass
 * and matched here, rather than asked with `_id: {$in: ids}`: FerretDB evaluates a large `$in`
 * against every stored marker (measured: 1.6 s for 5,000 ids over 10,000 markers, every sweep,
 * during a burst), while one read of the pruned collection costs a few µs per marker.
 */
export async function findSent(db: Db, eventIds: readonly string[], since: Date): Promise<Set<string>> {
  const wanted = new Set(eventIds);
  const sent = new Set<string>();
  const cursor = markers(db).find({ sentAt: { $gte: since } }, { projection: { _id: 1 } });
  for await (const marker of cursor) if (wanted.has(marker._id)) sent.add(marker._id);
  return sent;
}

/** One deleteMany: cheap on FerretDB (one fetch, one DELETE … IN). */
export async function pruneSent(db: Db, before: Date): Promise<number> {
  const result = await markers(db).deleteMany({ sentAt: { $lt: before } });
  return result.deletedCount;
}
