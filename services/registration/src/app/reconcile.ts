import { SEAT_HOLDING } from '../domain/types';
import { fillFreeSeats } from './promotion';
import type { RegistrationDeps } from './registration-deps';

export interface ReconcileReport {
  readonly tracks: number;
  /** Tracks whose counter disagreed with the registrations and was rebuilt. */
  readonly repaired: number;
}

/**
 * Start-up repair: the registrations are the truth (`seatHeld`, status), the counters a fast
 * cache of them. A crash between a seat claim and the registration insert (or between a
 * withdrawal and the seat's release) leaves a counter off by one; recounting fixes it, then
 * free seats go to the waitlist. One scan of the registrations, only at start.
 * Caveat: with several instances running, claims in flight in another instance at that moment
 * would be miscounted; run it before the instance takes traffic (it does) and on MongoDB prefer
 * an aggregation per track.
 */
export async function reconcileCounters(deps: RegistrationDeps): Promise<ReconcileReport> {
  const seats = new Map<string, number>();
  const waiting = new Map<string, number>();
  const maxSeq = new Map<string, number>();
  const quotas = new Map<string, number>();
  for (const r of await deps.registrations.countingView()) {
    if (r.seatHeld && SEAT_HOLDING.includes(r.status)) {
      seats.set(r.trackId, (seats.get(r.trackId) ?? 0) + 1);
      for (const k of r.quotaKeys) quotas.set(k, (quotas.get(k) ?? 0) + 1);
    }
    if (r.status === 'waitlisted') waiting.set(r.trackId, (waiting.get(r.trackId) ?? 0) + 1);
    if (r.waitSeq !== undefined) maxSeq.set(r.trackId, Math.max(maxSeq.get(r.trackId) ?? 0, r.waitSeq));
  }
  let repaired = 0;
  const counters = await deps.seats.all();
  for (const counter of counters) {
    const confirmed = seats.get(counter._id) ?? 0;
    const waitlisted = waiting.get(counter._id) ?? 0;
    if (counter.confirmed === confirmed && counter.waitlisted === waitlisted && counter.free === counter.capacity - confirmed) continue;
    repaired += 1;
    deps.logger.warn({ trackId: counter._id, counted: counter.confirmed, actual: confirmed }, 'seat counter rebuilt from registrations');
    await deps.seats.overwrite(counter._id, confirmed, waitlisted, counter.waitFree + counter.waitlisted, maxSeq.get(counter._id) ?? 0);
  }
  for (const q of await deps.quotas.all()) {
    const confirmed = quotas.get(q._id) ?? 0;
    if (q.confirmed !== confirmed) await deps.quotas.overwrite(q._id, confirmed);
  }
  for (const counter of await deps.seats.all()) {
    if (counter.free <= 0 || counter.waitlisted <= 0) continue;
    const c = await deps.competitions.findById(counter.competitionId);
    const track = c?.tracks.find((t) => t.trackId === counter._id);
    if (track !== undefined) await fillFreeSeats(deps, track, 'reconciliation');
  }
  return { tracks: counters.length, repaired };
}
