import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { call } from '@digicraft/grpc';
import { registrationV1 } from '@digicraft/contracts';
import { metadataActor, protoActor } from '../../grpc/actor';
import type { DownstreamClients } from '../../grpc/downstream-clients';
import { publicCacheNames, type CacheEntryName, type PublicReadCache } from '../../redis/public-read-cache';
import { withProblems } from '../schemas';
import { registerCompetitionReadRoute } from './competition-admin-routes';
import { registerPublishedResultsRoute } from './judging-results-routes';

const competitionSummary = {
  type: 'object',
  required: ['id', 'status', 'title'],
  properties: {
    id: { type: 'string' },
    status: { type: 'string' },
    title: { type: 'string' },
    occupation: { type: 'string' },
    registrationOpensAt: { type: 'string', format: 'date-time' },
    registrationClosesAt: { type: 'string', format: 'date-time' },
  },
} as const;

interface ListQuery {
  pageSize?: number;
  cursor?: string;
  occupation?: string;
  openForRegistration?: boolean;
}

function summary(c: registrationV1.Competition): Record<string, unknown> {
  return {
    id: c.competitionId,
    status: registrationV1.competitionStatusToJSON(c.status).replace('COMPETITION_STATUS_', '').toLowerCase(),
    title: c.spec?.title ?? '',
    ...(c.spec?.occupation ? { occupation: c.spec.occupation } : {}),
    ...(c.spec?.registrationOpensAt ? { registrationOpensAt: c.spec.registrationOpensAt.toISOString() } : {}),
    ...(c.spec?.registrationClosesAt ? { registrationClosesAt: c.spec.registrationClosesAt.toISOString() } : {}),
  };
}

/**
 * Answers a public read: an anonymous reader gets the shared cached body when there is one, else
 * the loaded answer, which then fills the cache. A signed-in reader always gets a fresh answer and
 * never fills the cache, because what the services show can depend on who asks (an organizer's
 * drafts, for one). Only answers that `load` returns are cached; errors it throws are not.
 * `x-cache` says which it was.
 */
export type PublicRead = (request: FastifyRequest, reply: FastifyReply, name: CacheEntryName, load: () => Promise<unknown>) => Promise<FastifyReply>;

export function publicRead(cache: PublicReadCache): PublicRead {
  const send = (reply: FastifyReply, source: 'hit' | 'miss', body: string): FastifyReply =>
    reply.header('x-cache', source).type('application/json; charset=utf-8').send(body);
  return async (request, reply, name, load) => {
    const shared = request.actor === undefined;
    if (shared) {
      const cached = await cache.get(name);
      if (cached !== undefined) return send(reply, 'hit', cached);
    }
    const body = JSON.stringify(await load());
    if (shared) await cache.set(name, body);
    return send(reply, 'miss', body);
  };
}

/**
 * The public reads of competitions that anonymous visitors share through the public read cache:
 * browsing, one competition, and a track's published results. They are registered here, where the
 * gateway's one cache (the one its event consumer invalidates) is handed in; the single-item routes
 * live beside their services' other routes.
 */
export function registerCompetitionRoutes(app: FastifyInstance, downstream: DownstreamClients, cache: PublicReadCache): void {
  const read = publicRead(cache);
  registerCompetitionReadRoute(app, downstream, read);
  registerPublishedResultsRoute(app, downstream, read);
  app.get<{ Querystring: ListQuery }>(
    '/v1/competitions',
    {
      config: { access: { auth: 'optional' } },
      schema: {
        tags: ['competitions'],
        summary: 'Published competitions',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            pageSize: { type: 'integer', minimum: 1, maximum: 100 },
            cursor: { type: 'string', maxLength: 512 },
            occupation: { type: 'string', maxLength: 100 },
            openForRegistration: { type: 'boolean' },
          },
        },
        response: withProblems({
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: competitionSummary }, nextCursor: { type: 'string' } },
          },
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const variant = JSON.stringify([q.pageSize, q.cursor, q.occupation, q.openForRegistration]);
      return read(request, reply, publicCacheNames.competitionList(variant), async () => {
        const res = await call(
          downstream.registration,
          'listCompetitions',
          {
            actor: protoActor(request.actor),
            page: { pageSize: q.pageSize ?? 20, cursor: q.cursor ?? '' },
            statuses: [],
            occupation: q.occupation ?? '',
            openForRegistration: q.openForRegistration ?? false,
          },
          { actor: metadataActor(request.actor) },
        );
        const nextCursor = res.page?.nextCursor;
        return { items: res.competitions.map(summary), ...(nextCursor ? { nextCursor } : {}) };
      });
    },
  );
}
