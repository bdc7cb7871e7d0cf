import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { eventTypeByName, registrationEventsV1, registrationV1 } from '@digicraft/contracts';
import { createKafka, createOutboxEntry, createPublisher, type EventDefinition, type Publisher } from '@digicraft/messaging';
import { createLogger } from '@digicraft/logging';
import { closeRedis, createRedis, type Redis } from '@digicraft/redis';
import { freePort } from '@digicraft/testkit';
import { startGateway, type RunningGateway } from '../src/gateway-service';
import { HttpClient } from './support/http-client';
import { get, json } from './support/api';
import { publishedCompetition, startRegistrationStub, type RegistrationStub } from './support/registration-stub';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const runId = `${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
// Per-run topics standing in for digicraft.registration and digicraft.judging (the consumer reads both).
const topicFor = (definition: EventDefinition<unknown>): string => `${definition.topic}.gw-archive-${runId}`;
const topics = [topicFor(eventTypeByName('competition.archived.v1')), topicFor(eventTypeByName('judging.results-published.v1'))];
const allTopics = topics.flatMap((t) => [t, `${t}.retry`, `${t}.dlq`]);
const ID = 'cmp-archived-1';

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('gateway: an anonymous cached competition shows its archive once competition.archived arrives', () => {
  const admin = new Kafka({ brokers, clientId: 'gw-archive-test-admin', logLevel: logLevel.NOTHING }).admin();
  // What the registration service answers: flipped to archived the moment the test "archives" it.
  let stored = publishedCompetition(ID, 'Autumn Cup');
  let stub: RegistrationStub;
  let gateway: RunningGateway;
  let http: HttpClient;
  let publisher: Publisher;
  let redis: Redis;

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: allTopics.map((topic) => ({ topic, numPartitions: 1 })) });
    stub = await startRegistrationStub({
      getCompetition: async () => ({ competition: stored }),
      // The default browse lists published competitions only, as the service does.
      listCompetitions: async () => ({ competitions: stored.status === registrationV1.CompetitionStatus.COMPETITION_STATUS_PUBLISHED ? [stored] : [], page: { nextCursor: '' } }),
    });
    gateway = await startGateway(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SERVICE_NAME: `gateway-archive-${runId}`,
        KAFKA_BROKERS: brokers.join(','),
        MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018',
        MONGO_DB: `gw_archive_${runId}`,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379',
        REDIS_KEY_PREFIX: `test:gw-archive:${runId}:`,
        HTTP_PORT: String(await freePort()),
        ADMIN_PORT: String(await freePort()),
        REGISTRATION_GRPC_ADDR: stub.address,
        // Long enough that only the event can explain a fresh answer.
        PUBLIC_CACHE_TTL_SECONDS: '300',
        DOWNSTREAM_DEADLINE_MS: '500',
        PASSWORD_HASH_COST: 'fast',
      },
      { exitOnStop: false, topicFor },
    );
    http = new HttpClient(`http://127.0.0.1:${gateway.httpPort}`);
    publisher = createPublisher(createKafka({ brokers, clientId: 'gw-archive-test' }), { source: 'registration' });
    await publisher.connect();
    redis = createRedis({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379', name: 'gw-archive-test', logger: createLogger({ service: 'gw-archive-test', level: 'warn' }) });
    await waitFor('the gateway to be ready', async () => (await fetch(`http://127.0.0.1:${gateway.adminPort}/readyz`)).status === 200);
  }, 60_000);

  afterAll(async () => {
    await publisher?.disconnect();
    await gateway?.stop('test over');
    await stub?.stop();
    const keys = await redis.keys(`test:gw-archive:${runId}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await closeRedis(redis);
    await admin.deleteTopics({ topics: allTopics }).catch(() => undefined);
    await admin.disconnect();
  });

  it('drops the cached competition and listing, so anonymous readers see it archived and gone from the browse', async () => {
    const one = `/v1/competitions/${ID}`;
    expect((await get(http, one)).headers['x-cache']).toBe('miss');
    const cached = await get(http, one);
    expect(cached.headers['x-cache']).toBe('hit');
    expect(json<{ status: string }>(cached).status).toBe('COMPETITION_STATUS_PUBLISHED');
    await get(http, '/v1/competitions');
    expect(json<{ items: { id: string }[] }>(await get(http, '/v1/competitions')).items.map((c) => c.id)).toEqual([ID]);

    const archivedAt = new Date();
    stored = registrationV1.Competition.fromPartial({ ...stored, status: registrationV1.CompetitionStatus.COMPETITION_STATUS_ARCHIVED, archivedAt, version: 2 });
    // Without the event the cache still answers with the published copy.
    expect(json<{ status: string }>(await get(http, one)).status).toBe('COMPETITION_STATUS_PUBLISHED');

    const definition = eventTypeByName('competition.archived.v1');
    const payload = registrationEventsV1.CompetitionArchived.fromPartial({ competitionId: ID, organizerAccountId: 'org-1', archivedAt, version: 2 });
    await publisher.publish([createOutboxEntry({ ...definition, topic: topicFor(definition) }, payload, { subject: ID })]);

    await waitFor('an anonymous GET showing the archive', async () => {
      const res = await get(http, one);
      return res.headers['x-cache'] === 'miss' && json<{ status: string }>(res).status === 'COMPETITION_STATUS_ARCHIVED';
    });
    expect(json<{ archivedAt: string }>(await get(http, one)).archivedAt).toBe(archivedAt.toISOString());
    expect(json<{ items: unknown[] }>(await get(http, '/v1/competitions')).items).toEqual([]);
  }, 30_000);
});
