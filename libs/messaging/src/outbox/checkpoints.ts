import type { Db } from '../mongo-util';

/**
 * Per collection, the time before which every outbox entry is known to be published. One small
 * document per collection, so updating it scans almost nothing even on FerretDB.
 */
export const CHECKPOINTS_COLLECTION = 'outbox_checkpoints';

interface CheckpointDoc {
  _id: string;
  at: Date;
}

export async function readCheckpoint(db: Db, collection: string): Promise<Date> {
  const doc = await db.collection<CheckpointDoc>(CHECKPOINTS_COLLECTION).findOne({ _id: collection });
  return doc?.at ?? new Date(0);
}

export async function saveCheckpoint(db: Db, collection: string, at: Date): Promise<void> {
  await db
    .collection<CheckpointDoc>(CHECKPOINTS_COLLECTION)
    .updateOne({ _id: collection }, { $set: { at } }, { upsert: true });
}
