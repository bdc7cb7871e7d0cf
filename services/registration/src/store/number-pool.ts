/**
 * Which numbers of a seat range this process believes taken: a hint to choose the next number to
 * try, never the authority (the unique index is). Numbers are handed out lowest first.
 */
export class NumberPool {
  private readonly taken: Set<number>;
  private lowest = 1;

  constructor(taken: Iterable<number> = []) {
    this.taken = new Set(taken);
  }

  take(limit: number): number | undefined {
    for (let n = this.lowest; n <= limit; n += 1) {
      if (this.taken.has(n)) continue;
      this.taken.add(n);
      this.lowest = n + 1;
      return n;
    }
    this.lowest = Math.max(this.lowest, limit + 1);
    return undefined;
  }

  giveBack(n: number): void {
    this.taken.delete(n);
    this.lowest = Math.min(this.lowest, n);
  }

  hasFree(limit: number): boolean {
    for (let n = 1; n <= limit; n += 1) if (!this.taken.has(n)) return true;
    return false;
  }
}
