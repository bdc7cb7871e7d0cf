export { createRedis, type RedisOptions } from './create-redis';
export { pingRedis, closeRedis } from './redis-health';
export type { Redis } from 'ioredis';
