/**
 * The platform is eventually consistent between services (a registration reaches judging as a
 * Kafka event), so a client waits for the state it depends on, with a deadline and a message
 * that says what it waited for; it never sleeps a fixed time and hopes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from './http-client';

/**
 * Repeats `call` while the platform answers a problem that `notYet` recognises as "this service
 * has not heard of it yet" (a stable code, e.g. judging's 404 DC_ERR_NOT_FOUND for a competition
 * whose competition.published it has not consumed). Such an answer changed nothing, so repeating
 * the request is safe. Any other error fails at once.
 */
export async function onceKnown<T>(what: string, call: () => Promise<T>, notYet: (error: ApiError) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 200; ; delay = Math.min(1000, delay * 2)) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || !notYet(error)) throw error;
      if (Date.now() + delay > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; the platform still answers ${error.message}`);
    }
    await sleep(delay);
  }
}
