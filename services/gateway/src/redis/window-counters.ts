import type { Redis } from '@digicraft/redis';
import { addToWindows, windowResult, type WindowResult } from './admission-script';

interface Counter {
  /** The shared window's total as of the last sync (this instance's synced hits included). */
  shared: number;
  /** Hits on this instance not yet added to the shared window. */
  pending: number;
  /** When the window ends, as Redis last told (or as assumed until the first sync). */
  endsAt: number;
}

export interface WindowCountersOptions {
  readonly redis: Redis;
  readonly windowMs: number;
  /** How often hits are added to the shared windows. */
  readonly syncMs?: number;
  readonly logger?: { warn(details: object, message: string): void };
}

/**
 * Fixed-window rate limits shared by every gateway instance through Redis, without a Redis round
 * trip per request: each instance counts its own hits at once (so one instance alone is exact)
 * and adds them to the shared windows in one call every `syncMs`, learning the others' hits in
 * the same reply. Across instances a client can therefore overshoot by what it sends to the
 * other instances within one sync interval: fine for the general limits, which is all this is
 * used for; the strict login and sign-up limits are still counted in Redis on every request.
 * While Redis is unreachable each instance keeps enforcing what it has seen itself.
 */
export class WindowCounters {
  private readonly counters = new Map<string, Counter>();
  private readonly syncMs: number;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;
  private failing = false;
  private droppedAt = 0;

  constructor(private readonly options: WindowCountersOptions) {
    this.syncMs = options.syncMs ?? 20;
  }

  hit(key: string, limit: number, now = Date.now()): WindowResult {
    let counter = this.counters.get(key);
    if (counter === undefined || now >= counter.endsAt) {
      counter = { shared: 0, pending: 0, endsAt: now + this.options.windowMs };
      this.counters.set(key, counter);
    }
    counter.pending += 1;
    this.schedule();
    return windowResult(counter.shared + counter.pending, limit, counter.endsAt - now);
  }

  /** Adds every pending hit to the shared windows now (also what the timer does). */
  async sync(): Promise<void> {
    while (this.syncing !== undefined) await this.syncing;
    const batch = [...this.counters].filter(([, c]) => c.pending > 0).map(([key, counter]) => ({ key, counter, sent: counter.pending }));
    if (batch.length === 0) return;
    this.syncing = this.send(batch).finally(() => (this.syncing = undefined));
    await this.syncing;
  }

  /** Stops the timer after one last sync, so no counted hit is left behind. */
  async close(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.sync().catch(() => undefined);
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sync().catch(() => undefined);
    }, this.syncMs);
    this.timer.unref();
  }

  private async send(batch: readonly { key: string; counter: Counter; sent: number }[]): Promise<void> {
    let totals: { count: number; ttlMs: number }[];
    try {
      ({ totals } = await addToWindows(this.options.redis, batch.map((b) => ({ key: b.key, by: b.sent })), this.options.windowMs));
    } catch (err) {
      if (!this.failing) this.options.logger?.warn({ err: { message: (err as Error).message } }, 'rate limit windows not shared: Redis unavailable; each instance limits on its own');
      this.failing = true;
      this.schedule();
      throw err;
    }
    this.failing = false;
    const now = Date.now();
    batch.forEach(({ counter, sent }, i) => {
      counter.pending -= sent;
      counter.shared = totals[i]?.count ?? counter.shared + sent;
      counter.endsAt = now + Math.max(0, totals[i]?.ttlMs ?? 0);
    });
    this.dropEnded(now);
  }

  /** Windows that ended with nothing pending are forgotten (once a second), so idle clients cost no memory. */
  private dropEnded(now: number): void {
    if (now - this.droppedAt < 1_000) return;
    this.droppedAt = now;
    for (const [key, counter] of this.counters) if (counter.pending === 0 && now >= counter.endsAt) this.counters.delete(key);
  }
}
