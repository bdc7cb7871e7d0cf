import type { FastifyInstance } from 'fastify';
import type { Connection } from 'mongoose';
import { ConfigError, loadConfigOrExit } from '@digicraft/config';
import { createLogger } from '@digicraft/logging';
import { createKafka, createOutboxRelay, createPublisher, type OutboxRelay, type Publisher } from '@digicraft/messaging';
import { closeRedis, createRedis, pingRedis, type Redis } from '@digicraft/redis';
import { runService, type ServicePart } from '@digicraft/runtime';
import { closeStore, connectStore, pingStore } from '@digicraft/store';
import { bootstrapAdmin } from './app/bootstrap-admin';
import { startExpirySweeper } from './app/expiry-sweeper';
import { gatewayConfigSchema } from './config';
import { createDownstreamClients, type DownstreamClients } from './grpc/downstream-clients';
import { buildGatewayApp } from './http/build-app';
import { loadKeyRing, type KeyRing } from './security/signing-keys';
import { ACCOUNTS_COLLECTION } from './store/account-models';
import { createGatewayStore, type GatewayStore } from './store/gateway-store';

/** Wiring only: config → logger → store → Redis → Kafka outbox relay → gRPC clients → HTTP. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(gatewayConfigSchema);
  const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  let keys: KeyRing;
  try {
    keys = loadKeyRing(config, logger);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }

  let conn: Connection | undefined;
  let store: GatewayStore | undefined;
  let redis: Redis | undefined;
  let publisher: Publisher | undefined;
  let relay: OutboxRelay | undefined;
  let downstream: DownstreamClients | undefined;
  let http: FastifyInstance | undefined;
  let stopSweeper: (() => void) | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started`);
    return value;
  };

  const parts: ServicePart[] = [
    {
      name: 'store',
      start: async () => {
        conn = await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB, logger });
        store = createGatewayStore(conn);
        await store.ensureIndexes();
        stopSweeper = startExpirySweeper(store, logger);
      },
      stop: async () => {
        stopSweeper?.();
        if (conn) await closeStore(conn);
      },
    },
    {
      name: 'redis',
      start: async () => {
        redis = createRedis({ url: config.REDIS_URL, logger, name: 'gateway' });
        await pingRedis(redis);
      },
      stop: async () => {
        if (redis) await closeRedis(redis);
      },
    },
    {
      name: 'outbox-relay',
      start: async () => {
        const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.SERVICE_NAME, logger });
        publisher = createPublisher(kafka, { source: config.SERVICE_NAME, logger });
        const db = need(conn, 'store').db;
        if (db === undefined) throw new Error('store has no database handle');
        relay = createOutboxRelay({ db, publisher, collections: [ACCOUNTS_COLLECTION], logger });
        relay.start();
      },
      stop: async () => {
        await relay?.stop();
        await publisher?.disconnect();
      },
    },
    {
      name: 'http',
      start: async () => {
        downstream = createDownstreamClients(
          {
            registration: config.REGISTRATION_GRPC_ADDR,
            judging: config.JUDGING_GRPC_ADDR,
            talent: config.TALENT_GRPC_ADDR,
            matching: config.MATCHING_GRPC_ADDR,
          },
          config.DOWNSTREAM_DEADLINE_MS,
          logger,
        );
        const built = await buildGatewayApp({
          config,
          logger,
          store: need(store, 'store'),
          redis: need(redis, 'redis'),
          keys,
          downstream,
          checks,
          onEventsWritten: (entries) => relay?.enqueue(entries),
        });
        if (config.BOOTSTRAP_ADMIN_EMAIL !== undefined && config.BOOTSTRAP_ADMIN_PASSWORD !== undefined) {
          const outcome = await bootstrapAdmin(need(store, 'store'), built.auth, config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD);
          logger.info({ outcome }, 'bootstrap admin checked');
        }
        http = built.app;
        await http.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
      },
      stop: async () => {
        await http?.close();
        downstream?.close();
      },
    },
  ];
  const checks = [
    { name: 'mongodb', check: () => pingStore(need(conn, 'store')) },
    { name: 'redis', check: () => pingRedis(need(redis, 'redis')) },
  ];

  await runService({
    name: config.SERVICE_NAME,
    logger,
    adminPort: config.ADMIN_PORT,
    bindHost: config.BIND_HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    parts,
    checks,
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
