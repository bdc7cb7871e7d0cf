import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '@digicraft/errors';
import { call } from '@digicraft/grpc';
import { onBehalfOf, protoActor } from '../../grpc/actor';
import type { DownstreamClients } from '../../grpc/downstream-clients';
import { withProblems } from '../schemas';
import { applicantMessage, idParam, lotteryDrawAnswer, lotteryDrawJson, registrationAnswer, registrationJson, reviewDecisionBody, teamAcceptanceBody } from './registration-api-shapes';

const contestant = { auth: 'required', roles: ['contestant'] } as const;
const organizer = { auth: 'required', roles: ['organizer', 'admin'] } as const;
const registrationParams = { type: 'object', required: ['id'], properties: { id: idParam } } as const;
const trackParams = { type: 'object', required: ['id', 'trackId'], properties: { id: idParam, trackId: idParam } } as const;

interface ReviewBody {
  decision: 'approve' | 'reject';
  reason?: string;
}

/**
 * The decisions that move a registration on after it was made: a team member accepts the
 * invitation, a contestant accepts a waitlist offer, an organizer decides a review, and the lottery
 * draw. Role checks are here; who owns what (the invited member, the offered contestant, the
 * competition's organizer) is decided by the registration service, which holds the facts.
 */
export function registerRegistrationDecisionRoutes(app: FastifyInstance, downstream: DownstreamClients): void {
  const rpc = downstream.registration;
  app.post<{ Params: { id: string }; Body: { applicant: Record<string, unknown> } }>(
    '/v1/registrations/:id/team/accept',
    {
      config: { access: contestant },
      schema: {
        tags: ['registrations'],
        summary: 'An invited member accepts their team invitation with their own details; the last acceptance confirms the team',
        security: [{ bearerAuth: [] }],
        params: registrationParams,
        body: teamAcceptanceBody,
        response: withProblems({ 200: registrationAnswer }),
      },
    },
    async (request) => {
      const res = await call(rpc, 'acceptTeamInvitation', { actor: protoActor(request.actor), registrationId: request.params.id, applicant: applicantMessage(request.body.applicant) }, onBehalfOf(request));
      return registrationJson(res.registration);
    },
  );
  app.post<{ Params: { id: string } }>(
    '/v1/registrations/:id/offer/accept',
    {
      config: { access: contestant },
      schema: {
        tags: ['registrations'],
        summary: 'The offered contestant accepts a seat freed on the waitlist, before the offer expires',
        security: [{ bearerAuth: [] }],
        params: registrationParams,
        response: withProblems({ 200: registrationAnswer }),
      },
    },
    async (request) => {
      const res = await call(rpc, 'acceptOffer', { actor: protoActor(request.actor), registrationId: request.params.id }, onBehalfOf(request));
      return registrationJson(res.registration);
    },
  );
  app.post<{ Params: { id: string }; Body: ReviewBody }>(
    '/v1/registrations/:id/review',
    {
      config: { access: organizer },
      schema: {
        tags: ['registrations'],
        summary: 'The competition’s organizer approves (a seat, else a waitlist place) or rejects a registration waiting for review',
        security: [{ bearerAuth: [] }],
        params: registrationParams,
        body: reviewDecisionBody,
        response: withProblems({ 200: registrationAnswer }),
      },
    },
    async (request) => {
      const { decision, reason } = request.body;
      const res = await call(rpc, 'decideReview', { actor: protoActor(request.actor), registrationId: request.params.id, approve: decision === 'approve', reason: reason ?? '' }, onBehalfOf(request));
      return registrationJson(res.registration);
    },
  );
  app.post<{ Params: { id: string; trackId: string } }>(
    '/v1/competitions/:id/tracks/:trackId/lottery-draw',
    {
      config: { access: organizer },
      schema: {
        tags: ['registrations'],
        summary: 'Run a lottery track’s draw once its window has closed (it also runs on its own); a recorded draw is applied again, never redrawn',
        security: [{ bearerAuth: [] }],
        params: trackParams,
        response: withProblems({ 200: lotteryDrawAnswer }),
      },
    },
    async (request) => {
      const res = await call(rpc, 'runLotteryDraw', { actor: protoActor(request.actor), competitionId: request.params.id, trackId: request.params.trackId }, onBehalfOf(request));
      if (res.draw === undefined) throw new NotFoundError('Lottery draw of track', request.params.trackId);
      return lotteryDrawJson(res.draw);
    },
  );
  app.get<{ Params: { id: string; trackId: string } }>(
    '/v1/competitions/:id/tracks/:trackId/lottery-draw',
    {
      config: { access: { auth: 'optional' } },
      schema: {
        tags: ['registrations'],
        summary: 'Anyone reads a lottery track’s published draw (seed, algorithm, entrants, drawn order) to re-run it; 404 until drawn',
        params: trackParams,
        response: withProblems({ 200: lotteryDrawAnswer }),
      },
    },
    async (request) => {
      const res = await call(rpc, 'getCompetition', { actor: protoActor(request.actor), competitionId: request.params.id }, onBehalfOf(request));
      const draw = res.competition?.stats.find((s) => s.trackId === request.params.trackId)?.lottery;
      if (draw === undefined) throw new NotFoundError('Lottery draw of track', request.params.trackId);
      return lotteryDrawJson(draw);
    },
  );
}
