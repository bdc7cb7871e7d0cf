import { createHash } from 'node:crypto';
import type { Redis } from '@digicraft/redis';

export interface LoginBackoffOptions {
  readonly redis: Redis;
  readonly prefix: string;
  /** Failures tolerated before the first lock. */
  readonly freeFailures: number;
  readonly baseLockMs?: number;
  readonly maxLockMs?: number;
  /** How long failures are remembered. */
  readonly memoryMs?: number;
}

/**
 * Exponential backoff per e-mail after repeated failed logins: after `freeFailures` failures
 * every further failure locks the e-mail for base·2^k (capped). Keys hold a hash of the
 * e-mail, so Redis never holds the address itself.
 */
export class LoginBackoff {
  private readonly baseLockMs: number;
  private readonly maxLockMs: number;
  private readonly memoryMs: number;

  constructor(private readonly options: LoginBackoffOptions) {
    this.baseLockMs = options.baseLockMs ?? 1_000;
    this.maxLockMs = options.maxLockMs ?? 15 * 60_000;
    this.memoryMs = options.memoryMs ?? 60 * 60_000;
  }

  private keys(email: string): { failures: string; lock: string } {
    const id = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return { failures: `${this.options.prefix}login-fail:${id}`, lock: `${this.options.prefix}login-lock:${id}` };
  }

  /** Milliseconds the e-mail is still locked for, 0 when it may try. */
  async lockedForMs(email: string): Promise<number> {
    const ttl = await this.options.redis.pttl(this.keys(email).lock);
    return ttl > 0 ? ttl : 0;
  }

  async recordFailure(email: string): Promise<void> {
    const { failures, lock } = this.keys(email);
    const [[, count]] = (await this.options.redis.multi().incr(failures).pexpire(failures, this.memoryMs).exec()) as [[null, number]];
    const over = count - this.options.freeFailures;
    if (over > 0) {
      const lockMs = Math.min(this.maxLockMs, this.baseLockMs * 2 ** Math.min(over - 1, 20));
      await this.options.redis.set(lock, '1', 'PX', lockMs);
    }
  }

  async reset(email: string): Promise<void> {
    const { failures, lock } = this.keys(email);
    await this.options.redis.del(failures, lock);
  }
}
