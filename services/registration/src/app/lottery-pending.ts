import type { Competition } from '../domain/types';

/** Lottery tracks whose window has closed and whose draw is not recorded yet. */
export function lotteryPending(competitions: readonly Competition[], now: Date): { competitionId: string; trackId: string }[] {
  return competitions.flatMap((c) =>
    now < c.registrationClosesAt
      ? []
      : c.tracks.filter((t) => t.admission === 'lottery' && !c.draws.some((d) => d.trackId === t.trackId)).map((t) => ({ competitionId: c.competitionId, trackId: t.trackId })),
  );
}
