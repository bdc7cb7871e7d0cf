import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CacheEntryName, PublicReadCache } from '../redis/public-read-cache';

/**
 * Answers a public read: an anonymous reader gets the shared cached body when there is one, else
 * the loaded answer, which then fills the cache. A signed-in reader always gets a fresh answer and
 * never fills the cache, because what the services show can depend on who asks (an organizer's
 * drafts, for one). Only answers that `load` returns are cached; errors it throws are not.
 * `x-cache` says which it was.
 */
export type PublicRead = (request: FastifyRequest, reply: FastifyReply, name: CacheEntryName, load: () => Promise<unknown>) => Promise<FastifyReply>;

export function publicRead(cache: PublicReadCache): PublicRead {
  const send = (reply: FastifyReply, source: 'hit' | 'miss', body: string): FastifyReply =>
    reply.header('x-cache', source).type('application/json; charset=utf-8').send(body);
  return async (request, reply, name, load) => {
    const shared = request.actor === undefined;
    if (shared) {
      const cached = await cache.get(name);
      if (cached !== undefined) return send(reply, 'hit', cached);
    }
    const body = JSON.stringify(await load());
    if (shared) await cache.set(name, body);
    return send(reply, 'miss', body);
  };
}
