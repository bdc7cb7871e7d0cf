import type { Db } from '../mongo-util';
import { isDuplicateKeyError } from '@digicraft/store';

/**
 * Only one relay instance sweeps at a time. The lease is one document whose holder renews it
 * each sweep; if the holder dies, the lease expires and another instance takes over.
 */
export const LEASES_COLLECTION = 'outbox_leases';
const SWEEP_LEASE_ID = 'outbox-sweep';

interface LeaseDoc {
  _id: string;
  holder: string;
  expiresAt: Date;
}

export async function acquireSweepLease(db: Db, holder: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  try {
    // Matches only a free, expired or own lease; otherwise the upsert's insert collides on _id.
    await db.collection<LeaseDoc>(LEASES_COLLECTION).findOneAndUpdate(
      { _id: SWEEP_LEASE_ID, $or: [{ expiresAt: { $lt: now } }, { holder }] },
      { $set: { holder, expiresAt: new Date(now.getTime() + leaseMs) } },
      { upsert: true },
    );
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

export async function releaseSweepLease(db: Db, holder: string): Promise<void> {
  await db.collection<LeaseDoc>(LEASES_COLLECTION).deleteMany({ _id: SWEEP_LEASE_ID, holder });
}
