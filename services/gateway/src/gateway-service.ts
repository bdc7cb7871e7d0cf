import { ConfigError, loadConfigOrExit } from '@digicraft/config';
import { createLogger, type Logger } from '@digicraft/logging';
import type { EventDefinition } from '@digicraft/messaging';
import { messagingPart, redisPart, runService, storePart, type RunningService, type ServicePart } from '@digicraft/runtime';
import { startExpirySweeper } from './app/expiry-sweeper';
import { gatewayConfigSchema, type GatewayConfig } from './config';
import { registerPublicCacheInvalidation } from './events/public-cache-invalidation';
import { httpPart } from './http/http-part';
import { configuredPublicReadCache, type PublicReadCache } from './redis/public-read-cache';
import { loadKeyRing, type KeyRing } from './security/signing-keys';
import { ACCOUNTS_COLLECTION } from './store/account-models';
import { createGatewayStore, type GatewayStore } from './store/gateway-store';

export interface GatewayStartOptions {
  /** Tests pass false so the process survives the service's stop. */
  readonly exitOnStop?: boolean;
  /** Tests consume from per-run topics; production uses the catalogue's topics. */
  readonly topicFor?: (definition: EventDefinition<unknown>) => string;
}

export interface RunningGateway extends RunningService {
  readonly config: GatewayConfig;
  /** The public HTTP port as bound. */
  readonly httpPort: number;
}

/** EX_CONFIG like a bad variable: a key that cannot be read is a configuration error. */
function loadKeysOrExit(config: GatewayConfig, logger: Logger): KeyRing {
  try {
    return loadKeyRing(config, logger);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return process.exit(78);
  }
}

/**
 * The gateway process: the shared store, Redis and messaging parts (outbox relay for
 * account.created, the "gateway" consumer group that invalidates the public read cache), the
 * expiry sweeper and the public HTTP server, with the admin port of every service.
 */
export async function startGateway(env: NodeJS.ProcessEnv = process.env, options: GatewayStartOptions = {}): Promise<RunningGateway> {
  const config = loadConfigOrExit(gatewayConfigSchema, env);
  const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const keys = loadKeysOrExit(config, logger);

  let gatewayStore: GatewayStore | undefined;
  const store = storePart({
    url: config.MONGO_URL,
    dbName: config.MONGO_DB,
    logger,
    registerModels: (connection) => void (gatewayStore = createGatewayStore(connection)),
  });
  const storeNow = (): GatewayStore => {
    if (gatewayStore === undefined) throw new Error('the store part has not started');
    return gatewayStore;
  };
  // Every request asks Redis something (limits, cache): batch what concurrent requests ask.
  const redis = redisPart({ url: config.REDIS_URL, logger, name: config.SERVICE_NAME, autoPipelining: true });
  // One cache for the routes and the invalidating consumer, so an event drops this process's copies at once.
  let publicCache: PublicReadCache | undefined;
  const publicCacheNow = (): PublicReadCache =>
    (publicCache ??= configuredPublicReadCache(redis.client, config));
  const messaging = messagingPart({
    serviceName: config.SERVICE_NAME,
    brokers: config.KAFKA_BROKERS,
    logger,
    connection: () => store.connection,
    outboxCollections: [ACCOUNTS_COLLECTION],
    stopTimeoutMs: Math.floor(config.SHUTDOWN_TIMEOUT_MS / 2),
    consume: (subscriber) => registerPublicCacheInvalidation(subscriber, publicCacheNow(), { topicFor: options.topicFor }),
  });
  let stopSweeper: (() => void) | undefined;
  const sweeper: ServicePart = {
    name: 'expiry-sweeper',
    start: async () => void (stopSweeper = startExpirySweeper(storeNow(), logger)),
    stop: async () => stopSweeper?.(),
  };
  const checks = [store, redis, ...messaging.checks];
  const http = httpPart({
    config,
    logger,
    keys,
    store: storeNow,
    redis: () => redis.client,
    publicCache: publicCacheNow,
    onEventsWritten: (entries) => messaging.relay.enqueue(entries),
    checks,
  });

  const running = await runService({
    name: config.SERVICE_NAME,
    logger,
    adminPort: config.ADMIN_PORT,
    bindHost: config.BIND_HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    parts: [store, redis, messaging, sweeper, http],
    checks,
    exitOnStop: options.exitOnStop,
  });
  return { ...running, config, httpPort: http.port };
}
