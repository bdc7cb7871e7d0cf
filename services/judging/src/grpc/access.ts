import type { CallContext } from '@digicraft/grpc';
import { DigiCraftError, NotFoundError } from '@digicraft/errors';
import { JudgingForbiddenError } from '../domain/errors';
import type { CompetitionDoc, PanelDoc } from '../store/documents';
import type { JudgingDeps } from './judging-deps';

export interface KnownActor {
  readonly id: string;
  readonly roles: readonly string[];
}

export function requireActor(ctx: CallContext): KnownActor {
  if (ctx.actor === undefined) throw new DigiCraftError('DC_ERR_UNAUTHENTICATED', 'unauthenticated', 'A signed-in caller is required');
  return ctx.actor;
}

export function hasRole(actor: KnownActor, role: string): boolean {
  return actor.roles.includes(role);
}

/**
 * The organizer who published the competition (learned from competition.published) owns its
 * tracks; admins act for anyone. The track must belong to the competition.
 */
export async function requireOrganizerOf(deps: JudgingDeps, actor: KnownActor, competitionId: string, trackId: string): Promise<CompetitionDoc> {
  const competition = await deps.tracks.competition(competitionId);
  if (competition === null || !competition.trackIds.includes(trackId)) throw new NotFoundError('Published competition track', `${competitionId}/${trackId}`);
  if (!hasRole(actor, 'admin') && !(hasRole(actor, 'organizer') && competition.organizerId === actor.id)) {
    throw new JudgingForbiddenError('Only the organizer of this competition may do this');
  }
  return competition;
}

export function isChiefOf(panel: PanelDoc | null, actor: KnownActor): boolean {
  return hasRole(actor, 'judge') && panel?.judges.some((j) => j.id === actor.id && j.chief) === true;
}

/** Chief judges of the track's panel, the competition's organizer and admins see track-wide judging data. */
export async function requireChiefOrOrganizer(deps: JudgingDeps, actor: KnownActor, competitionId: string, trackId: string): Promise<void> {
  const panel = await deps.tracks.panel(trackId);
  if (isChiefOf(panel, actor) && panel?.competitionId === competitionId) return;
  await requireOrganizerOf(deps, actor, competitionId, trackId);
}
