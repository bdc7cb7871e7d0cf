import type { Redis } from '@digicraft/redis';

interface Verdict {
  readonly revoked: boolean;
  readonly until: number;
}

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
  private readonly verdicts = new Map<string, Verdict>();
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly accessTtlSeconds: number,
    private readonly verdictMs = 1_000,
    private readonly maxVerdicts = 100_000,
  ) {}

  key(sessionId: string): string {
    return `${this.prefix}sid-revoked:${sessionId}`;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.redis.set(this.key(sessionId), '1', 'EX', this.accessTtlSeconds);
    this.remember(sessionId, true, Date.now());
  }

  /** Asks Redis (no remembered verdict): for callers that must not accept any delay. */
  async isRevoked(sessionId: string): Promise<boolean> {
    const revoked = (await this.redis.exists(this.key(sessionId))) === 1;
    this.remember(sessionId, revoked, Date.now());
    return revoked;
  }

  /** The remembered verdict while it holds, else Redis's; throws when Redis cannot be asked. */
  async check(sessionId: string, now = Date.now()): Promise<boolean> {
    const known = this.verdicts.get(sessionId);
    if (known !== undefined && known.until > now) return known.revoked;
    const inFlight = this.asking.get(sessionId);
    if (inFlight !== undefined) return inFlight;
    const asked = this.isRevoked(sessionId).finally(() => this.asking.delete(sessionId));
    this.asking.set(sessionId, asked);
    return asked;
  }

  private remember(sessionId: string, revoked: boolean, now: number): void {
    // An answer asked before a logout here may arrive after it: never let it undo the logout.
    const known = this.verdicts.get(sessionId);
    if (!revoked && known?.revoked === true && known.until > now) return;
    if (this.verdicts.size >= this.maxVerdicts) this.verdicts.clear();
    this.verdicts.set(sessionId, { revoked, until: now + (revoked ? this.accessTtlSeconds * 1000 : this.verdictMs) });
  }
}
