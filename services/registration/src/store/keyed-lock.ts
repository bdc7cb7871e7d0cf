/**
 * Runs work for the same key one at a time within this process.
 * Why: measured on FerretDB 1.24 (SQLite), a guarded findOneAndUpdate is NOT atomic — it reads,
 * filters in FerretDB and writes back, so 200 concurrent claims on `free > 0` overbooked a track
 * of 50 by 79, and concurrent $inc can lose updates. MongoDB does these atomically. Serializing
 * a track's counter operations in-process makes the claim atomic on both, for ONE instance;
 * several instances against FerretDB would need the insert-per-seat design (see README notes).
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
