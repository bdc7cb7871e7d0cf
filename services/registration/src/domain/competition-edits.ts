import type { FieldViolation } from '@digicraft/errors';
import type { CompetitionDetails, Track } from './types';

/** Seats taken per track right now (confirmed plus held), as the store counts them. */
export type ConfirmedCounts = ReadonlyMap<string, number>;

const FROZEN_TRACK_FIELDS = ['format', 'admission', 'occupationCode', 'minTeamSize', 'maxTeamSize'] as const;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Edits after publishing: tracks cannot be removed nor their nature changed (people registered
 * under those rules); eligibility can only be relaxed by the organizer's judgement, so it stays
 * editable; capacity may grow and may shrink, but never below the seats already taken; the
 * registration window may move, but an opened window cannot be moved to open later.
 */
export function publishedEditViolations(before: CompetitionDetails, after: CompetitionDetails, taken: ConfirmedCounts, now: Date): FieldViolation[] {
  const out: FieldViolation[] = [];
  const afterById = new Map(after.tracks.map((t, i) => [t.trackId, { t, i }]));
  before.tracks.forEach((old: Track, i) => {
    const next = afterById.get(old.trackId);
    if (next === undefined) {
      out.push({ field: `tracks[${i}]`, message: 'a published track cannot be removed' });
      return;
    }
    for (const field of FROZEN_TRACK_FIELDS) {
      if (!sameJson(old[field], next.t[field])) out.push({ field: `tracks[${next.i}].${field}`, message: 'cannot change after publishing' });
    }
    const seats = taken.get(old.trackId) ?? 0;
    if (next.t.capacity < seats) {
      out.push({ field: `tracks[${next.i}].capacity`, message: `cannot be below the ${seats} seats already confirmed` });
    }
  });
  if (before.registrationOpensAt <= now && after.registrationOpensAt > before.registrationOpensAt) {
    out.push({ field: 'registrationOpensAt', message: 'an open registration window cannot be moved later' });
  }
  return out;
}
