import type { FastifyInstance } from 'fastify';
import { call } from '@digicraft/grpc';
import { registrationV1 } from '@digicraft/contracts';
import { onBehalfOf, protoActor } from '../../grpc/actor';
import type { DownstreamClients } from '../../grpc/downstream-clients';
import { publicCacheNames } from '../../redis/public-read-cache';
import { withProblems } from '../schemas';
import type { PublicRead } from '../public-read';
import { competitionAnswer, competitionJson, competitionSpecBody, idParam } from './registration-api-shapes';

type SpecBody = Record<string, unknown> & { expectedVersion?: number };
const organizer = { auth: 'required', roles: ['organizer', 'admin'] } as const;
/** The body is optional: without it (or without expectedVersion) the version is not checked. */
const versionBody = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  properties: { expectedVersion: { type: 'integer', minimum: 0, description: 'The version you read; 0 or absent skips the check' } },
} as const;

/** Organizers create, edit, publish and archive competitions (anyone's read: registerCompetitionReadRoute). */
export function registerCompetitionAdminRoutes(app: FastifyInstance, downstream: DownstreamClients): void {
  const rpc = downstream.registration;
  app.post<{ Body: SpecBody }>(
    '/v1/competitions',
    { config: { access: organizer }, schema: { tags: ['competitions'], summary: 'Create a draft competition', security: [{ bearerAuth: [] }], body: competitionSpecBody, response: withProblems({ 201: competitionAnswer }) } },
    async (request, reply) => {
      const res = await call(rpc, 'createCompetition', { actor: protoActor(request.actor), spec: registrationV1.CompetitionSpec.fromJSON(request.body) }, onBehalfOf(request));
      return reply.code(201).send(competitionJson(res.competition));
    },
  );
  app.patch<{ Params: { id: string }; Body: SpecBody }>(
    '/v1/competitions/:id',
    {
      config: { access: organizer },
      schema: { tags: ['competitions'], summary: 'Edit a competition (constrained once published)', security: [{ bearerAuth: [] }], params: { type: 'object', properties: { id: idParam } }, body: competitionSpecBody, response: withProblems({ 200: competitionAnswer }) },
    },
    async (request) => {
      const res = await call(
        rpc,
        'updateCompetition',
        { actor: protoActor(request.actor), competitionId: request.params.id, spec: registrationV1.CompetitionSpec.fromJSON(request.body), expectedVersion: request.body.expectedVersion ?? 0 },
        onBehalfOf(request),
      );
      return competitionJson(res.competition);
    },
  );
  app.post<{ Params: { id: string }; Body: { expectedVersion?: number } | undefined }>(
    '/v1/competitions/:id/publish',
    {
      config: { access: organizer },
      schema: { tags: ['competitions'], summary: 'Publish a draft', security: [{ bearerAuth: [] }], params: { type: 'object', properties: { id: idParam } }, response: withProblems({ 200: competitionAnswer }) },
    },
    async (request) => {
      const res = await call(rpc, 'publishCompetition', { actor: protoActor(request.actor), competitionId: request.params.id, expectedVersion: request.body?.expectedVersion ?? 0 }, onBehalfOf(request));
      return competitionJson(res.competition);
    },
  );
  app.post<{ Params: { id: string }; Body: { expectedVersion?: number } | null | undefined }>(
    '/v1/competitions/:id/archive',
    {
      config: { access: organizer },
      schema: {
        tags: ['competitions'],
        summary: 'Archive a published competition once it has ended (no more registrations, withdrawals or edits; results stay readable)',
        security: [{ bearerAuth: [] }],
        params: { type: 'object', properties: { id: idParam } },
        body: versionBody,
        response: withProblems({ 200: competitionAnswer }),
      },
    },
    async (request) => {
      const res = await call(rpc, 'archiveCompetition', { actor: protoActor(request.actor), competitionId: request.params.id, expectedVersion: request.body?.expectedVersion ?? 0 }, onBehalfOf(request));
      return competitionJson(res.competition);
    },
  );
}

/**
 * Anyone reads a published competition with its tracks and seat counts. Anonymous readers share
 * one cached answer per competition, dropped by the competition.* events. The live seat counts in
 * it (and whether registration is open, which follows the clock) change without such an event, and
 * dropping the answer on every registration would empty the cache exactly while a competition is
 * popular: so anonymous readers see counts at most PUBLIC_CACHE_TTL_SECONDS old (plus the cache's
 * one-second local copy). Signed-in readers, who act on the counts, always get live ones.
 */
export function registerCompetitionReadRoute(app: FastifyInstance, downstream: DownstreamClients, read: PublicRead): void {
  app.get<{ Params: { id: string } }>(
    '/v1/competitions/:id',
    { config: { access: { auth: 'optional' } }, schema: { tags: ['competitions'], summary: 'One competition with its tracks and seat counts (for anonymous readers cached, the counts a few seconds old at most)', params: { type: 'object', properties: { id: idParam } }, response: withProblems({ 200: competitionAnswer }) } },
    async (request, reply) =>
      read(request, reply, publicCacheNames.competition(request.params.id), async () => {
        const res = await call(downstream.registration, 'getCompetition', { actor: protoActor(request.actor), competitionId: request.params.id }, onBehalfOf(request));
        return competitionJson(res.competition);
      }),
  );
}
