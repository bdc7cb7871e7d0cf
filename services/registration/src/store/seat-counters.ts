import type { mongo } from 'mongoose';
import type { TrackCounterDoc } from './documents';
import { KeyedLock } from './keyed-lock';

const UNLIMITED_WAITLIST = 1_000_000_000;

export function waitPlaces(enabled: boolean, limit: number): number {
  if (!enabled) return 0;
  return limit === 0 ? UNLIMITED_WAITLIST : limit;
}

export interface WaitSlot {
  readonly waitSeq: number;
  /** 1-based position at the moment of the claim. */
  readonly position: number;
}

/**
 * Seat and waitlist counters, one small document per track. Every claim is ONE guarded
 * findOneAndUpdate (`free > 0` and the decrement in one atomic document update), so concurrent
 * claims can never take more seats than the capacity.
 */
export class SeatCounters {
  private readonly lock = new KeyedLock();
  /** Tracks seen full: a claim is not even tried for a moment (a failed claim still costs a write slot). */
  private readonly fullUntil = new Map<string, number>();

  constructor(
    private readonly counters: mongo.Collection<TrackCounterDoc>,
    private readonly fullCacheMs = 200,
  ) {}

  /** Creates missing counters at publish; existing ones are left alone. */
  async ensure(trackId: string, competitionId: string, capacity: number, waitFree: number): Promise<void> {
    await this.counters.updateOne(
      { _id: trackId },
      { $setOnInsert: { competitionId, capacity, confirmed: 0, free: capacity, waitlisted: 0, waitFree, waitSeq: 0 } },
      { upsert: true },
    );
  }

  async get(trackId: string): Promise<TrackCounterDoc | null> {
    return this.counters.findOne({ _id: trackId });
  }

  async claimSeat(trackId: string): Promise<boolean> {
    if ((this.fullUntil.get(trackId) ?? 0) > Date.now()) return false;
    const doc = await this.lock.run(trackId, () => this.counters.findOneAndUpdate({ _id: trackId, free: { $gt: 0 } }, { $inc: { free: -1, confirmed: 1 } }));
    if (doc === null) this.fullUntil.set(trackId, Date.now() + this.fullCacheMs);
    return doc !== null;
  }

  async releaseSeat(trackId: string): Promise<void> {
    this.fullUntil.delete(trackId);
    await this.lock.run(trackId, () => this.counters.updateOne({ _id: trackId }, { $inc: { free: 1, confirmed: -1 } }));
  }

  /** Claims a waitlist place and the next sequence number, or undefined when the waitlist is full or off. */
  async claimWaitSlot(trackId: string): Promise<WaitSlot | undefined> {
    const doc = await this.lock.run(trackId, () =>
      this.counters.findOneAndUpdate({ _id: trackId, waitFree: { $gt: 0 } }, { $inc: { waitFree: -1, waitlisted: 1, waitSeq: 1 } }, { returnDocument: 'after' }),
    );
    return doc === null ? undefined : { waitSeq: doc.waitSeq, position: doc.waitlisted };
  }

  async leaveWaitlist(trackId: string): Promise<void> {
    await this.lock.run(trackId, () => this.counters.updateOne({ _id: trackId }, { $inc: { waitFree: 1, waitlisted: -1 } }));
  }

  /** Moves the capacity only if no concurrent claim made it fall below the seats taken. */
  async setCapacity(trackId: string, newCapacity: number): Promise<'ok' | 'below-confirmed' | 'missing'> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const current = await this.get(trackId);
      if (current === null) return 'missing';
      if (current.confirmed > newCapacity) return 'below-confirmed';
      const moved = await this.lock.run(trackId, () =>
        this.counters.findOneAndUpdate({ _id: trackId, capacity: current.capacity, confirmed: { $lte: newCapacity } }, { $set: { capacity: newCapacity }, $inc: { free: newCapacity - current.capacity } }),
      );
      this.fullUntil.delete(trackId);
      if (moved !== null) return 'ok';
    }
    return 'below-confirmed';
  }

  /** Reconciliation: counters rebuilt from the registrations (the source of truth). */
  async overwrite(trackId: string, confirmed: number, waitlisted: number, waitlistPlaces: number, maxSeq: number): Promise<void> {
    const current = await this.get(trackId);
    if (current === null) return;
    await this.counters.updateOne(
      { _id: trackId },
      {
        $set: { confirmed, free: current.capacity - confirmed, waitlisted, waitFree: Math.max(0, waitlistPlaces - waitlisted) },
        $max: { waitSeq: maxSeq },
      },
    );
  }

  async all(): Promise<TrackCounterDoc[]> {
    return this.counters.find({}).toArray();
  }
}
