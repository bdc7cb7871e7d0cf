import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from '@digicraft/redis';
import { RateLimitedError } from '../domain/errors';
import { admit, type WindowHit, type WindowResult } from '../redis/admission-script';
import type { RevokedSessions } from '../redis/revoked-sessions';
import type { VerificationKeys } from '../security/jwt';
import { VerifiedTokens } from '../security/verified-tokens';
import { routeAccess, type Admission } from './fastify-types';

export interface AdmissionOptions {
  readonly redis: Redis;
  readonly prefix: string;
  readonly windowMs: number;
  readonly perClient: number;
  readonly perAccount: number;
  /** Login, sign-up, refresh, accept-invitation: guessing targets, so much stricter. */
  readonly authPerClient: number;
  readonly keys: VerificationKeys;
  readonly issuer: string;
  readonly revoked: RevokedSessions;
}

export function setRateLimitHeaders(reply: FastifyReply, result: WindowResult): void {
  reply.header('ratelimit-limit', String(result.limit));
  reply.header('ratelimit-remaining', String(result.remaining));
  reply.header('ratelimit-reset', String(Math.ceil(result.resetMs / 1000)));
}

function readToken(request: FastifyRequest, tokens: VerifiedTokens): Admission['token'] {
  const header = request.headers.authorization;
  if (header === undefined) return { state: 'absent' };
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
  if (!match?.[1]) return { state: 'invalid', message: 'The Authorization header must be `Bearer <access token>`' };
  const result = tokens.verify(match[1]);
  return result.ok ? { state: 'valid', claims: result.claims } : { state: 'invalid' };
}

/**
 * Before any route runs: the per-client limits (and the login/sign-up limit), the per-account
 * limit and the session-revocation check, asked of Redis in ONE round trip (a request used to
 * make three, one after the other). Limits live in Redis so they hold across gateway instances.
 * The client limits answer 429 here; the token's verdict and the account limit are left on the
 * request for the auth hook, so errors keep their order (validation, then 401, then 429/403).
 * If Redis is down the limits fail open (the platform stays usable) and say so in the log.
 */
export function registerAdmission(app: FastifyInstance, options: AdmissionOptions): void {
  app.decorateRequest('admission', undefined);
  const tokens = new VerifiedTokens(options.keys, options.issuer);
  app.addHook('onRequest', async (request, reply) => {
    const access = routeAccess(request.routeOptions.config);
    const token = access.auth === 'none' ? ({ state: 'absent' } as const) : readToken(request, tokens);
    const hits: WindowHit[] = [];
    if (access.rateLimit !== 'none' && request.routeOptions.url !== undefined) {
      const rl = `${options.prefix}rl:`;
      if (access.rateLimit === 'auth') hits.push({ key: `${rl}auth:${request.ip}`, limit: options.authPerClient });
      hits.push({ key: `${rl}ip:${request.ip}`, limit: options.perClient });
      if (token.state === 'valid') hits.push({ key: `${rl}acct:${token.claims.sub}`, limit: options.perAccount });
    }
    const revokedKey = token.state === 'valid' ? options.revoked.key(token.claims.sid) : undefined;
    if (hits.length === 0 && revokedKey === undefined) {
      request.admission = { token, revoked: false };
      return;
    }
    let windows: readonly WindowResult[];
    let revoked: boolean;
    try {
      ({ windows, revoked } = await admit(options.redis, hits, revokedKey, options.windowMs));
    } catch (err) {
      request.log.warn({ err: { message: (err as Error).message } }, 'rate limit check skipped: Redis unavailable');
      request.admission = { token, revoked: 'unknown' };
      return;
    }
    const clientWindows = token.state === 'valid' ? windows.slice(0, -1) : windows;
    for (const window of clientWindows) {
      setRateLimitHeaders(reply, window);
      if (!window.allowed) throw new RateLimitedError(window.resetMs / 1000);
    }
    request.admission = { token, revoked, account: token.state === 'valid' ? windows.at(-1) : undefined };
  });
}
