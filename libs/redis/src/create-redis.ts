import { Redis } from 'ioredis';
import type { Logger } from '@digicraft/logging';

export interface RedisOptions {
  /** `redis://[:password@]host:port[/db]` */
  readonly url: string;
  readonly logger: Logger;
  /** Shown in `CLIENT LIST` and in our logs; defaults to `digicraft`. */
  readonly name?: string;
  /**
   * Sends the commands issued during one event-loop turn as one write (ioredis auto-pipelining).
   * For hot paths where many concurrent requests each ask Redis something: fewer syscalls and
   * fewer server wake-ups per request, same results and order per caller. Default off.
   */
  readonly autoPipelining?: boolean;
}

const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * A client that fails fast: once it has been ready, commands issued while the connection is
 * down reject at once instead of queueing, so a request waiting on Redis gets an error rather
 * than hanging. Reconnection keeps going with a capped backoff, and readiness reports the outage.
 */
export function createRedis(options: RedisOptions): Redis {
  const name = options.name ?? 'digicraft';
  const log = options.logger.child({ component: 'redis', redis: name });
  const redis = new Redis(options.url, {
    connectionName: name,
    // Redis 7.0 rejects CLIENT SETINFO, which ioredis >= 5.8 sends on connect.
    disableClientInfo: true,
    lazyConnect: false,
    // Before the first ready, commands wait for the connection (start-up order does not matter).
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    // ioredis arms this timer even when the socket is already gone; keep shutdown short.
    disconnectTimeout: 500,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 10), MAX_RECONNECT_DELAY_MS),
    keyPrefix: '',
    enableAutoPipelining: options.autoPipelining ?? false,
  });
  let lastError = '';
  redis.on('ready', () => {
    redis.options.enableOfflineQueue = false;
    lastError = '';
    log.info('redis ready');
  });
  redis.on('error', (err: Error) => {
    // A dead server reports the same error on every reconnect; log each distinct error once.
    if (err.message === lastError) return;
    lastError = err.message;
    log.warn({ err: { message: err.message } }, 'redis error');
  });
  redis.on('end', () => log.info('redis connection closed'));
  return redis;
}
