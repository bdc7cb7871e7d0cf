import type { DockerStarter, ServerName } from '@digicraft/local-infra';
import type { StartedTestContainer } from 'testcontainers';
// Kafka must advertise the very port the host maps, so ports are picked here, not by Docker.
import { freePort } from './service-process';

const hostOf = (container: StartedTestContainer): string => {
  const host = container.getHost();
  return host === 'localhost' ? '127.0.0.1' : host;
};

/**
 * The Docker branch of the test infrastructure: containers started with testcontainers, which
 * is loaded only here so that machines without Docker never pay for it.
 */
export class DockerServers {
  private readonly containers: StartedTestContainer[] = [];
  /** Servers running in containers (so teardown does not look for them among local pid files). */
  readonly started: ServerName[] = [];

  constructor(private readonly partitions: number) {}

  readonly start: DockerStarter = async (servers) => {
    const urls: Partial<Record<ServerName, string>> = {};
    await Promise.all(
      servers.map(async (name) => {
        urls[name] = await this.startOne(name);
        this.started.push(name);
      }),
    );
    return { kafka: urls.kafka ?? '', mongo: urls.mongo ?? '', redis: urls.redis ?? '' };
  };

  async stop(): Promise<void> {
    await Promise.all(this.containers.splice(0).map((container) => container.stop()));
  }

  private async startOne(name: ServerName): Promise<string> {
    const { GenericContainer, Wait } = await import('testcontainers');
    if (name === 'redis') {
      const redis = await new GenericContainer('redis:7')
        .withExposedPorts(6379)
        .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
        .start();
      this.containers.push(redis);
      return `redis://${hostOf(redis)}:${redis.getMappedPort(6379)}`;
    }
    if (name === 'mongo') {
      const mongo = await new GenericContainer('mongo:7')
        .withExposedPorts(27017)
        .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
        .start();
      this.containers.push(mongo);
      return `mongodb://${hostOf(mongo)}:${mongo.getMappedPort(27017)}`;
    }
    const port = await freePort();
    const kafka = await new GenericContainer('apache/kafka:3.9.1')
      .withExposedPorts({ container: port, host: port })
      .withEnvironment({
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://0.0.0.0:9093`,
        KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
        KAFKA_NUM_PARTITIONS: String(this.partitions),
      })
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
      .start();
    this.containers.push(kafka);
    return `127.0.0.1:${port}`;
  }
}
