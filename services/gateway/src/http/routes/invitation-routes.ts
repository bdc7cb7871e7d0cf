import type { FastifyInstance } from 'fastify';
import { accountView } from '../../app/account-view';
import type { InvitationService } from '../../app/invitation-service';
import { AuthenticationRequiredError } from '../../domain/errors';
import { INVITING_ROLES } from '../../domain/invitation-policy';
import { INVITABLE_ROLES, type InvitableRole } from '../../domain/roles';
import { displayNameField, emailField, opaqueTokenField, passwordField, withProblems } from '../schemas';
import { traceIdsOf } from './auth-routes';

interface AcceptBody {
  token: string;
  email?: string;
  password?: string;
  displayName?: string;
}

export function registerInvitationRoutes(app: FastifyInstance, invitations: InvitationService): void {
  app.post<{ Body: { role: InvitableRole; email?: string } }>(
    '/v1/role-invitations',
    {
      config: { access: { auth: 'required', roles: INVITING_ROLES } },
      schema: {
        tags: ['accounts'],
        summary: 'Invite a judge (organizers, admins) or an organizer or admin (admins)',
        security: [{ bearerAuth: [] }],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['role'],
          properties: { role: { type: 'string', enum: [...INVITABLE_ROLES] }, email: { ...emailField, description: 'Only this e-mail may accept' } },
        },
        response: withProblems({
          201: {
            type: 'object',
            required: ['token', 'role', 'expiresAt'],
            properties: {
              token: { type: 'string', description: 'Shown once; give it to the invitee' },
              role: { type: 'string' },
              email: { type: 'string' },
              expiresAt: { type: 'string', format: 'date-time' },
            },
          },
        }),
      },
    },
    async (request, reply) => {
      if (request.actor === undefined) throw new AuthenticationRequiredError();
      const created = await invitations.create(request.actor, request.body.role, request.body.email);
      return reply.code(201).send({ ...created, expiresAt: created.expiresAt.toISOString() });
    },
  );

  app.post<{ Body: AcceptBody }>(
    '/v1/auth/accept-invitation',
    {
      config: { access: { auth: 'optional', rateLimit: 'auth', idempotencyTtlSeconds: 600 } },
      schema: {
        tags: ['auth'],
        summary: 'Accept a role invitation: signed in, the role is added; otherwise a new account is created',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['token'],
          properties: { token: opaqueTokenField, email: emailField, password: passwordField, displayName: displayNameField },
        },
        response: withProblems({
          200: { type: 'object', required: ['account', 'session'], properties: { account: { $ref: 'Account#' }, session: { $ref: 'Session#' } } },
        }),
      },
    },
    async (request) => {
      const result = await invitations.accept(request.body, request.actor?.id, traceIdsOf(request));
      return { account: accountView(result.account), session: result.tokens };
    },
  );
}
