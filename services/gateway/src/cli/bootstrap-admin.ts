import { loadConfigOrExit } from '@digicraft/config';
import { DigiCraftError } from '@digicraft/errors';
import { createLogger } from '@digicraft/logging';
import { closeRedis, createRedis } from '@digicraft/redis';
import { closeStore, connectStore } from '@digicraft/store';
import { AuthService } from '../app/auth-service';
import { bootstrapAdmin } from '../app/bootstrap-admin';
import { SessionIssuer } from '../app/session-issuer';
import { gatewayConfigSchema } from '../config';
import { LoginBackoff } from '../redis/login-backoff';
import { RevokedSessions } from '../redis/revoked-sessions';
import { loadKeyRing } from '../security/signing-keys';
import { createGatewayStore } from '../store/gateway-store';

/**
 * `node services/gateway/dist/cli/bootstrap-admin.js` with BOOTSTRAP_ADMIN_EMAIL and
 * BOOTSTRAP_ADMIN_PASSWORD (plus the gateway's usual MONGO_URL, REDIS_URL, KAFKA_BROKERS):
 * creates the first admin, or promotes that e-mail's account. Running it twice is harmless.
 * The account.created event rides in the account document; the running gateway's relay sweep
 * publishes it.
 */
async function run(): Promise<number> {
  const config = loadConfigOrExit(gatewayConfigSchema);
  const logger = createLogger({ service: `${config.SERVICE_NAME}-bootstrap`, level: config.LOG_LEVEL });
  if (config.BOOTSTRAP_ADMIN_EMAIL === undefined || config.BOOTSTRAP_ADMIN_PASSWORD === undefined) {
    process.stderr.write('Set BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD\n');
    return 64;
  }
  const conn = await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB, logger });
  const redis = createRedis({ url: config.REDIS_URL, logger, name: 'gateway-bootstrap' });
  try {
    const store = createGatewayStore(conn);
    await store.ensureIndexes();
    const keys = loadKeyRing(config, logger);
    const issuer = new SessionIssuer({
      sessions: store.sessions,
      signingKey: keys.signing,
      issuer: config.JWT_ISSUER,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    });
    const auth = new AuthService({
      store,
      issuer,
      backoff: new LoginBackoff({ redis, prefix: config.REDIS_KEY_PREFIX, freeFailures: config.LOGIN_FAILURES_BEFORE_BACKOFF }),
      revoked: new RevokedSessions(redis, config.REDIS_KEY_PREFIX, config.ACCESS_TOKEN_TTL_SECONDS),
      hashCost: config.PASSWORD_HASH_COST === 'fast' ? 'fast' : 'standard',
      onEventsWritten: () => undefined,
    });
    const outcome = await bootstrapAdmin(store, auth, config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD);
    process.stdout.write(`bootstrap admin: ${outcome}\n`);
    return 0;
  } finally {
    await closeStore(conn);
    await closeRedis(redis);
  }
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const fields = err instanceof DigiCraftError ? err.fields.map((f) => `\n  - ${f.field}: ${f.message}`).join('') : '';
    process.stderr.write(`bootstrap failed: ${err instanceof Error ? err.message : String(err)}${fields}\n`);
    process.exit(1);
  },
);
