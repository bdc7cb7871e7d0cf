import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatTraceparent } from '@digicraft/logging';
import { accountView } from '../../app/account-view';
import type { AuthService, TraceIds } from '../../app/auth-service';
import type { SelfSignupRole } from '../../domain/roles';
import type { RouteAccess } from '../fastify-types';
import { displayNameField, emailField, opaqueTokenField, passwordField, withProblems } from '../schemas';

/** Responses of these routes hold tokens: kept for replay only briefly. */
const SECRET_REPLAY_TTL_SECONDS = 600;
const PUBLIC_AUTH: RouteAccess = { auth: 'none', rateLimit: 'auth', idempotencyTtlSeconds: SECRET_REPLAY_TTL_SECONDS };

/** An event a request causes carries the request's correlation id, in the request's trace (its span as parent). */
export function traceIdsOf(request: FastifyRequest): TraceIds {
  const ctx = request.logContext;
  const traceparent = ctx?.traceId !== undefined && ctx.spanId !== undefined ? formatTraceparent({ traceId: ctx.traceId, spanId: ctx.spanId, sampled: true }) : undefined;
  return { correlationId: ctx?.correlationId ?? request.id, traceparent };
}

interface SignupBody {
  role: SelfSignupRole;
  email: string;
  password: string;
  displayName: string;
  organization?: { name: string; creditCode: string };
}

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService): void {
  app.post<{ Body: SignupBody }>(
    '/v1/auth/signup',
    {
      config: { access: PUBLIC_AUTH },
      schema: {
        tags: ['auth'],
        summary: 'Sign up as a contestant or an enterprise',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['role', 'email', 'password', 'displayName'],
          properties: {
            role: { type: 'string', enum: ['contestant', 'enterprise'] },
            email: emailField,
            password: passwordField,
            displayName: displayNameField,
            organization: {
              type: 'object',
              description: 'Required for enterprises',
              additionalProperties: false,
              required: ['name', 'creditCode'],
              properties: {
                name: { type: 'string', minLength: 1, maxLength: 200 },
                creditCode: { type: 'string', minLength: 18, maxLength: 18, description: 'Unified social credit code (GB 32100-2015)' },
              },
            },
          },
        },
        response: withProblems({
          201: { type: 'object', required: ['account', 'session'], properties: { account: { $ref: 'Account#' }, session: { $ref: 'Session#' } } },
        }),
      },
    },
    async (request, reply) => {
      const result = await auth.signup(request.body, traceIdsOf(request));
      return reply.code(201).send({ account: accountView(result.account), session: result.tokens });
    },
  );

  app.post<{ Body: { email: string; password: string } }>(
    '/v1/auth/login',
    {
      config: { access: PUBLIC_AUTH },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'password'],
          properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        },
        response: withProblems({
          200: { type: 'object', required: ['account', 'session'], properties: { account: { $ref: 'Account#' }, session: { $ref: 'Session#' } } },
        }),
      },
    },
    async (request) => {
      const result = await auth.login(request.body.email, request.body.password);
      return { account: accountView(result.account), session: result.tokens };
    },
  );

  app.post<{ Body: { refreshToken: string } }>(
    '/v1/auth/refresh',
    {
      config: { access: PUBLIC_AUTH },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new pair (the old one stops working)',
        body: { type: 'object', additionalProperties: false, required: ['refreshToken'], properties: { refreshToken: opaqueTokenField } },
        response: withProblems({ 200: { type: 'object', required: ['session'], properties: { session: { $ref: 'Session#' } } } }),
      },
    },
    async (request) => {
      const result = await auth.refresh(request.body.refreshToken);
      return { session: result.tokens };
    },
  );

  app.post<{ Body: { refreshToken: string } }>(
    '/v1/auth/logout',
    {
      config: { access: { auth: 'none', rateLimit: 'auth' } },
      schema: {
        tags: ['auth'],
        summary: 'End the session of a refresh token (its access tokens stop working too)',
        body: { type: 'object', additionalProperties: false, required: ['refreshToken'], properties: { refreshToken: opaqueTokenField } },
        response: withProblems({ 204: { type: 'null', description: 'Signed out' } }),
      },
    },
    async (request, reply) => {
      await auth.logout(request.body.refreshToken);
      return reply.code(204).send();
    },
  );
}
