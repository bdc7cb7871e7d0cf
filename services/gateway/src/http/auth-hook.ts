import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationRequiredError, ForbiddenError, InvalidTokenError } from '../domain/errors';
import { isRole, type Role } from '../domain/roles';
import type { RevokedSessions } from '../redis/revoked-sessions';
import { verifyJwt, type VerificationKeys } from '../security/jwt';
import { routeAccess, type RequestActor } from './fastify-types';

export interface AuthHookOptions {
  readonly keys: VerificationKeys;
  readonly issuer: string;
  readonly revoked: RevokedSessions;
  /** Called with the actor once known (per-account rate limit). */
  readonly afterAuthenticated?: (request: FastifyRequest, reply: FastifyReply, actor: RequestActor) => Promise<void>;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
  if (!match?.[1]) throw new InvalidTokenError('The Authorization header must be `Bearer <access token>`');
  return match[1];
}

/**
 * Authentication and the role check of every route, driven by the route's `config.access`,
 * so a route cannot forget them: a route without `access` is public and sees no actor.
 */
export function registerAuthHook(app: FastifyInstance, options: AuthHookOptions): void {
  app.decorateRequest('actor', undefined);
  app.addHook('preHandler', async (request, reply) => {
    const access = routeAccess(request.routeOptions.config);
    if (access.auth === 'none') return;
    const token = bearerToken(request);
    if (token === undefined) {
      if (access.auth === 'required') throw new AuthenticationRequiredError();
      return;
    }
    const result = verifyJwt(token, options.keys, options.issuer);
    if (!result.ok) throw new InvalidTokenError();
    if (await options.revoked.isRevoked(result.claims.sid)) throw new InvalidTokenError('This session has ended; sign in again');
    const roles = result.claims.roles.filter(isRole);
    const actor: RequestActor = { id: result.claims.sub, roles, sessionId: result.claims.sid };
    request.actor = actor;
    if (options.afterAuthenticated) await options.afterAuthenticated(request, reply, actor);
    if (access.roles !== undefined && !hasAnyRole(roles, access.roles)) throw new ForbiddenError();
  });
}

export function hasAnyRole(actual: readonly Role[], wanted: readonly Role[]): boolean {
  return actual.some((role) => wanted.includes(role));
}
