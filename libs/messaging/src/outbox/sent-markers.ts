import { chunk, insertManyIgnoringDuplicates, type Db } from '../mongo-util';

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

export async function findSent(db: Db, eventIds: readonly string[]): Promise<Set<string>> {
  const sent = new Set<string>();
  for (const ids of chunk(eventIds, 5000)) {
    const found = await markers(db)
      .find({ _id: { $in: ids } }, { projection: { _id: 1 } })
      .toArray();
    for (const marker of found) sent.add(marker._id);
  }
  return sent;
}

/** One deleteMany: cheap on FerretDB (one fetch, one DELETE … IN). */
export async function pruneSent(db: Db, before: Date): Promise<number> {
  const result = await markers(db).deleteMany({ sentAt: { $lt: before } });
  return result.deletedCount;
}
