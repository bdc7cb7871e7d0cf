import type { Redis } from '@digicraft/redis';

/**
 * Anonymous public reads (published competitions, later published results) cached as the
 * serialized response. Entries expire after a short TTL; invalidation by the events that change
 * them (competition.published, judging.results-*) arrives with the services that publish them.
 * Redis trouble only costs the cache, never the request.
 */
export class PublicReadCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key(name: string): string {
    return `${this.prefix}cache:${name}`;
  }

  async get(name: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.key(name))) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(name: string, body: string): Promise<void> {
    try {
      await this.redis.set(this.key(name), body, 'EX', this.ttlSeconds);
    } catch {
      // A missed cache write just means the next read goes downstream.
    }
  }

  async invalidate(prefix: string): Promise<void> {
    const keys = await this.redis.keys(`${this.key(prefix)}*`);
    if (keys.length > 0) await this.redis.del(...keys);
  }
}
