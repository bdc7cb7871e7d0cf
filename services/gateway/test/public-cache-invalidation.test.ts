import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { eventTypeByName, judgingEventsV1, registrationEventsV1 } from '@digicraft/contracts';
import { createKafka, createOutboxEntry, createPublisher, type EventDefinition, type Publisher } from '@digicraft/messaging';
import { createLogger } from '@digicraft/logging';
import { closeRedis, createRedis, type Redis } from '@digicraft/redis';
import { freePort } from '@digicraft/testkit';
import { startGateway, type RunningGateway } from '../src/gateway-service';
import { PublicReadCache, publicCacheNames } from '../src/redis/public-read-cache';
import { HttpClient } from './support/http-client';
import { get, json } from './support/api';
import { publishedCompetition, startRegistrationStub, type RegistrationStub } from './support/registration-stub';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const runId = `${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
// Per-run topics standing in for digicraft.registration and digicraft.judging.
const topicFor = (definition: EventDefinition<unknown>): string => `${definition.topic}.gw-cache-${runId}`;
const topics = [topicFor(eventTypeByName('competition.published.v1')), topicFor(eventTypeByName('judging.results-published.v1'))];
const allTopics = topics.flatMap((t) => [t, `${t}.retry`, `${t}.dlq`]);

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('gateway: public reads cached in Redis, invalidated by the events that change them', () => {
  const admin = new Kafka({ brokers, clientId: 'gw-cache-test-admin', logLevel: logLevel.NOTHING }).admin();
  let title = 'Spring Cup';
  let stub: RegistrationStub;
  let gateway: RunningGateway;
  let http: HttpClient;
  let publisher: Publisher;
  let redis: Redis;

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: allTopics.map((topic) => ({ topic, numPartitions: 1 })) });
    stub = await startRegistrationStub({
      listCompetitions: async () => ({ competitions: [publishedCompetition('comp-1', title)], page: { nextCursor: '' } }),
    });
    gateway = await startGateway(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        // A name of its own so no other run's gateway joins this consumer group.
        SERVICE_NAME: `gateway-cache-${runId}`,
        KAFKA_BROKERS: brokers.join(','),
        MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018',
        MONGO_DB: `gw_cache_${runId}`,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379',
        REDIS_KEY_PREFIX: `test:gw-cache:${runId}:`,
        HTTP_PORT: String(await freePort()),
        ADMIN_PORT: String(await freePort()),
        REGISTRATION_GRPC_ADDR: stub.address,
        // Long enough that only an invalidation can explain a fresh answer.
        PUBLIC_CACHE_TTL_SECONDS: '300',
        DOWNSTREAM_DEADLINE_MS: '500',
        PASSWORD_HASH_COST: 'fast',
      },
      { exitOnStop: false, topicFor },
    );
    http = new HttpClient(`http://127.0.0.1:${gateway.httpPort}`);
    publisher = createPublisher(createKafka({ brokers, clientId: 'gw-cache-test' }), { source: 'registration' });
    await publisher.connect();
    redis = createRedis({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379', name: 'gw-cache-test', logger: createLogger({ service: 'gw-cache-test', level: 'warn' }) });
    await waitFor('the gateway to be ready', async () => (await fetch(`http://127.0.0.1:${gateway.adminPort}/readyz`)).status === 200);
  }, 60_000);

  afterAll(async () => {
    await publisher?.disconnect();
    await gateway?.stop('test over');
    await stub?.stop();
    const keys = await redis.keys(`test:gw-cache:${runId}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await closeRedis(redis);
    await admin.deleteTopics({ topics: allTopics }).catch(() => undefined);
    await admin.disconnect();
  });

  it('serves the second anonymous GET from the cache, and after competition.published the next GET is fresh', async () => {
    const first = await get(http, '/v1/competitions');
    expect(first.headers['x-cache']).toBe('miss');
    const second = await get(http, '/v1/competitions');
    expect(second.headers['x-cache']).toBe('hit');
    expect(json<{ items: { title: string }[] }>(second).items[0]?.title).toBe('Spring Cup');

    title = 'Spring Cup (new dates)';
    const payload = registrationEventsV1.CompetitionPublished.fromPartial({ competitionId: 'comp-1', title, version: 2 });
    const definition = eventTypeByName('competition.published.v1');
    await publisher.publish([createOutboxEntry({ ...definition, topic: topicFor(definition) }, payload, { subject: 'comp-1' })]);

    await waitFor('a GET not served from the stale cache', async () => {
      const res = await get(http, '/v1/competitions');
      return res.headers['x-cache'] === 'miss' && json<{ items: { title: string }[] }>(res).items[0]?.title === title;
    });
  }, 30_000);

  it('drops the cached results of a track when judging.results-published arrives', async () => {
    const cache = new PublicReadCache(redis, `test:gw-cache:${runId}:`, 300);
    const name = publicCacheNames.trackResults('comp-1', 'track-a');
    await cache.set(name, '{"standings":[]}');
    expect(await cache.get(name)).toBe('{"standings":[]}');

    const definition = eventTypeByName('judging.results-published.v1');
    const payload = judgingEventsV1.JudgingResultsPublished.fromPartial({ competitionId: 'comp-1', trackId: 'track-a', revision: 1 });
    await publisher.publish([createOutboxEntry({ ...definition, topic: topicFor(definition) }, payload, { subject: 'comp-1:track-a' })]);

    await waitFor('the results entry to be gone', async () => (await cache.get(name)) === undefined);
    // The fence keeps a read that went downstream before the event from putting the old body back.
    await cache.set(name, '{"standings":["stale"]}');
    expect(await cache.get(name)).toBeUndefined();
  }, 30_000);
});
