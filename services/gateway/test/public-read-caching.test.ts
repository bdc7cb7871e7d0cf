import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { eventTypeByName, judgingEventsV1, judgingV1, registrationEventsV1 } from '@digicraft/contracts';
import { NotFoundError } from '@digicraft/errors';
import { createLogger } from '@digicraft/logging';
import { createKafka, createOutboxEntry, createPublisher, type EventDefinition, type Publisher } from '@digicraft/messaging';
import { closeRedis, createRedis } from '@digicraft/redis';
import { closeStore, connectStore } from '@digicraft/store';
import { freePort } from '@digicraft/testkit';
import { startGateway, type RunningGateway } from '../src/gateway-service';
import { HttpClient, type HttpResponse } from './support/http-client';
import { bearer, get, json, signup } from './support/api';
import { startJudgingStub, type JudgingStub } from './support/judging-stub';
import { publishedCompetition, startRegistrationStub, type RegistrationStub } from './support/registration-stub';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const runId = `${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27018';
const gatewayDb = `gw_reads_${runId}`;
// Per-run topics standing in for digicraft.registration and digicraft.judging.
const topicFor = (definition: EventDefinition<unknown>): string => `${definition.topic}.gw-reads-${runId}`;
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

const titleOf = (res: HttpResponse): string | undefined => json<{ spec?: { title?: string } }>(res).spec?.title;
const rawTotalOf = (res: HttpResponse): number | undefined => json<{ standings: { rawTotal: number }[] }>(res).standings[0]?.rawTotal;

describe('gateway: anonymous GET of one competition and of track results shared through the public read cache', () => {
  const admin = new Kafka({ brokers, clientId: 'gw-reads-test-admin', logLevel: logLevel.NOTHING }).admin();
  /** What the stubbed services answer now; a test changes it to see whether a read went downstream. */
  const state = { title: 'Autumn Cup', draftPublished: false, scoreHundredths: 8150 };
  const calls = { getCompetition: 0, getResults: 0 };
  let registration: RegistrationStub;
  let judging: JudgingStub;
  let gateway: RunningGateway;
  let http: HttpClient;
  let publisher: Publisher;
  let contestant: Record<string, string>;

  const publish = async <T>(name: 'competition.published.v1' | 'judging.results-revised.v1', payload: T, subject: string): Promise<void> => {
    const definition = eventTypeByName(name) as EventDefinition<unknown>;
    await publisher.publish([createOutboxEntry({ ...definition, topic: topicFor(definition) }, payload, { subject })]);
  };

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: allTopics.map((topic) => ({ topic, numPartitions: 1 })) });
    registration = await startRegistrationStub({
      getCompetition: async (req) => {
        calls.getCompetition += 1;
        // A draft is invisible to anonymous readers until it is published.
        if (req.competitionId === 'comp-draft' && !state.draftPublished) throw new NotFoundError('competition', req.competitionId);
        return { competition: publishedCompetition(req.competitionId, state.title) };
      },
    });
    judging = await startJudgingStub({
      getResults: async (req) => {
        calls.getResults += 1;
        const standing = { entryId: 'e-1', entryCode: 'A-001', rank: 1, scoreHundredths: state.scoreHundredths, standardizedHundredths: 70_000, medal: judgingEventsV1.Medal.MEDAL_GOLD };
        return { results: judgingV1.Results.fromPartial({ competitionId: req.competitionId, trackId: req.trackId, revision: 1, standings: [standing], formula: 'raw' }) };
      },
    });
    gateway = await startGateway(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        // A name of its own so no other run's gateway joins this consumer group.
        SERVICE_NAME: `gateway-reads-${runId}`,
        KAFKA_BROKERS: brokers.join(','),
        MONGO_URL: mongoUrl,
        MONGO_DB: gatewayDb,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379',
        REDIS_KEY_PREFIX: `test:gw-reads:${runId}:`,
        HTTP_PORT: String(await freePort()),
        ADMIN_PORT: String(await freePort()),
        REGISTRATION_GRPC_ADDR: registration.address,
        JUDGING_GRPC_ADDR: judging.address,
        // Long enough that only an invalidation can explain a fresh anonymous answer.
        PUBLIC_CACHE_TTL_SECONDS: '300',
        DOWNSTREAM_DEADLINE_MS: '500',
        PASSWORD_HASH_COST: 'fast',
      },
      { exitOnStop: false, topicFor },
    );
    http = new HttpClient(`http://127.0.0.1:${gateway.httpPort}`);
    publisher = createPublisher(createKafka({ brokers, clientId: 'gw-reads-test' }), { source: 'registration' });
    await publisher.connect();
    await waitFor('the gateway to be ready', async () => (await fetch(`http://127.0.0.1:${gateway.adminPort}/readyz`)).status === 200);
    contestant = bearer((await signup(http, 'contestant')).session.accessToken);
  }, 60_000);

  afterAll(async () => {
    await publisher?.disconnect();
    await gateway?.stop('test over');
    await registration?.stop();
    await judging?.stop();
    await admin.deleteTopics({ topics: allTopics }).catch(() => undefined);
    await admin.disconnect();
    const logger = createLogger({ service: 'gw-reads-test', level: 'warn' });
    const conn = await connectStore({ url: mongoUrl, dbName: gatewayDb, logger });
    await conn.dropDatabase();
    await closeStore(conn);
    const redis = createRedis({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:16379', name: 'gw-reads-test', logger });
    const keys = await redis.keys(`test:gw-reads:${runId}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await closeRedis(redis);
  });

  it('GET /v1/competitions/{id}: anonymous readers share the cached answer, signed-in readers never get it, competition.published refreshes it', async () => {
    const first = await get(http, '/v1/competitions/comp-1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    const second = await get(http, '/v1/competitions/comp-1');
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(calls.getCompetition).toBe(1);

    state.title = 'Autumn Cup (new venue)';
    const signedIn = await get(http, '/v1/competitions/comp-1', contestant);
    expect(signedIn.headers['x-cache']).toBe('miss');
    expect(titleOf(signedIn)).toBe('Autumn Cup (new venue)');
    expect(calls.getCompetition).toBe(2);
    // Neither served from nor written to the shared entry: anonymous readers still see the cached one.
    const anonymous = await get(http, '/v1/competitions/comp-1');
    expect(anonymous.headers['x-cache']).toBe('hit');
    expect(titleOf(anonymous)).toBe('Autumn Cup');

    await publish('competition.published.v1', registrationEventsV1.CompetitionPublished.fromPartial({ competitionId: 'comp-1', title: state.title, version: 2 }), 'comp-1');
    await waitFor('an anonymous GET with the new title', async () => {
      const res = await get(http, '/v1/competitions/comp-1');
      return res.headers['x-cache'] === 'miss' && titleOf(res) === 'Autumn Cup (new venue)';
    });
  }, 30_000);

  it('does not cache an error: a draft that 404s for anonymous readers shows once published', async () => {
    const hidden = await get(http, '/v1/competitions/comp-draft');
    expect(hidden.statusCode).toBe(404);
    state.draftPublished = true;
    const shown = await get(http, '/v1/competitions/comp-draft');
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['x-cache']).toBe('miss');
  });

  it('GET …/tracks/{trackId}/results: anonymous readers share the cached answer, signed-in readers never get it, judging.results-revised refreshes it', async () => {
    const url = '/v1/competitions/comp-1/tracks/track-a/results';
    const first = await get(http, url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    expect(rawTotalOf(first)).toBe(81.5);
    const second = await get(http, url);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(calls.getResults).toBe(1);

    state.scoreHundredths = 8300;
    const signedIn = await get(http, url, contestant);
    expect(signedIn.headers['x-cache']).toBe('miss');
    expect(rawTotalOf(signedIn)).toBe(83);
    expect(rawTotalOf(await get(http, url))).toBe(81.5);

    const revised = judgingEventsV1.JudgingResultsRevised.fromPartial({ competitionId: 'comp-1', trackId: 'track-a', revision: 2, previousRevision: 1, reason: 'marks corrected' });
    await publish('judging.results-revised.v1', revised, 'comp-1:track-a');
    await waitFor('an anonymous GET with the revised results', async () => {
      const res = await get(http, url);
      return res.headers['x-cache'] === 'miss' && rawTotalOf(res) === 83;
    });
    // Each track has its own entry: another track never gets this one's results.
    const other = await get(http, '/v1/competitions/comp-1/tracks/track-b/results');
    expect(other.headers['x-cache']).toBe('miss');
    expect(json<{ trackId: string }>(other).trackId).toBe('track-b');
  }, 30_000);
});
