import type mongoose from 'mongoose';
import { loadConfigOrExit, serviceConfigSchema, type ServiceConfig } from '@digicraft/config';
import type { DigiCraftGrpcServer } from '@digicraft/grpc';
import { createLogger, type Logger } from '@digicraft/logging';
import type { Redis } from '@digicraft/redis';
import type { OutboxRelay, Subscriber } from '@digicraft/messaging';
import { grpcServerPart } from './parts/grpc-server-part';
import { messagingPart } from './parts/messaging-part';
import { redisPart } from './parts/redis-part';
import { storePart } from './parts/store-part';
import { runService, type RunningService } from './service-runtime';

/** What a service's parts can reach once they have started. */
export interface ServiceContext {
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly connection: mongoose.Connection;
  readonly redis: Redis;
  readonly relay: OutboxRelay;
}

/** Everything that differs between services; the rest of the wiring is the same for all. */
export interface StandardServiceSpec {
  readonly name: string;
  /** The service's own database, e.g. `digicraft_registration`. */
  readonly database: string;
  readonly registerModels?: (connection: mongoose.Connection) => void;
  readonly outboxCollections?: readonly string[];
  readonly consume?: (subscriber: Subscriber, context: ServiceContext) => void;
  readonly registerGrpc?: (server: DigiCraftGrpcServer, context: ServiceContext) => void;
}

/**
 * Starts a service the way every DigiCraft service starts: validated config, logger, store (with
 * its indexes), Redis, Kafka (publisher, outbox relay, consumer), gRPC server with health, and
 * the admin port — in that order, stopped in reverse on SIGTERM/SIGINT.
 */
export async function startStandardService(
  spec: StandardServiceSpec,
  env: NodeJS.ProcessEnv = process.env,
  options: { readonly exitOnStop?: boolean } = {},
): Promise<RunningService> {
  const config = loadConfigOrExit(serviceConfigSchema, env);
  const logger = createLogger({ service: spec.name, level: config.LOG_LEVEL });
  const store = storePart({ url: config.MONGO_URL, dbName: spec.database, logger, registerModels: spec.registerModels });
  const redis = redisPart({ url: config.REDIS_URL, logger, name: spec.name });
  let context: ServiceContext | undefined;
  const contextNow = (): ServiceContext => {
    context ??= { config, logger, connection: store.connection, redis: redis.client, relay: messaging.relay };
    return context;
  };
  const messaging = messagingPart({
    serviceName: spec.name,
    brokers: config.KAFKA_BROKERS,
    logger,
    connection: () => store.connection,
    outboxCollections: spec.outboxCollections ?? [],
    stopTimeoutMs: Math.floor(config.SHUTDOWN_TIMEOUT_MS / 2),
    consume: spec.consume && ((subscriber) => spec.consume?.(subscriber, contextNow())),
  });
  const grpc = grpcServerPart({
    serviceName: spec.name,
    logger,
    host: config.BIND_HOST,
    port: config.GRPC_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    register: (server) => spec.registerGrpc?.(server, contextNow()),
  });
  return runService({
    name: spec.name,
    logger,
    adminPort: config.ADMIN_PORT,
    bindHost: config.BIND_HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    parts: [store, redis, messaging, grpc],
    checks: [store, redis, ...messaging.checks],
    exitOnStop: options.exitOnStop,
  });
}

/** For main.ts: a start failure is logged to stderr and ends the process with a non-zero code. */
export function runStandardService(spec: StandardServiceSpec): void {
  startStandardService(spec).catch((err: unknown) => {
    process.stderr.write(`${spec.name} failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
