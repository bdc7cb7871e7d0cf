import { randomUUID } from 'node:crypto';
import { createLogger } from '@digicraft/logging';
import { closeRedis, createRedis, pingRedis, type Redis } from '../src';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:16379';
const logLines: string[] = [];
const logger = createLogger({ service: 'redis-test', destination: { write: (l: string) => void logLines.push(l) } });

describe('createRedis against the real server', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = createRedis({ url, logger, name: 'redis-test' });
  });
  afterAll(() => closeRedis(redis));

  it('answers a ping and logs that it is ready', async () => {
    await pingRedis(redis);
    expect(logLines.join('')).toContain('redis ready');
  });

  it('round-trips a value with a TTL', async () => {
    const key = `test:redis:${randomUUID()}`;
    await redis.set(key, 'medal:gold', 'EX', 30);
    expect(await redis.get(key)).toBe('medal:gold');
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
    await redis.del(key);
    expect(await redis.get(key)).toBeNull();
  });

  it('names its connection so operators can find it in CLIENT LIST', async () => {
    expect(await redis.client('GETNAME')).toBe('redis-test');
  });
});

describe('closeRedis', () => {
  it('closes the connection; later commands fail instead of hanging', async () => {
    const redis = createRedis({ url, logger });
    await pingRedis(redis);
    await closeRedis(redis);
    expect(redis.status).toBe('end');
    await expect(pingRedis(redis)).rejects.toMatchObject({ code: 'DC_ERR_UNAVAILABLE' });
    await closeRedis(redis); // closing twice is harmless
  });
});

describe('when Redis is unreachable', () => {
  it('fails a ping quickly instead of queueing it forever', async () => {
    const redis = createRedis({ url: 'redis://:pw-secret@127.0.0.1:1', logger, name: 'unreachable' });
    const started = Date.now();
    await expect(pingRedis(redis)).rejects.toMatchObject({ code: 'DC_ERR_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(3_000);
    await closeRedis(redis);
    expect(logLines.join('')).not.toContain('pw-secret');
  });
});
