import type { Redis } from '@digicraft/redis';

/**
 * Access tokens are stateless, so logout alone would leave them valid until they expire.
 * Revoked session ids (refresh families) are remembered for one access-token lifetime, and the
 * auth check refuses tokens that carry one: logout takes effect at once.
 */
export class RevokedSessions {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly accessTtlSeconds: number,
  ) {}

  async revoke(sessionId: string): Promise<void> {
    await this.redis.set(`${this.prefix}sid-revoked:${sessionId}`, '1', 'EX', this.accessTtlSeconds);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}sid-revoked:${sessionId}`)) === 1;
  }
}
