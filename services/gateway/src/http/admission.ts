import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from '@digicraft/redis';
import { RateLimitedError } from '../domain/errors';
import { admit, type WindowHit, type WindowResult } from '../redis/admission-script';
import type { RevokedSessions } from '../redis/revoked-sessions';
import { WindowCounters } from '../redis/window-counters';
import type { VerificationKeys } from '../security/jwt';
import { VerifiedTokens } from '../security/verified-tokens';
import { routeAccess, type Admission, type RouteAccess } from './fastify-types';
import { settleHook } from './settle-hook';

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

function setRateLimitHeaders(reply: FastifyReply, result: WindowResult): void {
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

/** Sets the rate-limit headers of each window and answers 429 when one is exhausted. */
export function throwIfLimited(reply: FastifyReply, windows: readonly WindowResult[]): void {
  for (const window of windows) {
    setRateLimitHeaders(reply, window);
    if (!window.allowed) throw new RateLimitedError(window.resetMs / 1000);
  }
}

/**
 * Before any route runs: the per-client limits, the per-account limit and the
 * session-revocation check. Limits are shared by all gateway instances through Redis.
 * Most routes count in this process and share the counts every few milliseconds (see
 * window-counters.ts) and reuse a recent revocation verdict, so a request normally makes no
 * Redis round trip at all; login, sign-up and the other guessing targets (`rateLimit: 'auth'`)
 * ask Redis on every request, limits and revocation in ONE round trip, so their strict limits
 * are exact across instances. The client limits answer 429 here; the token's verdict and the
 * account limit are left on the request for the auth hook, so errors keep their order
 * (validation, then 401, then 429/403). If Redis is down the strict limits fail open (the
 * platform stays usable) and say so in the log.
 */
export function registerAdmission(app: FastifyInstance, options: AdmissionOptions): void {
  app.decorateRequest('admission', undefined);
  const tokens = new VerifiedTokens(options.keys, options.issuer);
  const counters = new WindowCounters({ redis: options.redis, windowMs: options.windowMs, logger: app.log });
  app.addHook('onClose', async () => counters.close());
  const rl = `${options.prefix}rl:`;
  /** Counted in this process: waits only for a signed-in caller's session verdict. */
  const admitShared = (request: FastifyRequest, reply: FastifyReply, access: RouteAccess, token: Admission['token']): Promise<void> | undefined => {
    const limited = access.rateLimit !== 'none' && request.routeOptions.url !== undefined;
    if (limited) throwIfLimited(reply, [counters.hit(`${rl}ip:${request.ip}`, options.perClient)]);
    if (token.state !== 'valid') {
      request.admission = { token, revoked: false };
      return undefined;
    }
    const account = limited ? counters.hit(`${rl}acct:${token.claims.sub}`, options.perAccount) : undefined;
    return options.revoked.check(token.claims.sid).then(
      (revoked) => {
        request.admission = { token, revoked, account };
      },
      (err: unknown) => {
        request.log.warn({ err: { message: (err as Error).message } }, 'session check deferred: Redis unavailable');
        request.admission = { token, revoked: 'unknown', account };
      },
    );
  };
  /** Counted exactly in Redis, limits and revocation in one round trip. */
  const admitStrict = async (request: FastifyRequest, reply: FastifyReply, token: Admission['token']): Promise<void> => {
    const hits: WindowHit[] = [
      { key: `${rl}auth:${request.ip}`, limit: options.authPerClient },
      { key: `${rl}ip:${request.ip}`, limit: options.perClient },
    ];
    if (token.state === 'valid') hits.push({ key: `${rl}acct:${token.claims.sub}`, limit: options.perAccount });
    const revokedKey = token.state === 'valid' ? options.revoked.key(token.claims.sid) : undefined;
    let windows: readonly WindowResult[];
    let revoked: boolean;
    try {
      ({ windows, revoked } = await admit(options.redis, hits, revokedKey, options.windowMs));
    } catch (err) {
      request.log.warn({ err: { message: (err as Error).message } }, 'rate limit check skipped: Redis unavailable');
      request.admission = { token, revoked: 'unknown' };
      return;
    }
    throwIfLimited(reply, token.state === 'valid' ? windows.slice(0, -1) : windows);
    request.admission = { token, revoked, account: token.state === 'valid' ? windows.at(-1) : undefined };
  };
  app.addHook('onRequest', (request, reply, done) =>
    settleHook(done, () => {
      const access = routeAccess(request.routeOptions.config);
      const token = access.auth === 'none' ? ({ state: 'absent' } as const) : readToken(request, tokens);
      return access.rateLimit === 'auth' ? admitStrict(request, reply, token) : admitShared(request, reply, access, token);
    }),
  );
}
