import path from 'node:path';
import { DockerServers } from './docker-servers';
import { rememberTeardown } from './infra-session';
import { useWorkspaceSources } from './workspace-sources';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const report = (line: string): void => {
  process.stderr.write(`[infra] ${line}\n`);
};

/**
 * Once per jest run: finds or starts Kafka, the MongoDB-protocol server and Redis (environment
 * URL, then Docker, then the local launcher) and exports their URLs, which the test workers
 * inherit. Servers already running are reused; teardown stops only what this run started.
 */
export default async function globalSetup(): Promise<void> {
  const restoreResolution = useWorkspaceSources(REPO_ROOT);
  try {
    const infra = await import('@digicraft/local-infra');
    const docker = new DockerServers(infra.resolveInfraConfig().kafkaPartitions);
    const result = await infra.ensureInfrastructure({ dockerStarter: docker.start, log: report });
    process.env.KAFKA_BROKERS = result.kafkaBrokers;
    process.env.MONGO_URL = result.mongoUrl;
    process.env.REDIS_URL = result.redisUrl;
    process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
    rememberTeardown(async () => {
      await docker.stop();
      const local = result.started.filter((name) => !docker.started.some((inDocker) => inDocker === name));
      if (local.length > 0) await infra.stopInfrastructure(local);
    });
  } finally {
    restoreResolution();
  }
}
