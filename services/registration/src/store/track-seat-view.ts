import type { RegistrationDoc } from './documents';
import { parseQuotaSeat, seatNumber } from './seat-keys';

/** The fields the seat view is computed from (what the store reads for it). */
export type SeatFields = Pick<RegistrationDoc, '_id' | 'trackId' | 'status' | 'seat' | 'queueSeat' | 'provinceSeat' | 'institutionSeat' | 'waitSeq'>;

export const SEAT_PROJECTION = { trackId: 1, status: 1, seat: 1, queueSeat: 1, provinceSeat: 1, institutionSeat: 1, waitSeq: 1 } as const;

/** Who holds which numbered places of one track, as stored. */
export interface TrackSeatView {
  readonly confirmed: ReadonlySet<number>;
  /** Highest queue number handed out (numbers are never reused). */
  readonly queueMax: number;
  readonly waitlisted: number;
  readonly quotas: ReadonlyMap<string, ReadonlySet<number>>;
}

export function trackSeatView(trackId: string, docs: readonly SeatFields[]): TrackSeatView {
  const confirmed = new Set<number>();
  const quotas = new Map<string, Set<number>>();
  let queueMax = 0;
  let waitlisted = 0;
  for (const d of docs) {
    const n = seatNumber(d.seat, trackId, 'confirmed');
    if (n !== undefined) confirmed.add(n);
    queueMax = Math.max(queueMax, seatNumber(d.queueSeat, trackId, 'queue') ?? 0, d.waitSeq ?? 0);
    if (d.status === 'waitlisted') waitlisted += 1;
    for (const q of [parseQuotaSeat(d.provinceSeat), parseQuotaSeat(d.institutionSeat)]) {
      if (q === undefined) continue;
      const used = quotas.get(q.key) ?? new Set<number>();
      used.add(q.n);
      quotas.set(q.key, used);
    }
  }
  return { confirmed, queueMax, waitlisted, quotas };
}

/** Numbers in 1..limit not in `used`, ascending. */
export function freeNumbers(used: ReadonlySet<number>, limit: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= limit; n += 1) if (!used.has(n)) out.push(n);
  return out;
}

/** Seats held and people waiting, as shown on a track. */
export function seatCounts(view: TrackSeatView): { confirmed: number; waitlisted: number } {
  return { confirmed: view.confirmed.size, waitlisted: view.waitlisted };
}
