import { COMPOSE_COMMAND, isDockerReachable } from './docker-detect';
import { DockerComposeRequiredError } from './infra-errors';
import { resolveInfraConfig, SERVER_NAMES, type ServerName } from './infra-config';
import { ensureLocalServer, stopLocalServer, type LocalServerState } from './local-server';
import { localServerSpecs } from './local-servers';
import { provisionTopics } from './provisioning';

export interface InfrastructureUrls {
  readonly kafkaBrokers: string;
  readonly mongoUrl: string;
  readonly redisUrl: string;
}

export interface EnsureInfrastructureResult extends InfrastructureUrls {
  /** The servers this call started (and a matching stop may stop); reused ones are not listed. */
  readonly started: string[];
}

/** Starts containers for the named servers and returns their URLs (the test kit's testcontainers). */
export type DockerStarter = (servers: readonly ServerName[]) => Promise<Record<ServerName, string>>;

export interface EnsureInfrastructureOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** Used when a Docker engine is reachable; without it a reachable engine means "use compose". */
  readonly dockerStarter?: DockerStarter;
  /** Create the platform topics (default true). */
  readonly provision?: boolean;
  readonly readyTimeoutMs?: number;
}

const ENV_VARIABLE: Record<ServerName, string> = { kafka: 'KAFKA_BROKERS', mongo: 'MONGO_URL', redis: 'REDIS_URL' };

/**
 * Finds or starts Kafka, a MongoDB-protocol server and Redis, in this order per server: a URL in
 * the environment, a reachable Docker engine, the local launcher. Then provisions the topics.
 */
export async function ensureInfrastructure(options: EnsureInfrastructureOptions = {}): Promise<EnsureInfrastructureResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((): void => undefined);
  const config = resolveInfraConfig(env);
  const urls: Partial<Record<ServerName, string>> = {};
  for (const name of SERVER_NAMES) {
    const given = env[ENV_VARIABLE[name]]?.trim();
    if (given) {
      urls[name] = given;
      log(`${name}: ${given} (from ${ENV_VARIABLE[name]})`);
    }
  }
  const started: string[] = [];
  let missing = SERVER_NAMES.filter((name) => urls[name] === undefined);
  if (missing.length > 0 && config.mode === 'auto' && (await isDockerReachable(env))) {
    if (!options.dockerStarter) throw new DockerComposeRequiredError(COMPOSE_COMMAND);
    const fromDocker = await options.dockerStarter(missing);
    for (const name of missing) {
      urls[name] = fromDocker[name];
      started.push(name);
      log(`${name}: ${fromDocker[name]} (Docker container)`);
    }
    missing = [];
  }
  if (missing.length > 0) {
    for (const name of await startLocally(missing, options, config, urls, log)) started.push(name);
  }
  const result = { kafkaBrokers: urls.kafka ?? '', mongoUrl: urls.mongo ?? '', redisUrl: urls.redis ?? '', started };
  if (options.provision !== false) {
    const topics = await provisionTopics({ brokers: result.kafkaBrokers, partitions: config.kafkaPartitions });
    log(`topics: ${topics.created.length} created, ${topics.existing.length} already present`);
  }
  return result;
}

/** Starts the missing servers in parallel; if one fails, stops the others this call started. */
async function startLocally(
  missing: readonly ServerName[],
  options: EnsureInfrastructureOptions,
  config: ReturnType<typeof resolveInfraConfig>,
  urls: Partial<Record<ServerName, string>>,
  log: (line: string) => void,
): Promise<ServerName[]> {
  const specs = localServerSpecs(config, { readyTimeoutMs: options.readyTimeoutMs, log });
  const outcomes = await Promise.allSettled(missing.map((name) => ensureLocalServer(specs[name])));
  const started = missing.filter((_name, i) => {
    const outcome = outcomes[i];
    return outcome.status === 'fulfilled' && outcome.value.started;
  });
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length > 0) {
    await Promise.all(started.map((name) => stopLocalServer(specs[name])));
    throw failures[0];
  }
  missing.forEach((name, i) => {
    const state = (outcomes[i] as PromiseFulfilledResult<LocalServerState>).value;
    urls[name] = specs[name].address;
    const how = state.started
      ? `started, pid ${state.pid}, log ${specs[name].logFile}`
      : state.pid !== undefined
        ? `already running, pid ${state.pid}, log ${specs[name].logFile}`
        : 'already running, not started by this launcher';
    log(`${name}: ${specs[name].address} (${how})`);
  });
  return started;
}
