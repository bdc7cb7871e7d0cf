import { registrationEventsV1 } from '@digicraft/contracts';
import { isTeamExpired } from '../domain/teams';
import { rejectedEvent, withdrawnEvent } from '../events/registration-events';
import type { Competition } from '../domain/types';
import { lotteryPending } from './lottery-pending';
import { runLotteryDraw } from './lottery-draw';
import { findTrack } from './register';
import type { RegistrationDeps } from './registration-deps';
import { fillAllFreeSeats } from './reconcile';
import { releasedFields } from './seat-claim';
import { afterRelease } from './withdraw';

/**
 * Deadlines nobody calls for: teams that did not complete in time give their seat back
 * (rejected), offers that were not accepted lapse (withdrawn), lottery tracks draw once their
 * window has closed; seats left free (a crash after a withdrawal, another instance's withdrawal)
 * go to the waitlist. Each step is a guarded transition, so two sweeps at once do no harm.
 */
export async function sweepDeadlines(deps: RegistrationDeps): Promise<void> {
  const now = deps.now();
  const competitions = new Map<string, Competition | undefined>();
  const competitionOf = async (id: string): Promise<Competition | undefined> => {
    if (!competitions.has(id)) competitions.set(id, await deps.competitions.findById(id));
    return competitions.get(id);
  };
  for (const reg of await deps.registrations.allWithStatus(['pending-team', 'offered'])) {
    const c = await competitionOf(reg.competitionId);
    if (c === undefined) continue;
    const teamLapsed = reg.status === 'pending-team' && reg.team !== undefined && isTeamExpired({ ...reg.team, leaderId: reg.contestantAccountId }, now);
    const offerLapsed = reg.status === 'offered' && reg.offerExpiresAt !== undefined && now >= reg.offerExpiresAt;
    if (!teamLapsed && !offerLapsed) continue;
    const version = reg.version + 1;
    const events = teamLapsed
      ? [rejectedEvent(reg, version, registrationEventsV1.RejectionReason.REJECTION_REASON_TEAM_INVALID)]
      : [withdrawnEvent(reg, version, registrationEventsV1.RegistrationStatus.REGISTRATION_STATUS_OFFERED, 'system')];
    const set = teamLapsed ? { status: 'rejected' as const, rejection: { reason: 'team-incomplete', details: [] } } : { status: 'withdrawn' as const };
    const done = await deps.registrations.transition(reg._id, reg.status, { ...set, ...releasedFields(reg) }, events);
    if (done === null) continue;
    deps.publish(events);
    await afterRelease(deps, findTrack(c, reg.trackId), reg);
  }
  await fillAllFreeSeats(deps, 'sweep');
  for (const { competitionId, trackId } of lotteryPending(await deps.competitions.allPublished(), now)) {
    await runLotteryDraw(deps, competitionId, trackId).catch((err: unknown) => deps.logger.warn({ err, competitionId, trackId }, 'lottery draw failed; retried next sweep'));
  }
}

/** Runs the sweep every `intervalMs` in the background; the timer does not keep the process alive. */
export function startDeadlineSweeper(deps: RegistrationDeps, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepDeadlines(deps)
      .catch((err: unknown) => deps.logger.warn({ err }, 'deadline sweep failed'))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
