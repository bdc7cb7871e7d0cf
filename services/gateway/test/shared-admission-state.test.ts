import { randomUUID } from 'node:crypto';
import { createLogger } from '@digicraft/logging';
import { closeRedis, createRedis, type Redis } from '@digicraft/redis';
import { RevokedSessions } from '../src/redis/revoked-sessions';
import { WindowCounters } from '../src/redis/window-counters';

/**
 * Two gateway instances are two sets of these objects on one Redis: what one instance counts or
 * revokes must hold on the other (after a sync or within the verdict lifetime), and one instance
 * alone must be exact.
 */
describe('gateway: rate-limit windows and revocations shared across instances through Redis', () => {
  let redis: Redis;
  const prefix = `test:gw-shared:${randomUUID().slice(0, 8)}:`;

  beforeAll(() => {
    redis = createRedis({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379', name: 'gw-shared-test', logger: createLogger({ service: 'gw-shared-test', level: 'warn' }) });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await closeRedis(redis);
  });

  it('one instance alone refuses exactly the hit after the limit, before any sync', async () => {
    const counters = new WindowCounters({ redis, windowMs: 60_000, syncMs: 60_000 });
    const verdicts = Array.from({ length: 6 }, () => counters.hit(`${prefix}alone`, 5).allowed);
    expect(verdicts).toEqual([true, true, true, true, true, false]);
    await counters.close();
    expect(await redis.get(`${prefix}alone`)).toBe('6');
  });

  it('hits counted on one instance count against the limit on another once synced', async () => {
    const a = new WindowCounters({ redis, windowMs: 60_000, syncMs: 5 });
    const b = new WindowCounters({ redis, windowMs: 60_000, syncMs: 5 });
    for (let i = 0; i < 7; i += 1) expect(a.hit(`${prefix}client`, 10).allowed).toBe(true);
    await a.sync();
    b.hit(`${prefix}client`, 10);
    await b.sync();
    const third = b.hit(`${prefix}client`, 10);
    expect(third.remaining).toBe(1);
    expect(b.hit(`${prefix}client`, 10).allowed).toBe(true);
    expect(b.hit(`${prefix}client`, 10).allowed).toBe(false);
    expect(third.resetMs).toBeGreaterThan(50_000);
    await Promise.all([a.close(), b.close()]);
  });

  it('a logout on one instance refuses the session there at once and on another within the verdict lifetime', async () => {
    const here = new RevokedSessions(redis, prefix, 900, 200);
    const there = new RevokedSessions(redis, prefix, 900, 200);
    expect(await there.check('sid-1')).toBe(false);
    await here.revoke('sid-1');
    expect(await here.check('sid-1')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await there.check('sid-1')).toBe(true);
  });
});
