/**
 * Checks the platform's own entries: each is built from its own Dockerfile, gets the
 * environment its config schema requires with values that point at the compose infrastructure,
 * starts only after healthy infrastructure and finished provisioning, and the gateway's
 * upstream addresses reach the services' gRPC ports.
 */
import { type ComposeEntry, buildOf, dependsOnOf, environmentOf } from './compose-model';
import { advertisedKafkaAddresses, replicaSetOf } from './check-infra';
import {
  GATEWAY,
  GATEWAY_EXTRA_ENV,
  GATEWAY_UPSTREAMS,
  GRPC_SERVICE_EXTRA_ENV,
  INFRA,
  REQUIRED_SERVICE_ENV,
  SERVICE_PORTS,
  databaseOf,
} from './platform-layout';

export interface ServiceSource {
  /** Directory name under services/. */
  readonly name: string;
  /** The `name` in services/<name>/package.json. */
  readonly packageName: string;
  /** Text of services/<name>/Dockerfile; undefined when there is none. */
  readonly dockerfile: string | undefined;
}

function buildProblems(name: string, entry: ComposeEntry, fileExists: (path: string) => boolean): string[] {
  const build = buildOf(entry);
  if (!build) return [`${name}: has no build section (services are built from their own Dockerfile)`];
  const expected = `services/${name}/Dockerfile`;
  const dockerfile = [build.context, build.dockerfile].join('/').replace(/^\.\//, '').replace(/\/\.\//g, '/');
  if (dockerfile !== expected) return [`${name}: builds from ${dockerfile}, expected ${expected} with the repository root as context`];
  return fileExists(expected) ? [] : [`${name}: ${expected} does not exist`];
}

function dependencyProblems(name: string, entry: ComposeEntry): string[] {
  const deps = dependsOnOf(entry);
  const problems: string[] = [];
  for (const infra of [INFRA.mongo, INFRA.kafka, INFRA.redis]) {
    if (deps[infra] !== 'service_healthy') problems.push(`${name}: must depend on ${infra} with condition service_healthy`);
  }
  if (deps[INFRA.provision] !== 'service_completed_successfully') {
    problems.push(`${name}: must depend on ${INFRA.provision} with condition service_completed_successfully`);
  }
  return problems;
}

function environmentProblems(name: string, entry: ComposeEntry, infra: Record<string, ComposeEntry>): string[] {
  const env = environmentOf(entry);
  const required = [...REQUIRED_SERVICE_ENV, ...(name === GATEWAY ? GATEWAY_EXTRA_ENV : GRPC_SERVICE_EXTRA_ENV)];
  const problems = required.filter((key) => !env[key]).map((key) => `${name}: environment lacks ${key}`);
  if (env.SERVICE_NAME && env.SERVICE_NAME !== name) problems.push(`${name}: SERVICE_NAME is ${env.SERVICE_NAME}`);
  for (const key of ['BIND_HOST', 'HTTP_HOST']) {
    if (env[key] && env[key] !== '0.0.0.0') problems.push(`${name}: ${key} is ${env[key]}; other containers and published ports need 0.0.0.0`);
  }

  const ports = SERVICE_PORTS[name];
  if (ports) {
    const expected: Record<string, number | undefined> = { GRPC_PORT: ports.grpc, ADMIN_PORT: ports.admin, HTTP_PORT: ports.http };
    for (const [key, port] of Object.entries(expected)) {
      if (port !== undefined && env[key] && env[key] !== String(port)) problems.push(`${name}: ${key} is ${env[key]}, expected ${port}`);
    }
  }

  const brokers = (env.KAFKA_BROKERS ?? '').split(',').filter((b) => b !== '');
  const advertised = advertisedKafkaAddresses(infra[INFRA.kafka]);
  if (brokers.some((broker) => !advertised.includes(broker))) {
    problems.push(`${name}: KAFKA_BROKERS "${env.KAFKA_BROKERS}" is not a listener that ${INFRA.kafka} advertises`);
  }
  if (env.MONGO_URL) {
    const mongo = /^mongodb:\/\/([^/?]+)\/([^?]*)(?:\?(.*))?$/.exec(env.MONGO_URL);
    const query = new URLSearchParams(mongo?.[3] ?? '');
    if (!mongo || mongo[1] !== `${INFRA.mongo}:27017`) problems.push(`${name}: MONGO_URL must point at ${INFRA.mongo}:27017`);
    if (mongo?.[2] !== databaseOf(name)) problems.push(`${name}: MONGO_URL must name the database ${databaseOf(name)}`);
    const replicaSet = replicaSetOf(infra[INFRA.mongo]);
    if (query.get('replicaSet') !== replicaSet) problems.push(`${name}: MONGO_URL must set replicaSet=${replicaSet ?? '?'}`);
  }
  if (env.REDIS_URL && !env.REDIS_URL.startsWith(`redis://${INFRA.redis}:6379`)) {
    problems.push(`${name}: REDIS_URL must point at redis://${INFRA.redis}:6379`);
  }
  return problems;
}

function gatewayUpstreamProblems(gateway: ComposeEntry, entries: Record<string, ComposeEntry>): string[] {
  const env = environmentOf(gateway);
  const problems: string[] = [];
  for (const [key, service] of Object.entries(GATEWAY_UPSTREAMS)) {
    const upstreamPort = environmentOf(entries[service] ?? {}).GRPC_PORT;
    const expected = `${service}:${upstreamPort ?? '?'}`;
    if (env[key] && env[key] !== expected) problems.push(`${GATEWAY}: ${key} is ${env[key]}, expected ${expected}`);
  }
  return problems;
}

export const isWebWithoutImage = (source: ServiceSource): boolean => source.name === 'web' && source.dockerfile === undefined;

/** Problems with the entries of the services found under services/. */
export function serviceProblems(
  sources: readonly ServiceSource[],
  entries: Record<string, ComposeEntry>,
  fileExists: (path: string) => boolean,
): string[] {
  const problems: string[] = [];
  for (const source of sources) {
    // The browser app is served by the gateway: no container of its own until it has a Dockerfile.
    if (isWebWithoutImage(source)) continue;
    const entry = entries[source.name];
    if (!entry) {
      problems.push(`${source.name}: services/${source.name} has no compose entry`);
      continue;
    }
    problems.push(
      ...buildProblems(source.name, entry, fileExists),
      ...dependencyProblems(source.name, entry),
      ...environmentProblems(source.name, entry, entries),
    );
    if (source.name === GATEWAY) problems.push(...gatewayUpstreamProblems(entry, entries));
  }
  return problems;
}
