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

  /** The marker's key; the admission check reads it in the same round trip as the rate limits. */
  key(sessionId: string): string {
    return `${this.prefix}sid-revoked:${sessionId}`;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.redis.set(this.key(sessionId), '1', 'EX', this.accessTtlSeconds);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(sessionId))) === 1;
  }
}
