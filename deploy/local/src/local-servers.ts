import { layout, type InfraConfig, type ServerName } from './infra-config';
import { ferretdbServerSpec } from './ferretdb-node';
import { kafkaServerSpec } from './kafka-node';
import type { LocalServerSpec } from './local-server';
import { redisServerSpec } from './redis-node';

export interface SpecOptions {
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** The launcher's three servers for one configuration (ports and cache folder). */
export function localServerSpecs(config: InfraConfig, options: SpecOptions = {}): Record<ServerName, LocalServerSpec> {
  const common = { readyTimeoutMs: options.readyTimeoutMs, log: options.log };
  return {
    kafka: kafkaServerSpec({
      ...common,
      home: layout.kafkaNode(config.home),
      cacheHome: config.home,
      port: config.kafkaPort,
      controllerPort: config.kafkaControllerPort,
      partitions: config.kafkaPartitions,
    }),
    mongo: ferretdbServerSpec({ ...common, home: config.home, port: config.mongoPort }),
    redis: redisServerSpec({ ...common, home: config.home, port: config.redisPort }),
  };
}
