import { chunk, insertManyIgnoringDuplicates, type Db } from '../mongo-util';

/**
 * The consumer inbox: which event ids a consumer group has applied. `_id` is
 * `${group}:${eventId}` so the unique _id index is the "unique index on consumer + event id".
 * Written once per batch with one insertMany, looked up once per batch with one `$in`.
 */
export const INBOX_COLLECTION = 'inbox';

export interface InboxRecord {
  _id: string;
  appliedAt: Date;
}

const inbox = (db: Db) => db.collection<InboxRecord>(INBOX_COLLECTION);
const inboxId = (group: string, eventId: string) => `${group}:${eventId}`;

export async function findApplied(db: Db, group: string, eventIds: readonly string[]): Promise<Set<string>> {
  const applied = new Set<string>();
  const prefix = `${group}:`;
  for (const ids of chunk(eventIds, 5000)) {
    const found = await inbox(db)
      .find({ _id: { $in: ids.map((id) => inboxId(group, id)) } }, { projection: { _id: 1 } })
      .toArray();
    for (const record of found) applied.add(record._id.slice(prefix.length));
  }
  return applied;
}

export async function recordApplied(db: Db, group: string, eventIds: readonly string[], appliedAt = new Date()): Promise<void> {
  await insertManyIgnoringDuplicates(
    inbox(db),
    eventIds.map((id) => ({ _id: inboxId(group, id), appliedAt })),
  );
}

/** Forgets ids applied before `before`: redeliveries older than the retention are not expected. */
export async function pruneInbox(db: Db, before: Date): Promise<number> {
  const result = await inbox(db).deleteMany({ appliedAt: { $lt: before } });
  return result.deletedCount;
}
