import { NumberPool } from './number-pool';
import type { TrackSeatView } from './track-seat-view';

export interface QuotaLimit {
  readonly key: string;
  readonly max: number;
}

/** Numbers chosen for one attempt: a seat and a place in each quota the applicant counts against. */
export interface SeatPick {
  readonly seat: number;
  readonly quotas: readonly { readonly key: string; readonly n: number }[];
}

/** A queue number and the position it had when handed out (1-based). */
export interface QueuePick {
  readonly n: number;
  readonly position: number;
}

/** What became of an attempt: written, not written for another reason, or rejected by a unique index. */
export type Settlement = 'used' | 'unused' | 'collided';

class TrackHint {
  constructor(
    readonly seats: NumberPool,
    readonly quotas: Map<string, NumberPool>,
    public queueNext: number,
    public waiting: number,
    readonly loadedAt: number,
  ) {}
  readonly inflightSeats = new Set<number>();
  readonly inflightQuotas = new Map<string, Set<number>>();
  readonly inflightQueue = new Set<number>();
  /** Callers waiting for an in-flight seat to settle (it may come back free). */
  settleWaiters: (() => void)[] = [];

  quota(key: string): NumberPool {
    let pool = this.quotas.get(key);
    if (pool === undefined) {
      pool = new NumberPool();
      this.quotas.set(key, pool);
    }
    return pool;
  }
}

/**
 * Per-track hints of which seat, quota and queue numbers to try next, so the registration
 * insert (the claim) rarely collides. Loaded from the store at first use and again after a
 * collision, a promotion or a withdrawal, or when the track looks full and the hint is older than
 * `recheckMs` (another instance may have freed a seat). Wrong hints cost a retry, never a seat.
 */
export class SeatHints {
  private readonly tracks = new Map<string, TrackHint>();
  private readonly loading = new Map<string, Promise<TrackHint>>();
  /** Bumped by markStale; a load that started before the bump does not count as fresh. */
  private readonly generation = new Map<string, number>();
  private readonly fresh = new Map<string, number>();
  private readonly views = new Map<string, { at: number; view: TrackSeatView }>();

  constructor(
    private readonly loadView: (trackId: string) => Promise<TrackSeatView>,
    private readonly recheckMs = 2_000,
    private readonly clock: () => number = Date.now,
  ) {}

  markStale(trackId: string): void {
    this.generation.set(trackId, (this.generation.get(trackId) ?? 0) + 1);
  }

  /** The stored view, at most `maxAgeMs` old (counts shown to users). */
  async view(trackId: string, maxAgeMs = 1_000): Promise<TrackSeatView> {
    const hit = this.views.get(trackId);
    if (hit !== undefined && this.clock() - hit.at <= maxAgeMs) return hit.view;
    await this.reload(trackId);
    return (this.views.get(trackId) as { view: TrackSeatView }).view;
  }

  /**
   * A seat with its quota places, `'full'` when capacity or a quota is exhausted, or
   * `'queue-first'` when people are waiting: a newcomer must not pass them (promotion does).
   */
  async pickSeat(trackId: string, capacity: number, quotas: readonly QuotaLimit[], jumpQueue = false): Promise<SeatPick | 'full' | 'queue-first'> {
    let rechecked = false;
    for (let round = 0; round < 100; round += 1) {
      const h = await this.hint(trackId);
      if (!jumpQueue && (h.waiting > 0 || h.inflightQueue.size > 0)) return 'queue-first';
      const pick = this.tryPick(h, capacity, quotas);
      if (pick !== undefined) return pick;
      // Seats claimed by requests still in flight may come back (a duplicate request gives its
      // seat back): wait for one to settle rather than queue someone while a seat is free.
      if (h.inflightSeats.size > 0) {
        await new Promise<void>((resolve) => h.settleWaiters.push(resolve));
        continue;
      }
      if (rechecked || this.clock() - h.loadedAt <= this.recheckMs) return 'full';
      if (!jumpQueue) {
        // A newcomer does not wait for the recheck (a scan of the track, which stalled every
        // request in flight when a burst filled the track): it queues, and should the recheck
        // find a seat freed elsewhere, promotion (here after its insert, or the sweeper) hands
        // it to the head of the waitlist, which is the fair order anyway.
        void this.reload(trackId).catch(() => undefined);
        return 'full';
      }
      rechecked = true;
      await this.reload(trackId);
    }
    return 'full';
  }

