/**
 * A small per-process read cache with a short lifetime, for documents read on every request
 * that change rarely (a track's scheme, a published competition). On FerretDB even an `{_id}`
 * read scans the table up to the document, so hundreds of requests a second would otherwise
 * repeat the same reads. Concurrent readers of one key share one load. This process's own
 * writes invalidate at once; another instance's writes are seen within `ttlMs`.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly limit = 100_000,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.expires > now) return hit.value;
    if (this.entries.size >= this.limit) this.entries.clear();
    const value = load();
    const entry = { value, expires: now + this.ttlMs };
    this.entries.set(key, entry);
    // A failed read is not remembered.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
