import type { Logger } from '@digicraft/logging';
import type { GatewayStore } from '../store/gateway-store';

/**
 * TTL indexes are not available (FerretDB), so expired refresh tokens, their markers and
 * invitations are deleted periodically; each pass is a few deleteMany statements.
 */
export function startExpirySweeper(store: GatewayStore, logger: Logger, intervalMs = 15 * 60_000): () => void {
  const sweep = async (): Promise<void> => {
    const now = new Date();
    const removed = (await store.sessions.sweepExpired(now)) + (await store.invitations.sweepExpired(now));
    if (removed > 0) logger.info({ removed }, 'expired sessions and invitations removed');
  };
  const timer = setInterval(() => {
    sweep().catch((err: unknown) => logger.warn({ err: { message: (err as Error).message } }, 'expiry sweep failed'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
