import type { Redis } from 'ioredis';
import { UnavailableError } from '@digicraft/errors';

/** Round trip for readiness checks; rejects with UnavailableError when Redis does not answer. */
export async function pingRedis(redis: Redis): Promise<void> {
  let reply: string;
  try {
    reply = await redis.ping();
  } catch (err) {
    throw new UnavailableError('Redis', err);
  }
  if (reply !== 'PONG') throw new UnavailableError('Redis', new Error(`unexpected PING reply ${reply}`));
}

const QUIT_TIMEOUT_MS = 2_000;

/**
 * Sends QUIT when connected (replies still pending are delivered first) and resolves once the
 * socket is closed; when not connected, or QUIT takes too long, it just drops the socket.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'reconnecting' || redis.status === 'wait') {
    // No socket is open; this cancels the pending reconnect (ioredis emits no 'end' here).
    redis.disconnect(false);
    return;
  }
  const ended = new Promise<void>((resolve) => redis.once('end', () => resolve()));
  const timer = setTimeout(() => redis.disconnect(false), QUIT_TIMEOUT_MS);
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect(false));
  else redis.disconnect(false);
  await ended;
  clearTimeout(timer);
}
