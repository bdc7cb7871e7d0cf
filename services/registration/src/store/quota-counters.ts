import type { mongo } from 'mongoose';
import type { QuotaCounterDoc } from './documents';
import { KeyedLock } from './keyed-lock';

/** Quota places per track and province/institution, claimed like seats: one guarded update each. */
export class QuotaCounters {
  /** See KeyedLock: FerretDB's guarded updates are not atomic under concurrency. */
  private readonly lock = new KeyedLock();

  constructor(private readonly counters: mongo.Collection<QuotaCounterDoc>) {}

  async ensure(key: string, trackId: string, max: number): Promise<void> {
    await this.counters.updateOne({ _id: key }, { $setOnInsert: { trackId, max, confirmed: 0, free: max } }, { upsert: true });
  }

  /** All or nothing: a partial claim is given back before answering false. */
  async claim(keys: readonly string[]): Promise<boolean> {
    const taken: string[] = [];
    for (const key of keys) {
      const doc = await this.lock.run(key, () => this.counters.findOneAndUpdate({ _id: key, free: { $gt: 0 } }, { $inc: { free: -1, confirmed: 1 } }));
      if (doc === null) {
        await this.release(taken);
        return false;
      }
      taken.push(key);
    }
    return true;
  }

  async release(keys: readonly string[]): Promise<void> {
    for (const key of keys) await this.lock.run(key, () => this.counters.updateOne({ _id: key }, { $inc: { free: 1, confirmed: -1 } }));
  }

  async isFull(key: string): Promise<boolean> {
    const doc = await this.counters.findOne({ _id: key });
    return doc !== null && doc.free <= 0;
  }

  async overwrite(key: string, confirmed: number): Promise<void> {
    const doc = await this.counters.findOne({ _id: key });
    if (doc === null) return;
    await this.counters.updateOne({ _id: key }, { $set: { confirmed, free: doc.max - confirmed } });
  }

  async all(): Promise<QuotaCounterDoc[]> {
    return this.counters.find({}).toArray();
  }
}
