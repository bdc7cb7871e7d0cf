import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from '@digicraft/redis';
import { RateLimitedError } from '../domain/errors';
import { hitWindow, type WindowResult } from '../redis/fixed-window';
import { routeAccess, type RequestActor } from './fastify-types';

export interface RateLimitOptions {
  readonly redis: Redis;
  readonly prefix: string;
  readonly windowMs: number;
  readonly perClient: number;
  readonly perAccount: number;
  /** Login, sign-up, refresh, accept-invitation: guessing targets, so much stricter. */
  readonly authPerClient: number;
}

function setHeaders(reply: FastifyReply, result: WindowResult): void {
  reply.header('ratelimit-limit', String(result.limit));
  reply.header('ratelimit-remaining', String(result.remaining));
  reply.header('ratelimit-reset', String(Math.ceil(result.resetMs / 1000)));
}

/**
 * Fixed-window limits in Redis, so they hold across gateway instances: per client address on
 * every request, per account once authenticated. If Redis is down the limits fail open (the
 * platform stays usable) and say so in the log.
 */
export class RateLimiter {
  constructor(private readonly options: RateLimitOptions) {}

  private async enforce(request: FastifyRequest, reply: FastifyReply, key: string, limit: number): Promise<void> {
    let result: WindowResult;
    try {
      result = await hitWindow(this.options.redis, `${this.options.prefix}rl:${key}`, limit, this.options.windowMs);
    } catch (err) {
      request.log.warn({ err: { message: (err as Error).message } }, 'rate limit check skipped: Redis unavailable');
      return;
    }
    setHeaders(reply, result);
    if (!result.allowed) throw new RateLimitedError(result.resetMs / 1000);
  }

  register(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
      const access = routeAccess(request.routeOptions.config);
      if (access.rateLimit === 'none' || request.routeOptions.url === undefined) return;
      if (access.rateLimit === 'auth') {
        await this.enforce(request, reply, `auth:${request.ip}`, this.options.authPerClient);
      }
      await this.enforce(request, reply, `ip:${request.ip}`, this.options.perClient);
    });
  }

  /** Called by the auth hook as soon as the account is known. */
  readonly perAccount = (request: FastifyRequest, reply: FastifyReply, actor: RequestActor): Promise<void> =>
    this.enforce(request, reply, `acct:${actor.id}`, this.options.perAccount);
}
