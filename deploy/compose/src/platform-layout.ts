/**
 * What docker-compose.yml must describe, in one place: entry names, the ports each service
 * listens on inside its container, and the environment every platform service reads at start.
 * The validator compares the compose file against this; it never reads the file itself.
 */

/** Compose entry names of the infrastructure, as the services' URLs spell them. */
export const INFRA = Object.freeze({
  mongo: 'mongo',
  kafka: 'kafka',
  redis: 'redis',
  /** One-shot entry that creates the platform's Kafka topics and exits. */
  provision: 'kafka-init',
});

/** Image references must start with one of these (a tag line, never `latest`). */
export const INFRA_IMAGE_PATTERNS: Readonly<Record<string, RegExp>> = Object.freeze({
  [INFRA.mongo]: /^mongo:7(\.|-|$)/,
  [INFRA.kafka]: /^apache\/kafka:3\.9(\.|-|$)/,
  [INFRA.redis]: /^redis:7(\.|-|$)/,
  [INFRA.provision]: /^apache\/kafka:3\.9(\.|-|$)/,
});

export interface ServicePorts {
  readonly grpc?: number;
  readonly admin: number;
  readonly http?: number;
}

/**
 * Port defaults from the issue; containers listen on these, only 127.0.0.1 ever publishes them.
 * The gateway serves HTTP only (its config omits GRPC_PORT).
 */
export const SERVICE_PORTS: Readonly<Record<string, ServicePorts>> = Object.freeze({
  gateway: { http: 8080, admin: 9100 },
  registration: { grpc: 50051, admin: 9101 },
  judging: { grpc: 50052, admin: 9102 },
  'talent-pool': { grpc: 50053, admin: 9103 },
  matching: { grpc: 50054, admin: 9104 },
});

export const GATEWAY = 'gateway';

/** The gateway's address variables and the compose entry each must point at. */
export const GATEWAY_UPSTREAMS: Readonly<Record<string, string>> = Object.freeze({
  REGISTRATION_GRPC_ADDR: 'registration',
  JUDGING_GRPC_ADDR: 'judging',
  TALENT_GRPC_ADDR: 'talent-pool',
  MATCHING_GRPC_ADDR: 'matching',
});

/**
 * Read by every service's config schema (libs/config serviceConfigSchema). BIND_HOST: inside a
 * container a server on 127.0.0.1 is reachable neither from other containers nor through a
 * published port, so every service is told to listen on all of its container's interfaces.
 */
export const REQUIRED_SERVICE_ENV = Object.freeze(['SERVICE_NAME', 'KAFKA_BROKERS', 'MONGO_URL', 'REDIS_URL', 'ADMIN_PORT', 'BIND_HOST']);

/** What the gRPC services read on top of the common variables. */
export const GRPC_SERVICE_EXTRA_ENV = Object.freeze(['GRPC_PORT']);

/** What the gateway reads on top of the common variables (services/gateway/src/config.ts). */
export const GATEWAY_EXTRA_ENV = Object.freeze(['HTTP_PORT', 'HTTP_HOST', ...Object.keys(GATEWAY_UPSTREAMS)]);

/** Each service owns one database: `digicraft_<name>` with dashes as underscores. */
export const databaseOf = (service: string): string => `digicraft_${service.replace(/-/g, '_')}`;

export const DEFAULT_PARTITIONS = 12;
