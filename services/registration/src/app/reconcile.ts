import { SEAT_HOLDING } from '../domain/types';
import type { SeatFields } from '../store/track-seat-view';
import { fillFreeSeats } from './promotion';
import type { RegistrationDeps } from './registration-deps';

export interface ReconcileReport {
  readonly tracks: number;
  /** Registrations promoted into seats that were left free. */
  readonly promoted: number;
}

/**
 * Repair at start and in the periodic sweep. There are no counters to rebuild: the numbered
 * seats of the registrations ARE the state, and every change is one single-document write. What
 * a crash (or another instance) can leave behind is a free seat while people wait (a withdrawal
 * whose promotion did not run): those seats go to the waitlist. One scan of the seat fields.
 */
export async function fillAllFreeSeats(deps: RegistrationDeps, freedBy = 'reconciliation'): Promise<ReconcileReport> {
  const byTrack = new Map<string, { competitionId?: string; held: number; waiting: number }>();
  for (const r of await deps.registrations.allSeatFields()) {
    const t = byTrack.get(r.trackId) ?? { held: 0, waiting: 0 };
    if (holds(r)) t.held += 1;
    if (r.status === 'waitlisted') t.waiting += 1;
    byTrack.set(r.trackId, t);
  }
  const waitingTracks = [...byTrack].filter(([, t]) => t.waiting > 0).map(([id]) => id);
  let promoted = 0;
  if (waitingTracks.length === 0) return { tracks: byTrack.size, promoted };
  for (const c of await deps.competitions.allPublished()) {
    for (const track of c.tracks) {
      const t = byTrack.get(track.trackId);
      if (t === undefined || t.waiting === 0 || t.held >= track.capacity) continue;
      promoted += (await fillFreeSeats(deps, track, freedBy)).length;
    }
  }
  return { tracks: byTrack.size, promoted };
}

function holds(r: SeatFields): boolean {
  return SEAT_HOLDING.includes(r.status) && r.seat.includes(':confirmed:');
}
