import type { FastifyInstance } from 'fastify';
import { AuthenticationRequiredError, ForbiddenError, InvalidTokenError } from '../domain/errors';
import { isRole, type Role } from '../domain/roles';
import type { RevokedSessions } from '../redis/revoked-sessions';
import { throwIfLimited } from './admission';
import { routeAccess, type RequestActor } from './fastify-types';
import { settleHook } from './settle-hook';

export interface AuthHookOptions {
  /** Asked only when the admission hook could not reach Redis. */
  readonly revoked: RevokedSessions;
}

/**
 * Authentication and the role check of every route, driven by the route's `config.access`,
 * so a route cannot forget them: a route without `access` is public and sees no actor. The token
 * was verified and its session looked up by the admission hook (one Redis round trip per request).
 */
export function registerAuthHook(app: FastifyInstance, options: AuthHookOptions): void {
  app.decorateRequest('actor', undefined);
  app.addHook('preHandler', (request, reply, done) =>
    settleHook(done, () => {
      const access = routeAccess(request.routeOptions.config);
      if (access.auth === 'none') return undefined;
      const admission = request.admission ?? { token: { state: 'absent' }, revoked: false };
      const { token } = admission;
      if (token.state === 'absent') {
        if (access.auth === 'required') throw new AuthenticationRequiredError();
        return undefined;
      }
      if (token.state === 'invalid') throw new InvalidTokenError(token.message);
      const admitActor = (revoked: boolean): void => {
        if (revoked) throw new InvalidTokenError('This session has ended; sign in again');
        const roles = token.claims.roles.filter(isRole);
        const actor: RequestActor = { id: token.claims.sub, roles, sessionId: token.claims.sid };
        request.actor = actor;
        if (admission.account !== undefined) throwIfLimited(reply, [admission.account]);
        if (access.roles !== undefined && !hasAnyRole(roles, access.roles)) throw new ForbiddenError();
      };
      if (admission.revoked === 'unknown') return options.revoked.isRevoked(token.claims.sid).then(admitActor);
      admitActor(admission.revoked);
      return undefined;
    }),
  );
}

export function hasAnyRole(actual: readonly Role[], wanted: readonly Role[]): boolean {
  return actual.some((role) => wanted.includes(role));
}