  /** True if this process believes a seat below `capacity` is free (then the waitlist should move). */
  async seemsFree(trackId: string, capacity: number): Promise<boolean> {
    return (await this.hint(trackId)).seats.hasFree(capacity);
  }

  seatSettled(trackId: string, pick: SeatPick, outcome: Settlement): void {
    const h = this.tracks.get(trackId);
    if (h === undefined) return;
    h.inflightSeats.delete(pick.seat);
    for (const q of pick.quotas) h.inflightQuotas.get(q.key)?.delete(q.n);
    if (outcome === 'unused') {
      h.seats.giveBack(pick.seat);
      for (const q of pick.quotas) h.quota(q.key).giveBack(q.n);
    }
    if (outcome === 'collided') this.markStale(trackId);
    const waiters = h.settleWaiters;
    h.settleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Next queue number, or undefined when the waitlist (limit > 0) is full as far as known. */
  async pickQueue(trackId: string, limit: number): Promise<QueuePick | undefined> {
    const h = await this.hint(trackId);
    const ahead = h.waiting + h.inflightQueue.size;
    if (limit > 0 && ahead >= limit) return undefined;
    const n = h.queueNext;
    h.queueNext += 1;
    h.inflightQueue.add(n);
    return { n, position: ahead + 1 };
  }

  /** A queue number is never given back: a later request must not get a place ahead of earlier ones. */
  queueSettled(trackId: string, pick: QueuePick, outcome: Settlement): void {
    const h = this.tracks.get(trackId);
    if (h === undefined) return;
    h.inflightQueue.delete(pick.n);
    if (outcome === 'used') h.waiting += 1;
    if (outcome === 'collided') this.markStale(trackId);
  }

  private tryPick(h: TrackHint, capacity: number, quotas: readonly QuotaLimit[]): SeatPick | undefined {
    const taken: { key: string; n: number }[] = [];
    for (const q of quotas) {
      const n = h.quota(q.key).take(q.max);
      if (n === undefined) {
        for (const t of taken) h.quota(t.key).giveBack(t.n);
        return undefined;
      }
      taken.push({ key: q.key, n });
    }
    const seat = h.seats.take(capacity);
    if (seat === undefined) {
      for (const t of taken) h.quota(t.key).giveBack(t.n);
      return undefined;
    }
    h.inflightSeats.add(seat);
    for (const t of taken) {
      const set = h.inflightQuotas.get(t.key) ?? new Set<number>();
      set.add(t.n);
      h.inflightQuotas.set(t.key, set);
    }
    return { seat, quotas: taken };
  }

  private async hint(trackId: string): Promise<TrackHint> {
    const h = this.tracks.get(trackId);
    if (h !== undefined && this.fresh.get(trackId) === (this.generation.get(trackId) ?? 0)) return h;
    return this.reload(trackId);
  }

  /** One load at a time per track; callers arriving meanwhile share it. */
  private async reload(trackId: string): Promise<TrackHint> {
    const running = this.loading.get(trackId);
    if (running !== undefined) return running;
    const gen = this.generation.get(trackId) ?? 0;
    const load = this.loadView(trackId)
      .then((view) => {
        const h = this.merge(trackId, view);
        this.tracks.set(trackId, h);
        this.fresh.set(trackId, gen);
        this.views.set(trackId, { at: this.clock(), view });
        return h;
      })
      .finally(() => this.loading.delete(trackId));
    this.loading.set(trackId, load);
    return load;
  }

  /** The stored view plus what this process has in flight; queue numbers never go backwards. */
  private merge(trackId: string, view: TrackSeatView): TrackHint {
    const old = this.tracks.get(trackId);
    const inflightSeats = old?.inflightSeats ?? new Set<number>();
    const quotas = new Map<string, NumberPool>();
    const keys = new Set([...view.quotas.keys(), ...(old?.inflightQuotas.keys() ?? [])]);
    for (const key of keys) quotas.set(key, new NumberPool([...(view.quotas.get(key) ?? []), ...(old?.inflightQuotas.get(key) ?? [])]));
    const queueNext = Math.max(view.queueMax + 1, old?.queueNext ?? 1);
    const h = new TrackHint(new NumberPool([...view.confirmed, ...inflightSeats]), quotas, queueNext, view.waitlisted, this.clock());
    for (const n of inflightSeats) h.inflightSeats.add(n);
    for (const [k, s] of old?.inflightQuotas ?? []) h.inflightQuotas.set(k, new Set(s));
    for (const n of old?.inflightQueue ?? []) h.inflightQueue.add(n);
    h.settleWaiters = old?.settleWaiters ?? [];
    return h;
  }
}
