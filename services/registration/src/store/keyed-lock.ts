/**
 * Runs work for the same key one at a time within this process. Used only around promotions
 * (rare): two withdrawals in one process must not offer the same freed seat to the same
 * candidate twice. Seats themselves are guarded by unique indexes, not by this lock.
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
