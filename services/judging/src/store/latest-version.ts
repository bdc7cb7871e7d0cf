/**
 * Finds the highest existing version of an insert-only series (`<key>:1`, `<key>:2`, …) with
 * `{_id}` lookups only — the one query FerretDB answers without scanning. Starts from a hint
 * (0 when unknown), gallops forward, then bisects: O(log n) lookups.
 */
export async function latestVersion(exists: (version: number) => Promise<boolean>, hint = 0): Promise<number> {
  // Series are never deleted, so a version seen before still exists.
  let low = hint;
  let step = 1;
  let high = low + step;
  while (await exists(high)) {
    low = high;
    step *= 2;
    high = low + step;
  }
  // low exists (or is 0), high does not: bisect between them.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (await exists(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/** Remembers the last version seen per key within this process, as the next lookup's hint. */
export class VersionHints {
  private readonly hints = new Map<string, number>();

  constructor(private readonly limit = 200_000) {}

  get(key: string): number {
    return this.hints.get(key) ?? 0;
  }

  set(key: string, version: number): void {
    if (this.hints.size >= this.limit) this.hints.clear();
    if (version > (this.hints.get(key) ?? 0)) this.hints.set(key, version);
  }
}
