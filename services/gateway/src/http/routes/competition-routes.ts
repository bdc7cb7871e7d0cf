import type { FastifyInstance } from 'fastify';
import { call } from '@digicraft/grpc';
import { registrationV1 } from '@digicraft/contracts';
import { onBehalfOf, protoActor } from '../../grpc/actor';
import type { DownstreamClients } from '../../grpc/downstream-clients';
import { publicCacheNames } from '../../redis/public-read-cache';
import type { PublicRead } from '../public-read';
import { withProblems } from '../schemas';

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

/** Browsing published competitions; anonymous visitors share the answers through the public read cache. */
export function registerCompetitionRoutes(app: FastifyInstance, downstream: DownstreamClients, read: PublicRead): void {
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
          onBehalfOf(request),
        );
        const nextCursor = res.page?.nextCursor;
        return { items: res.competitions.map(summary), ...(nextCursor ? { nextCursor } : {}) };
      });
    },
  );
}
