import type { Redis } from '@digicraft/redis';
import { TtlCache } from '@digicraft/store';

/**
 * Access tokens are stateless, so logout alone would leave them valid until they expire.
 * Revoked session ids (refresh families) are remembered in Redis for one access-token lifetime,
 * and the auth check refuses tokens that carry one.
 *
 * Each instance remembers the verdicts it read: "revoked" for good, "not revoked" for
 * `verdictMs` (asked again after that, one question per session however many requests wait).
 * A logout on this instance takes effect here at once; on other instances within `verdictMs`.
 * That keeps a Redis round trip off every authenticated request.
 */
export class RevokedSessions {
  /** Revocations seen here, until their tokens have expired; checked before any recent answer. */
  private readonly revokedUntil = new Map<string, number>();
  private readonly recent: TtlCache<boolean>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly accessTtlSeconds: number,
    verdictMs = 1_000,
    private readonly maxVerdicts = 100_000,
  ) {
    this.recent = new TtlCache(verdictMs, maxVerdicts);
  }

  key(sessionId: string): string {
    return `${this.prefix}sid-revoked:${sessionId}`;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.redis.set(this.key(sessionId), '1', 'EX', this.accessTtlSeconds);
    this.rememberRevoked(sessionId);
  }

  /** Asks Redis (no remembered verdict): for callers that must not accept any delay. */
  async isRevoked(sessionId: string): Promise<boolean> {
    const revoked = (await this.redis.exists(this.key(sessionId))) === 1;
    if (revoked) this.rememberRevoked(sessionId);
    return revoked;
  }

  /**
   * The remembered verdict while it holds, else Redis's; throws when Redis cannot be asked. A
   * "not revoked" answer asked before a logout here cannot undo it: revocations are looked at first.
   */
  check(sessionId: string): Promise<boolean> {
    const until = this.revokedUntil.get(sessionId);
    if (until !== undefined && until > Date.now()) return Promise.resolve(true);
    return this.recent.get(sessionId, () => this.isRevoked(sessionId));
  }

  private rememberRevoked(sessionId: string): void {
    if (this.revokedUntil.size >= this.maxVerdicts) this.revokedUntil.clear();
    this.revokedUntil.set(sessionId, Date.now() + this.accessTtlSeconds * 1000);
  }
}
