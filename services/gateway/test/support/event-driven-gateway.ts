import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { eventTypeByName, retryTopicOf, deadLetterTopicOf, type EventTypeName } from '@digicraft/contracts';
import { createLogger } from '@digicraft/logging';
import { createKafka, createOutboxEntry, createPublisher, type EventDefinition } from '@digicraft/messaging';
import { closeRedis, createRedis, type Redis } from '@digicraft/redis';
import { closeStore, connectStore } from '@digicraft/store';
import { freePort, waitFor } from '@digicraft/testkit';
import { startGateway, type RunningGateway } from '../../src/gateway-service';
import { HttpClient } from './http-client';

export interface EventDrivenGateway {
  readonly gateway: RunningGateway;
  readonly http: HttpClient;
  /** A Redis client of the test's own, and the gateway's key prefix there. */
  readonly redis: Redis;
  readonly redisPrefix: string;
  /** Publishes an event to this run's stand-in for the event's topic, where the gateway's consumer reads it. */
  publish<T>(name: EventTypeName, payload: T, subject: string): Promise<void>;
  close(): Promise<void>;
}

const brokers = (): string[] => (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

/**
 * The gateway process in-process, consuming the events that invalidate its public cache from
 * per-run topics (stand-ins for digicraft.registration and digicraft.judging, so no other run's
 * events reach it), in a consumer group, database and Redis prefix of its own. Downstream
 * services are the caller's stubs, named by `env` (REGISTRATION_GRPC_ADDR, JUDGING_GRPC_ADDR).
 * The public cache lives long, so only an event can explain a fresh anonymous answer.
 */
export async function startEventDrivenGateway(tag: string, env: Record<string, string>): Promise<EventDrivenGateway> {
  const runId = `${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
  const topicFor = (definition: EventDefinition<unknown>): string => `${definition.topic}.gw-${tag}-${runId}`;
  const topics = [topicFor(eventTypeByName('competition.published.v1')), topicFor(eventTypeByName('judging.results-published.v1'))];
  const allTopics = topics.flatMap((t) => [t, retryTopicOf(t), deadLetterTopicOf(t)]);
  const admin = new Kafka({ brokers: brokers(), clientId: `gw-${tag}-test-admin`, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: allTopics.map((topic) => ({ topic, numPartitions: 1 })) });

  const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:16379';
  const database = `gw_${tag.replace(/-/g, '_')}_${runId}`;
  const redisPrefix = `test:gw-${tag}:${runId}:`;
  const gateway = await startGateway(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SERVICE_NAME: `gateway-${tag}-${runId}`,
      KAFKA_BROKERS: brokers().join(','),
      MONGO_URL: mongoUrl,
      MONGO_DB: database,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redisPrefix,
      HTTP_PORT: String(await freePort()),
      ADMIN_PORT: String(await freePort()),
      PUBLIC_CACHE_TTL_SECONDS: '300',
      DOWNSTREAM_DEADLINE_MS: '500',
      PASSWORD_HASH_COST: 'fast',
      ...env,
    },
    { exitOnStop: false, topicFor },
  );
  const publisher = createPublisher(createKafka({ brokers: brokers(), clientId: `gw-${tag}-test` }), { source: 'registration' });
  await publisher.connect();
  const logger = createLogger({ service: `gw-${tag}-test`, level: 'warn' });
  const redis = createRedis({ url: redisUrl, name: `gw-${tag}-test`, logger });
  await waitFor('the gateway to be ready', async () => (await fetch(`http://127.0.0.1:${gateway.adminPort}/readyz`)).status === 200, 20_000);

  return {
    gateway,
    http: new HttpClient(`http://127.0.0.1:${gateway.httpPort}`),
    redis,
    redisPrefix,
    publish: async (name, payload, subject) => {
      const definition = eventTypeByName(name) as EventDefinition<unknown>;
      await publisher.publish([createOutboxEntry({ ...definition, topic: topicFor(definition) }, payload, { subject })]);
    },
    close: async () => {
      await publisher.disconnect();
      await gateway.stop('test over');
      const keys = await redis.keys(`${redisPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await closeRedis(redis);
      await admin.deleteTopics({ topics: allTopics }).catch(() => undefined);
      await admin.disconnect();
      const conn = await connectStore({ url: mongoUrl, dbName: database, logger });
      await conn.dropDatabase();
      await closeStore(conn);
    },
  };
}
