import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '@digicraft/config';
import { createLogger } from '@digicraft/logging';
import type { OutboxEntry } from '@digicraft/messaging';
import { closeRedis, createRedis, type Redis } from '@digicraft/redis';
import { closeStore, connectStore } from '@digicraft/store';
import { gatewayConfigSchema, type GatewayConfig } from '../../src/config';
import { createDownstreamClients, type DownstreamClients } from '../../src/grpc/downstream-clients';
import { buildGatewayApp, type GatewayApp } from '../../src/http/build-app';
import { loadKeyRing } from '../../src/security/signing-keys';
import { createGatewayStore, type GatewayStore } from '../../src/store/gateway-store';
import { HttpClient } from './http-client';

export interface Harness {
  readonly app: FastifyInstance;
  readonly http: HttpClient;
  readonly gateway: GatewayApp;
  readonly store: GatewayStore;
  readonly redis: Redis;
  readonly config: GatewayConfig;
  readonly downstream: DownstreamClients;
  /** Every log line the gateway wrote, raw. */
  readonly logs: string[];
  readonly events: OutboxEntry[];
  close(): Promise<void>;
}

/** A gateway on its own database and Redis key prefix, against the real FerretDB and Redis. */
export async function startHarness(dbName: string, env: Record<string, string> = {}): Promise<Harness> {
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const config = loadConfig(gatewayConfigSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
    MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379',
    MONGO_DB: `${dbName}_${runId}`,
    REDIS_KEY_PREFIX: `test:${dbName}:${runId}:`,
    PASSWORD_HASH_COST: 'fast',
    // Tests pick their client address with X-Forwarded-For to keep rate limits apart.
    TRUST_PROXY: 'true',
    ADMIN_PORT: '9100',
    // Nothing listens on these: downstream calls fail fast with UNAVAILABLE.
    REGISTRATION_GRPC_ADDR: '127.0.0.1:1',
    DOWNSTREAM_DEADLINE_MS: '500',
    // Generous unless a test is about limits.
    RATE_LIMIT_AUTH_PER_CLIENT: '10000',
    RATE_LIMIT_PER_CLIENT: '10000',
    RATE_LIMIT_PER_ACCOUNT: '10000',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ service: 'gateway-test', level: config.LOG_LEVEL, destination: sink });
  const conn = await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB, logger });
  const store = createGatewayStore(conn);
  await store.ensureIndexes();
  const redis = createRedis({ url: config.REDIS_URL, logger, name: 'gateway-test', autoPipelining: true });
  const downstream = createDownstreamClients(
    { registration: config.REGISTRATION_GRPC_ADDR, judging: config.JUDGING_GRPC_ADDR, talent: config.TALENT_GRPC_ADDR, matching: config.MATCHING_GRPC_ADDR },
    config.DOWNSTREAM_DEADLINE_MS,
    logger,
    config.DOWNSTREAM_BULK_DEADLINE_MS,
  );
  const events: OutboxEntry[] = [];
  const gateway = await buildGatewayApp({
    config,
    logger,
    store,
    redis,
    keys: loadKeyRing(config, logger),
    downstream,
    onEventsWritten: (entries) => events.push(...entries),
  });
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  const address = gateway.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    app: gateway.app,
    http: new HttpClient(`http://127.0.0.1:${port}`),
    gateway,
    store,
    redis,
    config,
    downstream,
    logs,
    events,
    close: async () => {
      await gateway.app.close();
      downstream.close();
      const keys = await redis.keys(`${config.REDIS_KEY_PREFIX}*`);
      if (keys.length > 0) await redis.del(...keys);
      await conn.dropDatabase().catch(() => undefined);
      await closeStore(conn);
      await closeRedis(redis);
    },
  };
}
