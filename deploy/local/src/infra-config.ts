import path from 'node:path';
import { InfraConfigError } from './infra-errors';
import { findRepoRoot } from './repo-root';

export type ServerName = 'kafka' | 'mongo' | 'redis';
export const SERVER_NAMES: readonly ServerName[] = Object.freeze(['kafka', 'mongo', 'redis']);

/** How servers without a URL in the environment are found: Docker first when reachable, or never. */
export type InfraMode = 'auto' | 'local';

export interface InfraConfig {
  /** The one folder for downloads, builds, data, logs and pid files. */
  readonly home: string;
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  readonly mongoPort: number;
  readonly redisPort: number;
  readonly kafkaPartitions: number;
  readonly mode: InfraMode;
}

export const DEFAULT_PORTS = Object.freeze({
  DIGICRAFT_KAFKA_PORT: 19092,
  DIGICRAFT_KAFKA_CONTROLLER_PORT: 19093,
  DIGICRAFT_MONGO_PORT: 27018,
  DIGICRAFT_REDIS_PORT: 16379,
});

function integerFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new InfraConfigError(variable, `"${raw}" is not a whole number`);
  const value = Number(raw.trim());
  if (value < min || value > max) {
    throw new InfraConfigError(variable, `${value} is outside ${min}..${max}`);
  }
  return value;
}

function modeFrom(env: NodeJS.ProcessEnv): InfraMode {
  const raw = (env.DIGICRAFT_INFRA ?? 'auto').trim();
  if (raw === 'auto' || raw === 'local') return raw;
  throw new InfraConfigError('DIGICRAFT_INFRA', `"${raw}" must be "auto" or "local"`);
}

/** Reads and validates the launcher settings once; a bad value names its variable. */
export function resolveInfraConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  const homeRaw = env.DIGICRAFT_HOME?.trim();
  const home = homeRaw ? path.resolve(homeRaw) : path.join(findRepoRoot(), '.digicraft');
  const port = (variable: keyof typeof DEFAULT_PORTS): number =>
    integerFrom(env, variable, DEFAULT_PORTS[variable], 1024, 65535);
  const config: InfraConfig = {
    home,
    kafkaPort: port('DIGICRAFT_KAFKA_PORT'),
    kafkaControllerPort: port('DIGICRAFT_KAFKA_CONTROLLER_PORT'),
    mongoPort: port('DIGICRAFT_MONGO_PORT'),
    redisPort: port('DIGICRAFT_REDIS_PORT'),
    kafkaPartitions: integerFrom(env, 'DIGICRAFT_KAFKA_PARTITIONS', 12, 1, 1000),
    mode: modeFrom(env),
  };
  assertDistinctPorts(config);
  return Object.freeze(config);
}

function assertDistinctPorts(config: InfraConfig): void {
  const ports: [string, number][] = [
    ['DIGICRAFT_KAFKA_PORT', config.kafkaPort],
    ['DIGICRAFT_KAFKA_CONTROLLER_PORT', config.kafkaControllerPort],
    ['DIGICRAFT_MONGO_PORT', config.mongoPort],
    ['DIGICRAFT_REDIS_PORT', config.redisPort],
  ];
  for (let i = 0; i < ports.length; i += 1) {
    for (let j = i + 1; j < ports.length; j += 1) {
      if (ports[i][1] === ports[j][1]) {
        throw new InfraConfigError(ports[j][0], `port ${ports[j][1]} is already used by ${ports[i][0]}`);
      }
    }
  }
}

/** Folders inside the cache; one place so the launcher, status and stop agree. */
export const layout = {
  kafkaDist: (home: string): string => path.join(home, 'kafka-3.9.1'),
  kafkaNode: (home: string): string => path.join(home, 'kafka'),
  ferretdbBin: (home: string): string => path.join(home, 'ferretdb-1.24.2'),
  ferretdbNode: (home: string): string => path.join(home, 'ferretdb'),
  redisNode: (home: string): string => path.join(home, 'redis'),
};
