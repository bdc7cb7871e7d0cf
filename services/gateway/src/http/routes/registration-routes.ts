import type { FastifyInstance } from 'fastify';
import { call } from '@digicraft/grpc';
import { registrationEventsV1 } from '@digicraft/contracts';
import { onBehalfOf, protoActor } from '../../grpc/actor';
import type { DownstreamClients } from '../../grpc/downstream-clients';
import { withProblems } from '../schemas';
import { applicantBody, applicantMessage, idParam, registrationAnswer, registrationJson } from './registration-api-shapes';

interface RegisterBody {
  applicant: Record<string, unknown>;
  team?: { name: string; memberAccountIds: string[] };
}
interface RosterQuery {
  pageSize?: number;
  cursor?: string;
  status?: string;
  province?: string;
  institution?: string;
  format?: 'json' | 'csv';
}

const contestant = { auth: 'required', roles: ['contestant'] } as const;
const signedIn = { auth: 'required' } as const;
const page = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: registrationAnswer }, nextCursor: { type: 'string' } } } as const;

function statusFilter(status: string | undefined): registrationEventsV1.RegistrationStatus[] {
  if (status === undefined) return [];
  return status.split(',').map((s) => registrationEventsV1.registrationStatusFromJSON(`REGISTRATION_STATUS_${s.trim().toUpperCase().replace(/-/g, '_')}`));
}

/** Contestants register, follow and withdraw; organizers read the roster (JSON pages or CSV). */
export function registerRegistrationRoutes(app: FastifyInstance, downstream: DownstreamClients): void {
  const rpc = downstream.registration;
  app.post<{ Params: { id: string; trackId: string }; Body: RegisterBody }>(
    '/v1/competitions/:id/tracks/:trackId/registrations',
    {
      config: { access: contestant },
      schema: {
        tags: ['registrations'],
        summary: 'Register for a track (alone, or as a team leader inviting members)',
        security: [{ bearerAuth: [] }],
        params: { type: 'object', properties: { id: idParam, trackId: idParam } },
        body: {
          type: 'object',
          required: ['applicant'],
          additionalProperties: false,
          properties: {
            applicant: applicantBody,
            team: { type: 'object', required: ['name', 'memberAccountIds'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, memberAccountIds: { type: 'array', maxItems: 50, items: idParam } } },
          },
        },
        response: withProblems({ 201: registrationAnswer }),
      },
    },
    async (request, reply) => {
      const { applicant, team } = request.body;
      const res = await call(
        rpc,
        'register',
        {
          actor: protoActor(request.actor),
          competitionId: request.params.id,
          trackId: request.params.trackId,
          applicant: applicantMessage(applicant),
          team: team && { name: team.name, memberAccountIds: team.memberAccountIds, acceptedAccountIds: [] },
          eligibilityAnswers: {},
        },
        onBehalfOf(request),
      );
      return reply.code(201).send(registrationJson(res.registration));
    },
  );
  app.get<{ Querystring: { pageSize?: number; cursor?: string } }>(
    '/v1/me/registrations',
    {
      config: { access: signedIn },
      schema: { tags: ['registrations'], summary: 'My registrations with status and waitlist position', security: [{ bearerAuth: [] }], querystring: { type: 'object', additionalProperties: false, properties: { pageSize: { type: 'integer', minimum: 1, maximum: 100 }, cursor: { type: 'string', maxLength: 512 } } }, response: withProblems({ 200: page }) },
    },
    async (request) => {
      const res = await call(rpc, 'listMyRegistrations', { actor: protoActor(request.actor), page: { pageSize: request.query.pageSize ?? 20, cursor: request.query.cursor ?? '' } }, onBehalfOf(request));
      return { items: res.registrations.map(registrationJson), ...(res.page?.nextCursor ? { nextCursor: res.page.nextCursor } : {}) };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/v1/registrations/:id',
    { config: { access: signedIn }, schema: { tags: ['registrations'], summary: 'One registration (its contestant, or the organizer)', security: [{ bearerAuth: [] }], params: { type: 'object', properties: { id: idParam } }, response: withProblems({ 200: registrationAnswer }) } },
    async (request) => {
      const res = await call(rpc, 'getRegistration', { actor: protoActor(request.actor), registrationId: request.params.id }, onBehalfOf(request));
      return registrationJson(res.registration);
    },
  );
  app.post<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
    '/v1/registrations/:id/withdraw',
    { config: { access: signedIn }, schema: { tags: ['registrations'], summary: 'Withdraw before the deadline; the waitlist moves up', security: [{ bearerAuth: [] }], params: { type: 'object', properties: { id: idParam } }, response: withProblems({ 200: registrationAnswer }) } },
    async (request) => {
      const res = await call(rpc, 'withdraw', { actor: protoActor(request.actor), registrationId: request.params.id, reason: request.body?.reason ?? '' }, onBehalfOf(request));
      return registrationJson(res.registration);
    },
  );
  app.get<{ Params: { id: string; trackId: string }; Querystring: RosterQuery }>(
    '/v1/competitions/:id/tracks/:trackId/registrations',
    {
      config: { access: { auth: 'required', roles: ['organizer', 'admin'] } },
      schema: {
        tags: ['registrations'],
        summary: 'Roster of a track: cursor pages, filters, or CSV with format=csv',
        security: [{ bearerAuth: [] }],
        params: { type: 'object', properties: { id: idParam, trackId: idParam } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            pageSize: { type: 'integer', minimum: 1, maximum: 500 },
            cursor: { type: 'string', maxLength: 512 },
            status: { type: 'string', pattern: '^[a-z_,-]+$', maxLength: 200 },
            province: { type: 'string', pattern: '^[A-Z]{2}$' },
            institution: { type: 'string', maxLength: 200 },
            format: { type: 'string', enum: ['json', 'csv'] },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const base = { actor: protoActor(request.actor), competitionId: request.params.id, trackId: request.params.trackId, statuses: statusFilter(q.status) };
      const meta = onBehalfOf(request);
      if (q.format === 'csv') {
        const res = await call(rpc, 'exportRosterCsv', { ...base, province: q.province ?? '', institution: q.institution ?? '' }, { ...meta, deadlineMs: downstream.bulkDeadlineMs });
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="roster-${request.params.trackId}.csv"`).send(res.csv);
      }
      const res = await call(rpc, 'listRoster', { ...base, page: { pageSize: q.pageSize ?? 50, cursor: q.cursor ?? '' }, province: q.province ?? '', institution: q.institution ?? '' }, meta);
      return { items: res.registrations.map(registrationJson), ...(res.page?.nextCursor ? { nextCursor: res.page.nextCursor } : {}) };
    },
  );
}
