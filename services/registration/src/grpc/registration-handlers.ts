import type { registrationV1 } from '@digicraft/contracts';
import { NotFoundError } from '@digicraft/errors';
import type { CallContext } from '@digicraft/grpc';
import { acceptOffer, acceptTeamInvitation, decideReview } from '../app/decisions';
import { register } from '../app/register';
import type { RegistrationDeps } from '../app/registration-deps';
import { withdraw } from '../app/withdraw';
import { fromProtoRegistrationStatus } from '../contract-enums';
import { ForbiddenActionError } from '../domain/errors';
import { waitlistPosition } from '../domain/waitlist';
import type { RegistrationStatus } from '../domain/types';
import type { RegistrationDoc } from '../store/documents';
import { requireCaller, type Caller } from './caller';
import { pageOf, pageSizeOf } from './paging';
import { applicantOf, registrationMessage } from './registration-mapper';
import { reviewReasonOf } from './review-reason';
import { rosterCsv } from './roster-csv';

export function registrationHandlers(deps: RegistrationDeps) {
  /** Position among those still waiting (a scan of the track's waitlist: reads only, off the burst). */
  const positionOf = async (r: RegistrationDoc): Promise<number> => {
    if (r.status !== 'waitlisted' || r.waitSeq === undefined) return 0;
    const others = await deps.registrations.byStatus(r.trackId, 'waitlisted');
    return waitlistPosition(r.waitSeq, others.map((o) => o.waitSeq ?? 0));
  };
  const ownView = async (r: RegistrationDoc) => registrationMessage(r, await positionOf(r), deps.cipher.decrypt(r.applicant.fullNameSealed));
  const rosterAccess = async (caller: Caller, competitionId: string, trackId: string) => {
    const c = await deps.competitions.findById(competitionId);
    if (c === undefined || !c.tracks.some((t) => t.trackId === trackId)) throw new NotFoundError('Track', trackId);
    if (!caller.isOrganizerOf(c.organizerId)) throw new ForbiddenActionError('Only the competition’s organizer sees its roster');
  };
  const statusesOf = (s: readonly number[]) => s.map(fromProtoRegistrationStatus).filter((x): x is RegistrationStatus => x !== undefined);

  return {
    async register(req: registrationV1.RegisterRequest, ctx: CallContext): Promise<registrationV1.RegisterResponse> {
      const caller = requireCaller(ctx, 'contestant');
      const team = req.team && { name: req.team.name, members: req.team.memberAccountIds };
      const applicant = applicantOf(req.applicant);
      const out = await register(deps, { accountId: caller.id, competitionId: req.competitionId, trackId: req.trackId, applicant, team, cause: { correlationId: ctx.correlationId } });
      // The position as of acceptance comes from the counter claim: no waitlist scan on the hot path.
      return { registration: registrationMessage(out.registration, out.waitlistPosition, applicant.fullName) };
    },
    async getRegistration(req: registrationV1.GetRegistrationRequest, ctx: CallContext): Promise<registrationV1.GetRegistrationResponse> {
      const caller = requireCaller(ctx);
      const r = await deps.registrations.findById(req.registrationId);
      if (r === null) throw new NotFoundError('Registration', req.registrationId);
      const own = r.contestantAccountId === caller.id || (r.team?.members.includes(caller.id) ?? false);
      if (own) return { registration: await ownView(r) };
      const c = await deps.competitions.findById(r.competitionId);
      // Someone else's registration is not found, unless you organize its competition.
      if (c === undefined || !caller.isOrganizerOf(c.organizerId)) throw new NotFoundError('Registration', req.registrationId);
      return { registration: registrationMessage(r, await positionOf(r)) };
    },
    async listMyRegistrations(req: registrationV1.ListMyRegistrationsRequest, ctx: CallContext): Promise<registrationV1.ListMyRegistrationsResponse> {
      const caller = requireCaller(ctx);
      const limit = pageSizeOf(req.page);
      const rows = await deps.registrations.ofContestant(caller.id, req.page?.cursor || undefined, limit + 1);
      const { items, nextCursor } = pageOf(rows, limit);
      return { registrations: await Promise.all(items.map(ownView)), page: { nextCursor } };
    },
    async withdraw(req: registrationV1.WithdrawRequest, ctx: CallContext): Promise<registrationV1.WithdrawResponse> {
      const caller = requireCaller(ctx);
      return { registration: registrationMessage(await withdraw(deps, req.registrationId, caller, { correlationId: ctx.correlationId })) };
    },
    async listRoster(req: registrationV1.ListRosterRequest, ctx: CallContext): Promise<registrationV1.ListRosterResponse> {
      const caller = requireCaller(ctx, 'organizer');
      await rosterAccess(caller, req.competitionId, req.trackId);
      const limit = pageSizeOf(req.page);
      const rows = await deps.registrations.roster({
        trackId: req.trackId,
        statuses: statusesOf(req.statuses),
        province: req.province || undefined,
        institution: req.institution || undefined,
        after: req.page?.cursor || undefined,
        limit: limit + 1,
      });
      const { items, nextCursor } = pageOf(rows, limit);
      return { registrations: items.map((r) => registrationMessage(r)), page: { nextCursor } };
    },
    async exportRosterCsv(req: registrationV1.ExportRosterCsvRequest, ctx: CallContext): Promise<registrationV1.ExportRosterCsvResponse> {
      const caller = requireCaller(ctx, 'organizer');
      await rosterAccess(caller, req.competitionId, req.trackId);
      const rows = await deps.registrations.roster({
        trackId: req.trackId,
        statuses: statusesOf(req.statuses),
        province: req.province || undefined,
        institution: req.institution || undefined,
        limit: 100_000,
      });
      return { csv: rosterCsv(rows), rows: rows.length };
    },
    async acceptTeamInvitation(req: registrationV1.AcceptTeamInvitationRequest, ctx: CallContext): Promise<registrationV1.AcceptTeamInvitationResponse> {
      const caller = requireCaller(ctx, 'contestant');
      return { registration: registrationMessage(await acceptTeamInvitation(deps, req.registrationId, caller.id, applicantOf(req.applicant))) };
    },
    async acceptOffer(req: registrationV1.AcceptOfferRequest, ctx: CallContext): Promise<registrationV1.AcceptOfferResponse> {
      const caller = requireCaller(ctx, 'contestant');
      return { registration: await ownView(await acceptOffer(deps, req.registrationId, caller.id)) };
    },
    async decideReview(req: registrationV1.DecideReviewRequest, ctx: CallContext): Promise<registrationV1.DecideReviewResponse> {
      const caller = requireCaller(ctx, 'organizer');
      const reason = req.approve ? '' : reviewReasonOf(req.reason);
      return { registration: registrationMessage(await decideReview(deps, caller, req.registrationId, req.approve, reason)) };
    },
  };
}
