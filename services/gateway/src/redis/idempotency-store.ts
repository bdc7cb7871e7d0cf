import type { Redis } from '@digicraft/redis';

export interface StoredResponse {
  readonly statusCode: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

interface Record_ {
  readonly bodyHash: string;
  readonly response?: StoredResponse;
}

export type BeginOutcome =
  | { readonly kind: 'started' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'in-progress' }
  | { readonly kind: 'mismatch' };

/**
 * One Redis key per (caller, route, Idempotency-Key). `begin` claims it with SET NX; the first
 * request's response is stored under it for the retention time; a request that fails with a
 * server error releases it so the client can retry.
 */
export class IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(scope: string): string {
    return `${this.prefix}idem:${scope}`;
  }

  async begin(scope: string, bodyHash: string, pendingTtlMs: number): Promise<BeginOutcome> {
    const claimed = await this.redis.set(this.key(scope), JSON.stringify({ bodyHash }), 'PX', pendingTtlMs, 'NX');
    if (claimed === 'OK') return { kind: 'started' };
    const raw = await this.redis.get(this.key(scope));
    if (raw === null) return this.begin(scope, bodyHash, pendingTtlMs);
    const record = JSON.parse(raw) as Record_;
    if (record.bodyHash !== bodyHash) return { kind: 'mismatch' };
    return record.response ? { kind: 'replay', response: record.response } : { kind: 'in-progress' };
  }

  async complete(scope: string, bodyHash: string, response: StoredResponse, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.key(scope), JSON.stringify({ bodyHash, response }), 'EX', ttlSeconds);
  }

  async release(scope: string): Promise<void> {
    await this.redis.del(this.key(scope));
  }
}
