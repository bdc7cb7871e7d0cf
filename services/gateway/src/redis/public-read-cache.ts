import type { Redis } from '@digicraft/redis';

/**
 * Where a cached public read lives: a group (what one event invalidates at once) and the variant
 * within it (query parameters, page). A plain string `<group>:<variant>` names the same thing, with
 * the group being the text before the first `:`.
 */
export interface CacheEntryName {
  readonly group: string;
  readonly variant: string;
}

/** The groups the events invalidate; routes name their entries through these. */
export const publicCacheNames = {
  /** Every page and filter of GET /v1/competitions: any competition change can move any page. */
  competitionList: (variant: string): CacheEntryName => ({ group: 'competitions', variant }),
  /** GET /v1/competitions/{id} (and anything else about that one competition). */
  competition: (competitionId: string, variant = ''): CacheEntryName => ({ group: `competition:${competitionId}`, variant }),
  /** Published results of one track. */
  trackResults: (competitionId: string, trackId: string, variant = ''): CacheEntryName => ({
    group: `results:${competitionId}:${trackId}`,
    variant,
  }),
  /** Results across a competition's tracks. */
  competitionResults: (competitionId: string, variant = ''): CacheEntryName => ({ group: `results:${competitionId}`, variant }),
} as const;

function nameOf(name: string | CacheEntryName): CacheEntryName {
  if (typeof name !== 'string') return name;
  const colon = name.indexOf(':');
  return colon < 0 ? { group: name, variant: '' } : { group: name.slice(0, colon), variant: name.slice(colon + 1) };
}

/**
 * Fills only when no invalidation happened recently: a read that went downstream before an
 * event and answers after it must not put the old body back for a whole TTL.
 */
const FILL_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3], 'NX')
return 1
`;

interface LocalCopy {
  readonly body: string;
  readonly until: number;
}

/**
 * Anonymous public reads (published competitions, published results) cached as serialized
 * response bodies. Each group is one Redis hash, so an event invalidates a group with one DEL
 * (no KEYS/SCAN over the keyspace) and a read is one HGET. A group lives at most `ttlSeconds`
 * after its first fill, which bounds staleness should an event be lost. Redis trouble only costs
 * the cache, never the request.
 *
 * In front of Redis each instance keeps what it read or filled for at most `localMs`: a popular
 * page then costs one HGET a second instead of one per request. The instance that handles an
 * invalidating event drops its copies at once; other instances serve theirs for at most
 * `localMs` more.
 */
export class PublicReadCache {
  private readonly local = new Map<string, Map<string, LocalCopy>>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    /** Longer than any downstream deadline, so no fill that started before an invalidation lands. */
    private readonly fenceMs = 10_000,
    private readonly localMs = 1_000,
    private readonly maxLocalGroups = 10_000,
  ) {}

  private groupKey(group: string): string {
    return `${this.prefix}cache:${group}`;
  }

  private fenceKey(group: string): string {
    return `${this.prefix}cache-fence:${group}`;
  }

  async get(name: string | CacheEntryName): Promise<string | undefined> {
    const { group, variant } = nameOf(name);
    const now = Date.now();
    const copy = this.local.get(group)?.get(variant);
    if (copy !== undefined && copy.until > now) return copy.body;
    try {
      const body = (await this.redis.hget(this.groupKey(group), variant)) ?? undefined;
      if (body !== undefined) this.keep(group, variant, body, now);
      return body;
    } catch {
      return undefined;
    }
  }

  async set(name: string | CacheEntryName, body: string): Promise<void> {
    const { group, variant } = nameOf(name);
    try {
      const filled = await this.redis.eval(FILL_SCRIPT, 2, this.groupKey(group), this.fenceKey(group), variant, body, String(this.ttlSeconds));
      if (filled === 1) this.keep(group, variant, body, Date.now());
    } catch {
      // A missed cache write just means the next read goes downstream.
    }
  }

  private keep(group: string, variant: string, body: string, now: number): void {
    let copies = this.local.get(group);
    if (copies === undefined) {
      if (this.local.size >= this.maxLocalGroups) this.local.clear();
      copies = new Map();
      this.local.set(group, copies);
    }
    if (copies.size >= this.maxLocalGroups) copies.clear();
    copies.set(variant, { body, until: now + this.localMs });
  }

  /** Drops every entry of the groups and fences them against late fills. Idempotent. */
  async invalidate(groups: readonly string[]): Promise<void> {
    if (groups.length === 0) return;
    for (const group of groups) this.local.delete(group);
    const pipeline = this.redis.multi();
    for (const group of groups) {
      pipeline.del(this.groupKey(group));
      pipeline.set(this.fenceKey(group), '1', 'PX', this.fenceMs);
    }
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err !== null);
    if (failed?.[0]) throw failed[0];
  }
}

/** The gateway's cache as configured: its fence outlasts the deadline of the reads that fill it. */
export function configuredPublicReadCache(
  redis: Redis,
  config: { readonly REDIS_KEY_PREFIX: string; readonly PUBLIC_CACHE_TTL_SECONDS: number; readonly DOWNSTREAM_DEADLINE_MS: number },
): PublicReadCache {
  return new PublicReadCache(redis, config.REDIS_KEY_PREFIX, config.PUBLIC_CACHE_TTL_SECONDS, config.DOWNSTREAM_DEADLINE_MS + 1_000);
}
