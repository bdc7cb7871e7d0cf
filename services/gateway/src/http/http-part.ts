import type { FastifyInstance } from 'fastify';
import type { Logger } from '@digicraft/logging';
import type { OutboxEntry } from '@digicraft/messaging';
import type { Redis } from '@digicraft/redis';
import type { ReadinessCheck, ServicePart } from '@digicraft/runtime';
import { bootstrapAdmin } from '../app/bootstrap-admin';
import type { GatewayConfig } from '../config';
import { createDownstreamClients, type DownstreamClients } from '../grpc/downstream-clients';
import type { PublicReadCache } from '../redis/public-read-cache';
import type { KeyRing } from '../security/signing-keys';
import type { GatewayStore } from '../store/gateway-store';
import { buildGatewayApp } from './build-app';

export interface HttpPartOptions {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  readonly keys: KeyRing;
  /** Read when the part starts, after the store, Redis and messaging parts. */
  readonly store: () => GatewayStore;
  readonly redis: () => Redis;
  readonly publicCache: () => PublicReadCache;
  readonly onEventsWritten: (entries: readonly OutboxEntry[]) => void;
  readonly checks: readonly ReadinessCheck[];
}

export interface HttpPart extends ServicePart {
  /** The bound port (HTTP_PORT, or the one the OS chose for 0); only valid once started. */
  readonly port: number;
}

/**
 * The public HTTP server, the gateway's own part next to the shared ones: it starts last so it
 * takes no request it cannot serve, and stops first so in-flight requests finish before the
 * store, Redis and Kafka close.
 */
export function httpPart(options: HttpPartOptions): HttpPart {
  const { config, logger } = options;
  let app: FastifyInstance | undefined;
  let downstream: DownstreamClients | undefined;
  let port: number | undefined;
  return {
    name: 'http',
    get port() {
      if (port === undefined) throw new Error('the http part has not started');
      return port;
    },
    async start() {
      downstream = createDownstreamClients(
        {
          registration: config.REGISTRATION_GRPC_ADDR,
          judging: config.JUDGING_GRPC_ADDR,
          talent: config.TALENT_GRPC_ADDR,
          matching: config.MATCHING_GRPC_ADDR,
        },
        config.DOWNSTREAM_DEADLINE_MS,
        logger,
        config.DOWNSTREAM_BULK_DEADLINE_MS,
      );
      const store = options.store();
      const built = await buildGatewayApp({
        config,
        logger,
        store,
        redis: options.redis(),
        publicCache: options.publicCache(),
        keys: options.keys,
        downstream,
        checks: options.checks,
        onEventsWritten: options.onEventsWritten,
      });
      if (config.BOOTSTRAP_ADMIN_EMAIL !== undefined && config.BOOTSTRAP_ADMIN_PASSWORD !== undefined) {
        const outcome = await bootstrapAdmin(store, built.auth, config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD);
        logger.info({ outcome }, 'bootstrap admin checked');
      }
      app = built.app;
      await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
      const address = app.server.address();
      port = typeof address === 'object' && address !== null ? address.port : config.HTTP_PORT;
      logger.info({ port, host: config.HTTP_HOST }, 'HTTP server listening');
    },
    async stop() {
      await app?.close();
      downstream?.close();
    },
  };
}
