import type { registrationV1 } from '@digicraft/contracts';
import { readIdempotencyKey, type CallContext } from '@digicraft/grpc';
import { archiveCompetition, createCompetition, getCompetition, listCompetitions, publishCompetition, updateCompetition } from '../app/competitions';
import { runLotteryDraw } from '../app/lottery-draw';
import type { RegistrationDeps } from '../app/registration-deps';
import { fromProtoCompetitionStatus } from '../contract-enums';
import type { Competition, CompetitionStatus } from '../domain/types';
import { callerOf, requireCaller } from './caller';
import { competitionMessage, detailsOf } from './competition-mapper';
import { pageSizeOf } from './paging';
import { seatCounts } from '../store/track-seat-view';

export function competitionHandlers(deps: RegistrationDeps) {
  const message = async (c: Competition): Promise<registrationV1.Competition> => {
    const counts = c.status === 'draft' ? [] : await Promise.all(c.tracks.map(async (t) => ({ trackId: t.trackId, ...seatCounts(await deps.seats.view(t.trackId)) })));
    return competitionMessage(c, deps.now(), counts);
  };
  return {
    async createCompetition(req: registrationV1.CreateCompetitionRequest, ctx: CallContext): Promise<registrationV1.CreateCompetitionResponse> {
      const caller = requireCaller(ctx, 'organizer');
      return { competition: await message(await createCompetition(deps, caller, detailsOf(req.spec), readIdempotencyKey(ctx.metadata))) };
    },
    async updateCompetition(req: registrationV1.UpdateCompetitionRequest, ctx: CallContext): Promise<registrationV1.UpdateCompetitionResponse> {
      const caller = requireCaller(ctx, 'organizer');
      return { competition: await message(await updateCompetition(deps, caller, req.competitionId, detailsOf(req.spec), Number(req.expectedVersion))) };
    },
    async publishCompetition(req: registrationV1.PublishCompetitionRequest, ctx: CallContext): Promise<registrationV1.PublishCompetitionResponse> {
      const caller = requireCaller(ctx, 'organizer');
      return { competition: await message(await publishCompetition(deps, caller, req.competitionId, Number(req.expectedVersion), ctx.correlationId)) };
    },
    async archiveCompetition(req: registrationV1.ArchiveCompetitionRequest, ctx: CallContext): Promise<registrationV1.ArchiveCompetitionResponse> {
      const caller = requireCaller(ctx, 'organizer');
      return { competition: await message(await archiveCompetition(deps, caller, req.competitionId, Number(req.expectedVersion), ctx.correlationId)) };
    },
    async getCompetition(req: registrationV1.GetCompetitionRequest, ctx: CallContext): Promise<registrationV1.GetCompetitionResponse> {
      return { competition: await message(await getCompetition(deps, req.competitionId, callerOf(ctx))) };
    },
    async listCompetitions(req: registrationV1.ListCompetitionsRequest, ctx: CallContext): Promise<registrationV1.ListCompetitionsResponse> {
      const statuses = req.statuses.map(fromProtoCompetitionStatus).filter((s): s is CompetitionStatus => s !== undefined);
      const limit = pageSizeOf(req.page);
      const cursor = req.page?.cursor ? req.page.cursor : undefined;
      const found = await listCompetitions(deps, statuses, callerOf(ctx), cursor, limit + 1);
      const now = deps.now();
      const page = found.slice(0, limit).filter((c) => !req.openForRegistration || (now >= c.registrationOpensAt && now < c.registrationClosesAt)).filter((c) => req.occupation === '' || c.occupation === req.occupation);
      const last = found.length > limit ? found[limit - 1] : undefined;
      return { competitions: await Promise.all(page.map(message)), page: { nextCursor: last?.competitionId ?? '' } };
    },
    async runLotteryDraw(req: registrationV1.RunLotteryDrawRequest, ctx: CallContext): Promise<registrationV1.RunLotteryDrawResponse> {
      const caller = requireCaller(ctx, 'organizer');
      const d = await runLotteryDraw(deps, req.competitionId, req.trackId, caller);
      return { draw: { seed: d.seed, algorithm: d.algorithm, drawnAt: d.drawnAt, entrantRegistrationIds: [...d.entrants], drawnRegistrationIds: [...d.drawn] } };
    },
  };
}
