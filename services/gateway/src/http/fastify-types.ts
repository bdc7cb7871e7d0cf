import type { LogContext } from '@digicraft/logging';
import type { Role } from '../domain/roles';
import type { WindowResult } from '../redis/admission-script';
import type { AccessClaims } from '../security/jwt';

/** The authenticated caller, set by the auth hook from a verified access token. */
export interface RequestActor {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly sessionId: string;
}

/** How a route is protected; read by the global hooks from the route's `config`. */
export interface RouteAccess {
  /** `none`: no token looked at; `optional`: used when present; `required`: 401 without. */
  readonly auth: 'none' | 'optional' | 'required';
  /** When set, the actor needs one of these roles (403 otherwise). */
  readonly roles?: readonly Role[];
  /** `auth` adds the strict per-client limit of login and sign-up; `none` skips limits (health). */
  readonly rateLimit?: 'default' | 'auth' | 'none';
  /** Responses carrying secrets (tokens) are kept for replay only this long. */
  readonly idempotencyTtlSeconds?: number;
}

/** What the admission hook learnt before the route ran; the auth hook decides with it. */
export interface Admission {
  readonly token: { state: 'absent' } | { state: 'invalid'; message?: string } | { state: 'valid'; claims: AccessClaims };
  /** `unknown` when Redis could not be asked: the auth hook asks again and fails if it still cannot. */
  readonly revoked: boolean | 'unknown';
  /** The per-account window, counted once the token is known to be genuine. */
  readonly account?: WindowResult;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: RequestActor | undefined;
    admission: Admission | undefined;
    /** The request's ids, which its gRPC calls forward (request-context.ts). */
    readonly logContext: LogContext | undefined;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function routeAccess(config: { access?: RouteAccess } | undefined): RouteAccess {
  return config?.access ?? { auth: 'none' };
}
