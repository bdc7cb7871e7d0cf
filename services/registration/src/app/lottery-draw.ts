import { NotFoundError } from '@digicraft/errors';
import { registrationEventsV1 } from '@digicraft/contracts';
import { InvalidTransitionError } from '../domain/errors';
import { assertNotArchived } from '../domain/competition-lifecycle';
import { drawOrder, LOTTERY_ALGORITHM, lotterySeed, splitDraw } from '../domain/lottery';
import type { Competition, LotteryDrawRecord, Track } from '../domain/types';
import { confirmedEvent, rejectedEvent, waitlistedEvent } from '../events/registration-events';
import { VersionConflictError } from '../domain/errors';
import type { OutboxEntry } from '@digicraft/messaging';
import { quotasFor } from '../domain/quotas';
import { assertOwner, type OrganizerCaller } from './competitions';
import { seatFields, updateIntoQueue, updateIntoSeat } from './seat-claim';
import { findTrack } from './register';
import type { RegistrationDeps } from './registration-deps';

/**
 * The draw at the window's close. The record (seed, algorithm, entrants, order) is saved on the
 * competition FIRST, so a crash half-way re-applies the same order instead of drawing again;
 * applying it is idempotent because each registration moves only from pending-draw.
 */
export async function runLotteryDraw(deps: RegistrationDeps, competitionId: string, trackId: string, caller?: OrganizerCaller): Promise<LotteryDrawRecord> {
  const c = await deps.competitions.findById(competitionId);
  if (c === undefined) throw new NotFoundError('Competition', competitionId);
  if (caller !== undefined) assertOwner(c, caller);
  const track = findTrack(c, trackId);
  if (track.admission !== 'lottery') throw new InvalidTransitionError('This track does not admit by lottery');
  if (deps.now() < c.registrationClosesAt) throw new InvalidTransitionError('The draw runs when the registration window closes');
  const drawn = c.draws.find((d) => d.trackId === trackId);
  // A recorded draw stays re-runnable; an archived competition never gets a new one.
  if (drawn === undefined) assertNotArchived(c, 'drawing the lottery');
  const record = drawn ?? (await recordDraw(deps, c, track));
  await applyDraw(deps, track, record);
  return record;
}

async function recordDraw(deps: RegistrationDeps, c: Competition, track: Track): Promise<LotteryDrawRecord> {
  const entrants = (await deps.registrations.byStatus(track.trackId, 'pending-draw')).map((r) => r._id).sort();
  const seed = lotterySeed(c.competitionId, track.trackId, c.registrationClosesAt, String(entrants.length));
  const record: LotteryDrawRecord = { trackId: track.trackId, seed, algorithm: LOTTERY_ALGORITHM, drawnAt: deps.now(), entrants, drawn: drawOrder(seed, entrants) };
  const saved = await deps.competitions.replace({ ...c, draws: [...c.draws, record], version: c.version + 1 }, c.version, []);
  if (saved === undefined) throw new VersionConflictError();
  return record;
}

/** Seats in drawn order (quota places permitting), then queue numbers in drawn order, then rejections. */
async function applyDraw(deps: RegistrationDeps, track: Track, record: LotteryDrawRecord): Promise<void> {
  const outcome = splitDraw(record.drawn, track.capacity, track.waitlistEnabled, track.waitlistLimit);
  const overflow: string[] = [];
  for (const id of outcome.confirmed) {
    const reg = await deps.registrations.findById(id);
    if (reg?.status !== 'pending-draw') continue;
    const events = [confirmedEvent(reg, reg.version + 1, false)];
    const quotaKeys = quotasFor(track.trackId, track.quotas, reg.applicant);
    const done = await updateIntoSeat(deps, track, quotaKeys, (p) => deps.registrations.transition(id, 'pending-draw', { status: 'confirmed', ...seatFields(track.trackId, id, p, undefined) }, events));
    if (done === 'full') overflow.push(id);
    else if (done !== null) deps.publish(events);
  }
  // Drawn for a seat but stopped by a quota: first in the queue, still in drawn order.
  for (const id of [...overflow, ...outcome.waitlisted]) {
    const reg = await deps.registrations.findById(id);
    if (reg?.status !== 'pending-draw') continue;
    let events: OutboxEntry[] = [];
    const done = await updateIntoQueue(deps, track, (q) => {
      events = [waitlistedEvent(reg, reg.version + 1, q.position)];
      return deps.registrations.transition(id, 'pending-draw', { status: 'waitlisted', ...seatFields(track.trackId, id, undefined, q) }, events);
    });
    if (done === undefined) break;
    if (done !== null) deps.publish(events);
  }
  // Everyone still pending (not drawn into a place) is rejected.
  for (const reg of await deps.registrations.byStatus(track.trackId, 'pending-draw')) {
    const events = [rejectedEvent(reg, reg.version + 1, registrationEventsV1.RejectionReason.REJECTION_REASON_LOTTERY_NOT_DRAWN)];
    if ((await deps.registrations.transition(reg._id, 'pending-draw', { status: 'rejected', rejection: { reason: 'lottery-not-drawn', details: [] } }, events)) !== null) deps.publish(events);
  }
}
